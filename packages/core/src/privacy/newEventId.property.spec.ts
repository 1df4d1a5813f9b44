import test from 'ava';
import fc from 'fast-check';
import { newEventId, newEventIds, uuidMayHoldPersonnummer } from './newEventId.js';
import { findPersonnummer, mayHoldTenDigits } from './personnummer.js';
import { stubRandomValues } from './stubbedRandomValues.testSupport.js';

/**
 * `newEventId` skips the personnummer search for a UUID none of whose first two, middle three
 * or last groups hold only digits. These UUIDs are drawn with far more digits than random ones
 * hold (and dates in their groups), so that the shapes a personnummer could take in one are met
 * thousands of times, not once in 70 000.
 */
const hexDigit = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...'0123456789') },
  { weight: 1, arbitrary: fc.constantFrom(...'abcdef') },
);
const hexGroup = (length: number) =>
  fc.oneof(
    fc.array(hexDigit, { minLength: length, maxLength: length }).map((digits) => digits.join('')),
    // A date (or a samordningsnummer's day) and digits, cut to the group: `19811218`, `1218`.
    fc
      .tuple(
        fc.constantFrom('19', '20', ''),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 91 }),
        fc.integer({ min: 0, max: 999_999_999_999 }),
      )
      .map(([century, year, month, day, rest]) =>
        `${century}${[year, month, day].map((part) => String(part).padStart(2, '0')).join('')}${rest}`
          .padEnd(length, '0')
          .slice(0, length),
      ),
  );
const uuidShaped = fc
  .tuple(hexGroup(8), hexGroup(4), hexGroup(4), hexGroup(4), hexGroup(12))
  .map((groups) => groups.join('-'));

test('a UUID skipped by uuidMayHoldPersonnummer never holds a personnummer', (t) => {
  let skippedWithTenDigits = 0;
  let refused = 0;
  fc.assert(
    fc.property(uuidShaped, (uuid) => {
      const found = findPersonnummer(uuid);
      if (found !== undefined) refused += 1;
      if (uuidMayHoldPersonnummer(uuid)) return true;
      // Skipped by newEventId: the first look of the search itself would not have skipped it.
      if (mayHoldTenDigits(uuid)) skippedWithTenDigits += 1;
      return found === undefined;
    }),
    { numRuns: 20_000 },
  );
  // The UUIDs drawn hold personnummer often, and many that are skipped hold ten digits in a chain.
  t.true(refused > 500, `${refused} refused`);
  t.true(skippedWithTenDigits > 500, `${skippedWithTenDigits} skipped with ten digits`);
});

test('the shapes next to a personnummer in a UUID: each is skipped or found as the search finds it', (t) => {
  // Ten digits against hex letters (`…f12-0101-4123`): digits of the id, not a number.
  t.false(uuidMayHoldPersonnummer('abcdef12-0101-4123-8abc-abcdefabcdef'));
  t.is(findPersonnummer('abcdef12-0101-4123-8abc-abcdefabcdef'), undefined);
  // Twelve digits from the middle of one group into the next: digits of the id too.
  t.false(uuidMayHoldPersonnummer('abcd1981-1218-9876-8abc-abcdefabcdef'));
  t.is(findPersonnummer('abcd1981-1218-9876-8abc-abcdefabcdef'), undefined);
  // The first two, the middle three and the last group: searched, and found.
  t.true(uuidMayHoldPersonnummer('abcdefab-1981-1218-9876-abcdefabcdef'));
  t.not(findPersonnummer('abcdefab-1981-1218-9876-abcdefabcdef'), undefined);
  t.true(uuidMayHoldPersonnummer('19811218-9876-4abc-8abc-abcdefabcdef'));
  t.not(findPersonnummer('19811218-9876-4abc-8abc-abcdefabcdef'), undefined);
  t.true(uuidMayHoldPersonnummer('abcdefab-abcd-4abc-8abc-198112189876'));
  t.not(findPersonnummer('abcdefab-abcd-4abc-8abc-198112189876'), undefined);
});

