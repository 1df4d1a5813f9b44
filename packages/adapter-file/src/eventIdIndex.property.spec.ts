import test from 'ava';
import fc from 'fast-check';
import { newEventId } from '@finsam-ledger/core';
import {
  EventIdIndex,
  eventIdEntryBytes,
  eventIdKeyBytes,
  eventIdKeyWords,
  writeEventIdKeyWords,
  type EventPlace,
} from './eventIdIndex.js';
import { sha256Hex } from './hashChain.js';
import { RecentEventPlaces } from './RecentEventPlaces.js';

/**
 * The event-id index's recent part is a hash table of keys (`RecentEventPlaces`), where it was a
 * map per stream from the id's text to its place. Held here to the answers of that map for
 * random sequences of additions, lookups and compactions: ids that are UUIDs and ids that are
 * not (keyed by a hash), one id in several streams, an id put twice, lookups of ids never given.
 */

/**
 * The index as it was: a map per stream from the id to its place for the recent part, and (here)
 * another for the sorted part, looked up after the recent one.
 */
class ReferenceIndex {
  private readonly recent = new Map<string, Map<string, EventPlace>>();
  private readonly sorted = new Map<string, Map<string, EventPlace>>();
  private recentSize = 0;

  find(streamId: string, eventId: string): EventPlace | undefined {
    return this.recent.get(streamId)?.get(eventId) ?? this.sorted.get(streamId)?.get(eventId);
  }

  add(streamId: string, eventId: string, place: EventPlace): boolean {
    if (this.find(streamId, eventId) !== undefined) return false;
    this.put(streamId, eventId, place);
    return true;
  }

  put(streamId: string, eventId: string, place: EventPlace): void {
    const byId = this.recent.get(streamId) ?? new Map<string, EventPlace>();
    this.recent.set(streamId, byId);
    if (!byId.has(eventId)) this.recentSize += 1;
    byId.set(eventId, place);
  }

  get recentCount(): number {
    return this.recentSize;
  }

  compact(): void {
    for (const [streamId, byId] of this.recent) {
      const sorted = this.sorted.get(streamId) ?? new Map<string, EventPlace>();
      this.sorted.set(streamId, sorted);
      // The sorted part keeps both entries of an id put again; a lookup finds the one stored first.
      for (const [eventId, place] of byId) {
        const before = sorted.get(eventId);
        if (before === undefined || place.offsetBytes < before.offsetBytes)
          sorted.set(eventId, place);
      }
    }
    this.recent.clear();
    this.recentSize = 0;
  }
}

const uuidPool = Array.from({ length: 40 }, () => newEventId());
const eventIdArbitrary = fc.oneof(
  fc.constantFrom(...uuidPool),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...uuidPool).map((uuid) => uuid.toUpperCase()),
);
const streamIdArbitrary = fc.constantFrom('a', 'b', 'Cost-1', 'Ä/2');
const placeArbitrary = fc.record({
  offsetBytes: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
  revision: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});
const stepArbitrary = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(
      fc.constant('put' as const),
      streamIdArbitrary,
      eventIdArbitrary,
      placeArbitrary,
    ),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(
      fc.constant('add' as const),
      streamIdArbitrary,
      eventIdArbitrary,
      placeArbitrary,
    ),
  },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constant('find' as const), streamIdArbitrary, eventIdArbitrary),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constant('compact' as const)) },
);

test("issue 15: the event-id index answers every lookup as a map of each stream's ids would, through additions, repeated ids and compactions", (t) => {
  fc.assert(
    fc.property(fc.array(stepArbitrary, { maxLength: 200 }), (steps) => {
      const index = new EventIdIndex();
      const reference = new ReferenceIndex();
      for (const step of steps) {
        if (step[0] === 'put') {
          index.put(step[1], step[2], step[3]);
          reference.put(step[1], step[2], step[3]);
        } else if (step[0] === 'add') {
          if (index.add(step[1], step[2], step[3]) !== reference.add(step[1], step[2], step[3]))
            return false;
        } else if (step[0] === 'find') {
          const found = index.find(step[1], step[2]);
          const expected = reference.find(step[1], step[2]);
          if (JSON.stringify(found) !== JSON.stringify(expected)) return false;
        } else {
          index.compact();
          reference.compact();
        }
        if (index.recentCount !== reference.recentCount) return false;
      }
      return true;
    }),
    { numRuns: 150 },
  );
  t.pass();
});

