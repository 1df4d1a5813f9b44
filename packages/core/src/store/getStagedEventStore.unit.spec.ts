import test from 'ava';
import * as E from 'fp-ts/Either';
import { checkpointingMemoryStore } from '../checkpoints/memoryCheckpointStorage.testSupport.js';
import { ok } from '../checkpoints/ok.testSupport.js';
import { createLedger } from '../facade/createLedger.js';
import { ingåendeBalans2021, testMetadata } from '../testing/bookkeepingFixtures.js';
import { makeTestEvents, registerEventStoreConformance } from '../testing/eventStoreConformance.js';
import { collectAsync } from '../util/asyncIterable.js';
import type { StoredEvent } from './EventEnvelope.js';
import type { EventStore, ReadAllOptions, ReadStreamOptions } from './EventStore.js';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';
import { getStagedEventStore } from './getStagedEventStore.js';
import { checkpointStorageOf } from './CheckpointStorage.js';
import { findStoredEvents } from './findStoredEvent.js';
import { streamEndOf } from './streamEndOf.js';

// The suite's cases each take a new, empty store: here a staged store on an empty base. What a
// base with events changes (revisions and positions continued, refusals by the base's events)
// is specified below.
registerEventStoreConformance(
  (name, run) =>
    test(name, async (t) => {
      await run();
      t.pass();
    }),
  { create: async () => getStagedEventStore(getInMemoryEventStore()) },
);

const appended = async (store: EventStore, streamId: string, count: number) => {
  const events = makeTestEvents(count);
  const result = await store.appendToStream(streamId, events)();
  if (E.isLeft(result)) throw result.left;
  return events;
};

test("a stream's end is found by reads of one event each", async (t) => {
  const store = getInMemoryEventStore();
  const reads: { fromRevision: number; maxCount?: number }[] = [];
  t.deepEqual(await streamEndOf(noted(store, reads), 'a'), { length: 0, last: undefined });
  for (let batch = 0; batch < 37; batch += 1) {
    await appended(store, 'a', 1 + (batch % 3));
    await appended(store, 'b', 1);
  }
  // 37 batches of 1, 2 or 3 to a: 73 events; 37 of 1 to b.
  const [lastOfA] = await collectAsync(store.readStream('a', { fromRevision: 72 }));
  t.deepEqual(await streamEndOf(noted(store, reads), 'a'), { length: 73, last: lastOfA });
  t.is((await streamEndOf(store, 'b')).length, 37);
  t.is((await streamEndOf(store, 'c')).length, 0);
  t.true(reads.every(({ maxCount }) => maxCount === 1));
  t.true(reads.length <= 2 + 2 * Math.ceil(Math.log2(73)), `${reads.length} reads`);
});

test("a stream's end is confirmed in two reads at the length the store's index says, and searched for when the hint is wrong", async (t) => {
  const store = getInMemoryEventStore();
  await appended(store, 'a', 50);
  const [lastOfA] = await collectAsync(store.readStream('a', { fromRevision: 49 }));
  for (const [hint, readsAtMost] of [
    [50, 2],
    [30, 2 + 2 + 2 * Math.ceil(Math.log2(50))],
    [80, 2 + 2 + 2 * Math.ceil(Math.log2(50))],
    [undefined, 2 + 2 * Math.ceil(Math.log2(50))],
  ] as const) {
    const reads: { fromRevision: number; maxCount?: number }[] = [];
    const hinted = {
      ...noted(store, reads),
      checkpoints: { streamLengthHint: async () => hint },
    } as unknown as EventStore;
    t.deepEqual(await streamEndOf(hinted, 'a'), { length: 50, last: lastOfA }, `hint ${hint}`);
    t.true(reads.length <= readsAtMost, `hint ${hint}: ${reads.length} reads`);
    if (hint === 50)
      t.deepEqual(reads, [
        { fromRevision: 49, maxCount: 1 },
        { fromRevision: 50, maxCount: 1 },
      ]);
  }
});

/**
 * A store whose global positions are sparse, as EventStoreDB's byte offsets are (the in-memory
 * store's position p is shown as 1 000 × p + 7), and which refuses to read `$all` from anything
 * but an event's position or one past it, as EventStoreDB does.
 */
