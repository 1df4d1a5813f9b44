import test from 'ava';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { LedgerError } from '../error.js';
import { createLedger, type EventToRecord, type Ledger } from '../facade/createLedger.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import { initialBookkeepingState, type BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { StoredCorrectables } from './bookkeepingRecorderCheckpoints.js';
import { checkpointingMemoryStore } from './memoryCheckpointStorage.testSupport.js';
import { ok } from './ok.testSupport.js';

// On a store with checkpoints, the write side stops keeping a correctable event once it is stored
// before a year close (a correction finds its original in the store by id). The same ledger then
// decides every correction as one on a store without checkpoints does, which keeps them all:
// accepted, refused as a wrong copy, refused as corrected twice, and with batches in flight
// across the close.

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

const cost = (datum: string, belopp: string, text: string) =>
  ({
    type: 'KostnadBokförd',
    data: {
      datum,
      område: 'operativa',
      post: 'Post',
      belopp,
      moms: '0.00',
      text,
      betalning: { sätt: 'bank' },
    },
    options: { metadata },
  }) as const satisfies EventToRecord;

const opening = {
  type: 'IngåendeBalansRegistrerad',
  data: {
    datum: '2024-01-01',
    text: 'IB',
    kassaOchBank: '50000.00',
    momsfordran: '0',
    balanseratResultat: '50000.00',
    öppnaPoster: [],
  },
  options: { metadata },
} as unknown as EventToRecord;

/** The code of a refusal, or `ok`. */
const outcome = async (task: TaskEither<LedgerError, unknown>): Promise<string> => {
  const result = await task();
  return E.isLeft(result) ? result.left.code : 'ok';
};

const correctionOf = (
  original: { eventId: string; type: string; schemaVersion: number; data: unknown },
  data: unknown,
) =>
  ({
    type: 'HändelseRättad',
    data: {
      datum: '2025-04-01',
      rättadEventId: original.eventId,
      orsak: 'Fel',
      original: { type: original.type, schemaVersion: original.schemaVersion, data },
    },
    options: { metadata },
  }) as unknown as EventToRecord;

/**
 * What a store holds: each event's type, data (without the corrected event's id, drawn anew in
 * each store) and verifikation numbers, in order.
 */
const contentOf = async (store: EventStore) =>
  (await collectAsync(store.readAll())).map((event) => [
    event.type,
    JSON.stringify(event.data, (key, value: unknown) =>
      key === 'rättadEventId' ? undefined : value,
    ),
    event.metadata['verifikationsnummer'] ?? null,
  ]);

/** Books 2024, closes it, books into 2025, and corrects 2024's costs; the outcomes in order. */
async function history(ledger: Ledger, store: EventStore): Promise<string[]> {
  await ok(ledger.recordAll([opening]));
  const first = await ok(
    ledger.record('KostnadBokförd', cost('2024-03-01', '100.00', 'A').data, { metadata }),
  );
  const second = await ok(
    ledger.record('KostnadBokförd', cost('2024-04-01', '200.00', 'B').data, { metadata }),
  );
  await ok(ledger.closeYear(2024, '2025-01-15', { metadata }));
  await ok(ledger.recordAll([cost('2025-02-01', '300.00', 'C')]));
  const kept = (await ok(ledger.state())).correctableEvents.has(first.event.eventId);
  const outcomes = [
    await outcome(ledger.correct(first.event.eventId, '2025-03-01', 'Fel belopp', { metadata })),
    await outcome(ledger.correct(first.event.eventId, '2025-03-02', 'Igen', { metadata })),
    await outcome(
      ledger.recordAll([correctionOf(second.event, { ...second.event.data, belopp: '201.00' })]),
    ),
    await outcome(ledger.recordAll([correctionOf(second.event, second.event.data)])),
  ];
  outcomes.push(`kept ${kept}`);
  outcomes.push(`stored ${(await contentOf(store)).length}`);
  return outcomes;
}

