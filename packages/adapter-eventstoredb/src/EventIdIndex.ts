import { createHash } from 'node:crypto';
import { type NewEvent } from '@finsam-ledger/core';
import { assert, eventFingerprint } from '@finsam-ledger/core/store';

/** Limits of the {@link EventIdIndex}. */
export const eventIdIndexLimits = {
  /** About 100 bytes per event id: some 10 MB. */
  eventsMaxDefault: 100_000,
  eventsMaxMax: 10_000_000,
} as const;

interface StreamEntry {
  /** The last revision indexed. */
  known: number | undefined;
  /** eventId → hash of its fingerprint; `null` once the stream alone outgrew the index. */
  hashes: Map<string, string> | null;
}

/**
 * What the adapter knows of the event ids already stored in each stream, so that an append
 * reads only the events written since its last look, not the whole stream.
 *
 * Sound because ledger streams only grow: an event at a revision never changes, and every
 * append of this adapter is conditional on the exact revision it looked at. It keeps a
 * 128-bit hash of each event's fingerprint (type, schema version, data), not the data.
 *
 * Bounded: over `eventsMax` ids in all, the least recently used streams are forgotten (and
 * read again in full when next appended to). A stream that alone holds more than `eventsMax`
 * events is not indexed at all: each append to it reads it whole (the cost is then one read
 * of the stream per append; memory stays bounded by the batch).
 */
export class EventIdIndex {
  private readonly streams = new Map<string, StreamEntry>();
  private eventsIndexed = 0;

  constructor(private readonly eventsMax: number = eventIdIndexLimits.eventsMaxDefault) {
    assert(
      Number.isSafeInteger(eventsMax) &&
        eventsMax >= 1 &&
        eventsMax <= eventIdIndexLimits.eventsMaxMax,
      `eventIdIndexEventsMax must be 1 to ${eventIdIndexLimits.eventsMaxMax}`,
      { eventsMax },
    );
  }

  /** The hash the index keeps for a fingerprint. */
  static hash(fingerprint: string): string {
    return createHash('sha256').update(fingerprint, 'utf8').digest('base64url').slice(0, 22);
  }

  /**
   * The last revision of `streamName` the index holds, or `undefined` when it must be read from the
   * start.
   */
  knownThroughRevision(streamName: string): number | undefined {
    const entry = this.touch(streamName);
    return entry?.hashes === null ? undefined : entry?.known;
  }

  /** The stored fingerprint hash of `eventId` in `streamName`, if indexed. */
  lookup(streamName: string, eventId: string): string | undefined {
    return this.streams.get(streamName)?.hashes?.get(eventId);
  }

  /** Records a stored event; revisions must come in order. */
  record(streamName: string, eventId: string, fingerprintHash: string, revision: number): void {
    let entry = this.streams.get(streamName);
    if (entry === undefined) {
      entry = { known: undefined, hashes: new Map() };
      this.streams.set(streamName, entry);
    }
    if (entry.hashes === null) return;
    assert(revision === (entry.known ?? -1) + 1, 'the index records revisions in order', {
      streamName,
      revision,
      known: entry.known,
    });
    entry.hashes.set(eventId, fingerprintHash);
    entry.known = revision;
    this.eventsIndexed += 1;
    if (entry.hashes.size > this.eventsMax) {
      this.eventsIndexed -= entry.hashes.size;
      entry.hashes = null;
      entry.known = undefined;
    }
    this.evict(streamName);
  }

  /**
   * Records a batch the adapter appended right after `previous` (undefined: the stream was new).
   */
  recordAppended(
    streamName: string,
    previous: number | undefined,
    events: readonly NewEvent[],
  ): void {
    const entry = this.streams.get(streamName);
    // Only extend what is known without a gap; otherwise the next append reads the stream.
    if (
      previous !== undefined &&
      (entry === undefined || entry.hashes === null || entry.known !== previous)
    )
      return;
    events.forEach((event, offset) =>
      this.record(
        streamName,
        event.eventId,
        EventIdIndex.hash(eventFingerprint(event)),
        (previous ?? -1) + 1 + offset,
      ),
    );
  }

  /** Forgets everything. */
  clear(): void {
    this.streams.clear();
    this.eventsIndexed = 0;
  }

  private touch(streamName: string): StreamEntry | undefined {
    const entry = this.streams.get(streamName);
    if (entry !== undefined) {
      // Map keeps insertion order: re-inserting makes this the most recently used stream.
      this.streams.delete(streamName);
      this.streams.set(streamName, entry);
    }
    return entry;
  }

  private evict(keep: string): void {
    for (const [streamName, entry] of this.streams) {
      if (this.eventsIndexed <= this.eventsMax) return;
      if (streamName === keep) continue;
      this.eventsIndexed -= entry.hashes?.size ?? 0;
      this.streams.delete(streamName);
    }
  }
}