test('issue 15: the index finds each of 40 000 ids added one after the other, in two streams, before and after a compaction and a reload', (t) => {
  const index = new EventIdIndex();
  const ids = Array.from({ length: 40_000 }, () => newEventId());
  const keys = new Uint32Array(ids.length * eventIdKeyWords);
  ids.forEach((eventId, revision) => {
    writeEventIdKeyWords(eventId, keys, revision * eventIdKeyWords);
    // A place past 2^32 bytes, to hold the offset's high bits too.
    index.putByKey('a', keys, revision * eventIdKeyWords, 2 ** 33 + revision * 700, revision);
    if (revision % 10 === 0) index.put('b', eventId, { offsetBytes: revision, revision: 0 });
  });
  t.is(index.recentCount, 44_000);
  const lost = (found: EventIdIndex): number[] =>
    ids.flatMap((eventId, revision) => {
      const inA = found.findByKey('a', keys, revision * eventIdKeyWords);
      const inB = found.find('b', eventId);
      return inA?.offsetBytes === 2 ** 33 + revision * 700 &&
        inA.revision === revision &&
        (revision % 10 === 0 ? inB?.offsetBytes === revision : inB === undefined)
        ? []
        : [revision];
    });
  t.deepEqual(lost(index), []);
  const merged = index.merged();
  index.compact();
  t.deepEqual(index.sortedBytes, merged);
  t.deepEqual(lost(index), []);
  t.deepEqual(lost(new EventIdIndex(merged, [...index.streamIds])), []);
});

test('issue 15: the key words of an id are its key bytes read as big-endian words, for UUIDs and any other text', (t) => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uuid(),
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdefA-'), minLength: 36, maxLength: 36 }),
      ),
      (eventId) => {
        const words = new Uint32Array(3 + eventIdKeyWords);
        writeEventIdKeyWords(eventId, words, 3);
        const bytes = eventIdKeyBytes(eventId);
        return [0, 1, 2, 3].every((word) => words[3 + word] === bytes.readUInt32BE(word * 4));
      },
    ),
    { numRuns: 2_000 },
  );
  // A UUID with one digit that is not a lower-case hex digit, at each place, is keyed by its hash.
  const uuid = newEventId();
  for (let at = 0; at < uuid.length; at += 1) {
    if (uuid[at] === '-') continue;
    for (const digit of ['g', 'A', '/', ':', '`', 'é']) {
      const other = `${uuid.slice(0, at)}${digit}${uuid.slice(at + 1)}`;
      t.deepEqual(eventIdKeyBytes(other), Buffer.from(sha256Hex(other).slice(0, 32), 'hex'), other);
    }
  }
  t.pass();
});

test('issue 15: one id in many streams, and ids that share their first words, each keep their own place in the recent part', (t) => {
  const recent = new RecentEventPlaces();
  const key = new Uint32Array(eventIdKeyWords);
  writeEventIdKeyWords(newEventId(), key, 0);
  // Keys that differ from `key` in one word only, in stream 0.
  const twins = [1, 2, 3].map((word) => {
    const twin = Uint32Array.from(key);
    twin[word] = (twin[word]! ^ 1) >>> 0;
    return twin;
  });
  for (let ordinal = 0; ordinal < 500; ordinal += 1)
    recent.set(key, 0, ordinal, ordinal * 1_000, ordinal);
  twins.forEach((twin, index) => recent.set(twin, 0, 0, 7 + index, 7));
  t.is(recent.count, 503);
  for (let ordinal = 0; ordinal < 500; ordinal += 1)
    t.deepEqual(recent.find(key, 0, ordinal), { offsetBytes: ordinal * 1_000, revision: ordinal });
  twins.forEach((twin, index) =>
    t.deepEqual(recent.find(twin, 0, 0), { offsetBytes: 7 + index, revision: 7 }),
  );
  t.is(recent.find(key, 0, 500), undefined);
  t.is(recent.find(twins[0]!, 0, 1), undefined);
  // Set again, an entry moves to its new place and is not added twice.
  recent.set(key, 0, 3, 2 ** 40, 4);
  t.is(recent.count, 503);
  t.deepEqual(recent.find(key, 0, 3), { offsetBytes: 2 ** 40, revision: 4 });
});

