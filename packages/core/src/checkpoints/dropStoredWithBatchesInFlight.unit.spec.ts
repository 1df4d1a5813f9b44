import test from 'ava';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { ledgerError } from '../error.js';
import { createLedger, type EventToRecord, type Ledger } from '../facade/createLedger.js';
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

const cost = (postId: string, datum: string, belopp = '100.00'): EventToRecord =>
  ({ type: 'KostnadBokförd', data: costOnCredit(datum, postId, belopp), options }) as never;
const payment = (postId: string, datum: string, belopp = '100.00'): EventToRecord =>
  ({ type: 'LeverantörsskuldBetald', data: { datum, postId, belopp }, options }) as never;

/** What the ledger stored of `before` (the events recorded ahead of the close). */
type Before = readonly BookkeepingEvent[];

/** The calls of a {@link closeWithBatchesInFlight} scenario. */
interface Scenario {
  /** A, and any batches after it, decided behind the close (or made from what `before` stored). */
  readonly behind: readonly (readonly EventToRecord[])[] | ((before: Before) => EventToRecord[][]);
  /** A's append (the first after the close) fails, and with it every append of A's events. */
  readonly aAppendFails: boolean;
  /** Recorded in 2024 ahead of the close. */
  readonly before?: readonly EventToRecord[];
  /** B, decided behind A once the close is stored; a cost on credit, LF-3, if not given. */
  readonly b?: readonly EventToRecord[];
}

/**
 * A store whose append number `closeAt()` (the close's) waits for `closeStored`, and whose next
 * (A's) opens `aAppendCalled`, then waits for `aGoesOn` and fails or goes on; once it failed,
 * every append that holds one of its events fails too (the batches go alone, and the disk is
 * still full).
 */
function heldAfterClose(aAppendFails: boolean) {
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
  const closeIsNext = () => (closeAt = appends + 1);
  return { store, plain: base.plain, closeIsNext, closeStored, aAppendCalled, aGoesOn };
}

/** Records `made`, each event alone, and returns them as stored. */
async function recordEach(ledger: Ledger, made: readonly EventToRecord[]) {
  const recorded: BookkeepingEvent[] = [];
  for (const { type, data, options: recordOptions } of made)
    recorded.push((await ok(ledger.record(type, data as never, recordOptions))).event);
  return recorded;
}

/**
 * LF-1 opened and paid in 2024, and the scenario's `before` recorded; then the close of 2024,
 * with the batches `behind` (A, and any after it) decided behind it, and B as above. A's append
 * is held until B is decided, then fails or goes on. Returns the ledger once every call has
 * settled, what the calls settled to, what `before` stored, and the store without its
 * checkpoints (for a writer folding every event).
 */
async function closeWithBatchesInFlight(scenario: Scenario) {
  const held = heldAfterClose(scenario.aAppendFails);
  const ledger = createLedger({ store: held.store, förbundId: 'r' });
  await recordOpeningBalance(ledger);
  await recordEach(ledger, [
    cost('LF-1', '2024-03-01', '400.00'),
    payment('LF-1', '2024-03-20', '400.00'),
  ]);
  const recordedBefore = await recordEach(ledger, scenario.before ?? []);
  const result = (await ok(ledger.state())).yearResults.get(2024)!.toString();
  const close: EventToRecord = {
    type: 'RäkenskapsårStängt',
    data: { år: 2024, datum: '2025-01-15', åretsResultat: result },
    options,
  } as never;
  held.closeIsNext();
  // The close's append waits; A is decided behind it. Once the close is stored and A's append is
  // under way, B is decided behind A, with the close stored; then A's append goes on.
  const first = ledger.recordAll([close])();
  const { behind } = scenario;
  const batches = typeof behind === 'function' ? behind(recordedBefore) : behind;
  const behindSettled = batches.map((batch) => ledger.recordAll(batch)());
  await turns(20);
  held.closeStored.open();
  must(E.isRight(await first), 'the close is stored');
  await held.aAppendCalled.opened;
  const bSettled = ledger.recordAll(scenario.b ?? [cost('LF-3', '2025-02-02')])();
  await turns(50);
  held.aGoesOn.open();
  const behindResults = await Promise.all(behindSettled);
  const bResult = await bSettled;
  const { plain } = held;
  return { ledger, aResult: behindResults[0]!, behindResults, bResult, plain, recordedBefore };
}

/** The correction, on 2025-02-01, of `original` (its exact copy). */
function correctionOf(
  original: Pick<BookkeepingEvent, 'eventId' | 'type' | 'data'>,
): EventToRecord {
  const { eventId, type, data } = original;
  const copy = { type, schemaVersion: 1, data: data as Record<string, unknown> };
  const rättelse = { datum: '2025-02-01', rättadEventId: eventId, orsak: 'Fel leverantör' };
  return { type: 'HändelseRättad', data: { ...rättelse, original: copy }, options };
}

