import { assert } from '@finsam-ledger/core/store';
import { sha256Hex } from './hashChain.js';
import { RecentEventPlaces } from './RecentEventPlaces.js';

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
  const words = new Uint32Array(eventIdKeyWords);
  writeEventIdKeyWords(eventId, words, 0);
  writeKeyBytes(words, 0, key);
  return key;
}

/**
 * Writes {@link eventIdKeyBytes} of `eventId` into `target` from word `at` on, as four big-endian
 * 32-bit words: what the index compares and hashes, without a buffer.
 */
export function writeEventIdKeyWords(eventId: string, target: Uint32Array, at: number): void {
  if (!readUuidWords(eventId, target, at)) readHexWords(sha256Hex(eventId), target, at);
}

/** Words of a key: {@link eventIdKeyBytes} read as four big-endian 32-bit numbers. */
export const eventIdKeyWords = 4;

/** Writes the key whose words start at word `at` of `words` into the first 16 bytes of `target`. */
function writeKeyBytes(words: Uint32Array, at: number, target: Buffer): void {
  for (let word = 0; word < eventIdKeyWords; word += 1)
    target.writeUInt32BE(words[at + word]!, word * 4);
}

/**
 * Reads the 16 bytes of a canonical lower-case UUID, straight from its hex digits, into `target`
 * as four words; false (and `target` unusable) for anything else.
 */
function readUuidWords(eventId: string, target: Uint32Array, at: number): boolean {
  if (
    eventId.length !== 36 ||
    eventId.charCodeAt(8) !== 0x2d ||
    eventId.charCodeAt(13) !== 0x2d ||
    eventId.charCodeAt(18) !== 0x2d ||
    eventId.charCodeAt(23) !== 0x2d
  )
    return false;
  // The groups of 8, 4, 4, 4 and 12 digits, as words: 8 | 4 4 | 4 4 | 8.
  const first = hexValue(eventId, 0, 8);
  const second = hexValue(eventId, 9, 13);
  const third = hexValue(eventId, 14, 18);
  const fourth = hexValue(eventId, 19, 23);
  const fifth = hexValue(eventId, 24, 28);
  const sixth = hexValue(eventId, 28, 36);
  if (first < 0 || second < 0 || third < 0 || fourth < 0 || fifth < 0 || sixth < 0) return false;
  target[at] = first;
  target[at + 1] = second * 0x10000 + third;
  target[at + 2] = fourth * 0x10000 + fifth;
  target[at + 3] = sixth;
  return true;
}

/** Reads the first 32 digits of a lower-case hex text (a SHA-256) into `target` as four words. */
function readHexWords(hex: string, target: Uint32Array, at: number): void {
  for (let word = 0; word < eventIdKeyWords; word += 1)
    target[at + word] = hexValue(hex, word * 8, word * 8 + 8);
}

/**
 * The value of the lower-case hex digits of `text` from `start` up to `end` (at most eight), or
 * -1 when one of them is not such a digit. Every digit is read through a table and the verdict
 * taken once at the end: no branch a digit, which halves the time of a key.
 */
function hexValue(text: string, start: number, end: number): number {
  let value = 0;
  let notHex = 0;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    const digit = code < 0x80 ? hexDigitValues[code]! : -1;
    notHex |= digit;
    value = (value << 4) | (digit & 0xf);
  }
  return notHex < 0 ? -1 : value >>> 0;
}

/** The value of a lower-case hex digit, or -1. */
const hexDigitValue = (code: number): number =>
  code >= 0x30 && code <= 0x39 ? code - 0x30 : code >= 0x61 && code <= 0x66 ? code - 0x57 : -1;

/** {@link hexDigitValue} of every ASCII code. */
const hexDigitValues = Int8Array.from({ length: 0x80 }, (_, code) => hexDigitValue(code));