/** One append's events as the writer hands them to `putPendingBatch`. */
interface PendingBatch {
  readonly streamId: string;
  readonly eventIds: readonly string[];
  readonly offsetBytes: number;
  /** Where each record starts after `offsetBytes`: the first at 0, then increasing. */
  readonly lineOffsets: readonly number[];
  readonly firstRevision: number;
}

/**
 * An index and its reference, with events added as pending a batch at a time, several batches
 * at once (of one stream or several, streams new to the index among them): a writer's group of
 * appends in flight, committed once the group's write is durable, or discarded when it fails.
 */
class PendingModel {
  readonly index = new EventIdIndex();
  readonly reference = new ReferenceIndex();
  /** Every pair of stream and id given, to look up after each step. */
  readonly looked: [string, string][] = [];
  /** The streams in the order the index first held them durably: the ordinals it keeps. */
  private readonly streams: string[] = [];
  private pending: PendingBatch[] = [];

  /**
   * Adds a batch as pending: of `eventIds`, only those its stream does not have nor has pending,
   * each once (what the writer's rules and its view of the group let through), the records
   * `recordBytes` long one after the other from `offsetBytes`.
   */
  addPending(
    streamId: string,
    eventIds: readonly string[],
    recordBytes: readonly number[],
    offsetBytes: number,
    firstRevision: number,
  ): void {
    const fresh = eventIds.filter(
      (eventId, at) =>
        eventIds.indexOf(eventId) === at &&
        this.index.find(streamId, eventId) === undefined &&
        !this.pending.some(
          (batch) => batch.streamId === streamId && batch.eventIds.includes(eventId),
        ),
    );
    if (fresh.length === 0) return;
    const lineOffsets = fresh.map((_, at) =>
      recordBytes.slice(0, at).reduce((sum, bytes) => sum + bytes, 0),
    );
    const batch = { streamId, eventIds: fresh, offsetBytes, lineOffsets, firstRevision };
    this.putPending(batch);
    this.pending.push(batch);
    for (const eventId of fresh) this.looked.push([streamId, eventId]);
  }

  /** `put` or `compact`: only while nothing is pending (nothing else changes an index then). */
  change(step: ['put', string, string, EventPlace] | ['compact']): void {
    if (this.pending.length > 0) return;
    if (step[0] === 'compact') {
      this.index.compact();
      this.reference.compact();
      return;
    }
    this.index.put(step[1], step[2], step[3]);
    this.reference.put(step[1], step[2], step[3]);
    this.noteStream(step[1]);
    this.looked.push([step[1], step[2]]);
  }

  /** The write is durable. */
  commit(): void {
    this.index.commitPending();
    for (const batch of this.pending) {
      this.noteStream(batch.streamId);
      batch.eventIds.forEach((eventId, at) =>
        this.reference.put(batch.streamId, eventId, {
          offsetBytes: batch.offsetBytes + batch.lineOffsets[at]!,
          revision: batch.firstRevision + at,
        }),
      );
    }
    this.pending = [];
  }

  /** The write failed, and the caller gives up: the index is as it was before the batches. */
  discard(): void {
    this.index.discardPending();
    this.pending = [];
  }

  /** The write failed, and the caller retries the same batches; false if one is still found. */
  discardAndRetry(): boolean {
    const batches = this.pending;
    this.discard();
    if (!this.agrees()) return false;
    for (const batch of batches) this.putPending(batch);
    this.pending = batches;
    this.commit();
    return true;
  }

  /** True when the index answers every lookup and count, and numbers streams, as the model does. */
  agrees(): boolean {
    return (
      this.index.recentCount === this.reference.recentCount &&
      JSON.stringify(this.index.streamIds) === JSON.stringify(this.numberedStreams()) &&
      this.looked.every(
        ([streamId, eventId]) =>
          JSON.stringify(this.index.find(streamId, eventId)) ===
          JSON.stringify(this.reference.find(streamId, eventId)),
      )
    );
  }

  /** The streams the index numbers: those it holds, then those new in the pending batches. */
  private numberedStreams(): string[] {
    const streams = [...this.streams];
    for (const { streamId } of this.pending)
      if (!streams.includes(streamId)) streams.push(streamId);
    return streams;
  }

