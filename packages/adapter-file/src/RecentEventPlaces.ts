import { assert } from '@finsam-ledger/core/store';
import type { EventPlace } from './eventIdIndex.js';

/** Words of one entry: the key's four, the stream's ordinal, the revision, the offset's two. */
const entryWords = 8;
const ordinalAt = 4;
const revisionAt = 5;
const offsetHighAt = 6;
const offsetLowAt = 7;
const twoTo32 = 2 ** 32;
/**
 * Entries of a chunk of the table's entries, once full (128 KiB of words). Entries are added in
 * chunks rather than to one array grown by doubling: each doubling copied every entry into new
 * memory, touched afresh (the kernel zeroes and maps every page first written: 4 MiB allocated
 * and written cost 12-19 ms of the thread's CPU on this machine's virtual one), so that 40 000
 * events appended wrote some 3 MB of entries where they fill 1.3 MB. Only the first chunk starts
 * small and doubles, for a store that adds a few.
 */
const chunkEntriesLog2 = 12;
const chunkEntryMask = (1 << chunkEntriesLog2) - 1;
const chunkWords = (1 << chunkEntriesLog2) * entryWords;

/**
 * The events added to an `EventIdIndex` since its sorted part was made: their keys (an event id's
 * 16 bytes, as four big-endian 32-bit words), stream ordinals and places, one after the other in
 * typed arrays of 4 096 entries, found through an open-addressing table of entry numbers (linear
 * probing, at most half full). It replaced a map per stream from the id's text to a place
 * object: a lookup there walked the map's chain, reading each key's string to compare hashes (a
 * cache miss a step in a map of tens of thousands of ids), and every added event left a place
 * object and a map entry for the collector. Here a lookup compares words in typed arrays, and an
 * event adds no object at all.
 */
export class RecentEventPlaces {
  /** The entries, {@link chunkWords} words a chunk: entry `n` lies in chunk `n >>> 12`. */
  private chunks: Uint32Array[] = [new Uint32Array(64 * entryWords)];
  /**
   * Two words a slot: the number of the entry there plus one (0 for an empty slot), and the first
   * word of its key, so that a probe passes a slot of another key without reading its entry.
   */
  private slots = new Int32Array(2 * 256);
  private shift = 32 - 8;
  /** Entries in the table, pending ones included. */
  private size = 0;
  /** Entries that lookups find: those numbered from here on are pending. */
  private durable = 0;
  /**
   * Random per table, mixed into every slot: the core accepts any UUID a caller makes up, and
   * with fixed constants a caller could make ids that all probe from one slot (a review built
   * 20 000 such version 4 UUIDs: 1.3 s to add against 17 ms for random ones), as the map of id
   * texts this replaced could not (V8 seeds its string hashes per process).
   */
  private readonly seeds = globalThis.crypto.getRandomValues(new Uint32Array(4));

  /** Entries held (not pending): distinct pairs of key and stream. */
  get count(): number {
    return this.durable;
  }

  /**
   * The place of the event in the stream numbered `ordinal` whose key is the four words of `keys`
   * from `at`, if it is here.
   */
  find(keys: Uint32Array, at: number, ordinal: number): EventPlace | undefined {
    const slot = this.slotOf(keys, at, ordinal);
    const entry = this.slots[slot]! - 1;
    if (entry < 0 || entry >= this.durable || !this.holds(entry, keys, at, ordinal))
      return undefined;
    const entries = this.chunkOf(entry);
    const start = wordOf(entry);
    return {
      offsetBytes: entries[start + offsetHighAt]! * twoTo32 + entries[start + offsetLowAt]!,
      revision: entries[start + revisionAt]!,
    };
  }

  /**
   * Adds the event whose key is the four words of `keys` from `at`, or moves it to its new place
   * when the stream already has that key here.
   */
  set(keys: Uint32Array, at: number, ordinal: number, offsetBytes: number, revision: number): void {
    assert(this.durable === this.size, 'events are added while none is pending');
    if ((this.size + 1) * 4 > this.slots.length) this.growSlots();
    const slot = this.slotOf(keys, at, ordinal);
    let entry = this.slots[slot]! - 1;
    if (entry < 0 || !this.holds(entry, keys, at, ordinal)) {
      entry = this.newEntry(slot, keys, at, ordinal);
      this.durable = this.size;
    }
    this.place(entry, offsetBytes, revision);
  }

  /**
   * Adds a new event as pending: no lookup finds it until {@link commitPending}, and
   * {@link discardPending} takes it out again. The writer adds an append's events so while their
   * write is under way, and commits them once it is durable.
   */
  addPending(
    keys: Uint32Array,
    at: number,
    ordinal: number,
    offsetBytes: number,
    revision: number,
  ): void {
    if ((this.size + 1) * 4 > this.slots.length) this.growSlots();
    const slot = this.slotOf(keys, at, ordinal);
    assert(this.slots[slot] === 0, "a new event's id is not in the event-id index yet");
    this.place(this.newEntry(slot, keys, at, ordinal), offsetBytes, revision);
  }

  /** Adds the key in the stream as the next entry, in the empty `slot`; returns its number. */
  private newEntry(slot: number, keys: Uint32Array, at: number, ordinal: number): number {
    const entry = this.size;
    const entries = this.roomFor(entry);
    const start = wordOf(entry);
    for (let word = 0; word < 4; word += 1) entries[start + word] = keys[at + word]!;
    entries[start + ordinalAt] = ordinal;
    this.slots[slot] = entry + 1;
    this.slots[slot + 1] = keys[at]!;
    this.size += 1;
    return entry;
  }

