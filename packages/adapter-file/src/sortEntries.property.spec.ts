import test from 'ava';
import fc from 'fast-check';
import { eventIdEntryBytes, sortEntries } from './eventIdIndex.js';

/**
 * `sortEntries` orders entries by their first 22 bytes (the key, then the offset) with the typed
 * array's own sort on each entry's leading key bits, and a comparator only within runs that share
 * them. Held here to the plain definition: a stable sort of the entries by those 22 bytes.
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
 * Entries whose keys come from few first words and few whole keys, so that runs sharing their
 * leading bits are long, and whole 22-byte prefixes repeat (an id put twice at one offset cannot
 * happen in a store, but the order of such twins must still be their input order).
 */
const entriesArbitrary = fc
  .array(
    fc.record({
      firstWord: fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff),
      keyRest: fc.constantFrom(0, 1, 2),
      offset: fc.integer({ min: 0, max: 3 }),
      tail: fc.integer({ min: 0, max: 0xffffffff }),
    }),
    { maxLength: 300 },
  )
  .map((specs) => {
    const entries = Buffer.alloc(specs.length * eventIdEntryBytes);
    specs.forEach((spec, index) => {
      const start = index * eventIdEntryBytes;
      entries.writeUInt32BE(spec.firstWord, start);
      entries.writeUInt32BE(spec.keyRest, start + 12);
      entries.writeUIntBE(spec.offset, start + 16, 6);
      // What follows the sorted bytes tells twins apart in the output.
      entries.writeUInt32BE(spec.tail, start + 28);
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

test('issue 15: sortEntries orders entries that start at an odd byte of their buffer as those that start at its beginning', (t) => {
  fc.assert(
    fc.property(entriesArbitrary, (entries) => {
      const shifted = Buffer.alloc(entries.length + 1);
      entries.copy(shifted, 1);
      t.deepEqual(sortEntries(shifted.subarray(1)), sortedByComparator(entries));
    }),
    { numRuns: 50 },
  );
});

test('issue 15: beyond 2^21 entries, where only the leading bits of the first word fit beside the index, entries that differ in its last bits are still in order', (t) => {
  // 2^21 + 3 entries: the index takes 22 bits, so only 31 of the first word's 32 are packed, and
  // entries that differ only in its last bit are told apart by the comparator of their run.
  const count = 2 ** 21 + 3;
  const entries = Buffer.alloc(count * eventIdEntryBytes);
  let smallestFirstWord = 0xffffffff;
  for (let index = 0; index < count; index += 1) {
    const start = index * eventIdEntryBytes;
    // Pairs of first words 2k+1, 2k (the larger first), from the top down: each pair shares its
    // leading 31 bits, so each is one run of the packed sort, put in order by the comparator.
    const firstWord = 0xffffffff - 2 * Math.floor(index / 2) - (index % 2);
    smallestFirstWord = Math.min(smallestFirstWord, firstWord);
    entries.writeUInt32BE(firstWord, start);
    entries.writeUIntBE(index, start + 16, 6);
  }
  const sorted = sortEntries(entries);
  const offsetsSeen = new Uint8Array(count);
  for (let index = 0; index < count; index += 1) {
    const start = index * eventIdEntryBytes;
    offsetsSeen[sorted.readUIntBE(start + 16, 6)] = 1;
    if (index > 0) {
      const previous = sorted.subarray(start - eventIdEntryBytes, start - eventIdEntryBytes + 22);
      if (Buffer.compare(previous, sorted.subarray(start, start + 22)) > 0)
        return t.fail(`entry ${index} sorts before entry ${index - 1}`);
    }
  }
  t.is(offsetsSeen.indexOf(0), -1, 'every entry is in the output once');
  t.is(sorted.readUInt32BE(0), smallestFirstWord);
});