  private noteStream(streamId: string): void {
    if (!this.streams.includes(streamId)) this.streams.push(streamId);
  }

  /** Hands the batch to the index as the writer does: its ids' keys one after the other. */
  private putPending(batch: PendingBatch): void {
    const keys = new Uint32Array(batch.eventIds.length * eventIdKeyWords);
    batch.eventIds.forEach((eventId, at) =>
      writeEventIdKeyWords(eventId, keys, at * eventIdKeyWords),
    );
    this.index.putPendingBatch(
      batch.streamId,
      keys,
      batch.offsetBytes,
      batch.lineOffsets,
      batch.firstRevision,
    );
  }
}

test('issue 15: pending batches that cross from one chunk of the recent part’s entries into the next are found by no lookup until committed, and a discarded one leaves no trace', (t) => {
  const index = new EventIdIndex();
  const count = 8_200;
  const keys = new Uint32Array(count * eventIdKeyWords);
  for (let event = 0; event < count; event += 1)
    writeEventIdKeyWords(newEventId(), keys, event * eventIdKeyWords);
  const placeOf = (event: number) => ({ offsetBytes: 2 ** 33 + event * 700, revision: event });
  const found = (from: number, to: number): number[] => {
    const places: number[] = [];
    for (let event = from; event < to; event += 1) {
      const place = index.findByKey('a', keys, event * eventIdKeyWords);
      if (place !== undefined) {
        t.deepEqual(place, placeOf(event));
        places.push(event);
      }
    }
    return places;
  };
  // Batches of 100 from `first` on, as the writer adds them: keys from the batch's first word.
  const pending = (first: number) =>
    index.putPendingBatch(
      'a',
      keys.subarray(first * eventIdKeyWords, (first + 100) * eventIdKeyWords),
      2 ** 33 + first * 700,
      Array.from({ length: 100 }, (_, line) => line * 700),
      first,
    );
  // A chunk holds 4 096 entries: the batches from 4 000 and from 8 100 cross into the next one.
  let added = 0;
  for (const crossing of [4_000, 8_100]) {
    for (; added < crossing; added += 100) {
      pending(added);
      index.commitPending();
    }
    pending(crossing);
    t.deepEqual(found(crossing, crossing + 100), [], 'pending, none is found');
    index.discardPending();
    t.deepEqual(found(crossing, crossing + 100), [], 'discarded, none is found');
    t.is(index.recentCount, crossing);
    pending(crossing);
    index.commitPending();
    added += 100;
    t.is(found(crossing, crossing + 100).length, 100, 'committed, each is found at its place');
  }
  t.is(index.recentCount, count);
  t.is(found(0, count).length, count);
  const merged = index.merged();
  t.is(merged.length, count * eventIdEntryBytes);
  t.is(new EventIdIndex(merged, [...index.streamIds]).findByKey('a', keys, 0)?.revision, 0);
});

test('issue 15: batches of events added as pending, several at once, are found by no lookup until committed, and discarding them leaves the index as it was, for a retry of the same batches or for none', (t) => {
  const batchSizeMax = 6;
  const pendingBatch = fc.tuple(
    fc.constant('pending' as const),
    streamIdArbitrary,
    fc.array(eventIdArbitrary, { minLength: 1, maxLength: batchSizeMax }),
    fc.array(fc.integer({ min: 1, max: 20_000 }), {
      minLength: batchSizeMax,
      maxLength: batchSizeMax,
    }),
    fc.integer({ min: 0, max: 2 ** 48 - 1 - batchSizeMax * 20_000 }),
    fc.integer({ min: 0, max: 2 ** 32 - 1 - batchSizeMax }),
  );
  const pendingStep = fc.oneof(
    { weight: 8, arbitrary: pendingBatch },
    {
      weight: 3,
      arbitrary: fc.tuple(
        fc.constant('put' as const),
        streamIdArbitrary,
        eventIdArbitrary,
        placeArbitrary,
      ),
    },
    { weight: 2, arbitrary: fc.tuple(fc.constant('commit' as const)) },
    { weight: 2, arbitrary: fc.tuple(fc.constant('retry' as const)) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('discard' as const)) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('compact' as const)) },
  );
  fc.assert(
    fc.property(fc.array(pendingStep, { maxLength: 300 }), (steps) => {
      const model = new PendingModel();
      for (const step of steps) {
        if (step[0] === 'pending') model.addPending(step[1], step[2], step[3], step[4], step[5]);
        else if (step[0] === 'put' || step[0] === 'compact') model.change(step);
        else if (step[0] === 'commit') model.commit();
        else if (step[0] === 'discard') model.discard();
        else if (!model.discardAndRetry()) return false;
        if (!model.agrees()) return false;
      }
      return true;
    }),
    { numRuns: 150 },
  );
  t.pass();
});

