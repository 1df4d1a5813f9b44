import type { EventStore } from './EventStore.js';
import type { StoredEvent } from './EventEnvelope.js';
import { checkpointStorageOf } from './CheckpointStorage.js';

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
 * The ids {@link findStoredEvents} looks up one by one, at most, when the store searches its
 * records for each (`CheckpointStorage.eventIdsIndexed`): many ids are cheaper in one read.
 */
const searchedLookupsMax = 32;

/**
 * The stored events of `streamId` whose ids are among `eventIds`, in no set order: one lookup
 * per id through the store's index from event id to revision when it has one (the file store),
 * or when the ids are few enough to search for one by one, else by reading the stream once. For
 * a check of ids against a stream the caller does not otherwise read, such as whether a
 * förbund's other stream holds a line's id.
 */
export async function findStoredEvents(
  store: EventStore,
  streamId: string,
  eventIds: ReadonlySet<string>,
): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  if (eventIds.size === 0) return found;
  if (await looksUpOneByOne(store, eventIds.size)) {
    for (const eventId of eventIds) {
      const stored = await findStoredEvent(store, streamId, eventId);
      if (stored !== undefined) found.push(stored);
    }
    return found;
  }
  for await (const stored of store.readStream(streamId))
    if (eventIds.has(stored.eventId)) found.push(stored);
  return found;
}

/** True when looking `idCount` ids up one by one costs less than reading the stream once. */
async function looksUpOneByOne(store: EventStore, idCount: number): Promise<boolean> {
  const storage = checkpointStorageOf(store);
  if (storage?.revisionOfEvent === undefined) return false;
  return idCount <= searchedLookupsMax || ((await storage.eventIdsIndexed?.()) ?? false);
}