function must(condition: boolean, message: string): asserts condition {
  if (!condition) throw new TypeError(message);
}

test("issue 15: a batch decided behind another after a year close was stored compacts the state, and the other's failed append, undone, loses no settled item", async (t) => {
  const { ledger, aResult, bResult, plain } = await closeWithBatchesInFlight({
    behind: [[cost('LF-2', '2025-02-01')]],
    aAppendFails: true,
  });
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
  const { ledger, aResult, bResult, plain } = await closeWithBatchesInFlight({
    behind: [[cost('LF-9', '2025-02-01'), payment('LF-9', '2025-02-01')]],
    aAppendFails: true,
  });
  t.true(E.isLeft(aResult), 'A failed');
  t.true(E.isRight(bResult), 'B is decided again and stored');
  const state = await ok(ledger.state());
  t.is(state.settledItems.find('LF-9'), undefined, 'LF-9 is nowhere');
  t.false(state.openItems.has('LF-9'));
  t.is(await stateText(ledger), await stateText(createLedger({ store: plain, förbundId: 'r' })));
  await ok(ledger.recordAll([cost('LF-9', '2025-03-01')]));
});

test('a load that keeps calls in flight compacts behind them, without waiting for its pipeline to drain', async (t) => {
  const { ledger, aResult, bResult, plain } = await closeWithBatchesInFlight({
    behind: [[cost('LF-2', '2025-02-01'), payment('LF-2', '2025-02-01')]],
    aAppendFails: false,
  });
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
  const { ledger, behindResults, bResult, plain } = await closeWithBatchesInFlight({
    behind: [
      [cost('LF-9', '2025-02-01'), payment('LF-9', '2025-02-01')],
      [cost('LF-10', '2025-02-01')],
    ],
    aAppendFails: true,
  });
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

test('a correction in flight that settled an item open at the close is not compacted behind it: once its append fails and it is undone, the item is open again, and only there', async (t) => {
  // LF-5 is owed at the close of 2024; A corrects the cost that opened it (settling it whole),
  // B is decided behind A with the close stored, and A's append fails.
  const { ledger, aResult, bResult, plain, recordedBefore } = await closeWithBatchesInFlight({
    behind: ([original]) => [[correctionOf(original!)]],
    aAppendFails: true,
    before: [cost('LF-5', '2024-06-01')],
  });
  t.true(E.isLeft(aResult), 'A failed');
  t.true(E.isRight(bResult), 'B is decided again and stored');
  const state = await ok(ledger.state());
  t.is(state.openItems.get('LF-5')?.öppetBelopp, '100.00');
  t.is(state.settledItems.find('LF-5'), undefined, 'LF-5 is not settled');
  t.deepEqual(
    [...state.settledItems.items()].map(({ postId }) => postId),
    ['LF-1'],
  );
  t.is(await stateText(ledger), await stateText(createLedger({ store: plain, förbundId: 'r' })));
  await ok(ledger.recordAll([correctionOf(recordedBefore[0]!)]));
  t.is((await ok(ledger.state())).openItems.get('LF-5')?.öppetBelopp, '0.00');
});

test('a correction decided behind its original, whose append is under way right after a stored close, is stored and leaves the state as a full replay', async (t) => {
  // A (a cost on credit, LF-2, with the id the correction names) is decided behind the held
  // close; once the close is stored and A's append is under way, B corrects A's cost. The
  // compaction before B must not lose A's entry; if it did, B would be refused behind A and
  // decided again once A is stored (as every refusal behind others is), so this spec guards the
  // outcome, and a forgetting one entry too many costs only a look-up.
  const eventId = '0d9c1b0e-5a43-4e7f-9a51-2c3b4d5e6f70';
  const aCost = {
    eventId,
    type: 'KostnadBokförd',
    data: costOnCredit('2025-02-01', 'LF-2', '100.00'),
  };
  const { ledger, aResult, bResult, plain } = await closeWithBatchesInFlight({
    behind: [[{ ...cost('LF-2', '2025-02-01'), options: { ...options, eventId } }]],
    aAppendFails: false,
    b: [correctionOf(aCost as never)],
  });
  t.true(E.isRight(aResult), 'A is stored');
  t.true(E.isRight(bResult), E.isLeft(bResult) ? bResult.left.message : 'B is stored');
  const state = await ok(ledger.state());
  t.is(state.openItems.get('LF-2')?.öppetBelopp, '0.00');
  t.true(state.correctedEventIds.has(eventId));
  t.is(await stateText(ledger), await stateText(createLedger({ store: plain, förbundId: 'r' })));
});
