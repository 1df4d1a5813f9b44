import test from 'ava';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError } from '../error.js';
import { createLedger, type EventToRecord } from '../facade/createLedger.js';
import { checkpointingMemoryStore } from './memoryCheckpointStorage.testSupport.js';
import type { EventStore } from '../store/EventStore.js';
import { ok } from './ok.testSupport.js';
import { costOnCredit, options, recordOpeningBalance, stateText } from './payables.testSupport.js';

/**
 * `RecorderCheckpoints.dropStored` compacts the write side's state after a stored year close, also
 * before a batch is decided behind others (a load that always keeps calls in flight never decides
 * one caught up), but never an item a batch in flight touched: that batch's undo puts back the
 * item's entry in `openItems`, and an item it opened would stay behind in `settledItems`, settled.
 * Nor does an undo put back the settled items from before a compaction, whose items were moved
 * out of `openItems`. The scenario (found in review, helper-84): the close's append is held, A is
 * decided behind it; the close is stored, A's append is under way, B is decided behind A; A's
 * append fails, or is stored. Every step is a gate the test opens or a promise it awaits, never a
 * delay.
 */

/** Turns of the event loop: the memory store's reads and the recorder's steps are promises only. */
const turns = async (count: number) => {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** A promise and the function that resolves it: a gate the test opens. */
function gate(): { readonly opened: Promise<void>; readonly open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const cost = (postId: string, datum: string): EventToRecord =>
  ({ type: 'KostnadBokförd', data: costOnCredit(datum, postId, '100.00'), options }) as never;
const payment = (postId: string, datum: string): EventToRecord =>
  ({ type: 'LeverantörsskuldBetald', data: { datum, postId, belopp: '100.00' }, options }) as never;

/**
 * LF-1 opened and paid in 2024; then the close of 2024, with the batches `behind` (A, and any
 * after it) decided behind it, and B as above. The first append after the close (all of
 * `behind`) is held until B is decided, then fails or goes on; once it failed, every append that
 * holds one of its events fails too (the batches go alone, and the disk is still full). Returns
 * the ledger once every call has settled, what the calls settled to, and the store without its
 * checkpoints (for a writer folding every event).
 */
async function closeWithBatchesInFlight(
  behind: readonly (readonly EventToRecord[])[],
  aAppendFails: boolean,
) {
  const base = checkpointingMemoryStore();
  let appends = 0;
  let closeAt = -1;
  const closeStored = gate();
  const aAppendCalled = gate();
  const aGoesOn = gate();
  const failedIds = new Set<string>();
  const store = {
    ...base,
    appendToStream: ((streamId, events, appendOptions) => {
      appends += 1;
      const n = appends;
      if (n === closeAt)
        return async () => {
          await closeStored.opened;
          return base.appendToStream(streamId, events, appendOptions)();
        };
      if (n === closeAt + 1)
        return async () => {
          aAppendCalled.open();
          await aGoesOn.opened;
          if (!aAppendFails) return base.appendToStream(streamId, events, appendOptions)();
          for (const event of events) failedIds.add(event.eventId);
          return TE.left(ledgerError('IO_ERROR', 'disk full'))();
        };
      if (events.some((event) => failedIds.has(event.eventId)))
        return TE.left(ledgerError('IO_ERROR', 'disk full'));
      return base.appendToStream(streamId, events, appendOptions);
    }) as EventStore['appendToStream'],
  };
  const ledger = createLedger({ store, förbundId: 'r' });
  await recordOpeningBalance(ledger);
  await ok(ledger.record('KostnadBokförd', costOnCredit('2024-03-01', 'LF-1', '400.00'), options));
  await ok(
    ledger.record(
      'LeverantörsskuldBetald',
      { datum: '2024-03-20', postId: 'LF-1', belopp: '400.00' },
      options,
    ),
  );
  const result = (await ok(ledger.state())).yearResults.get(2024)!.toString();
  const close: EventToRecord = {
    type: 'RäkenskapsårStängt',
    data: { år: 2024, datum: '2025-01-15', åretsResultat: result },
    options,
  } as never;
  closeAt = appends + 1;
  // The close's append waits; A is decided behind it. Once the close is stored and A's append is
  // under way, B is decided behind A, with the close stored; then A's append goes on.
  const first = ledger.recordAll([close])();
  const behindSettled = behind.map((batch) => ledger.recordAll(batch)());
  await turns(20);
  closeStored.open();
  must(E.isRight(await first), 'the close is stored');
  await aAppendCalled.opened;
  const bSettled = ledger.recordAll([cost('LF-3', '2025-02-02')])();
  await turns(50);
  aGoesOn.open();
  const behindResults = await Promise.all(behindSettled);
  const bResult = await bSettled;
  return { ledger, aResult: behindResults[0]!, behindResults, bResult, plain: base.plain };
}

function must(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TypeError(message);
}

test("issue 15: a batch decided behind another after a year close was stored compacts the state, and the other's failed append, undone, loses no settled item", async (t) => {
  const { ledger, aResult, bResult, plain } = await closeWithBatchesInFlight(
    [[cost('LF-2', '2025-02-01')]],
    true,
  );
  t.true(E.isLeft(aResult), 'A failed');
  t.true(E.isRight(bResult), 'B is decided again and stored');
  t.deepEqual([...(await ok(ledger.state())).openItems.keys()], ['LF-3'], 'LF-1 kept compactly');
  const reuse = await ledger.record(
    'KostnadBokförd',
    costOnCredit('2025-03-01', 'LF-1', '1.00'),
    options,
  )();
  t.is(E.isLeft(reuse) ? reuse.left.code : 'accepted', 'OPEN_ITEM_ALREADY_EXISTS');
  t.is(await stateText(ledger), await stateText(createLedger({ store: plain, förbundId: 'r' })));
});

test('an item a batch in flight opened and settled is not compacted behind it: once its append fails and it is undone, the item was never opened', async (t) => {
  const { ledger, aResult, bResult, plain } = await closeWithBatchesInFlight(
    [[cost('LF-9', '2025-02-01'), payment('LF-9', '2025-02-01')]],
    true,
  );
  t.true(E.isLeft(aResult), 'A failed');
  t.true(E.isRight(bResult), 'B is decided again and stored');
  const state = await ok(ledger.state());
  t.is(state.settledItems.find('LF-9'), undefined, 'LF-9 is nowhere');
  t.false(state.openItems.has('LF-9'));
  t.is(await stateText(ledger), await stateText(createLedger({ store: plain, förbundId: 'r' })));
  await ok(ledger.recordAll([cost('LF-9', '2025-03-01')]));
});

test('a load that keeps calls in flight compacts behind them, without waiting for its pipeline to drain', async (t) => {
  const { ledger, aResult, bResult, plain } = await closeWithBatchesInFlight(
    [[cost('LF-2', '2025-02-01'), payment('LF-2', '2025-02-01')]],
    false,
  );
  t.true(E.isRight(aResult));
  t.true(E.isRight(bResult));
  // No call was decided caught up after the close was stored, and state() folds no event: the
  // compaction was made when B was decided behind A. LF-2, which A settled, stays in full.
  const state = await ok(ledger.state());
  t.deepEqual([...state.openItems.keys()], ['LF-2', 'LF-3']);
  t.deepEqual(
    [...state.settledItems.items()].map(({ postId }) => postId),
    ['LF-1'],
  );
  t.is(await stateText(ledger), await stateText(createLedger({ store: plain, förbundId: 'r' })));
});

test('with two batches in flight at the compaction, the older one opened and settled LF-9 and fails: LF-9 is kept in full behind it, and is never opened (found in review, helper-87)', async (t) => {
  // A and A2 are decided behind the held close and appended together; once the close is stored,
  // B is decided behind both, and the append of A and A2 fails.
  const { ledger, behindResults, bResult, plain } = await closeWithBatchesInFlight(
    [[cost('LF-9', '2025-02-01'), payment('LF-9', '2025-02-01')], [cost('LF-10', '2025-02-01')]],
    true,
  );
  t.deepEqual(
    behindResults.map((result) => (E.isLeft(result) ? result.left.code : 'stored')),
    ['IO_ERROR', 'IO_ERROR'],
  );
  t.true(E.isRight(bResult), 'B is stored');
  const state = await ok(ledger.state());
  t.is(state.settledItems.find('LF-9'), undefined, 'LF-9 is nowhere');
  t.false(state.openItems.has('LF-9'));
  t.deepEqual([...state.openItems.keys()], ['LF-3'], 'LF-1 kept compactly');
  t.is(await stateText(ledger), await stateText(createLedger({ store: plain, förbundId: 'r' })));
});
