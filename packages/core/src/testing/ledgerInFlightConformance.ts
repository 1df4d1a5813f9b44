import assert from 'node:assert/strict';
import * as E from 'fp-ts/Either';
import { openItemStanding } from '../bookkeeping/BookkeepingState.js';
import { serialiseBookkeepingState } from '../checkpoints/bookkeepingStateCheckpoint.js';
import { createLedger, type EventToRecord, type Ledger } from '../facade/createLedger.js';
import { newEventId } from '../privacy/newEventId.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import type { ConformanceCase, ConformanceSubject } from './eventStoreConformance.js';

/**
 * Conformance case of a ledger that keeps several `recordAll` calls in flight on one stream (a
 * bulk load, issue 15): the ledger checks the next batches while one is appended, and appends
 * each once the one before it is acknowledged, with the revision it left; an idempotent retry
 * goes with `'any'`. A store must then store, number and answer exactly what the same calls one
 * at a time give.
 */

const metadata = { recordedAt: '2021-12-31T12:00:00.000Z', recordedBy: 'conformance-suite' };

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
  options: { metadata, eventId: newEventId() },
});

const paid = (datum: string, postId: string, belopp: string): EventToRecord => ({
  type: 'LeverantörsskuldBetald',
  data: { datum, postId, belopp },
  options: { metadata, eventId: newEventId() },
});

/**
 * The calls of a small bulk load: the opening balance, six batches of two costs each, a batch
 * the rules refuse (a payment above what is open), a retry of the second batch, a payment, the
 * close of 2021 with a cost of 2022 in the same batch, and two batches of 2022.
 */
function bulkLoad(): EventToRecord[][] {
  const costs = Array.from({ length: 6 }, (_unused, index) => {
    const datum = `2021-${String(index + 2).padStart(2, '0')}-10`;
    return [cost(datum), cost(datum, `LF-${index + 1}`)];
  });
  return [
    [
      {
        type: 'IngåendeBalansRegistrerad',
        data: {
          datum: '2021-01-01',
          text: 'IB',
          kassaOchBank: '100000.00',
          momsfordran: '0.00',
          balanseratResultat: '100000.00',
          öppnaPoster: [],
        },
        options: { metadata, eventId: newEventId() },
      },
    ],
    ...costs,
    [paid('2021-09-01', 'LF-1', '1250.00'), paid('2021-09-01', 'LF-2', '9999.00')],
    costs[0]!,
    [paid('2021-09-02', 'LF-1', '1250.00')],
    [
      {
        type: 'RäkenskapsårStängt',
        // Twelve costs of 1 000 kr (their moms is a claim, not a cost).
        data: { år: 2021, datum: '2021-12-31', åretsResultat: '-12000.00' },
        options: { metadata, eventId: newEventId() },
      },
      cost('2022-01-10', 'LF-7'),
    ],
    [paid('2022-01-20', 'LF-7', '1250.00')],
    [cost('2022-02-10'), paid('2022-02-10', 'LF-2', '1250.00')],
  ];
}

const outcomeOf = (result: Awaited<ReturnType<ReturnType<Ledger['recordAll']>>>) =>
  E.isLeft(result) ? { code: result.left.code } : result.right;

/** Every event of the books as the case compares them: id, type, data and their numbers. */
async function books(store: EventStore, ledger: Ledger) {
  const stored: unknown[] = [];
  for await (const event of store.readStream(ledger.streamId))
    stored.push([
      event.eventId,
      event.type,
      event.data,
      event.metadata['verifikationsnummer'] ?? null,
    ]);
  return stored;
}

async function stateOf(ledger: Ledger) {
  const state = await ledger.state()();
  if (E.isLeft(state)) assert.fail(`state() failed: ${state.left.message}`);
  return state.right;
}

/** The write-side state as its checkpoint's JSON. */
const stateJson = (state: Awaited<ReturnType<typeof stateOf>>) =>
  JSON.stringify(serialiseBookkeepingState(state));

/** The open items with something still open. */
const stillOpen = (state: Awaited<ReturnType<typeof stateOf>>) =>
  [...state.openItems.values()].filter((item) => item.öppetBelopp !== '0.00');

/** The cases. */
export const ledgerInFlightConformanceCases: readonly ConformanceCase[] = [
  {
    name: "a ledger's recordAll calls kept in flight on one stream store, number and settle as the same calls one at a time",
    async run(subject: ConformanceSubject) {
      const calls = bulkLoad();
      const förbundId = `inflight-${newEventId().slice(0, 8)}`;
      const reference = getInMemoryEventStore();
      const oneAtATime = createLedger({ store: reference, förbundId });
      const expected = [];
      for (const batch of calls) expected.push(outcomeOf(await oneAtATime.recordAll(batch)()));
      assert.equal(expected.filter((outcome) => 'code' in outcome).length, 1, 'one refusal');

      const store = await subject.create();
      const ledger = createLedger({ store, förbundId });
      const settled = await Promise.all(calls.map((batch) => ledger.recordAll(batch)()));
      assert.deepEqual(settled.map(outcomeOf), expected, 'every call settles as one alone');
      assert.deepEqual(await books(store, ledger), await books(reference, oneAtATime));
      // As JSON, with the correctable events beside it: a writer on a store that keeps
      // checkpoints holds the items settled before a stored close compactly from its next
      // caught-up call on, the same books in another field of the state.
      const state = await stateOf(ledger);
      const alone = await stateOf(oneAtATime);
      assert.equal(stateJson(state), stateJson(alone));
      assert.deepEqual(state.correctableEvents, alone.correctableEvents);
      // A ledger opened on the store afterwards (on a store that keeps checkpoints, from the one
      // at the close, which keeps items settled by then compactly) holds the same books.
      const reopened = await stateOf(createLedger({ store, förbundId }));
      assert.deepEqual(reopened.balances, state.balances);
      assert.deepEqual(stillOpen(reopened), stillOpen(state));
      assert.deepEqual(reopened.numbering, state.numbering);
      // 2022: the omföring of 2021's result, then two costs and two payments.
      assert.equal(state.numbering.next(2022), 6, 'five verifikationer of 2022');
      assert.equal(openItemStanding(state, 'LF-2')?.öppet.toString(), '0.00', 'LF-2 paid');
      await store.close();
    },
  },
];