/**
 * Keys made up to share one slot of a table without seeds: the first word and the word `term`
 * (1 to 3) vary together so that the first word XOR the term's product (`slotOf` in
 * `RecentEventPlaces`, stream 0) is one number, the other two words fixed. Ids a caller makes up
 * can do this: the first and the last eight hex digits of a version 4 UUID are free.
 */
function keysSharingOneSlotUnseeded(term: 1 | 2 | 3, count: number): Uint32Array {
  const multipliers = [0, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f];
  const keys = new Uint32Array(count * eventIdKeyWords);
  for (let index = 0; index < count; index += 1) {
    const at = index * eventIdKeyWords;
    keys.set([0x0badcafe, 0x12344abc, 0x8def0123, 0x456789ab], at);
    const varied = Math.imul(index + 1, 0x9e3779b1) >>> 0;
    keys[at + term] = varied;
    keys[at] = (0x5eed ^ Math.imul(varied, multipliers[term]!)) >>> 0;
  }
  return keys;
}

/**
 * The longest run of taken slots in the table: how far a lookup may probe. Read from the table's
 * private slots (two words a slot, the first 0 when empty), so that the spread is measured
 * without timing anything.
 */
function longestRunOfSlots(table: RecentEventPlaces): number {
  const slots = (table as unknown as { slots: Int32Array }).slots;
  let longest = 0;
  let run = 0;
  // Twice round: a probe past the last slot goes on from the first.
  for (let word = 0; word < slots.length * 2; word += 2) {
    run = slots[word % slots.length] === 0 ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return Math.min(longest, slots.length / 2);
}

/** A table filled with `keys` (each found again), and its longest run of taken slots. */
function fill(keys: Uint32Array): { table: RecentEventPlaces; longest: number } {
  const table = new RecentEventPlaces();
  const count = keys.length / eventIdKeyWords;
  for (let index = 0; index < count; index += 1)
    table.set(keys, index * eventIdKeyWords, 0, index * 100, index);
  for (let index = 0; index < count; index += 1)
    if (table.find(keys, index * eventIdKeyWords, 0)?.offsetBytes !== index * 100)
      throw new Error(`key ${index} is lost`);
  return { table, longest: longestRunOfSlots(table) };
}

test('issue 15: the recent part’s hash table is seeded per table: keys made up to probe from one slot of a table without seeds (the first word varied with any other) spread out in a seeded one', (t) => {
  const count = 5_000;
  for (const term of [1, 2, 3] as const) {
    const keys = keysSharingOneSlotUnseeded(term, count);
    // The made-up keys are what they claim: with seeds of zero (as without seeds) every one
    // probes from one slot, a run of them all.
    const original = crypto.getRandomValues;
    let unseeded: number;
    try {
      crypto.getRandomValues = <T extends ArrayBufferView | null>(values: T): T => values;
      unseeded = fill(keys).longest;
    } finally {
      crypto.getRandomValues = original;
    }
    t.true(unseeded >= count, `term ${term}, without seeds: a run of ${unseeded}`);
    // Seeded, at most half full: the runs are what random keys give (some tens of slots).
    const seeded = fill(keys).longest;
    t.true(seeded < 200, `term ${term}, seeded: a run of ${seeded}`);
  }
  // Each table draws its own seeds: the same keys lie in other slots in another table.
  const keys = keysSharingOneSlotUnseeded(3, 64);
  const slotsOf = (table: RecentEventPlaces) =>
    [...(table as unknown as { slots: Int32Array }).slots].join();
  t.not(slotsOf(fill(keys).table), slotsOf(fill(keys).table));
});