function sparseStore(inner: EventStore): EventStore {
  const shown = (event: StoredEvent): StoredEvent => ({
    ...event,
    globalPosition: event.globalPosition * 1_000 + 7,
  });
  return {
    appendToStream: inner.appendToStream,
    async *readStream(streamId, options) {
      for await (const event of inner.readStream(streamId, options)) yield shown(event);
    },
    async *readAll(options: ReadAllOptions = {}) {
      const position = options.fromPosition ?? 0;
      const boundary = position === 0 || (position - 7) % 1_000 <= 1;
      if (!boundary) throw new Error(`Invalid position ${position}: not the start of a record`);
      const fromPosition = Math.ceil((position - 7) / 1_000);
      for await (const event of inner.readAll({ ...options, fromPosition })) yield shown(event);
    },
    close: inner.close,
  };
}

test('on a base with sparse positions that reads $all from record boundaries only, staged events come after its own', async (t) => {
  const inner = getInMemoryEventStore();
  await appended(inner, 's', 3);
  const staged = getStagedEventStore(sparseStore(inner));
  await appended(staged, 's', 2);
  const all = await collectAsync(staged.readAll());
  t.deepEqual(
    all.map((event) => event.globalPosition),
    [7, 1_007, 2_007, 2 ** 52, 2 ** 52 + 1],
  );
  const resumed = await collectAsync(staged.readAll({ fromPosition: 2_008 }));
  t.deepEqual(
    resumed.map((event) => event.streamRevision),
    [3, 4],
  );
});

test('staged events continue the base: its revisions, its positions, its stamps; the base is left as it was', async (t) => {
  const base = getInMemoryEventStore({ clock: () => new Date('2026-01-10T09:00:00.000Z') });
  const stored = await appended(base, 'bokforing-x', 3);
  await appended(base, 'deltagare-x', 2);
  const staged = getStagedEventStore(base, { clock: () => new Date('2026-01-01T00:00:00.000Z') });
  const result = await staged.appendToStream('bokforing-x', makeTestEvents(2), {
    expectedRevision: 2,
  })();
  t.deepEqual(result, E.right({ nextExpectedRevision: 4, alreadyStored: false }));
  const stream = await collectAsync(staged.readStream('bokforing-x'));
  t.deepEqual(
    stream.map((event) => [event.streamRevision, event.globalPosition]),
    [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 2 ** 52],
      [4, 2 ** 52 + 1],
    ],
  );
  t.deepEqual(
    stream.slice(0, 3).map((event) => event.eventId),
    stored.map((event) => event.eventId),
  );
  // The clock went back: a staged stamp is never earlier than the base's last.
  t.is(stream[4]!.storedAt, '2026-01-10T09:00:00.000Z');
  t.is((await collectAsync(staged.readAll())).length, 7);
  t.is((await collectAsync(base.readAll())).length, 5, 'the base holds its five events only');
  const tail = await collectAsync(
    staged.readStream('bokforing-x', { fromRevision: 2, maxCount: 2 }),
  );
  t.deepEqual(
    tail.map((event) => event.streamRevision),
    [2, 3],
  );
  const fromPosition = await collectAsync(staged.readAll({ fromPosition: 4, maxCount: 2 }));
  t.deepEqual(
    fromPosition.map((event) => event.globalPosition),
    [4, 2 ** 52],
  );
});

test('a staged append is refused as the base would refuse it: a stale revision, an id stored in the base for other content', async (t) => {
  const base = getInMemoryEventStore();
  const [first] = await appended(base, 's', 2);
  const staged = getStagedEventStore(base);
  const stale = await staged.appendToStream('s', makeTestEvents(1), { expectedRevision: 0 })();
  t.is(E.isLeft(stale) ? stale.left.code : undefined, 'CONCURRENCY_CONFLICT');
  const reused = await staged.appendToStream('s', [{ ...first!, data: { other: true } }])();
  t.is(E.isLeft(reused) ? reused.left.code : undefined, 'EVENT_ID_CONFLICT');
  const again = await staged.appendToStream('s', [first!])();
  t.deepEqual(again, E.right({ nextExpectedRevision: 1, alreadyStored: true }));
  t.is((await collectAsync(staged.readStream('s'))).length, 2, 'nothing was staged');
});

test("the staged store sees each stream as it was when it first read it: another writer's later events are not seen", async (t) => {
  const base = getInMemoryEventStore();
  await appended(base, 's', 2);
  const staged = getStagedEventStore(base);
  t.is((await collectAsync(staged.readStream('s'))).length, 2);
  await appended(base, 's', 3);
  await appended(base, 'other', 1);
  t.is((await collectAsync(staged.readStream('s'))).length, 2);
  t.is((await collectAsync(staged.readStream('other'))).length, 1, 'first read after its append');
  await appended(base, 'other', 1);
  t.is((await collectAsync(staged.readAll())).length, 3, "s's two and other's first");
  const result = await staged.appendToStream('s', makeTestEvents(1), { expectedRevision: 1 })();
  t.deepEqual(result, E.right({ nextExpectedRevision: 2, alreadyStored: false }));
});