/**
 * The file store's index from event id to place, per stream: a sorted part (loaded from
 * `STORE.ids` or built by a scan: 32 bytes an event, searched in place, no object per event) and
 * the events appended or read since (a hash table of keys, {@link RecentEventPlaces}: no object
 * per event either). What the writer looks an
 * id up in, to classify a retried append and to find a corrected event's original, instead of
 * keeping every event's fingerprint in memory.
 */
export class EventIdIndex {
  private readonly ordinals = new Map<string, number>();
  /** Streams known before the pending events' write began: those added since go if it fails. */
  private streamCountBeforePending: number | undefined;
  /** Events not in the sorted part, by key and stream ordinal. */
  private readonly recent = new RecentEventPlaces();
  /** The key of the id being looked up or added, as words. */
  private readonly soughtWords = new Uint32Array(eventIdKeyWords);
  /** The same key as bytes, to search the sorted part with. */
  private readonly soughtKey = Buffer.alloc(keyBytes);
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
    return this.recent.count;
  }

  /** The sorted part's bytes (what `STORE.ids` holds after its header). */
  get sortedBytes(): Buffer {
    return this.sorted;
  }

  /** The place of `eventId` in `streamId`, if the index has it. */
  find(streamId: string, eventId: string): EventPlace | undefined {
    writeEventIdKeyWords(eventId, this.soughtWords, 0);
    return this.findByKey(streamId, this.soughtWords, 0);
  }

  /**
   * {@link find} by the key of the id ({@link writeEventIdKeyWords}): the four words of `keys`
   * from `at`. The writer works out the keys of an append's ids once, to look them up and then to
   * add them.
   */
  findByKey(streamId: string, keys: Uint32Array, at: number): EventPlace | undefined {
    const ordinal = this.ordinals.get(streamId);
    if (ordinal === undefined) return undefined;
    const recent = this.recent.count === 0 ? undefined : this.recent.find(keys, at, ordinal);
    if (recent !== undefined || this.sorted.length === 0) return recent;
    if (!this.sortedFilter.mayHold(keys, at)) return undefined;
    writeKeyBytes(keys, at, this.soughtKey);
    return this.findSorted(this.soughtKey, ordinal);
  }

  /** Adds an event; `false` (and nothing added) when the stream already has the id. */
  add(streamId: string, eventId: string, place: EventPlace): boolean {
    if (this.find(streamId, eventId) !== undefined) return false;
    this.put(streamId, eventId, place);
    return true;
  }

  /**
   * Adds an event the caller knows is new to its stream (an append the rules accepted); an id
   * added before since the sorted part was made moves to `place`.
   */
  put(streamId: string, eventId: string, place: EventPlace): void {
    writeEventIdKeyWords(eventId, this.soughtWords, 0);
    this.putByKey(streamId, this.soughtWords, 0, place.offsetBytes, place.revision);
  }

  /** {@link put} by the key of the id: the four words of `keys` from `at`. */
  putByKey(
    streamId: string,
    keys: Uint32Array,
    at: number,
    offsetBytes: number,
    revision: number,
  ): void {
    this.recent.set(keys, at, this.ordinalOf(streamId), offsetBytes, revision);
  }

  /**
   * {@link putByKey} of the events of one batch of the stream whose append is being written: no
   * lookup finds them until {@link commitPending} (once the write is durable), and
   * {@link discardPending} (the write failed) takes them out again. The writer adds an append's
   * events so while the write is under way, when its main thread would otherwise wait, and the
   * index still changes, for whoever looks an id up, only once the bytes are durable. The event
   * numbered `index` has the key of the four words of `keys` from `index * eventIdKeyWords`,
   * starts `lineOffsets[index]` bytes after `offsetBytes` and has the revision
   * `firstRevision + index`; the stream's ordinal is looked up once for the batch.
   */
  putPendingBatch(
    streamId: string,
    keys: Uint32Array,
    offsetBytes: number,
    lineOffsets: readonly number[],
    firstRevision: number,
  ): void {
    this.streamCountBeforePending ??= this.streamIds.length;
    const ordinal = this.ordinalOf(streamId);
    for (let index = 0; index < lineOffsets.length; index += 1)
      this.recent.addPending(
        keys,
        index * eventIdKeyWords,
        ordinal,
        offsetBytes + lineOffsets[index]!,
        firstRevision + index,
      );
  }

  /** Makes the pending events found (see {@link putPendingBatch}). */
  commitPending(): void {
    this.streamCountBeforePending = undefined;
    this.recent.commitPending();
  }

  /** Takes the pending events out again (see {@link putPendingBatch}). */
  discardPending(): void {
    this.recent.discardPending();
    const before = this.streamCountBeforePending;
    this.streamCountBeforePending = undefined;
    if (before === undefined) return;
    for (const streamId of this.streamIds.splice(before)) this.ordinals.delete(streamId);
  }

  /** Every entry, sorted: the sorted part merged with the recent events (for saving). */
  merged(): Buffer {
    if (this.recent.count === 0) return this.sorted;
    const added = Buffer.alloc(this.recent.count * eventIdEntryBytes);
    this.recent.writeEntries(added, eventIdEntryBytes);
    return mergeSorted(this.sorted, sortEntries(added));
  }

  /**
   * Makes the recent events part of the sorted part (to save them): the entries of
   * {@link merged}, which it returns. Only with no event pending (the writer's queue is idle).
   */
  compact(): Buffer {
    assert(this.streamCountBeforePending === undefined, 'the index is compacted with none pending');
    this.sorted = this.merged();
    this.sortedFilter = new KeyFilter(this.sorted);
    this.recent.clear();
    return this.sorted;
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

  /** False when the key, as words, is certainly not in the sorted part. */
  mayHold(keys: Uint32Array, at: number): boolean {
    const slot = (keys[at]! ^ keys[at + 3]!) >>> this.shift;
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
 * that the same events always give the same bytes; entries equal in those bytes keep their input
 * order. The bytes are taken a window at a time, the most significant first: each entry's window
 * (4 bytes; fewer in a run too long for 32 bits beside its index) and its position in its run are
 * packed into one exact integer below 2^53, which the typed array's own sort (native, no
 * comparator) orders, by the window and then by position. Each run of entries whose windows are
 * equal is then ordered the same way by the next window; only runs of a few entries are left to a
 * comparator. Keys need not be random: time-ordered UUIDs (v7, v6) keep their first 32 bits for
 * about 65 s, so a bulk import is one long run of the first window. Ordering such a run by a
 * comparator made 200 k v7 ids slower than a comparator sort of them all (745 against 459 ms);
 * by the next windows 200 k take about 0.1 s and 1 M about 0.4 s of CPU (2.8 s by a comparator
 * within the run). For random keys a comparator over 22 bytes sorted 1 M entries in about 1.7 s;
 * this takes about a third of that (docs/benchmarks.md, "The fifteenth write-side session").
 */
export function sortEntries(entries: Buffer): Buffer {
  const sorter = new RunSorter(entries);
  sorter.orderAll();
  return entriesInOrder(entries, sorter.order);
}

/**
 * Runs of at most this many entries are ordered by a comparator: for so few, packing and a
 * native sort cost more than the comparisons they save.
 */
const comparedRunMax = 8;

/**
 * The bytes of a window for a run of `count` entries from byte `byteAt` on: the window's value
 * times the run's index span (the next power of two) must stay below 2^53, so 4 bytes for runs of
 * up to 2^21 entries, fewer for longer runs (only a very large first run), and never past the
 * sort bytes (the last window, at byte 20, is 2 bytes).
 */
function windowBytes(count: number, byteAt: number): number {
  const indexBits = Math.ceil(Math.log2(count));
  return Math.min(4, sortBytes - byteAt, Math.floor((53 - indexBits) / 8));
}

/** The big-endian number in the `width` bytes at `at`. */
function readWindow(entries: Buffer, at: number, width: number): number {
  return width === 4 ? entries.readUInt32BE(at) : entries.readUIntBE(at, width);
}

/** The order of a buffer's entries, put right a run at a time; see {@link sortEntries}. */
class RunSorter {
  /** Entry indexes, in the order found so far. */
  readonly order: Uint32Array;
  /** Scratch for one run: each entry's window × the run's index span + its position in the run. */
  private readonly packed: Float64Array;
  /** Scratch for one run: its slice of `order` before the run was sorted. */
  private readonly before: Uint32Array;

  constructor(private readonly entries: Buffer) {
    const count = entries.length / eventIdEntryBytes;
    this.order = new Uint32Array(count);
    this.packed = new Float64Array(count);
    this.before = new Uint32Array(count);
  }

  /**
   * Orders all the entries. Their first window is sorted from the input order itself, so no slice
   * of `order` is copied and looked up at random (about a tenth of the time for 1 M random keys).
   */
  orderAll(): void {
    const { entries, order, packed } = this;
    const count = order.length;
    if (count <= comparedRunMax) {
      for (let index = 0; index < count; index += 1) order[index] = index;
      return this.compareRange(0, count, 0);
    }
    const width = windowBytes(count, 0);
    const span = 2 ** Math.ceil(Math.log2(count));
    for (let index = 0; index < count; index += 1)
      packed[index] = readWindow(entries, index * eventIdEntryBytes, width) * span + index;
    packed.sort();
    for (let position = 0; position < count; position += 1)
      order[position] = packed[position]! % span;
    this.orderRuns(0, count, width, span);
  }

  /**
   * Orders `order[start, end)`, entries whose bytes before `byteAt` are equal, by their bytes from
   * `byteAt` to the end of the sort bytes; entries equal in them stay in ascending index order.
   */
  orderRange(start: number, end: number, byteAt: number): void {
    if (end - start <= comparedRunMax) return this.compareRange(start, end, byteAt);
    const width = windowBytes(end - start, byteAt);
    const span = this.sortByWindow(start, end, byteAt, width);
    // Past the last window the entries of a run are equal in all the sort bytes: twins, already
    // in index order, since the packed sort keeps equal windows in the order they came, which
    // (from the first window down) is index order among entries equal in the bytes before.
    if (byteAt + width < sortBytes) this.orderRuns(start, end, byteAt + width, span);
  }

  /**
   * Sorts `order[start, end)` natively by each entry's window of `width` bytes at `byteAt`, then
   * by its position there; the run's index span, by which `packed` now holds the sorted windows.
   */
  private sortByWindow(start: number, end: number, byteAt: number, width: number): number {
    const count = end - start;
    const span = 2 ** Math.ceil(Math.log2(count));
    const packed = this.packed.subarray(0, count);
    for (let position = 0; position < count; position += 1) {
      const at = this.order[start + position]! * eventIdEntryBytes + byteAt;
      packed[position] = readWindow(this.entries, at, width) * span + position;
    }
    packed.sort();
    this.before.set(this.order.subarray(start, end));
    for (let position = 0; position < count; position += 1)
      this.order[start + position] = this.before[packed[position]! % span]!;
    return span;
  }

  /**
   * Orders each run of `order[start, end)` that shares its window by the bytes from `nextByteAt`
   * on. The windows are read back from `packed`, not from the entries, which in sorted order
   * would be a cache miss each: ordering a run of n entries uses only the first n of `packed`,
   * all before the part still to read (position - start ≥ n).
   */
  private orderRuns(start: number, end: number, nextByteAt: number, span: number): void {
    const { packed } = this;
    let runStart = start;
    let runWindow = Math.floor(packed[0]! / span);
    for (let position = start + 1; position <= end; position += 1) {
      const window = position < end ? Math.floor(packed[position - start]! / span) : -1;
      if (window === runWindow) continue;
      if (position - runStart > 1) this.orderRange(runStart, position, nextByteAt);
      runStart = position;
      runWindow = window;
    }
  }

  /**
   * Orders a short run by a comparator over its sort bytes from `byteAt` on (those before are
   * equal), ties by index: their input order, whatever the sort's own stability.
   */
  private compareRange(start: number, end: number, byteAt: number): void {
    const { entries } = this;
    const compareSortBytes = (left: number, right: number) =>
      entries.compare(
        entries,
        right * eventIdEntryBytes + byteAt,
        right * eventIdEntryBytes + sortBytes,
        left * eventIdEntryBytes + byteAt,
        left * eventIdEntryBytes + sortBytes,
      ) || left - right;
    this.order.subarray(start, end).sort(compareSortBytes);
  }
}

const entryWords = eventIdEntryBytes / 4;

/**
 * The entries copied in `order`, eight 32-bit words an entry: a `Buffer.copy` an entry cost
 * twice as much at 1 M. The words are read through a view, so the entries must start at a
 * multiple of four bytes; any other buffer is copied to one that does first.
 */
function entriesInOrder(entries: Buffer, order: Uint32Array): Buffer {
  const aligned = entries.byteOffset % 4 === 0 ? entries : alignedCopy(entries);
  const from = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
  // Every word is written below, so the bytes need no zeroing; a slow buffer has its own memory,
  // from byte 0 (a pooled one may start at any multiple of 8, which Node does not promise).
  const sorted = Buffer.allocUnsafeSlow(entries.length);
  const to = new Uint32Array(sorted.buffer, sorted.byteOffset, sorted.length / 4);
  for (let index = 0; index < order.length; index += 1) {
    const source = order[index]! * entryWords;
    const target = index * entryWords;
    for (let word = 0; word < entryWords; word += 1) to[target + word] = from[source + word]!;
  }
  return sorted;
}

/** A copy of `entries` in memory of its own, so from byte 0: aligned for any word view. */
function alignedCopy(entries: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(entries.length);
  entries.copy(copy);
  return copy;
}

/**
 * Merges two sorted runs of entries into one: the entries of `left` that sort before each entry
 * of `right` are copied in one piece. The writer merges the events appended since its last save
 * (tens of thousands) into its sorted part (up to millions) at every save; comparing and copying
 * entry by entry, with a `Buffer.compare` each, cost about 0.5 s at 1 M entries.
 */
function mergeSorted(left: Buffer, right: Buffer): Buffer {
  const merged = Buffer.alloc(left.length + right.length);
  let leftAt = 0;
  let at = 0;
  for (let rightAt = 0; rightAt < right.length; rightAt += eventIdEntryBytes) {
    let runEnd = leftAt;
    while (runEnd < left.length && compareEntries(left, runEnd, right, rightAt) <= 0)
      runEnd += eventIdEntryBytes;
    left.copy(merged, at, leftAt, runEnd);
    at += runEnd - leftAt;
    leftAt = runEnd;
    right.copy(merged, at, rightAt, rightAt + eventIdEntryBytes);
    at += eventIdEntryBytes;
  }
  left.copy(merged, at, leftAt);
  return merged;
}

/**
 * The order of two entries by their first {@link sortBytes} bytes (the key's four big-endian words,
 * then the 48-bit offset), as `Buffer.compare` of those bytes gives it: negative, 0 or positive.
 */
function compareEntries(left: Buffer, leftAt: number, right: Buffer, rightAt: number): number {
  for (let word = 0; word < keyBytes; word += 4) {
    const difference = left.readUInt32BE(leftAt + word) - right.readUInt32BE(rightAt + word);
    if (difference !== 0) return difference;
  }
  const offsetBytes = sortBytes - offsetAt;
  return (
    left.readUIntBE(leftAt + offsetAt, offsetBytes) -
    right.readUIntBE(rightAt + offsetAt, offsetBytes)
  );
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
