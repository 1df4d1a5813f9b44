import test from 'ava';
import { isLedgerError } from '../../error.js';
import { runProjection } from '../../projections/Projection.js';
import { bilaga1Tables } from './bilaga1Tables.js';
import { goalFulfilment } from './goalFulfilment.js';

/**
 * The period of a participant projection is the caller's option: one that ends before it
 * starts is their mistake, refused with DATES_OUT_OF_ORDER naming `periodTill` (the code the
 * rules give a goal period out of order), never ASSERTION_FAILED, the code of the library's
 * own bugs.
 */

const reversed = { insatsId: 'mia-roslagen', periodFrån: '2020-05-31', periodTill: '2017-04-01' };

const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (thrown) {
    if (isLedgerError(thrown))
      return {
        code: thrown.code,
        issues: thrown.issues.map(({ path, rule }) => ({ path, rule })),
      };
    throw thrown;
  }
  return undefined;
};

const expected = {
  code: 'DATES_OUT_OF_ORDER',
  issues: [{ path: 'periodTill', rule: 'period-in-order' }],
};

test('bilaga1Tables over a period that ends before it starts is refused naming periodTill', async (t) => {
  t.deepEqual(await refusal(() => runProjection([], bilaga1Tables(reversed))), expected);
});

test('goalFulfilment over a period that ends before it starts is refused naming periodTill', async (t) => {
  t.deepEqual(await refusal(() => runProjection([], goalFulfilment(reversed))), expected);
});

test('a one-day period is in order', async (t) => {
  const oneDay = { insatsId: 'mia-roslagen', periodFrån: '2020-01-01', periodTill: '2020-01-01' };
  t.is((await runProjection([], bilaga1Tables(oneDay))).enrolled.samtliga, 0);
});
