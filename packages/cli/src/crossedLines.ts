import type { EventStore } from '@finsam-ledger/core';
import { findStoredEvents } from '@finsam-ledger/core/store';
import type { LineOfStream } from './repeatedLines.js';

/**
 * A line whose `eventId` another of the förbund's streams holds: a booking line given a
 * participant event's id, or the other way round.
 */
export interface CrossedLine {
  readonly lineNumber: number;
  readonly eventId: string;
  /** Whether the line is a participant event (and the stored event a booking). */
  readonly participant: boolean;
  /** The stored event that has the id: where it is, and its type. */
  readonly stored: {
    readonly streamId: string;
    readonly streamRevision: number;
    readonly type: string;
  };
}

/**
 * The lines whose `eventId` one of `streamIds` other than the line's own holds. The store keeps
 * ids apart per stream only (as EventStoreDB does), so without this check a line edited from a
 * participant event into a booking, its id kept, would be recorded as a new booking while the
 * participant event it was stays. Looks each stream up only for the ids of the other streams'
 * lines: through the file store's event-id index when they are few, else in one read.
 */
export async function crossedLines(
  store: EventStore,
  lines: readonly LineOfStream[],
  streamIds: readonly string[],
): Promise<CrossedLine[]> {
  const named = lines.filter(({ line }) => line.eventId !== undefined);
  const crossed: CrossedLine[] = [];
  for (const streamId of streamIds) {
    const elsewhere = new Map(
      named
        .filter((entry) => entry.streamId !== streamId)
        .map((entry) => [entry.line.eventId!, entry]),
    );
    const found = await findStoredEvents(store, streamId, new Set(elsewhere.keys()));
    for (const stored of found) {
      const entry = elsewhere.get(stored.eventId)!;
      crossed.push({
        lineNumber: entry.line.lineNumber,
        eventId: stored.eventId,
        participant: entry.participant,
        stored: { streamId, streamRevision: stored.streamRevision, type: stored.type },
      });
    }
  }
  return crossed.sort((left, right) => left.lineNumber - right.lineNumber);
}
