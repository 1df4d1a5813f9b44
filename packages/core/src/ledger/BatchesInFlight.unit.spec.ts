import test from 'ava';
import * as E from 'fp-ts/Either';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { ledgerError } from '../error.js';
import {
  booksRecorder,
  cost,
  freshState,
  heldStore,
  openingBalance,
  outcome,
  paid,
  scriptedStore,
  storedBooks,
  type AppendFault,
  type HeldAppend,
} from './BatchesInFlight.testSupport.js';

/** A few turns of the event loop: whatever the recorder can do without the store is done. */
const settle = async () => {
  for (let turn = 0; turn < 5; turn += 1)
    await new Promise<void>((resolve) => setImmediate(resolve));
};

/** A recorder on a held store, with the opening balance of 2021 stored. */
async function openedBooks() {
  const held = heldStore();
  const decided: string[] = [];
  const recorder = booksRecorder(held.store, decided);
  const opening = recorder.record([openingBalance('ib')])();
  (await held.nextAppend()).store();
  if (E.isLeft(await opening)) throw new Error('the opening balance is refused');
  decided.length = 0;
  return { held, decided, recorder };
}

/** Stores every append the recorder makes until `calls` settle; returns what they settle to. */
async function storeEveryAppend<Value>(
  held: ReturnType<typeof heldStore>,
  calls: Promise<Value>,
): Promise<Value> {
  let done = false;
  const settled = calls.finally(() => (done = true));
  while (!done) {
    const next = await Promise.race([held.nextAppend(), settled.then(() => undefined)]);
    next?.store();
  }
  return settled;
}

/**
 * The same calls one at a time, each awaited before the next, on a store that does the same
 * faults to the same appends: what every call must settle to, what must be stored.
 */
async function oneAtATime(
  batches: readonly (readonly BookkeepingEvent[])[],
  faults: Readonly<Record<string, AppendFault>> = {},
) {
  const all = [[openingBalance('ib')], ...batches];
  const store = scriptedStore({ batches: all, faultOf: (name) => faults[name] });
  const recorder = booksRecorder(store);
  const outcomes = [];
  for (const batch of all) outcomes.push(outcome(await recorder.record(batch)()));
  const state = await recorder.state()();
  return { outcomes: outcomes.slice(1), stored: await storedBooks(store), state };
}

test('calls in flight settle in call order, each appended after the one before it, the next checked while one is appended', async (t) => {
  const { held, decided, recorder } = await openedBooks();
  const settledOrder: number[] = [];
  const batches = [0, 1, 2, 3].map((call) => [
    cost(`c${call}a`, `2021-02-0${call + 1}`),
    cost(`c${call}b`, `2021-02-0${call + 1}`, `LF-${call}`),
  ]);
  const calls = batches.map((batch, call) =>
    recorder
      .record(batch)()
      .then((result) => {
        settledOrder.push(call);
        return result;
      }),
  );
  const first = await held.nextAppend();
  await settle();
  // While the first call's append is held, the three after it are checked behind it.
  t.deepEqual(decided, ['c0a', 'c0b', 'c1a', 'c1b', 'c2a', 'c2b', 'c3a', 'c3b']);
  t.is(held.heldNow(), 1);
  t.deepEqual(settledOrder, []);
  first.store();
  // The three batches checked while the first was held go in one append (one fsync).
  const together = await held.nextAppend();
  t.is(together.events.length, 6);
  await settle();
  t.deepEqual(settledOrder, [0]);
  together.store();
  const results = (await Promise.all(calls)).map(outcome);
  t.deepEqual(settledOrder, [0, 1, 2, 3]);
  t.is(held.heldMax(), 1);
  t.is(held.appendsMade(), 3);
  t.deepEqual(results, [
    { nextExpectedRevision: 2, alreadyStored: false },
    { nextExpectedRevision: 4, alreadyStored: false },
    { nextExpectedRevision: 6, alreadyStored: false },
    { nextExpectedRevision: 8, alreadyStored: false },
  ]);
  const state = await recorder.state()();
  if (E.isLeft(state)) throw state.left;
  t.deepEqual(state.right, await freshState(held.inner));
  // The 2021 series: the opening balance, then the eight costs in call order.
  t.is(state.right.numbering.next(2021), 10);
  t.is(state.right.balances.get('1930')?.toString(), '95000.00');
  t.is(state.right.openItems.get('LF-3')?.öppetBelopp, '1250.00');
  const sequential = await oneAtATime(batches);
  t.deepEqual(results, sequential.outcomes);
  t.deepEqual(await storedBooks(held.inner), sequential.stored);
});

