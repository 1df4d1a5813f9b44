import { sha256Hex } from './hashChain.js';

/**
 * Where a stored event is: the byte offset of its record and its stream revision. Derived data:
 * whoever uses a place reads the record there and checks that it is the event asked for.
 */
export interface EventPlace {
  readonly offsetBytes: number;
  readonly revision: number;
}

/**
 * Bytes of one entry of the sorted part: the event id's 16 bytes, the record's offset (48 bits),
 * the stream's ordinal (32 bits), the revision (32 bits) and two bytes of padding.
 */
export const eventIdEntryBytes = 32;

const keyBytes = 16;
const offsetAt = 16;
const ordinalAt = 22;
const revisionAt = 26;
/** Entries are sorted by their key and offset: the first 22 bytes. */
const sortBytes = 22;

/**
 * The 16 bytes an event id is sorted and found by: a UUID's own bytes (every id the core
 * accepts), the first 16 bytes of its SHA-256 for anything else (a lookup reads the record and
 * compares the id, so a shared key is never mistaken for the event).
 */
export function eventIdKeyBytes(eventId: string): Buffer {
  const key = Buffer.alloc(keyBytes);
  writeEventIdKey(eventId, key);
  return key;
}

/** Writes {@link eventIdKeyBytes} of `eventId` into the first 16 bytes of `target`. */
function writeEventIdKey(eventId: string, target: Buffer): void {
  if (writeUuidKey(eventId, target)) return;
  target.write(sha256Hex(eventId).slice(0, keyBytes * 2), 0, keyBytes, 'hex');
}

/**
 * Writes the 16 bytes of a canonical lower-case UUID, read straight from its hex digits, into
 * `target`; false (and `target` unusable) for anything else.
 */
function writeUuidKey(eventId: string, target: Buffer): boolean {
  if (eventId.length !== 36) return false;
  if (
    eventId.charCodeAt(8) !== 0x2d ||
    eventId.charCodeAt(13) !== 0x2d ||
    eventId.charCodeAt(18) !== 0x2d ||
    eventId.charCodeAt(23) !== 0x2d
  )
    return false;
  let digit = 0;
  for (let index = 0; index < 36; index += 1) {
    if (index === 8 || index === 13 || index === 18 || index === 23) continue;
    const value = hexDigitValue(eventId.charCodeAt(index));
    if (value < 0) return false;
    if (digit % 2 === 0) target[digit >> 1] = value << 4;
    else target[digit >> 1]! |= value;
    digit += 1;
  }
  return true;
}

/** The value of a lower-case hex digit, or -1. */
const hexDigitValue = (code: number): number =>
  code >= 0x30 && code <= 0x39 ? code - 0x30 : code >= 0x61 && code <= 0x66 ? code - 0x57 : -1;

/**
 * The file store's index from event id to place, per stream: a sorted part (loaded from
 * `STORE.ids` or built by a scan: 32 bytes an event, searched in place, no object per event) and
 * the events appended or read since (a map per stream, by the id's key). What the writer looks an
 * id up in, to classify a retried append and to find a corrected event's original, instead of
 * keeping every event's fingerprint in memory.
 */
export class EventIdIndex {
  private readonly ordinals = new Map<string, number>();
  /**
   * Events not in the sorted part: per stream ordinal, the event id → place. Kept by the id
   * itself, not by its key: distinct ids have distinct keys (but for a SHA-256 collision), and an
   * id's text needs no work to be looked up (its hash is already known to the engine from the
   * append's own checks), where its key would be worked out for every event appended.
   */
  private readonly recent = new Map<number, Map<string, EventPlace>>();
  /** The key of the id being looked up in the sorted part. */
  private readonly soughtKey = Buffer.alloc(keyBytes);
  private recentSize = 0;
  /**
   * The sorted part's keys, to say quickly that an id is not among them: what nearly every
   * lookup (a new id) is told, one bit read instead of a binary search of some 20 steps.
   */
  private sortedFilter: KeyFilter;

  constructor(
    private sorted: Buffer = Buffer.alloc(0),
    readonly streamIds: string[] = [],
  ) {
    streamIds.forEach((streamId, ordinal) => this.ordinals.set(streamId, ordinal));
    this.sortedFilter = new KeyFilter(sorted);
  }

  /** Events in the sorted part. */
  get sortedCount(): number {
    return this.sorted.length / eventIdEntryBytes;
  }

  /** Events added since the sorted part was made. */
  get recentCount(): number {
    return this.recentSize;
  }

  /** The sorted part's bytes (what `STORE.ids` holds after its header). */
  get sortedBytes(): Buffer {
    return this.sorted;
  }

