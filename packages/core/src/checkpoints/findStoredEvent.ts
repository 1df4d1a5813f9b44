import type { EventStore } from '../store/EventStore.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { checkpointStorageOf } from '../store/CheckpointStorage.js';

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
