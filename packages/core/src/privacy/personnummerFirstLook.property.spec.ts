import test from 'ava';
import fc from 'fast-check';
import { newEventId } from './newEventId.js';
import { findPersonnummer, mayHoldTenDigits, searchEveryChain } from './personnummer.js';

/**
 * The first look of the personnummer search (issue 15: it runs on every string a store takes)
 * may only skip strings in which the full search finds nothing. Strings are built from the
 * pieces a personnummer hides in: ASCII digits, every kind of separator, hex letters, other
 * letters, digits of other scripts, circled numbers, control and invisible characters.
 */
const pieces = [
  ...'0123456789',
  ...'0123456789',
  ...' -_./:+',
  ...'abcdefxyzÅö',
  '８',
  '٣',
  '⑳',
  '𝟗',
  '\u00ad',
  '\u200b',
  '\t',
  '\n',
  '\u0000',
  '\u2212',
  '\u00a0',
  '"',
  '19',
  '20',
  '811218',
  '9876',
  '121212',
  '1212',
  '-',
];
const pieceStrings = fc
  .array(fc.constantFrom(...pieces), { maxLength: 40 })
  .map((parts) => parts.join(''));
const personnummerLike = fc
  .tuple(
    fc.constantFrom('', '19', '20', '18'),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 91 }),
    fc.integer({ min: 0, max: 9999 }),
    fc.constantFrom('', '-', ' - ', '+', '.', '\u2013', '\u00ad', '\n', ':'),
    pieceStrings,
    pieceStrings,
  )
  .map(
    ([century, year, month, day, last, separator, before, after]) =>
      `${before}${century}${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${separator}${String(last).padStart(4, '0')}${after}`,
  );

test('issue 15: the first look never skips a string in which the full search finds a personnummer', (t) => {
  fc.assert(
    fc.property(
      fc.oneof(pieceStrings, personnummerLike, fc.string(), fc.string({ unit: 'binary' })),
      (value) => {
        if (searchEveryChain(value) !== undefined) t.true(mayHoldTenDigits(value), value);
        t.deepEqual(findPersonnummer(value), searchEveryChain(value));
      },
    ),
    { numRuns: 20_000 },
  );
});

test('issue 15: the first look skips most event ids, and still finds a personnummer made into one', (t) => {
  const ids = Array.from({ length: 2_000 }, () => newEventId());
  const looked = ids.filter(mayHoldTenDigits).length;
  t.true(looked < ids.length / 2, `${looked} of ${ids.length} ids needed the full search`);
  t.true(ids.every((id) => findPersonnummer(id) === undefined));
  t.true(mayHoldTenDigits('19811218-9876-4000-8000-000000000000'));
  t.is(findPersonnummer('19811218-9876-4000-8000-000000000000')?.text, '19811218 9876');
  t.false(mayHoldTenDigits('Samverkansforum 4, 2021-02-22, 80434.52 kr'));
  t.true(mayHoldTenDigits('Resa 811218 - 9876'));
  t.true(mayHoldTenDigits('８１１２１８－９８７６'));
});
