import test from 'ava';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError } from '../error.js';
import { createLedger, type EventToRecord } from '../facade/createLedger.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';

const metadata = { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: 'ekonom@test' };

const cost = (datum: string, postId?: string): EventToRecord => ({
  type: 'KostnadBokförd',
  data: {
    datum,
    område: 'operativa',
    post: 'MIA vidare',
    belopp: '1000.00',
    moms: '250.00',
    text: `Kostnad ${datum}`,
    betalning: postId === undefined ? { sätt: 'bank' } : { sätt: 'leverantörsskuld', postId },
  },
  options: { metadata },
});

const paid = (datum: string, postId: string, belopp: string): EventToRecord => ({
  type: 'LeverantörsskuldBetald',
  data: { datum, postId, belopp },
  options: { metadata },
});

/** A ledger with an opening balance, a year closed and an open invoice. */
async function booksOn(store: EventStore) {
  const ledger = createLedger({ store, förbundId: 'test' });
  const recorded = await ledger.recordAll([
    {
      type: 'IngåendeBalansRegistrerad',
      data: {
        datum: '2020-01-01',
        text: 'IB',
        kassaOchBank: '100000.00',
        momsfordran: '0.00',
        balanseratResultat: '100000.00',
        öppnaPoster: [],
      },
      options: { metadata },
    },
    cost('2020-03-01', 'LF-1'),
    {
      type: 'RäkenskapsårStängt',
      data: { år: 2020, datum: '2020-12-31', åretsResultat: '-1000.00' },
      options: { metadata },
    },
  ])();
  if (E.isLeft(recorded)) throw recorded.left;
  return ledger;
}

/** An in-memory store whose appends go through `append`, which may pass them on to `inner`. */
function inMemoryStoreAppending(
  append: (
    inner: EventStore,
    ...args: Parameters<EventStore['appendToStream']>
  ) => ReturnType<EventStore['appendToStream']>,
): EventStore {
  const inner = getInMemoryEventStore();
  return {
    ...inner,
    readStream: (streamId, options) => inner.readStream(streamId, options),
    readAll: (options) => inner.readAll(options),
    close: () => inner.close(),
    appendToStream: (...args) => append(inner, ...args),
  };
}

/** The write-side state a ledger that never saw the refused batch catches up to. */
async function freshState(store: EventStore) {
  const state = await createLedger({ store, förbundId: 'test' }).state()();
  if (E.isLeft(state)) throw state.left;
  return state.right;
}

test('a batch refused at its last event leaves the write-side state as it was: nothing of its earlier events stays', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = await booksOn(store);
  const refused = await ledger.recordAll([
    cost('2021-02-01', 'LF-2'),
    paid('2021-02-10', 'LF-1', '1250.00'),
    // Paying LF-2 twice: the second payment is above what is open.
    paid('2021-02-11', 'LF-2', '1250.00'),
    paid('2021-02-12', 'LF-2', '1250.00'),
  ])();
  t.true(E.isLeft(refused));
  t.is(E.isLeft(refused) ? refused.left.code : undefined, 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT');
  const state = await ledger.state()();
  if (E.isLeft(state)) throw state.left;
  t.deepEqual(state.right, await freshState(store));
  t.is(state.right.openItems.get('LF-1')?.öppetBelopp, '1250.00');
  t.false(state.right.openItems.has('LF-2'));
  t.is(state.right.balances.get('1930')?.toString(), '100000.00');
  // The same batch without its bad payment is accepted against the state as it was.
  const accepted = await ledger.recordAll([
    cost('2021-02-01', 'LF-2'),
    paid('2021-02-10', 'LF-1', '1250.00'),
    paid('2021-02-11', 'LF-2', '1250.00'),
  ])();
  t.true(E.isRight(accepted));
  const after = await ledger.state()();
  if (E.isLeft(after)) throw after.left;
  t.deepEqual(after.right, await freshState(store));
  t.is(after.right.openItems.get('LF-2')?.öppetBelopp, '0.00');
  t.is(after.right.numbering.next(2021), 5);
});

test('a batch whose append fails is taken out of the write-side state again', async (t) => {
  let failNext = false;
  const store = inMemoryStoreAppending((inner, streamId, events, options) => {
    if (!failNext) return inner.appendToStream(streamId, events, options);
    failNext = false;
    return TE.left(ledgerError('IO_ERROR', 'the disk is full'));
  });
  const ledger = await booksOn(store);
  failNext = true;
  const failed = await ledger.recordAll([
    cost('2021-02-01', 'LF-2'),
    paid('2021-02-10', 'LF-1', '1250.00'),
  ])();
  t.is(E.isLeft(failed) ? failed.left.code : undefined, 'IO_ERROR');
  const state = await ledger.state()();
  if (E.isLeft(state)) throw state.left;
  t.deepEqual(state.right, await freshState(store));
  t.is(state.right.openItems.get('LF-1')?.öppetBelopp, '1250.00');
  // Recorded again, the batch books once.
  t.true(
    E.isRight(
      await ledger.recordAll([cost('2021-02-01', 'LF-2'), paid('2021-02-10', 'LF-1', '1250.00')])(),
    ),
  );
  const after = await ledger.state()();
  if (E.isLeft(after)) throw after.left;
  t.deepEqual(after.right, await freshState(store));
  t.is(after.right.balances.get('2440')?.toString(), '-1250.00');
});

test('concurrent records on one ledger run one at a time and each is booked once', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = await booksOn(store);
  const results = await Promise.all(
    Array.from({ length: 20 }, (_unused, index) =>
      ledger.recordAll([cost(`2021-03-${String(index + 1).padStart(2, '0')}`)])(),
    ),
  );
  t.true(results.every(E.isRight));
  const state = await ledger.state()();
  if (E.isLeft(state)) throw state.left;
  t.deepEqual(state.right, await freshState(store));
  // The omföring of 2020's result is 2021's first verifikation.
  t.is(state.right.numbering.next(2021), 22);
  t.is(state.right.balances.get('1930')?.toString(), '75000.00');
});

test('issue 15: an append is said to be awaited alone only when its call is the only one of the recorder in progress', async (t) => {
  const awaitedAlone: (boolean | undefined)[] = [];
  const store = inMemoryStoreAppending((inner, streamId, events, options) => {
    awaitedAlone.push(options?.awaitedAlone);
    return inner.appendToStream(streamId, events, options);
  });
  const ledger = await booksOn(store);
  t.deepEqual(awaitedAlone, [true]);
  // Awaited one after another: each call is alone.
  for (const datum of ['2021-01-10', '2021-01-11'])
    t.true(E.isRight(await ledger.recordAll([cost(datum)])()));
  t.deepEqual(awaitedAlone, [true, true, true]);
  // Twenty calls at once: none is alone until the last, which may be appended by itself.
  awaitedAlone.length = 0;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_unused, index) =>
      ledger.recordAll([cost(`2021-02-${String(index + 1).padStart(2, '0')}`)])(),
    ),
  );
  t.true(results.every(E.isRight));
  t.true(awaitedAlone.length >= 2);
  t.false(awaitedAlone[0]);
  t.true(awaitedAlone.slice(0, -1).every((alone) => alone === false));
  // A call after the others settled is alone again.
  t.true(E.isRight(await ledger.recordAll([cost('2021-03-01')])()));
  t.true(awaitedAlone.at(-1));
});
