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
 * The ids {@link findStoredEvents} looks up one by one, at most: a store opened for reading has
 * no index in memory and searches its file for each id, so many ids are cheaper in one read.
 */
const lookupsMax = 32;

/**
 * The stored events of `streamId` whose ids are among `eventIds`, in no set order: through the
 * store's index from event id to revision when it has one (the file store) and the ids are few,
 * one lookup per id, else by reading the stream once. For a check of ids against a stream the
 * caller does not otherwise read, such as whether a förbund's other stream holds a line's id.
 */
export async function findStoredEvents(
  store: EventStore,
  streamId: string,
  eventIds: ReadonlySet<string>,
): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  if (eventIds.size === 0) return found;
  if (eventIds.size <= lookupsMax && checkpointStorageOf(store)?.revisionOfEvent !== undefined) {
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
