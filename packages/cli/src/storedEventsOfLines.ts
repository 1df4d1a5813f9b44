import type { EventStore, StoredEvent } from '@finsam-ledger/core';
import { findStoredEvents } from '@finsam-ledger/core/store';
import type { LineOfStream } from './repeatedLines.js';

/** A line that gives an `eventId` its stream holds, with the stored event. */
export interface LineWithStoredEvent {
  readonly entry: LineOfStream;
  readonly stored: StoredEvent;
}

/**
 * The lines whose `eventId` their own stream holds, each with the stored event, in no set order:
 * looked up one by one through the file store's event-id index (a writer's, or the one a reader
 * loads from beside the file), else, for more than a few ids, in one read of each stream; many
 * events found are read in one pass from the first (`findStoredEvents`). What a changed line
 * and a restated line are both told from.
 */
export async function storedEventsOfLines(
  store: EventStore,
  lines: readonly LineOfStream[],
): Promise<LineWithStoredEvent[]> {
  const named = lines.filter(({ line }) => line.eventId !== undefined);
  const found: LineWithStoredEvent[] = [];
  for (const streamId of new Set(named.map((entry) => entry.streamId))) {
    const byId = new Map(
      named
        .filter((entry) => entry.streamId === streamId)
        .map((entry) => [entry.line.eventId!, entry]),
    );
    for (const stored of await findStoredEvents(store, streamId, new Set(byId.keys())))
      found.push({ entry: byId.get(stored.eventId)!, stored });
  }
  return found;
}
