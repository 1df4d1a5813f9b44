import test from 'ava';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';
import { makeTestEvents } from '../testing/eventStoreConformance.js';
import type { CheckpointStorage } from './CheckpointStorage.js';
import type { EventStore } from './EventStore.js';
import { findStoredEvent, findStoredEvents } from './findStoredEvent.js';

/** 40 events in stream `a`, 3 in `b`, on a store in memory. */
async function storeOfTwoStreams() {
  const store = getInMemoryEventStore();
  const a = makeTestEvents(40);
  const b = makeTestEvents(3);
  await store.appendToStream('a', a)();
  await store.appendToStream('b', b)();
  return { store, a, b };
}

/**
 * `store` with an event-id index that counts its lookups, as the file store's is used: one that
 * says it answers through an index (`eventIdsIndexed`, a writer's) or one that searches.
 */
function withCountingIndex(store: EventStore, indexedLookups = false) {
  const counts = { lookups: 0, reads: 0 };
  const readsFrom: number[] = [];
  const revisions = new Map<string, number>();
  type Lookups = Pick<CheckpointStorage, 'revisionOfEvent' | 'eventIdsIndexed'>;
  const indexed: EventStore & { checkpoints: Lookups } = {
    appendToStream: (...args) => store.appendToStream(...args),
    readAll: (...args) => store.readAll(...args),
    readStream: (...args) => {
      counts.reads += 1;
      readsFrom.push(args[1]?.fromRevision ?? 0);
      return store.readStream(...args);
    },
    close: () => store.close(),
    checkpoints: {
      revisionOfEvent: async (streamId, eventId) => {
        counts.lookups += 1;
        if (revisions.size === 0)
          for await (const event of store.readAll())
            revisions.set(`${event.streamId} ${event.eventId}`, event.streamRevision);
        return revisions.get(`${streamId} ${eventId}`);
      },
      eventIdsIndexed: async () => indexedLookups,
    },
  };
  return { indexed: indexed as unknown as EventStore, counts, readsFrom };
}

test('findStoredEvents gives the events of the stream among the ids, never those of another stream', async (t) => {
  const { store, a, b } = await storeOfTwoStreams();
  const ids = new Set([a[3]!.eventId, a[39]!.eventId, b[0]!.eventId, 'not-stored']);
  const found = await findStoredEvents(store, 'a', ids);
  t.deepEqual(
    found.map((event) => [event.streamId, event.streamRevision, event.eventId]),
    [
      ['a', 3, a[3]!.eventId],
      ['a', 39, a[39]!.eventId],
    ],
  );
  t.deepEqual(await findStoredEvents(store, 'b', new Set([a[0]!.eventId])), []);
  t.deepEqual(await findStoredEvents(store, 'missing', ids), []);
  t.is((await findStoredEvent(store, 'b', b[2]!.eventId))?.streamRevision, 2);
});

test('findStoredEvents looks a few ids up through the index, and reads the stream once for many', async (t) => {
  const { store, a, b } = await storeOfTwoStreams();
  const few = withCountingIndex(store);
  const someIds = new Set([a[5]!.eventId, b[1]!.eventId]);
  const found = await findStoredEvents(few.indexed, 'b', someIds);
  t.deepEqual(
    found.map((event) => event.streamRevision),
    [1],
  );
  t.deepEqual(few.counts, { lookups: 2, reads: 1 }, 'a lookup each, a read of the one found');

  const many = withCountingIndex(store);
  const allIds = new Set(a.map((event) => event.eventId));
  const everyOne = await findStoredEvents(many.indexed, 'a', allIds);
  t.is(everyOne.length, 40);
  t.deepEqual(many.counts, { lookups: 0, reads: 1 }, 'one read of the stream for 40 ids');
});