  /** The place of `eventId` in `streamId`, if the index has it. */
  find(streamId: string, eventId: string): EventPlace | undefined {
    const ordinal = this.ordinals.get(streamId);
    if (ordinal === undefined) return undefined;
    const recent = this.recent.get(ordinal)?.get(eventId);
    if (recent !== undefined || this.sorted.length === 0) return recent;
    writeEventIdKey(eventId, this.soughtKey);
    if (!this.sortedFilter.mayHold(this.soughtKey)) return undefined;
    return this.findSorted(this.soughtKey, ordinal);
  }

  /** Adds an event; `false` (and nothing added) when the stream already has the id. */
  add(streamId: string, eventId: string, place: EventPlace): boolean {
    if (this.find(streamId, eventId) !== undefined) return false;
    this.put(streamId, eventId, place);
    return true;
  }

  /** Adds an event the caller knows is new to its stream (an append the rules accepted). */
  put(streamId: string, eventId: string, place: EventPlace): void {
    const ordinal = this.ordinalOf(streamId);
    let recent = this.recent.get(ordinal);
    if (recent === undefined) {
      recent = new Map();
      this.recent.set(ordinal, recent);
    }
    const sizeBefore = recent.size;
    recent.set(eventId, place);
    this.recentSize += recent.size - sizeBefore;
  }

  /** Every entry, sorted: the sorted part merged with the recent events (for saving). */
  merged(): Buffer {
    if (this.recentSize === 0) return this.sorted;
    const added = Buffer.alloc(this.recentSize * eventIdEntryBytes);
    let index = 0;
    for (const [ordinal, recent] of this.recent) {
      for (const [eventId, place] of recent) {
        writeEntry(added, index, eventIdKeyBytes(eventId), { ordinal, ...place });
        index += 1;
      }
    }
    return mergeSorted(this.sorted, sortEntries(added));
  }

  /** Makes the recent events part of the sorted part (after they were saved). */
  compact(): void {
    this.sorted = this.merged();
    this.sortedFilter = new KeyFilter(this.sorted);
    this.recent.clear();
    this.recentSize = 0;
  }

  private ordinalOf(streamId: string): number {
    let ordinal = this.ordinals.get(streamId);
    if (ordinal === undefined) {
      ordinal = this.streamIds.length;
      this.streamIds.push(streamId);
      this.ordinals.set(streamId, ordinal);
    }
    return ordinal;
  }

  private findSorted(key: Buffer, ordinal: number): EventPlace | undefined {
    const sorted = this.sorted;
    let low = 0;
    let high = sorted.length / eventIdEntryBytes - 1;
    // The first entry whose key is not below `key`; entries of one id in several streams follow it.
    while (low <= high) {
      const middle = (low + high) >> 1;
      const start = middle * eventIdEntryBytes;
      if (key.compare(sorted, start, start + keyBytes) > 0) low = middle + 1;
      else high = middle - 1;
    }
    for (let entry = low; entry * eventIdEntryBytes < sorted.length; entry += 1) {
      const start = entry * eventIdEntryBytes;
      if (key.compare(sorted, start, start + keyBytes) !== 0) return undefined;
      if (sorted.readUInt32BE(start + ordinalAt) === ordinal)
        return {
          offsetBytes: sorted.readUIntBE(start + offsetAt, 6),
          revision: sorted.readUInt32BE(start + revisionAt),
        };
    }
    return undefined;
  }
}

/** The largest filter: 2^26 slots (8 MiB), for a sorted part of a million ids or more. */
const keyFilterSlotBitsMax = 26;

/**
 * The keys of a sorted part as a set that can only say "not in it" or "maybe": one bit per slot,
 * the slot chosen by a key's first and last four bytes (a random UUID's random bits; a hash's for
 * other ids). With 64 to 128 slots per key (fewer past a million keys), about one new id in 64 is
 * searched for in the sorted part; a clear bit proves the key absent, since every key of the part
 * set its bit when the filter was made.
 */
class KeyFilter {
  private readonly words: Uint32Array;
  private readonly shift: number;

  constructor(entries: Buffer) {
    const count = entries.length / eventIdEntryBytes;
    const slotBits = Math.min(
      keyFilterSlotBitsMax,
      Math.max(5, Math.ceil(Math.log2(Math.max(count, 1) * 64))),
    );
    this.words = new Uint32Array(2 ** (slotBits - 5));
    this.shift = 32 - slotBits;
    for (let start = 0; start < entries.length; start += eventIdEntryBytes) {
      const slot = this.slotOf(entries, start);
      this.words[slot >>> 5]! |= 1 << (slot & 31);
    }
  }

