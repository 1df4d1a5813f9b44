import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import { eventIdEntryBytes, sortEntries } from './eventIdIndex.js';

/**
 * `sortEntries` orders entries by their first 22 bytes (the key, then the offset) with the typed
 * array's own sort on a window of each entry's bytes, then within each run that shares it on the
 * next window, and a comparator only for short runs. Held here to the plain definition: a stable
 * sort of the entries by those 22 bytes.
 */

/** Bytes an entry is sorted by (the key's 16 and the offset's 6). */
const sortBytes = 22;

function sortedByComparator(entries: Buffer): Buffer {
  const count = entries.length / eventIdEntryBytes;
  const at = (index: number) =>
    entries.subarray(index * eventIdEntryBytes, (index + 1) * eventIdEntryBytes);
  const order = Array.from({ length: count }, (_, index) => index).sort((left, right) =>
    Buffer.compare(at(left).subarray(0, sortBytes), at(right).subarray(0, sortBytes)),
  );
  return Buffer.concat(order.map(at), entries.length);
}

/**
 * Writes `tail` into the bytes after the sort bytes, right after them and at the end: they tell
 * twins apart in the output, and a sort that read past the 22 bytes would order twins by them.
 */
function writeTail(entries: Buffer, start: number, tail: number): void {
  entries.writeUInt32BE(tail, start + sortBytes);
  entries.writeUInt32BE(tail, start + eventIdEntryBytes - 4);
}

/**
 * Entries whose keys come from few first words and few whole keys, so that runs sharing their
 * leading bits are long, and whole 22-byte prefixes repeat (an id put twice at one offset cannot
 * happen in a store, but the order of such twins must still be their input order). The arrays
 * here have `size: 'max'`: by default fast-check makes them of at most about 10 entries, and runs
 * of more than 8 are the ones sorted natively.
 */
const entriesArbitrary = fc
  .array(
    fc.record({
      firstWord: fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff),
      keyRest: fc.constantFrom(0, 1, 2),
      offset: fc.integer({ min: 0, max: 3 }),
      tail: fc.integer({ min: 0, max: 0xffffffff }),
    }),
    { maxLength: 300, size: 'max' },
  )
  .map((specs) => {
    const entries = Buffer.alloc(specs.length * eventIdEntryBytes);
    specs.forEach((spec, index) => {
      const start = index * eventIdEntryBytes;
      entries.writeUInt32BE(spec.firstWord, start);
      entries.writeUInt32BE(spec.keyRest, start + 12);
      entries.writeUIntBE(spec.offset, start + 16, 6);
      writeTail(entries, start, spec.tail);
    });
    return entries;
  });

test('issue 15: sortEntries gives the entries in the order of a stable sort by their first 22 bytes, for runs of shared leading words and repeated prefixes', (t) => {
  fc.assert(
    fc.property(entriesArbitrary, (entries) => {
      t.deepEqual(sortEntries(entries), sortedByComparator(entries));
    }),
    { numRuns: 300 },
  );
});

test('issue 15: sortEntries orders entries that start at byte 1, 2 or 3 of a word of their buffer as those that start at its beginning', (t) => {
  fc.assert(
    fc.property(entriesArbitrary, (entries) => {
      for (const byteOffset of [1, 2, 3]) {
        const shifted = Buffer.alloc(entries.length + byteOffset);
        entries.copy(shifted, byteOffset);
        t.deepEqual(sortEntries(shifted.subarray(byteOffset)), sortedByComparator(entries));
      }
    }),
    { numRuns: 50 },
  );
});

/** A byte of a key, the values at the edges of a signed and an unsigned byte most often. */
const sortByteArbitrary = fc.oneof(
  fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff),
  fc.integer({ min: 0, max: 0xff }),
);

/**
 * Entries whose 22 sort bytes are one of a few bases up to a shared length, any bytes after it:
 * shared lengths of 4, 8, 12 and 16 bytes make long runs that agree in whole windows (as
 * time-ordered ids agree in their first bytes), others runs that part within a window, 20 runs
 * that differ only in the last 2 bytes, 22 twins.
 */
