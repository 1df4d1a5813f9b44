import test from 'ava';
import * as E from 'fp-ts/Either';
import { opening2021 } from '../bookkeeping/events/eventSpecs.testScenario.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger } from './createLedger.js';

/**
 * The ledger's commands that build an event from the books (reverse an accrual, correct an
 * event) refuse a `postId` or an event id the books do not hold with the code the rules use
 * and an issue naming the field of the event it would have built, as the rules do.
 */

const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };

async function openedLedger() {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  const opened = await ledger.record('IngåendeBalansRegistrerad', opening2021.data, { metadata })();
  if (E.isLeft(opened)) throw opened.left;
  return ledger;
}

test('reverseAccrual of an unknown open item is OPEN_ITEM_NOT_FOUND naming data.postId', async (t) => {
  const ledger = await openedLedger();
  const result = await ledger.reverseAccrual('NO-SUCH', '2021-01-31', { metadata })();
  t.true(E.isLeft(result));
  if (E.isLeft(result)) {
    t.is(result.left.code, 'OPEN_ITEM_NOT_FOUND');
    t.deepEqual(
      result.left.issues.map(({ path, rule }) => ({ path, rule })),
      [{ path: 'data.postId', rule: 'open-item-exists' }],
    );
  }
});

test('reverseAccrual of a kundfordran is OPEN_ITEM_MISMATCH naming data.postId', async (t) => {
  const ledger = await openedLedger();
  const result = await ledger.reverseAccrual('KF-2020-12', '2021-01-31', { metadata })();
  t.true(E.isLeft(result));
  if (E.isLeft(result)) {
    t.is(result.left.code, 'OPEN_ITEM_MISMATCH');
    t.deepEqual(
      result.left.issues.map(({ path, rule }) => ({ path, rule })),
      [{ path: 'data.postId', rule: 'reversible-kind' }],
    );
  }
});

test('correct of an event the stream does not hold is EVENT_NOT_FOUND naming data.rättadEventId', async (t) => {
  const ledger = await openedLedger();
  const absent = '0b0e7c4e-5d4f-4a8e-9a51-6f1f3c2d9e10';
  const result = await ledger.correct(absent, '2021-01-31', 'Fel', { metadata })();
  t.true(E.isLeft(result));
  if (E.isLeft(result)) {
    t.is(result.left.code, 'EVENT_NOT_FOUND');
    t.deepEqual(
      result.left.issues.map(({ path, rule }) => ({ path, rule })),
      [{ path: 'data.rättadEventId', rule: 'stored-correctable-event' }],
    );
  }
});

test('correct of an id that is no UUID, a date that is none and an empty reason names all three', async (t) => {
  const ledger = await openedLedger();
  const result = await ledger.correct('abc', '2021-02-30', '', { metadata })();
  t.true(E.isLeft(result));
  if (E.isLeft(result)) {
    t.is(result.left.code, 'VALIDATION_FAILED');
    t.deepEqual(result.left.issues.map(({ path }) => path).sort(), [
      'data.datum',
      'data.orsak',
      'data.rättadEventId',
    ]);
    t.regex(
      result.left.message,
      /^HändelseRättad refused: .*must be the UUID of the corrected event/,
    );
  }
});