/**
 * Four calls: the second opens LF-2 and its append fails; the third pays LF-2 (checked behind
 * the second, so against LF-2 open), the fourth pays LF-1 and books a cost.
 */
const dependentCalls = () => [
  [cost('a', '2021-02-01', 'LF-1')],
  [cost('b', '2021-02-02', 'LF-2')],
  [paid('c', '2021-02-03', 'LF-2', '1250.00')],
  [paid('d1', '2021-02-04', 'LF-1', '1250.00'), cost('d2', '2021-02-04')],
];

for (const fault of ['refuse', 'throw'] as const)
  test(`an append that fails (${fault}) takes its batch and every later batch in flight out of the state; they are decided again as calls one at a time`, async (t) => {
    const { held, decided, recorder } = await openedBooks();
    const batches = dependentCalls();
    const calls = batches.map((batch) => recorder.record(batch)());
    const first = await held.nextAppend();
    await settle();
    first.store();
    const error = ledgerError('IO_ERROR', 'the disk is full');
    const fail = (append: HeldAppend) =>
      fault === 'refuse' ? append.refuse(error) : append.fail(error);
    // b, c and d, checked while a was held, go in one append, which fails: each goes alone then.
    const together = await held.nextAppend();
    t.deepEqual(decided, ['a', 'b', 'c', 'd1', 'd2']);
    t.is(together.events.length, 4);
    fail(together);
    const second = await held.nextAppend();
    t.is(second.events.length, 1);
    fail(second);
    // The payment of LF-2 is refused once LF-2 is not booked; the last call is appended again.
    const results = (await storeEveryAppend(held, Promise.all(calls))).map(outcome);
    t.deepEqual(results, [
      { nextExpectedRevision: 1, alreadyStored: false },
      { code: 'IO_ERROR' },
      { code: 'OPEN_ITEM_NOT_FOUND' },
      { nextExpectedRevision: 3, alreadyStored: false },
    ]);
    // The opening balance's, a's, the one of b, c and d, b's alone and d's: none for c alone.
    t.is(held.appendsMade(), 5);
    t.is(held.heldMax(), 1);
    const state = await recorder.state()();
    if (E.isLeft(state)) throw state.left;
    t.deepEqual(state.right, await freshState(held.inner));
    t.false(state.right.openItems.has('LF-2'));
    t.is(state.right.openItems.get('LF-1')?.öppetBelopp, '0.00');
    t.is(state.right.balances.get('1930')?.toString(), '97500.00');
    // The opening balance, a, d1 and d2 are 2021's verifikationer 1 to 4.
    t.is(state.right.numbering.next(2021), 5);
    const sequential = await oneAtATime(batches, { b: fault });
    t.deepEqual(results, sequential.outcomes);
    t.deepEqual(await storedBooks(held.inner), sequential.stored);
    t.deepEqual(state.right, sequential.state._tag === 'Right' ? sequential.state.right : null);
  });

test('a conflict with another writer at an append of batches in flight: each is caught up and decided again, as one at a time', async (t) => {
  const batches = dependentCalls();
  // b, c and d are checked while a is appended, and go in one append, which meets the other
  // writer; one at a time, b's append meets it.
  const store = scriptedStore({
    batches: [[openingBalance('ib')], ...batches],
    togetherFaults: ['foreign-write'],
    delayTurns: () => 2,
  });
  const recorder = booksRecorder(store);
  t.true(E.isRight(await recorder.record([openingBalance('ib')])()));
  const results = (await Promise.all(batches.map((batch) => recorder.record(batch)()))).map(
    outcome,
  );
  // The other writer's cost is verifikation 3 (after the opening balance and a): b, c, d1 and
  // d2 are numbered after it.
  t.deepEqual(results, [
    { nextExpectedRevision: 1, alreadyStored: false },
    { nextExpectedRevision: 3, alreadyStored: false },
    { nextExpectedRevision: 4, alreadyStored: false },
    { nextExpectedRevision: 6, alreadyStored: false },
  ]);
  const sequential = await oneAtATime(batches, { b: 'foreign-write' });
  t.deepEqual(results, sequential.outcomes);
  t.deepEqual(await storedBooks(store), sequential.stored);
  const state = await recorder.state()();
  if (E.isLeft(state)) throw state.left;
  t.deepEqual(state.right, await freshState(store));
  t.is(store.appendsTogether(), 1);
  t.is(state.right.numbering.next(2021), 8);
  t.is(state.right.openItems.get('LF-2')?.öppetBelopp, '0.00');
});