const sharedPrefixEntriesArbitrary = fc
  .tuple(
    fc.array(fc.array(sortByteArbitrary, { minLength: 22, maxLength: 22 }), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.array(
      fc.record({
        base: fc.nat(),
        shared: fc.oneof(
          fc.constantFrom(4, 8, 12, 16, 20, 22),
          fc.integer({ min: 0, max: sortBytes }),
        ),
        rest: fc.array(sortByteArbitrary, { minLength: 22, maxLength: 22 }),
        tail: fc.integer({ min: 0, max: 0xffffffff }),
      }),
      { maxLength: 300, size: 'max' },
    ),
  )
  .map(([bases, specs]) => {
    const entries = Buffer.alloc(specs.length * eventIdEntryBytes);
    specs.forEach((spec, index) => {
      const start = index * eventIdEntryBytes;
      const base = bases[spec.base % bases.length]!;
      for (let byte = 0; byte < sortBytes; byte += 1)
        entries[start + byte] = byte < spec.shared ? base[byte]! : spec.rest[byte]!;
      writeTail(entries, start, spec.tail);
    });
    return entries;
  });

/**
 * Entries with UUID v7-like keys: a 48-bit millisecond time from a few dozen milliseconds, so that
 * the first word is shared (or, from a start just below a carry, two first words are), then
 * random bits; offsets from a few values, so that ids generated twice within a millisecond meet.
 */
const timeOrderedEntriesArbitrary = fc
  .tuple(
    fc.constantFrom(1_700_000_000_000, 0xffff_fff0, 0x1234_ffff_ffe0, 0xffff_ffff_ff00),
    fc.array(
      fc.record({
        millisecond: fc.integer({ min: 0, max: 40 }),
        random: fc.array(sortByteArbitrary, { minLength: 10, maxLength: 10 }),
        offset: fc.integer({ min: 0, max: 3 }),
        tail: fc.integer({ min: 0, max: 0xffffffff }),
      }),
      { maxLength: 300, size: 'max' },
    ),
  )
  .map(([firstMillisecond, specs]) => {
    const entries = Buffer.alloc(specs.length * eventIdEntryBytes);
    specs.forEach((spec, index) => {
      const start = index * eventIdEntryBytes;
      entries.writeUIntBE(firstMillisecond + spec.millisecond, start, 6);
      // Half the entries draw from two randoms only, so ids meet in more than their time.
      const random = spec.tail % 2 === 0 ? spec.random : spec.random.map((byte) => byte & 0x80);
      Buffer.from(random).copy(entries, start + 6);
      entries.writeUIntBE(spec.offset, start + 16, 6);
      writeTail(entries, start, spec.tail);
    });
    return entries;
  });

test('issue 15: sortEntries gives the order of a stable sort by the 22 bytes for entries that vary in any of them, and share their first 4 to 22 bytes in long runs', (t) => {
  fc.assert(
    fc.property(sharedPrefixEntriesArbitrary, (entries) => {
      t.deepEqual(sortEntries(entries), sortedByComparator(entries));
    }),
    { numRuns: 300 },
  );
});

test('issue 15: sortEntries gives the order of a stable sort by the 22 bytes for time-ordered (UUID v7-like) ids, which share their first word in long runs', (t) => {
  fc.assert(
    fc.property(timeOrderedEntriesArbitrary, (entries) => {
      t.deepEqual(sortEntries(entries), sortedByComparator(entries));
    }),
    { numRuns: 300 },
  );
});

/**
 * Fails the test unless `sorted` holds each of `count` entries, told apart by their offset (their
 * input index), once, each not after the next by its 22 bytes.
 */
function assertSortedOnce(t: ExecutionContext, sorted: Buffer, count: number): boolean {
  const offsetsSeen = new Uint8Array(count);
  for (let index = 0; index < count; index += 1) {
    const start = index * eventIdEntryBytes;
    offsetsSeen[sorted.readUIntBE(start + 16, 6)] = 1;
    if (index > 0) {
      const previous = sorted.subarray(start - eventIdEntryBytes, start - eventIdEntryBytes + 22);
      if (Buffer.compare(previous, sorted.subarray(start, start + 22)) > 0) {
        t.fail(`entry ${index} sorts before entry ${index - 1}`);
        return false;
      }
    }
  }
  t.is(offsetsSeen.indexOf(0), -1, 'every entry is in the output once');
  return true;
}

test('issue 15: beyond 2^21 entries a first window of the largest value still sorts exactly, and a run of more than 2^21 entries that share their first word is ordered by the next bytes', (t) => {
  // 2^21 + 2 entries: the index takes 22 bits, so a 32-bit window times the index span would
  // pass 2^53 and lose the index's low bits; entry 1's first word, 0xffffffff, is the largest.
  // Every other entry has first word 0: one run of 2^21 + 1, ordered by a scrambled word after
  // it (an odd multiplier is a bijection, so no two are equal) and told apart by its offset.
  const count = 2 ** 21 + 2;
  const entries = Buffer.alloc(count * eventIdEntryBytes);
  for (let index = 0; index < count; index += 1) {
    const start = index * eventIdEntryBytes;
    entries.writeUInt32BE(index === 1 ? 0xffffffff : 0, start);
    entries.writeUInt32BE(Math.imul(index, 0x9e3779b1) >>> 0, start + 4);
    entries.writeUIntBE(index, start + 16, 6);
  }
  const sorted = sortEntries(entries);
  if (!assertSortedOnce(t, sorted, count)) return;
  t.is(sorted.readUIntBE((count - 1) * eventIdEntryBytes + 16, 6), 1, 'entry 1 sorts last');
});

test('issue 15: beyond 2^21 entries, where the first window is 3 bytes (4 would not fit beside the index), entries that differ only in the first word’s last byte are still in order', (t) => {
  // 2^21 + 3 entries: the index takes 22 bits, so the first window packed is the first 3 bytes,
  // and entries that differ only in the fourth are told apart by the next window of their run.
  const count = 2 ** 21 + 3;
  const entries = Buffer.alloc(count * eventIdEntryBytes);
  let smallestFirstWord = 0xffffffff;
  for (let index = 0; index < count; index += 1) {
    const start = index * eventIdEntryBytes;
    // Pairs of first words 2k+1, 2k (the larger first), from the top down: runs of 256 share
    // their first 3 bytes, and each pair all but the last bit.
    const firstWord = 0xffffffff - 2 * Math.floor(index / 2) - (index % 2);
    smallestFirstWord = Math.min(smallestFirstWord, firstWord);
    entries.writeUInt32BE(firstWord, start);
    entries.writeUIntBE(index, start + 16, 6);
  }
  const sorted = sortEntries(entries);
  if (!assertSortedOnce(t, sorted, count)) return;
  t.is(sorted.readUInt32BE(0), smallestFirstWord);
});