  mayHold(key: Buffer): boolean {
    const slot = this.slotOf(key, 0);
    return (this.words[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }

  private slotOf(key: Buffer, start: number): number {
    return (key.readUInt32BE(start) ^ key.readUInt32BE(start + 12)) >>> this.shift;
  }
}

/** Writes entry number `index` of `target`. */
export function writeEntry(
  target: Buffer,
  index: number,
  key: Buffer,
  entry: { ordinal: number; offsetBytes: number; revision: number },
): void {
  const start = index * eventIdEntryBytes;
  key.copy(target, start, 0, keyBytes);
  target.writeUIntBE(entry.offsetBytes, start + offsetAt, 6);
  target.writeUInt32BE(entry.ordinal, start + ordinalAt);
  target.writeUInt32BE(entry.revision, start + revisionAt);
  target.writeUInt16BE(0, start + revisionAt + 4);
}

/**
 * Sorts entries by their first 22 bytes, the key and then the offset (unique per record), so
 * that the same events always give the same bytes. The four 32-bit words of each key and the
 * offset's two are read once into a typed array; the entries are then copied in sorted order.
 */
export function sortEntries(entries: Buffer): Buffer {
  const count = entries.length / eventIdEntryBytes;
  const words = new Uint32Array(count * 6);
  for (let index = 0; index < count; index += 1) {
    const start = index * eventIdEntryBytes;
    for (let word = 0; word < 4; word += 1)
      words[index * 6 + word] = entries.readUInt32BE(start + word * 4);
    words[index * 6 + 4] = entries.readUInt16BE(start + offsetAt);
    words[index * 6 + 5] = entries.readUInt32BE(start + offsetAt + 2);
  }
  const order = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) order[index] = index;
  order.sort((left, right) => {
    for (let word = 0; word < 6; word += 1) {
      const difference = words[left * 6 + word]! - words[right * 6 + word]!;
      if (difference !== 0) return difference;
    }
    return 0;
  });
  const sorted = Buffer.alloc(entries.length);
  for (let index = 0; index < count; index += 1)
    entries.copy(
      sorted,
      index * eventIdEntryBytes,
      order[index]! * eventIdEntryBytes,
      (order[index]! + 1) * eventIdEntryBytes,
    );
  return sorted;
}

/** Merges two sorted runs of entries into one. */
function mergeSorted(left: Buffer, right: Buffer): Buffer {
  const merged = Buffer.alloc(left.length + right.length);
  let leftAt = 0;
  let rightAt = 0;
  let at = 0;
  while (leftAt < left.length && rightAt < right.length) {
    const takeLeft =
      left.compare(right, rightAt, rightAt + sortBytes, leftAt, leftAt + sortBytes) <= 0;
    const [source, from] = takeLeft ? [left, leftAt] : [right, rightAt];
    source.copy(merged, at, from, from + eventIdEntryBytes);
    at += eventIdEntryBytes;
    if (takeLeft) leftAt += eventIdEntryBytes;
    else rightAt += eventIdEntryBytes;
  }
  left.copy(merged, at, leftAt);
  at += left.length - leftAt;
  right.copy(merged, at, rightAt);
  return merged;
}

/**
 * The first pair of entries with the same id in the same stream, by the later one's offset:
 * a stream that stores an id twice (the file's problem, not the index's).
 */
export function firstDuplicateOffset(sorted: Buffer): number | undefined {
  let found: number | undefined;
  for (let start = eventIdEntryBytes; start < sorted.length; start += eventIdEntryBytes) {
    const previous = start - eventIdEntryBytes;
    if (
      sorted.compare(sorted, previous, previous + keyBytes, start, start + keyBytes) !== 0 ||
      sorted.readUInt32BE(previous + ordinalAt) !== sorted.readUInt32BE(start + ordinalAt)
    )
      continue;
    const later = Math.max(
      sorted.readUIntBE(previous + offsetAt, 6),
      sorted.readUIntBE(start + offsetAt, 6),
    );
    found = found === undefined ? later : Math.min(found, later);
  }
  return found;
}

/** Entries appended one by one (a scan), in a buffer that grows by doubling. */
export class EntryCollector {
  private buffer = Buffer.alloc(64 * eventIdEntryBytes);
  private count = 0;
  private readonly ordinals = new Map<string, number>();
  readonly streamIds: string[] = [];

  add(streamId: string, eventId: string, offsetBytes: number, revision: number): void {
    if ((this.count + 1) * eventIdEntryBytes > this.buffer.length) {
      const grown = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(grown);
      this.buffer = grown;
    }
    let ordinal = this.ordinals.get(streamId);
    if (ordinal === undefined) {
      ordinal = this.streamIds.length;
      this.streamIds.push(streamId);
      this.ordinals.set(streamId, ordinal);
    }
    writeEntry(this.buffer, this.count, eventIdKeyBytes(eventId), {
      ordinal,
      offsetBytes,
      revision,
    });
    this.count += 1;
  }

  /** The entries added so far, sorted. */
  sorted(): Buffer {
    return sortEntries(this.buffer.subarray(0, this.count * eventIdEntryBytes));
  }
}
