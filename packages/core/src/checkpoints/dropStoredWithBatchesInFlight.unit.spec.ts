import test from 'ava';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError } from '../error.js';
import { createLedger, type EventToRecord, type Ledger } from '../facade/createLedger.js';
import { serialiseBookkeepingState } from './bookkeepingStateCheckpoint.js';
import { checkpointingMemoryStore } from './memoryCheckpointStorage.testSupport.js';
import type { EventStore } from '../store/EventStore.js';
import { ok } from './ok.testSupport.js';
import { costOnCredit, options, recordOpeningBalance } from './payables.testSupport.js';

/**
 * `RecorderCheckpoints.dropStored` compacts the write side's state after a stored year close, and
 * only with no batch in flight: a batch decided behind others has an undo that puts back the
 * state's settled items as they were, so a compaction between its decision and its undo would
 * lose the items it moved. The scenario (found in review, helper-84): the close's append is held,
 * A is decided behind it; the close is stored, A's append is under way, B is decided behind A;
 * A's append fails. Every step is a gate the test opens or a promise it awaits, never a delay.
 */

const stateText = async (ledger: Ledger) =>
  JSON.stringify(serialiseBookkeepingState(await ok(ledger.state())));
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

test("issue 15: a batch decided behind another after a year close was stored does not compact the state, so that the other's failed append, undone, loses no settled item", async (t) => {
  const base = checkpointingMemoryStore();
  let appends = 0;
  let closeAt = -1;
  const closeStored = gate();
  const aAppendCalled = gate();
  const aFails = gate();
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
          await aFails.opened;
          return TE.left(ledgerError('IO_ERROR', 'disk full'))();
        };
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
  const cost = (postId: string, datum: string) =>
    ({ type: 'KostnadBokförd', data: costOnCredit(datum, postId, '100.00'), options }) as never;
  // The close's append waits; A is decided behind it. Once the close is stored and A's append is
  // under way, B is decided behind A, with the close stored; then A's append fails.
  const first = ledger.recordAll([close])();
  const a = ledger.recordAll([cost('LF-2', '2025-02-01')])();
  await turns(20);
  closeStored.open();
  t.true(E.isRight(await first));
  await aAppendCalled.opened;
  const b = ledger.recordAll([cost('LF-3', '2025-02-02')])();
  await turns(50);
  aFails.open();
  t.true(E.isLeft(await a), 'A failed');
  t.true(E.isRight(await b), 'B is decided again and stored');
  const reuse = await ledger.record(
    'KostnadBokförd',
    costOnCredit('2025-03-01', 'LF-1', '1.00'),
    options,
  )();
  t.is(E.isLeft(reuse) ? reuse.left.code : 'accepted', 'OPEN_ITEM_ALREADY_EXISTS');
  const folded = createLedger({ store: base.plain, förbundId: 'r' });
  t.is(await stateText(ledger), await stateText(folded));
});