test('a correction of an event stored before a year close is decided from the store, as when every event is kept', async (t) => {
  const withCheckpoints = checkpointingMemoryStore();
  const without = getInMemoryEventStore();
  const forgetting = await history(
    createLedger({ store: withCheckpoints, förbundId: 'f' }),
    withCheckpoints,
  );
  const keeping = await history(createLedger({ store: without, förbundId: 'f' }), without);
  t.deepEqual(forgetting.slice(0, 4), [
    'ok',
    'EVENT_ALREADY_CORRECTED',
    'CORRECTION_MISMATCH',
    'ok',
  ]);
  t.deepEqual(forgetting.slice(0, 4), keeping.slice(0, 4));
  // state() answers as a full replay does on both stores: the writer with checkpoints forgets
  // the event (the StoredCorrectables tests below hold that), but state() reads it back.
  t.is(forgetting[4], 'kept true');
  t.is(keeping[4], 'kept true');
  t.deepEqual(await contentOf(withCheckpoints), await contentOf(without));
});

test('with calls in flight across a year close, a correction of an event before it is accepted whichever batch decides it', async (t) => {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'f' });
  await ok(ledger.recordAll([opening]));
  const booked = await ok(
    ledger.record('KostnadBokförd', cost('2024-03-01', '100.00', 'A').data, { metadata }),
  );
  const other = await ok(
    ledger.record('KostnadBokförd', cost('2024-05-01', '150.00', 'B').data, { metadata }),
  );
  const state = await ok(ledger.state());
  const result = state.yearResults.get(2024)!.toString();
  const close: EventToRecord = {
    type: 'RäkenskapsårStängt',
    data: { år: 2024, datum: '2025-01-15', åretsResultat: result },
    options: { metadata },
  };
  // Not awaited one by one: the later calls are decided while the close's batch is appended.
  const calls = [
    ledger.recordAll([close])(),
    ledger.recordAll([correctionOf(booked.event, booked.event.data)])(),
    ledger.recordAll([cost('2025-02-01', '300.00', 'C')])(),
    ledger.recordAll([correctionOf(other.event, other.event.data)])(),
  ];
  const results = await Promise.all(calls);
  t.deepEqual(
    results.map((each) => (E.isLeft(each) ? each.left.code : 'ok')),
    ['ok', 'ok', 'ok', 'ok'],
  );
  t.is(
    await outcome(ledger.recordAll([correctionOf(other.event, other.event.data)])),
    'EVENT_ALREADY_CORRECTED',
  );
});

/** A state whose correctable events are `e1` … `eN`, folded in that order. */
const stateWithCorrectables = (count: number): BookkeepingState => {
  const state = initialBookkeepingState(defaultChart);
  for (let index = 1; index <= count; index += 1)
    state.correctableEvents.set(`e${index}`, { type: 'KostnadBokförd', fingerprint: `f${index}` });
  return state;
};

test('a close forgets the entries up to it and keeps the later ones in order, whether few or most are forgotten', (t) => {
  // Most of the map forgotten (the entries after the close are put back into the emptied map), then
  // less than half (deleted one by one): the same entries, in the same order, either way.
  const state = stateWithCorrectables(10);
  const forgetting = new StoredCorrectables();
  const firstClose = forgetting.markAt(state);
  state.correctableEvents.set('e11', { type: 'KostnadBokförd', fingerprint: 'f11' });
  state.correctableEvents.set('e12', { type: 'KostnadBokförd', fingerprint: 'f12' });
  // Not yet stored: nothing is forgotten.
  forgetting.forget(state);
  t.is(state.correctableEvents.size, 12);
  t.false(forgetting.forgotAny);
  firstClose();
  forgetting.forget(state);
  t.deepEqual(
    [...state.correctableEvents],
    [
      ['e11', { type: 'KostnadBokförd', fingerprint: 'f11' }],
      ['e12', { type: 'KostnadBokförd', fingerprint: 'f12' }],
    ],
  );
  t.true(forgetting.forgotAny);
  const add = (from: number, to: number) => {
    for (let index = from; index <= to; index += 1)
      state.correctableEvents.set(`e${index}`, {
        type: 'KostnadBokförd',
        fingerprint: `f${index}`,
      });
  };
  // A second close after e14, then six more: 4 of the 10 entries are forgotten (one by one), the
  // count going on from the first close's.
  add(13, 14);
  const secondClose = forgetting.markAt(state);
  add(15, 20);
  secondClose();
  forgetting.forget(state);
  t.deepEqual([...state.correctableEvents.keys()], ['e15', 'e16', 'e17', 'e18', 'e19', 'e20']);
  t.deepEqual(state.correctableEvents.get('e15'), { type: 'KostnadBokförd', fingerprint: 'f15' });
  // Nothing more is stored: another call forgets nothing.
  forgetting.forget(state);
  t.is(state.correctableEvents.size, 6);
});
