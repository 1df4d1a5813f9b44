import test from 'ava';
import fc from 'fast-check';
import { findPersonnummerInValue } from './findPersonnummerInValue.js';
import { jsonTextMayHoldPersonnummer } from './jsonTextMayHoldPersonnummer.js';
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
    { numRuns: 10_000 },
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

const values = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    pieceStrings,
    personnummerLike,
    fc.integer({ min: 0, max: 999_999_999_999 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(pieceStrings, personnummerLike, fc.constant('__proto__')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

test('issue 15: the first look at a JSON text never skips a value in which the search finds a personnummer, in a key or in a string', (t) => {
  let found = 0;
  fc.assert(
    fc.property(values, (value) => {
      const json = JSON.stringify(value);
      if (findPersonnummerInValue(value) === undefined) return;
      found += 1;
      t.true(jsonTextMayHoldPersonnummer(json), json);
    }),
    { numRuns: 10_000 },
  );
  t.true(found > 300, `${found} values held a personnummer`);
  t.false(
    jsonTextMayHoldPersonnummer(
      JSON.stringify({
        datum: '2021-02-22',
        område: 'strukturpåverkande',
        belopp: '80434.52',
        text: 'Samverkansforum 4',
        betalning: { sätt: 'bank' },
        löpnummer: 198112189876,
      }),
    ),
  );
  t.true(jsonTextMayHoldPersonnummer(JSON.stringify({ rader: [{ text: 'Resa 811218-9876' }] })));
  t.true(jsonTextMayHoldPersonnummer(JSON.stringify({ '811218-9876': 'inskriven' })));
  t.true(jsonTextMayHoldPersonnummer(JSON.stringify({ text: '811218\n9876' })));
});
