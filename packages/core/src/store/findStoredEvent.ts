import type { EventStore } from './EventStore.js';
import type { StoredEvent } from './EventEnvelope.js';
import { checkpointStorageOf, type CheckpointStorage } from './CheckpointStorage.js';
import { firstAsync } from '../util/asyncIterable.js';

/**
 * The stored event `eventId` of `streamId`, looked up on demand: through the store's index from
 * event id to revision when it has one (the file store), else by reading the stream. What the
 * write side does instead of keeping every event's fingerprint in memory.
 */
export async function findStoredEvent(
  store: EventStore,
  streamId: string,
  eventId: string,
): Promise<StoredEvent | undefined> {
  const storage = checkpointStorageOf(store);
  if (storage?.revisionOfEvent !== undefined) {
    const revision = await storage.revisionOfEvent(streamId, eventId);
    if (revision === undefined) return undefined;
    for await (const stored of store.readStream(streamId, { fromRevision: revision, maxCount: 1 }))
      if (stored.eventId === eventId) return stored;
  }
  for await (const stored of store.readStream(streamId))
    if (stored.eventId === eventId) return stored;
  return undefined;
}

/**
 * Limits of {@link findStoredEvents}. Both bound reads that each walk to one event: a lookup by a
 * searching store (a file store read without its saved index scans its file for the id), and a
 * read of an event found by id (a file store walks to it from the nearest seek entry, up to a
 * batch). Past either, one read of the stream costs less.
 */
const findLimits = {
  /** Ids looked up one by one when the store searches for each (`eventIdsIndexed` false). */
  searchedLookupsMax: 32,
  /** Events found by id read one by one; more are read in one pass from the first of them. */
  eventReadsMax: 32,
} as const;

/**
 * The stored events of `streamId` whose ids are among `eventIds`, in no set order: each id looked
 * up through the store's index from event id to revision when it has one (the file store) and
 * answers through an index, or the ids are few enough to search for one by one; the events found
 * read one by one, or, when many, in one read from the first of them. Without such an index, by
 * reading the stream once. For a check of ids against a stream the caller does not otherwise
 * read, such as whether a förbund's other stream holds a line's id.
 */
export async function findStoredEvents(
  store: EventStore,
  streamId: string,
  eventIds: ReadonlySet<string>,
): Promise<StoredEvent[]> {
  if (eventIds.size === 0) return [];
  const revisionOfEvent = await oneByOneLookup(store, eventIds.size);
  if (revisionOfEvent === undefined) return readAmong(store, streamId, eventIds, 0);
  const idsByRevision = new Map<number, string>();
  for (const eventId of eventIds) {
    const revision = await revisionOfEvent(streamId, eventId);
    if (revision === undefined) continue;
    // Two ids at one revision: an index that is not trusted; the stream is read instead.
    if (idsByRevision.has(revision)) return readAmong(store, streamId, eventIds, 0);
    idsByRevision.set(revision, eventId);
  }
  const found =
    idsByRevision.size > findLimits.eventReadsMax
      ? await readFoundTogether(store, streamId, eventIds, idsByRevision)
      : await readFoundOneByOne(store, streamId, idsByRevision);
  // `undefined`: an event read is not the one the index put there; the stream is read instead.
  return found ?? readAmong(store, streamId, eventIds, 0);
}

/** The events at the revisions of `idsByRevision`, each read alone; `undefined` if one is not. */
async function readFoundOneByOne(
  store: EventStore,
  streamId: string,
  idsByRevision: ReadonlyMap<number, string>,
): Promise<StoredEvent[] | undefined> {
  const found: StoredEvent[] = [];
  for (const [revision, eventId] of idsByRevision) {
    const read = store.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    const stored = await firstAsync(read);
    if (stored?.eventId !== eventId) return undefined;
    found.push(stored);
  }
  return found;
}

/**
 * The events among `eventIds` from the first revision of `idsByRevision` on, in one read, each
 * event at those revisions checked to be the one the index put there; `undefined` if one is not.
 */
async function readFoundTogether(
  store: EventStore,
  streamId: string,
  eventIds: ReadonlySet<string>,
  idsByRevision: ReadonlyMap<number, string>,
): Promise<StoredEvent[] | undefined> {
  const first = [...idsByRevision.keys()].reduce((least, revision) => Math.min(least, revision));
  const found: StoredEvent[] = [];
  let confirmed = 0;
  for await (const stored of store.readStream(streamId, { fromRevision: first })) {
    const expected = idsByRevision.get(stored.streamRevision);
    if (expected !== undefined && expected !== stored.eventId) return undefined;
    if (expected !== undefined) confirmed += 1;
    if (eventIds.has(stored.eventId)) found.push(stored);
  }
  return confirmed === idsByRevision.size ? found : undefined;
}

/** The events of `streamId` from `fromRevision` on whose ids are among `eventIds`, in one read. */
async function readAmong(
  store: EventStore,
  streamId: string,
  eventIds: ReadonlySet<string>,
  fromRevision: number,
): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  const foundIds = new Set<string>();
  for await (const stored of store.readStream(streamId, { fromRevision })) {
    if (!eventIds.has(stored.eventId)) continue;
    found.push(stored);
    foundIds.add(stored.eventId);
    // A stream holds an id once: with every id found, the rest of it holds none.
    if (foundIds.size === eventIds.size) break;
  }
  return found;
}

/**
 * The store's lookup of an event's revision by id, when looking `idCount` ids up one by one costs
 * less than reading the stream once: always through an index, for a few ids by searches.
 */
async function oneByOneLookup(
  store: EventStore,
  idCount: number,
): Promise<CheckpointStorage['revisionOfEvent']> {
  const storage = checkpointStorageOf(store);
  if (storage?.revisionOfEvent === undefined) return undefined;
  const indexed = idCount <= findLimits.searchedLookupsMax || (await storage.eventIdsIndexed?.());
  return indexed === true ? storage.revisionOfEvent.bind(storage) : undefined;
}
