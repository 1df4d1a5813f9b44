import { isDeepStrictEqual } from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { decodeEventRecordLine, EventRecordCodec } from './format.js';
import { sealLine } from './hashChain.js';

/**
 * `decodeEventRecordLine` checks a record's shape with the codec's guard (`is`) and decodes with
 * the codec only when the guard refuses it or decoding would drop members (issue 15: a third of
 * the cost of a read). It must accept exactly what the codec accepts and give the value the codec
 * gives: held here for records with members missing, of the wrong type, out of range, and with
 * members the codec does not know (kept on the record, dropped from the metadata and its
 * `copiedFrom`).
 */

const hash = fc.constantFrom('a'.repeat(64), '0123456789abcdef'.repeat(4));
const wrong = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant('7'),
  fc.constant([]),
  fc.constant({}),
  fc.constant('A'.repeat(64)),
);
const extras = fc.dictionary(
  fc.constantFrom('extra', '__proto__', 'storedAt', 'recordedAt', 'x'),
  fc.jsonValue({ maxDepth: 1 }),
  { maxKeys: 2 },
);

const metadata = fc.record(
  {
    recordedAt: fc.constant('2026-01-15T08:00:00.000Z'),
    recordedBy: fc.constant('Ekonom'),
    correlationId: fc.constant('import-2021'),
    causationId: fc.constant('c'),
    verifikationsnummer: fc.array(fc.constantFrom('2020-1', '2021-17'), { maxLength: 2 }),
    copiedFrom: fc.record({
      storedAt: fc.constant('2026-01-15T08:00:01.000Z'),
      globalPosition: fc.nat(),
    }),
  },
  { requiredKeys: ['recordedAt', 'recordedBy'] },
);

const record = fc.record(
  {
    position: fc.nat(),
    streamId: fc.constantFrom('bokforing-x', 'å"\\'),
    streamRevision: fc.nat(),
    batchIndex: fc.constant(0),
    batchSize: fc.constant(1),
    eventId: fc.constant('id'),
    type: fc.constant('KostnadBokförd'),
    schemaVersion: fc.nat(),
    data: fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    metadata,
    prev: hash,
    storedAt: fc.constant('2026-01-15T08:00:02.000Z'),
  },
  { requiredKeys: [] },
);

/** A record with some members replaced by wrong values and some unknown members added. */
const damaged = fc
  .tuple(
    record,
    fc.array(fc.tuple(fc.constantFrom('record', 'metadata', 'copiedFrom'), fc.string(), wrong), {
      maxLength: 2,
    }),
    extras,
    extras,
    extras,
  )
  .map(([base, replacements, recordExtras, metadataExtras, copiedFromExtras]) => {
    const value = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    Object.assign(value, recordExtras);
    const meta = value.metadata as Record<string, unknown> | undefined;
    if (meta !== undefined && typeof meta === 'object') Object.assign(meta, metadataExtras);
    const copied = meta?.copiedFrom as Record<string, unknown> | undefined;
    if (copied !== undefined) Object.assign(copied, copiedFromExtras);
    for (const [where, key, replacement] of replacements) {
      const target = where === 'record' ? value : where === 'metadata' ? meta : copied;
      const member = where === 'record' ? Object.keys(value)[key.length % 13] : key;
      if (target !== undefined && member !== undefined) target[member] = replacement;
    }
    return value;
  });

test('a line decodes as the codec decodes its record: accepted or refused alike, the same value', (t) => {
  fc.assert(
    fc.property(damaged, (value) => {
      if (Object.keys(value).length === 0) value.extra = 0;
      const sealed = sealLine(JSON.stringify(value));
      const line = sealed.bytes.subarray(0, sealed.bytes.length - 1);
      const parsed: unknown = JSON.parse(line.toString('utf8'));
      const byCodec = EventRecordCodec.decode(parsed);
      const byLine = decodeEventRecordLine(line);
      if (E.isLeft(byCodec)) return E.isLeft(byLine) && byLine.left.kind === 'malformed';
      // The codec accepted it; the line's own hash is the sealed one.
      return E.isRight(byLine) && isDeepStrictEqual(byLine.right, byCodec.right);
    }),
    { numRuns: 2000 },
  );
  t.pass();
});

test('a record with members the codec does not know decodes to what the codec makes of it', (t) => {
  const record = {
    position: 0,
    streamId: 's',
    streamRevision: 0,
    batchIndex: 0,
    batchSize: 1,
    eventId: 'id',
    type: 'T',
    schemaVersion: 1,
    data: {},
    metadata: {
      recordedAt: 'a',
      recordedBy: 'b',
      extra: 1,
      copiedFrom: { storedAt: 'c', globalPosition: 2, more: 3 },
    },
    prev: 'a'.repeat(64),
  };
  const sealed = sealLine(JSON.stringify(record));
  const decoded = decodeEventRecordLine(sealed.bytes.subarray(0, sealed.bytes.length - 1));
  const byCodec = EventRecordCodec.decode({ ...record, hash: sealed.hash });
  t.true(E.isRight(decoded) && E.isRight(byCodec));
  if (E.isRight(decoded) && E.isRight(byCodec)) {
    t.deepEqual(decoded.right, byCodec.right);
    t.deepEqual(decoded.right.metadata.copiedFrom, { storedAt: 'c', globalPosition: 2 });
  }
});
