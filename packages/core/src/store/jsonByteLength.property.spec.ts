import test from 'ava';
import fc from 'fast-check';
import type { JsonValue } from './json.js';
import { jsonByteLength } from './jsonByteLength.js';

/**
 * The size limit of an append counts each event's metadata without writing its JSON (issue 15):
 * the count must be exactly what `JSON.stringify` writes, in UTF-8, for every plain JSON value,
 * with the characters JSON escapes, surrogate pairs and lone surrogates, and `__proto__` keys.
 */
const awkward = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\b\f\r\t',
  '\u0000\u001f\u007f',
  '\u2028',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  'å',
  'ࠀ',
  '😀',
  '__proto__',
  '',
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(fc.oneof(awkward, fc.string({ maxLength: 3 })), { maxLength: 6 })
    .map((parts) => parts.join('')),
);
const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((number) => !Object.is(number, -0)),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, awkward), tie('value'), { maxKeys: 4 }),
  ),
}));

test('issue 15: jsonByteLength counts exactly the UTF-8 bytes JSON.stringify writes', (t) => {
  fc.assert(
    fc.property(value, (json) => {
      t.is(jsonByteLength(json), Buffer.byteLength(JSON.stringify(json), 'utf8'));
    }),
    { numRuns: 3_000 },
  );
  const metadata = {
    recordedAt: '2026-01-15T08:00:00.000Z',
    recordedBy: 'Åsa "Ö" \\ Berg',
    verifikationsnummer: ['2021-17'],
    copiedFrom: { storedAt: '2026-01-15T08:00:01.000Z', globalPosition: 12 },
  };
  t.is(jsonByteLength(metadata), Buffer.byteLength(JSON.stringify(metadata), 'utf8'));
});