test('a batch refused by the rules while an earlier one is in flight leaves the earlier one stored and the state as one call at a time leaves it', async (t) => {
  const { held, decided, recorder } = await openedBooks();
  const batches = [
    [cost('a', '2021-02-01', 'LF-1')],
    // LF-3 opened, then paid above what is open: refused at its second event.
    [cost('b1', '2021-02-02', 'LF-3'), paid('b2', '2021-02-03', 'LF-3', '9999.00')],
    [paid('c', '2021-02-04', 'LF-1', '1250.00')],
  ];
  const calls = batches.map((batch) => recorder.record(batch)());
  const first = await held.nextAppend();
  await settle();
  // The refused call is decided again only once the first is settled; the third waits for it.
  t.deepEqual(decided, ['a', 'b1', 'b2']);
  first.store();
  (await held.nextAppend()).store();
  const results = (await Promise.all(calls)).map(outcome);
  t.deepEqual(results, [
    { nextExpectedRevision: 1, alreadyStored: false },
    { code: 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT' },
    { nextExpectedRevision: 2, alreadyStored: false },
  ]);
  const state = await recorder.state()();
  if (E.isLeft(state)) throw state.left;
  t.deepEqual(state.right, await freshState(held.inner));
  t.false(state.right.openItems.has('LF-3'));
  t.is(state.right.openItems.get('LF-1')?.öppetBelopp, '0.00');
  // The opening balance, a and c are 2021's verifikationer 1 to 3.
  t.is(state.right.numbering.next(2021), 4);
  const sequential = await oneAtATime(batches);
  t.deepEqual(results, sequential.outcomes);
  t.deepEqual(await storedBooks(held.inner), sequential.stored);
});

test('a call repeating a batch in flight is a retry: it waits for it and is acknowledged as already stored; state() waits for the calls in flight', async (t) => {
  const { held, recorder } = await openedBooks();
  const batch = [cost('a', '2021-02-01', 'LF-1'), cost('b', '2021-02-02')];
  const first = recorder.record(batch)();
  const retry = recorder.record(batch)();
  const state = recorder.state()();
  (await held.nextAppend()).store();
  t.deepEqual(outcome(await first), { nextExpectedRevision: 2, alreadyStored: false });
  // Caught up, the retry is found in the stream: its append is the store's no-op.
  (await held.nextAppend()).store();
  t.deepEqual(outcome(await retry), { nextExpectedRevision: 2, alreadyStored: true });
  const caughtUp = await state;
  if (E.isLeft(caughtUp)) throw caughtUp.left;
  t.is(caughtUp.right.balances.get('1930')?.toString(), '98750.00');
  t.is(caughtUp.right.numbering.next(2021), 4);
  t.is(held.heldMax(), 1);
  t.is((await storedBooks(held.inner)).length, 3);
});

test('a long run of calls in flight, whose ids of batches long settled are let go of, settles and stores as the same calls one at a time', async (t) => {
  const { held, recorder } = await openedBooks();
  // Ninety batches of a hundred costs, kept in flight by appends stored only after a few turns
  // of the event loop: far more ids go through than are in flight at once. Late in the run, a
  // few calls repeat the batch three calls back, still in flight.
  const batches: (readonly BookkeepingEvent[])[] = [];
  for (let call = 0; call < 90; call += 1)
    batches.push(
      call >= 80 && call % 4 === 0
        ? batches[call - 3]!
        : Array.from({ length: 100 }, (_, index) => cost(`l${call}-${index}`, '2021-03-01')),
    );
  const calls = Promise.all(batches.map((batch) => recorder.record(batch)()));
  let done = false;
  void calls.finally(() => (done = true));
  while (!done) {
    const next = await Promise.race([held.nextAppend(), calls.then(() => undefined)]);
    await settle();
    next?.store();
  }
  const expected = await oneAtATime(batches);
  t.deepEqual((await calls).map(outcome), expected.outcomes);
  t.deepEqual(await storedBooks(held.inner), expected.stored);
  t.true(held.heldMax() === 1 && held.appendsMade() < 90, `${held.appendsMade()} appends`);
});