  /** Writes the place of the event of entry number `entry`. */
  private place(entry: number, offsetBytes: number, revision: number): void {
    const entries = this.chunkOf(entry);
    const start = wordOf(entry);
    entries[start + revisionAt] = revision;
    entries[start + offsetHighAt] = Math.floor(offsetBytes / twoTo32);
    entries[start + offsetLowAt] = offsetBytes >>> 0;
  }

  /** Makes the pending events found by lookups. */
  commitPending(): void {
    this.durable = this.size;
  }

  /**
   * Takes the pending events out again, the last added first: each slot emptied was empty when its
   * event was added, so no probe of an event added before passes it (after growing, the table puts
   * the entries back in the order they came), and the table is as it was without them.
   */
  discardPending(): void {
    while (this.size > this.durable) {
      const entries = this.chunkOf(this.size - 1);
      const start = wordOf(this.size - 1);
      const slot = this.slotOf(entries, start, entries[start + ordinalAt]!);
      this.slots[slot] = 0;
      this.slots[slot + 1] = 0;
      this.size -= 1;
    }
  }

  /**
   * Writes every entry into `target`, `entryBytes` bytes apart, as the sorted part's entries
   * (`writeEntry` in `eventIdIndex.ts`): the key's 16 bytes, the offset's 6, the ordinal's 4, the
   * revision's 4 and two bytes of padding.
   */
  writeEntries(target: Buffer, entryBytes: number): void {
    for (let entry = 0; entry < this.durable; entry += 1) {
      const entries = this.chunkOf(entry);
      const from = wordOf(entry);
      const at = entry * entryBytes;
      for (let word = 0; word < 4; word += 1)
        target.writeUInt32BE(entries[from + word]!, at + word * 4);
      target.writeUInt16BE(entries[from + offsetHighAt]!, at + 16);
      target.writeUInt32BE(entries[from + offsetLowAt]!, at + 18);
      target.writeUInt32BE(entries[from + ordinalAt]!, at + 22);
      target.writeUInt32BE(entries[from + revisionAt]!, at + 26);
      target.writeUInt16BE(0, at + 30);
    }
  }

  /** Forgets every entry, and the room they took. */
  clear(): void {
    this.chunks = [new Uint32Array(64 * entryWords)];
    this.slots = new Int32Array(2 * 256);
    this.shift = 32 - 8;
    this.size = 0;
    this.durable = 0;
  }

  /** True when entry number `entry` is the key's in the stream. */
  private holds(entry: number, keys: Uint32Array, at: number, ordinal: number): boolean {
    const entries = this.chunkOf(entry);
    const start = wordOf(entry);
    return (
      entries[start] === keys[at] &&
      entries[start + 1] === keys[at + 1] &&
      entries[start + 2] === keys[at + 2] &&
      entries[start + 3] === keys[at + 3] &&
      entries[start + ordinalAt] === ordinal
    );
  }

  /**
   * The first word of the slot that holds the key in the stream, or of the empty slot where it
   * goes: probing (linearly) from a slot chosen by all four words and the ordinal mixed, the top
   * bits of the product (a random UUID's words are random, but an id that is not one is keyed by
   * a hash, and ids a caller makes up may share any part). Slots of other keys are passed by
   * their first word; the caller compares the whole key of the entry found.
   */
  private slotOf(keys: Uint32Array, at: number, ordinal: number): number {
    const first = keys[at]!;
    const seeds = this.seeds;
    const mixed =
      first ^
      seeds[0]! ^
      Math.imul(keys[at + 1]! ^ seeds[1]!, 0x85ebca6b) ^
      Math.imul(keys[at + 2]! ^ seeds[2]!, 0xc2b2ae35) ^
      Math.imul(keys[at + 3]! ^ ordinal ^ seeds[3]!, 0x27d4eb2f);
    const slots = this.slots;
    const mask = slots.length - 1;
    const firstSigned = first | 0;
    let slot = (Math.imul(mixed ^ (mixed >>> 15), 0x9e3779b1) >>> this.shift) * 2;
    for (;;) {
      const numberPlusOne = slots[slot]!;
      if (numberPlusOne === 0) return slot;
      if (slots[slot + 1] === firstSigned && this.holds(numberPlusOne - 1, keys, at, ordinal))
        return slot;
      slot = (slot + 2) & mask;
    }
  }

  /** The chunk that holds entry number `entry`. */
  private chunkOf(entry: number): Uint32Array {
    return this.chunks[entry >>> chunkEntriesLog2]!;
  }

  /**
   * The chunk for entry number `entry`, the next one: a new chunk when the last is full, or the
   * first chunk doubled while it is smaller than a chunk.
   */
  private roomFor(entry: number): Uint32Array {
    const index = entry >>> chunkEntriesLog2;
    if (index === this.chunks.length) this.chunks.push(new Uint32Array(chunkWords));
    let chunk = this.chunks[index]!;
    if (wordOf(entry) === chunk.length) {
      const grown = new Uint32Array(chunk.length * 2);
      grown.set(chunk);
      this.chunks[index] = chunk = grown;
    }
    return chunk;
  }

  /** Doubles the table and puts every entry back, in the order they came. */
  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.shift -= 1;
    for (let entry = 0; entry < this.size; entry += 1) {
      const entries = this.chunkOf(entry);
      const start = wordOf(entry);
      const slot = this.slotOf(entries, start, entries[start + ordinalAt]!);
      this.slots[slot] = entry + 1;
      this.slots[slot + 1] = entries[start]!;
    }
  }
}

/** Where entry number `entry` starts in its chunk, in words. */
const wordOf = (entry: number): number => (entry & chunkEntryMask) * entryWords;
