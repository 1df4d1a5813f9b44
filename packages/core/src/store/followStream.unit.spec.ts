import test from 'ava';
import * as E from 'fp-ts/Either';
import { isLedgerError } from '../error.js';
import { makeTestEvents } from '../testing/eventStoreConformance.js';
import type { StoredEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';
import { followStream, type SubscribableStore } from './followStream.js';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';

const revisionsOf = (events: readonly StoredEvent[]): number[] =>
  events.map((event) => event.streamRevision);

async function append(store: EventStore, count: number): Promise<void> {
  const appended = await store.appendToStream('followed', makeTestEvents(count))();
  if (E.isLeft(appended)) throw appended.left;
}

test('followStream tails a store without a subscription: what is stored, then each append, woken by the store (no polling)', async (t) => {
  const store = getInMemoryEventStore();
  await append(store, 3);
  const stop = new AbortController();
  // A poll interval far beyond the test: only the store's own notification can wake it.
  const batches = followStream(store, 'followed', {
    fromRevision: 1,
    signal: stop.signal,
    pollIntervalMs: 600_000,
  })[Symbol.asyncIterator]();
  t.deepEqual(revisionsOf((await batches.next()).value as StoredEvent[]), [1, 2]);
  const next = batches.next();
  await append(store, 2);
  t.deepEqual(revisionsOf((await next).value as StoredEvent[]), [3, 4]);
  stop.abort();
  t.true((await batches.next()).done);
});

/** A store whose subscription delivers the given batches of the stream's events, by revision. */
async function storeDelivering(
  batches: readonly (readonly number[])[],
): Promise<EventStore & SubscribableStore> {
  const inner = getInMemoryEventStore();
  await append(inner, 6);
  const stored: StoredEvent[] = [];
  for await (const event of inner.readStream('followed')) stored.push(event);
  return {
    ...inner,
    async *subscribeToStream() {
      for (const batch of batches) yield batch.map((revision) => stored[revision]!);
    },
  };
}

test("followStream uses the store's own subscription, drops revisions already delivered, and delivers each once in order", async (t) => {
  const store = await storeDelivering([[0, 1], [1, 2], [2], [3, 4]]);
  const delivered: number[][] = [];
  const stop = new AbortController();
  for await (const batch of followStream(store, 'followed', {
    fromRevision: 0,
    signal: stop.signal,
  }))
    delivered.push(revisionsOf(batch));
  t.deepEqual(delivered, [[0, 1], [2], [3, 4]]);
});

test('followStream refuses a gap in what a store delivers: ASSERTION_FAILED, never a silent loss', async (t) => {
  const store = await storeDelivering([[2, 3], [5]]);
  const stop = new AbortController();
  const delivered: number[][] = [];
  const error = await t.throwsAsync(async () => {
    for await (const batch of followStream(store, 'followed', {
      fromRevision: 2,
      signal: stop.signal,
    }))
      delivered.push(revisionsOf(batch));
  });
  t.deepEqual(delivered, [[2, 3]]);
  t.true(isLedgerError(error, 'ASSERTION_FAILED'));
});