test('checkpoints are read from the base and saved in memory only; a staged event has a chain hash of its own', async (t) => {
  const base = checkpointingMemoryStore();
  await appended(base, 's', 2);
  base.files.set('kept.json', 'the base’s checkpoint');
  base.files.set('dropped.json', 'another');
  const staged = getStagedEventStore(base);
  const storage = staged.checkpoints!;
  await appended(staged, 's', 1);
  t.is(await storage.read('kept.json'), 'the base’s checkpoint');
  await storage.write('new.json', 'saved while staging');
  await storage.remove('dropped.json');
  t.deepEqual([...(await storage.list())].sort(), ['kept.json', 'new.json']);
  t.is(await storage.read('dropped.json'), undefined);
  t.deepEqual([...base.files.keys()].sort(), ['dropped.json', 'kept.json']);
  t.is(await storage.chainHashAt('s', 1), await base.checkpoints.chainHashAt('s', 1));
  const stagedHash = await storage.chainHashAt('s', 2);
  t.regex(stagedHash ?? '', /^[0-9a-f]{64}$/);
  t.is(await base.checkpoints.chainHashAt('s', 2), undefined);
  t.is(await storage.chainHashAt('s', 3), undefined);
});

test('a closed staged store refuses appends and reads, and leaves its base open', async (t) => {
  const base = getInMemoryEventStore();
  await appended(base, 's', 1);
  const staged = getStagedEventStore(base);
  await staged.close();
  const result = await staged.appendToStream('s', makeTestEvents(1))();
  t.is(E.isLeft(result) ? result.left.code : undefined, 'STORE_CLOSED');
  await t.throwsAsync(collectAsync(staged.readStream('s')), { message: /closed/ });
  t.is((await collectAsync(base.readStream('s'))).length, 1);
});

const metadata = testMetadata;

/** Books with 2021 closed (its year-close checkpoints saved), on a checkpointing store. */
async function closedBooks() {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'unit' });
  await ok(ledger.record('IngåendeBalansRegistrerad', ingåendeBalans2021, { metadata }));
  for (let month = 1; month <= 9; month += 1)
    await ok(ledger.record('KostnadBokförd', costOf(`2021-0${month}-15`, '100.00'), { metadata }));
  await ok(ledger.closeYear(2021, '2022-02-15', { metadata }));
  await store.idle();
  return store;
}

const costOf = (datum: string, belopp: string) => ({
  datum,
  område: 'operativa' as const,
  post: 'Post',
  belopp,
  moms: '0.00',
  text: 'Kostnad',
  betalning: { sätt: 'bank' as const },
});

/** `store` with its stream reads noted in `reads` (where each began, how many it asked for). */
function noted(store: EventStore, reads: { fromRevision: number; maxCount?: number }[]) {
  return {
    ...store,
    readStream(streamId: string, options: ReadStreamOptions = {}) {
      reads.push({ fromRevision: options.fromRevision ?? 0, maxCount: options.maxCount });
      return store.readStream(streamId, options);
    },
  };
}

test("a ledger on a staged store starts from the base's year-close checkpoint, and the base keeps what it held", async (t) => {
  const base = await closedBooks();
  const baseEvents = await collectAsync(base.readAll());
  const baseReads: { fromRevision: number; maxCount?: number }[] = [];
  const ledgerReads: { fromRevision: number; maxCount?: number }[] = [];
  const staged = getStagedEventStore(noted(base, baseReads));
  const ledger = createLedger({ store: noted(staged, ledgerReads), förbundId: 'unit' });
  await ok(ledger.record('KostnadBokförd', costOf('2022-03-01', '250.00'), { metadata }));
  const report = await ledger.annualReport(2022);
  const result = report.resultaträkning.rows.find((row) => row.key === 'årets-resultat')!;
  t.deepEqual(
    result.amounts.map(String),
    ['-250.00', '-900.00'],
    'the result of 2022 beside that of 2021',
  );
  // The close is at revision 10: the ledger read on from 11, never the stream from its start. The
  // staged store read the base's stream once to index its ids (its 11 events), and otherwise one
  // event at a time (to find its end, and an id's candidates).
  t.true(ledgerReads.length > 0);
  t.true(
    ledgerReads.every(({ fromRevision }) => fromRevision >= 11),
    JSON.stringify(ledgerReads),
  );
  t.deepEqual(
    baseReads.filter(({ maxCount }) => maxCount !== 1),
    [{ fromRevision: 0, maxCount: 11 }],
  );
  await staged.close();
  t.deepEqual(await collectAsync(base.readAll()), baseEvents);
});

