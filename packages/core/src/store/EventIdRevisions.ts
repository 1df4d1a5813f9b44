import { assert } from '../error.js';
import type { EventStore } from './EventStore.js';

/**
 * A 32-bit digest of an event id: the XOR of its four 32-bit groups of hex digits. Ids are
 * UUIDs, whose random bits (version 4) or random tail (version 7) spread the digests; an id
 * that is no UUID digests to something all the same, and a digest only ever picks candidates
 * that are then compared whole.
 */
function idDigest(eventId: string): number {
  const hex = eventId.replaceAll('-', '');
  let digest = 0;
  for (let start = 0; start < hex.length; start += 8)
    digest ^= Number.parseInt(hex.slice(start, start + 8), 16);
  return digest >>> 0;
}

/** A digest sits above the revision in one 64-bit entry: 32 bits each. */
const digestShift = 32n;
const revisionMask = 0xffff_ffffn;
const revisionsMax = 2 ** 32;

/**
 * Where the events of one stream are, by id, in 8 bytes an event: each entry is an id's digest
 * and the event's revision, sorted, so that the revisions an id may be at are found by a binary
 * search, and the event read there says whether it is the one. What a staged store asks of its
 * base for every id appended, where a stream of a million events would otherwise be read once
 * per append, or held in memory whole.
 */
export class EventIdRevisions {
  private constructor(private readonly entries: BigUint64Array) {}

  /** Reads the first `length` events of `streamId` once. */
  static async of(store: EventStore, streamId: string, length: number): Promise<EventIdRevisions> {
    assert(length <= revisionsMax, `a stream indexed by id holds at most ${revisionsMax} events`);
    const entries = new BigUint64Array(length);
    let count = 0;
    for await (const event of store.readStream(streamId, { maxCount: length })) {
      assert(event.streamRevision === count, 'a stream is read in revision order');
      entries[count] = (BigInt(idDigest(event.eventId)) << digestShift) | BigInt(count);
      count += 1;
    }
    assert(count === length, `the stream holds the ${length} events it was said to`);
    return new EventIdRevisions(entries.sort());
  }

  /** The revisions the event `eventId` may be at (none, almost always, for a new id). */
  candidates(eventId: string): number[] {
    const digest = BigInt(idDigest(eventId));
    let low = 0;
    let high = this.entries.length;
    const first = digest << digestShift;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]! < first) low = middle + 1;
      else high = middle;
    }
    const revisions: number[] = [];
    for (let index = low; index < this.entries.length; index += 1) {
      const entry = this.entries[index]!;
      if (entry >> digestShift !== digest) break;
      revisions.push(Number(entry & revisionMask));
    }
    return revisions;
  }
}
