import test from 'ava';
import { isLedgerError } from '../error.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { ledgerTotalsProjection } from './LedgerTotals.js';
import { replayBookkeeping } from './replayStatements.js';

test('an extra projection named totals is refused naming extra.totals, not silently replaced by the ledger’s', async (t) => {
  const error = await t.throwsAsync(
    replayBookkeeping([], { extra: { totals: ledgerTotalsProjection(defaultChart) } }),
  );
  t.true(isLedgerError(error, 'VALIDATION_FAILED'), String(error));
  t.deepEqual(isLedgerError(error) ? error.issues.map((issue) => issue.path) : [], [
    'extra.totals',
  ]);
  const { totals, ownTotals } = await replayBookkeeping([], {
    extra: { ownTotals: ledgerTotalsProjection(defaultChart) },
  });
  t.is(totals.closedYears.size, 0);
  t.is(ownTotals.closedYears.size, 0);
});