test('findStoredEvents looks every id up, however many, when the store answers through an index, and reads many found events in one pass from the first', async (t) => {
  const { store, a } = await storeOfTwoStreams();
  const few = withCountingIndex(store, true);
  const someIds = new Set([a[7]!.eventId, a[30]!.eventId, 'not-stored']);
  const fewFound = await findStoredEvents(few.indexed, 'a', someIds);
  t.deepEqual(
    fewFound.map((event) => event.streamRevision),
    [7, 30],
  );
  t.deepEqual(few.counts, { lookups: 3, reads: 2 }, 'a lookup each, a read of each one found');

  const many = withCountingIndex(store, true);
  const fromFifth = a.slice(5).map((event) => event.eventId);
  const ids = new Set([...fromFifth, ...Array.from({ length: 40 }, (_, index) => `new-${index}`)]);
  const found = await findStoredEvents(many.indexed, 'a', ids);
  t.deepEqual(
    found.map((event) => event.eventId),
    fromFifth,
  );
  t.deepEqual(many.counts, { lookups: 75, reads: 1 }, '75 ids looked up, 35 found: one read');
  t.deepEqual(many.readsFrom, [5], 'from the first found');
});

test('findStoredEvents does not trust an index that points elsewhere: the stream is read instead', async (t) => {
  const { store, a } = await storeOfTwoStreams();
  // Every id at revision 0: wrong for all but the first event.
  const misled = {
    ...store,
    checkpoints: { revisionOfEvent: async () => 0, eventIdsIndexed: async () => true },
  } as unknown as EventStore;
  const one = await findStoredEvents(misled, 'a', new Set([a[9]!.eventId]));
  t.deepEqual(
    one.map((event) => event.streamRevision),
    [9],
  );
  const two = await findStoredEvents(misled, 'a', new Set([a[3]!.eventId, a[9]!.eventId]));
  t.deepEqual(
    two.map((event) => event.streamRevision),
    [3, 9],
  );
  // Two ids at revision 3, one of them rightly: the one read there would pass for both.
  const atThree = {
    ...store,
    checkpoints: { revisionOfEvent: async () => 3, eventIdsIndexed: async () => true },
  } as unknown as EventStore;
  const shared = await findStoredEvents(atThree, 'a', new Set([a[9]!.eventId, a[3]!.eventId]));
  t.deepEqual(
    shared.map((event) => event.streamRevision).sort((left, right) => left - right),
    [3, 9],
  );
  // 39 found, each put one revision too high (the last said not stored): read in one pass from
  // revision 1, which holds other events than the index says, and not trusted either.
  const revisions = new Map(a.slice(0, 39).map((event, revision) => [event.eventId, revision + 1]));
  const shifted = {
    ...store,
    checkpoints: {
      revisionOfEvent: async (_streamId: string, eventId: string) => revisions.get(eventId),
      eventIdsIndexed: async () => true,
    },
  } as unknown as EventStore;
  const all = await findStoredEvents(shifted, 'a', new Set(a.map((event) => event.eventId)));
  t.is(all.length, 40);
});

test('findStoredEvents without an index stops reading once every id is found, and a stream yielding an id twice does not stop it early', async (t) => {
  const { store, a } = await storeOfTwoStreams();
  const eventsRead: string[] = [];
  const counting: EventStore = {
    ...store,
    appendToStream: (...args) => store.appendToStream(...args),
    readAll: (...args) => store.readAll(...args),
    close: () => store.close(),
    readStream: async function* (...args) {
      for await (const event of store.readStream(...args)) {
        eventsRead.push(event.eventId);
        yield event;
      }
    },
  };
  const wanted = new Set([a[3]!.eventId, a[7]!.eventId]);
  const found = await findStoredEvents(counting, 'a', wanted);
  t.deepEqual(
    found.map((event) => event.streamRevision).sort((x, y) => x - y),
    [3, 7],
  );
  t.is(eventsRead.length, 8, 'read up to the last id found, not the 40 of the stream');
  // A store that yields an event twice (not one of ours): the read goes on to the other id.
  const first = (await findStoredEvents(store, 'a', new Set([a[3]!.eventId])))[0]!;
  const repeating: EventStore = {
    ...counting,
    readStream: async function* () {
      yield first;
      yield first;
      yield* store.readStream('a', { fromRevision: 4 });
    },
  };
  const both = await findStoredEvents(repeating, 'a', wanted);
  t.true(
    both.some((event) => event.eventId === a[7]!.eventId),
    'the second id is found too',
  );
});