test('newEventId draws version 4 UUIDs the search accepts, and searches only a few of them', (t) => {
  let searched = 0;
  for (let index = 0; index < 20_000; index += 1) {
    const eventId = newEventId();
    t.regex(eventId, /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    t.is(findPersonnummer(eventId), undefined);
    if (uuidMayHoldPersonnummer(eventId)) searched += 1;
  }
  // A random UUID has only digits in those groups about once in a hundred.
  t.true(searched < 600, `${searched} of 20 000 searched`);
});

test('newEventId draws again every UUID uuidMayHoldPersonnummer cannot rule out', (t) => {
  for (let index = 0; index < 20_000; index += 1) t.false(uuidMayHoldPersonnummer(newEventId()));
});

const uuidVersion4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

test('newEventIds draws as many version 4 UUIDs as asked, all different, each one newEventId could draw', (t) => {
  // 4 097 crosses several draws of random bytes (1 024 ids each).
  for (const count of [0, 1, 100, 4_097]) {
    const ids = newEventIds(count);
    t.is(ids.length, count);
    t.is(new Set(ids).size, count);
    for (const eventId of ids) {
      t.regex(eventId, uuidVersion4);
      t.false(uuidMayHoldPersonnummer(eventId));
      t.is(findPersonnummer(eventId), undefined);
    }
  }
});

test('newEventIds takes each batch from random bytes no earlier batch took: no id of one batch comes back in another, across refills of the pool', (t) => {
  // Batches of the sizes a ledger draws, past the text buffer's 256 ids, and past the pool's
  // 1 024 ids more than once.
  const draws = [100, 99, 256, 1, 257, 100, 2, 1_000, 1_024, 3].map((count) => newEventIds(count));
  const ids = draws.flat();
  t.is(new Set(ids).size, ids.length);
  for (const eventId of ids) t.regex(eventId, uuidVersion4);
});

test('newEventIds draws every hex digit evenly at every random place of the UUID', (t) => {
  const ids = newEventIds(16_000);
  // Each place but the dashes and the version: how often each character is met there.
  for (const place of [0, 7, 9, 12, 15, 17, 19, 20, 22, 24, 30, 35]) {
    const counts = new Map<string, number>();
    for (const eventId of ids) counts.set(eventId[place]!, (counts.get(eventId[place]!) ?? 0) + 1);
    // The variant's place holds 8, 9, a or b, each a quarter of the time; any other, each of the
    // sixteen a sixteenth (the ids drawn again change that by far less than the bounds below).
    const characters = place === 19 ? 4 : 16;
    t.is(counts.size, characters, `place ${place}`);
    const expected = ids.length / characters;
    for (const [character, count] of counts)
      t.true(
        Math.abs(count - expected) < expected * 0.25,
        `${character} at ${place}: ${count} of ${ids.length}`,
      );
  }
});

test.serial(
  'newEventIds after a draw of random bytes that throws: the call throws, and the next call draws again, handing out no bytes it handed out before',
  (t) => {
    // Use the pool up, so that the next call must draw.
    const before = newEventIds(1_024 * 2);
    const stub = stubRandomValues(t, () => {
      throw new Error('no entropy');
    });
    const error = t.throws(() => newEventIds(1_100));
    t.is(error?.message, 'no entropy');
    stub.restore();
    const after = newEventIds(1_100);
    const ids = [...before, ...after];
    t.is(new Set(ids).size, ids.length);
    for (const eventId of after) t.regex(eventId, uuidVersion4);
  },
);

/** The UUID RFC 9562 makes of 16 random bytes (version 4, variant 10xx), written the plain way. */
function uuidOfBytes(bytes: Uint8Array): string {
  const set = Uint8Array.from(bytes);
  set[6] = (set[6]! & 0x0f) | 0x40;
  set[8] = (set[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(set).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

test.serial(
  'newEventIds makes each id of its own 16 random bytes, in the order drawn, each character where RFC 9562 puts it',
  (t) => {
    // Bytes known in advance, each id's different (a xorshift sequence from a fixed seed).
    let seed = 0x9e3779b9;
    const nextByte = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed & 0xff;
    };
    let drawn: Uint8Array | undefined;
    const stub = stubRandomValues(t, (bytes) => {
      for (let index = 0; index < bytes.length; index += 1) bytes[index] = nextByte();
      drawn = Uint8Array.from(bytes);
    });
    // Ids from the pool's bytes of before, one at a time, until one comes from the known draw.
    const ids: string[] = [];
    for (let calls = 0; drawn === undefined; calls += 1) {
      t.true(calls <= 1_024, 'the pool is drawn again within 1 024 ids');
      const [eventId] = newEventIds(1);
      if (drawn !== undefined) ids.push(eventId!);
    }
    ids.push(...newEventIds(299), ...newEventIds(1), ...newEventIds(300));
    stub.restore();
    t.is(ids.length, 601);
    // The known bytes left in the pool are used up here, so that no later test draws them.
    t.is(new Set([...ids, ...newEventIds(1_024 - 601)]).size, 1_024);
    for (const [index, eventId] of ids.entries()) {
      const expected = uuidOfBytes(drawn!.subarray(16 * index, 16 * index + 16));
      // Bytes whose UUID the quick look cannot rule out are replaced by one newEventId draws.
      if (uuidMayHoldPersonnummer(expected)) {
        t.not(eventId, expected, `id ${index}`);
        t.false(uuidMayHoldPersonnummer(eventId!), `id ${index}`);
      } else t.is(eventId, expected, `id ${index}`);
    }
  },
);