/**
 * `base` with an index from event id to revision that notes each lookup in `lookups` and says it
 * answers through an index (`indexed`, a file store's writer) or by a search (a reader's).
 */
function withLookups(
  base: ReturnType<typeof checkpointingMemoryStore>,
  { lookups, indexed }: { lookups: string[]; indexed: boolean },
) {
  return {
    ...base,
    checkpoints: {
      ...base.checkpoints,
      async revisionOfEvent(streamId: string, eventId: string) {
        lookups.push(eventId);
        for await (const event of base.readStream(streamId))
          if (event.eventId === eventId) return event.streamRevision;
        return undefined;
      },
      eventIdsIndexed: async () => indexed,
    },
  };
}

test('a base that answers ids through an index is asked each id, and its stream is never read whole', async (t) => {
  const base = checkpointingMemoryStore();
  const [first] = await appended(base, 's', 20);
  const lookups: string[] = [];
  const reads: { fromRevision: number; maxCount?: number }[] = [];
  const staged = getStagedEventStore(noted(withLookups(base, { lookups, indexed: true }), reads));
  const again = await staged.appendToStream('s', [first!])();
  t.deepEqual(again, E.right({ nextExpectedRevision: 19, alreadyStored: true }));
  for (let append = 0; append < 11; append += 1) await appended(staged, 's', 1);
  t.is(lookups.length, 12, 'the stored id and eleven new');
  t.deepEqual(
    reads.filter(({ maxCount }) => maxCount !== 1),
    [],
  );
  const reused = await staged.appendToStream('s', [{ ...first!, data: { other: true } }])();
  t.is(E.isLeft(reused) ? reused.left.code : undefined, 'EVENT_ID_CONFLICT', 'found by lookup');
});

test("the first ids are looked up through a base's search; after them the base's stream is read once, not once an append", async (t) => {
  const base = checkpointingMemoryStore();
  const [first] = await appended(base, 's', 20);
  const lookups: string[] = [];
  const reads: { fromRevision: number; maxCount?: number }[] = [];
  const staged = getStagedEventStore(noted(withLookups(base, { lookups, indexed: false }), reads));
  const again = await staged.appendToStream('s', [first!])();
  t.deepEqual(again, E.right({ nextExpectedRevision: 19, alreadyStored: true }));
  for (let append = 0; append < 11; append += 1) await appended(staged, 's', 1);
  t.is(lookups.length, 8, 'eight ids searched for: the stored one and seven new');
  t.deepEqual(
    reads.filter(({ maxCount }) => maxCount !== 1),
    [{ fromRevision: 0, maxCount: 20 }],
  );
  const reused = await staged.appendToStream('s', [{ ...first!, data: { other: true } }])();
  t.is(E.isLeft(reused) ? reused.left.code : undefined, 'EVENT_ID_CONFLICT', 'found in the read');
  t.is((await collectAsync(staged.readStream('s'))).length, 31);
});

test("on a base that answers ids through an index, a stored id's revision is the index's answer alone: the event is read only by whoever asked, once", async (t) => {
  const base = checkpointingMemoryStore();
  const events = await appended(base, 's', 40);
  const lookups: string[] = [];
  const reads: { fromRevision: number; maxCount?: number }[] = [];
  const staged = getStagedEventStore(noted(withLookups(base, { lookups, indexed: true }), reads));
  const revisionOf = checkpointStorageOf(staged)!.revisionOfEvent!;
  t.is(await revisionOf('s', events[3]!.eventId), 3, 'the stream is read to its end first');
  const [stagedEvent] = await appended(staged, 's', 1);
  const [late] = await appended(base, 's', 1);
  reads.length = 0;
  lookups.length = 0;

  t.is(await revisionOf('s', events[7]!.eventId), 7);
  t.is(await revisionOf('s', stagedEvent!.eventId), 40, 'a staged event, from memory');
  t.is(
    await revisionOf('s', late!.eventId),
    undefined,
    "after the stream's end as the staged store saw it",
  );

  t.deepEqual(reads, [], 'no read of the base');
  t.deepEqual(lookups, [events[7]!.eventId, late!.eventId]);
  const found = await findStoredEvents(staged, 's', new Set([events[9]!.eventId]));
  t.deepEqual(
    found.map((event) => event.eventId),
    [events[9]!.eventId],
  );
  t.deepEqual(reads, [{ fromRevision: 9, maxCount: 1 }], 'the finder read the event, once');
});
