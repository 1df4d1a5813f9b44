import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { newEventId, type NewEvent } from '@finsam-ledger/core';
import { validateAppend } from '@finsam-ledger/core/store';
import {
  decodeEventRecordLine,
  encodeEventRecord,
  jsonString,
  RecordBatchEncoder,
  toStoredEvent,
  typePartCached,
  typePartCacheMax,
} from './format.js';
import { sealLine, sha256Hex, type SealedLine } from './hashChain.js';

/**
 * The writer decodes only the last line of each batch before it writes (issue 15; decisions.md,
 * "The writer's self-check"), so the encoder itself is held here to what every line must be:
 * exactly the bytes `JSON.stringify` writes for the record with its members in the documented
 * order, sealed and chained, and decoding to the event appended. Data, ids, types and texts are
 * random, with the characters JSON escapes (quotes, backslashes, control characters, lone
 * surrogates, U+2028) and keys such as `__proto__`.
 */

const awkward = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\u0000',
  '\u2028',
  '\ud800',
  '\udfff',
  'å',
  '😀',
  '__proto__',
  '',
);
const texts = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(fc.oneof(awkward, fc.string({ maxLength: 3 })), { maxLength: 6 })
    .map((parts) => parts.join('')),
);
// fast-check's JSON values hold -0, which JSON writes as 0 and the store refuses (json.ts): a
// round trip through JSON text makes them the values a store takes.
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)));
const data = fc.dictionary(fc.oneof(texts, awkward), jsonValue, { maxKeys: 5 });
const metadata = fc.record(
  {
    recordedAt: fc.constant('2026-01-15T08:00:00.000Z'),
    recordedBy: fc.constantFrom('Ekonom', 'Åsa "Ö" \\ Berg', 'bench@finsam'),
    correlationId: fc.constantFrom('import-2021', 'ä"ö'),
    causationId: fc.constant(undefined).map(() => newEventId()),
    verifikationsnummer: fc.array(fc.constantFrom('2020-1', '2021-17'), { maxLength: 3 }),
    copiedFrom: fc.record({
      storedAt: fc.constant('2026-01-15T08:00:01.000Z'),
      globalPosition: fc.nat(),
    }),
  },
  { requiredKeys: ['recordedAt', 'recordedBy'] },
);
/**
 * Event types: the ledger's (Swedish letters), and any the envelope's rule lets through (letters
 * of any script, digits, `_ . -`), many of them, so that the encoder's text kept per type is made,
 * reused and, past its limit of types, made afresh.
 */
const types = fc.oneof(
  fc.constantFrom('KostnadBokförd', 'TestHändelse', 'É.t-y_p9'),
  fc.stringMatching(/^[\p{L}][\p{L}\p{N}_.-]{0,12}$/u),
);
const event = fc.record({
  eventId: fc.constant(undefined).map(() => newEventId()),
  type: types,
  schemaVersion: fc.integer({ min: 1, max: 1000 }),
  data,
  metadata,
});

/** A record as `JSON.stringify` writes it, members in the documented order: the reference. */
function referenceRecord(
  placement: Parameters<typeof encodeEventRecord>[0],
  appended: NewEvent,
): SealedLine {
  const { recordedAt, recordedBy, correlationId, causationId, verifikationsnummer, copiedFrom } =
    appended.metadata;
  const record = {
    position: placement.position,
    streamId: placement.streamId,
    streamRevision: placement.streamRevision,
    batchIndex: placement.batchIndex,
    batchSize: placement.batchSize,
    eventId: appended.eventId,
    type: appended.type,
    schemaVersion: appended.schemaVersion,
    data: appended.data,
    metadata: {
      recordedAt,
      recordedBy,
      ...(correlationId === undefined ? {} : { correlationId }),
      ...(causationId === undefined ? {} : { causationId }),
      ...(verifikationsnummer === undefined ? {} : { verifikationsnummer }),
      ...(copiedFrom === undefined ? {} : { copiedFrom }),
    },
    storedAt: placement.storedAt,
    prev: placement.prev,
  };
  return sealLine(JSON.stringify(record));
}

test('issue 15: a batch encoded into one buffer is byte for byte the records JSON.stringify writes, and every line decodes to its event', (t) => {
  fc.assert(
    fc.property(
      fc.array(event, { minLength: 1, maxLength: 5 }),
      fc.constantFrom('bokforing-roslagen', 'ström-"å"\\x'),
      fc.nat({ max: 2 ** 40 }),
      fc.nat({ max: 2 ** 31 }),
      (events, streamId, firstPosition, firstRevision) => {
        const valid = validateAppend(streamId, events);
        if (E.isLeft(valid)) return t.fail(valid.left.message);
        const storedAt = '2026-12-01T02:53:32.474Z';
        let prev = sha256Hex(streamId);
        const placement = { firstPosition, streamId, firstRevision, prev, storedAt };
        const encoder = new RecordBatchEncoder({ ...placement, batchSize: events.length });
        const expected: Buffer[] = [];
        valid.right.events.forEach((appended, batchIndex) => {
          const recordPlacement = {
            position: firstPosition + batchIndex,
            streamId,
            streamRevision: firstRevision + batchIndex,
            batchIndex,
            batchSize: events.length,
            prev,
            storedAt,
          };
          const { bytes: reference, hash } = referenceRecord(recordPlacement, appended);
          t.true(encodeEventRecord(recordPlacement, appended).bytes.equals(reference));
          t.is(encoder.add(appended, valid.right.dataJson[batchIndex]), reference.length);
          expected.push(reference);
          prev = hash;
        });
        const encoded = encoder.finish();
        // Buffer.equals: the encoder's bytes are a view of a larger buffer.
        t.true(encoded.bytes.equals(Buffer.concat(expected)));
        t.is(encoded.lastHash, prev);
        encoded.lineOffsets.forEach((offset, index) => {
          const end = encoded.bytes.indexOf(0x0a, offset);
          const decoded = decodeEventRecordLine(encoded.bytes.subarray(offset, end));
          if (E.isLeft(decoded)) return t.fail(decoded.left.message);
          t.deepEqual(toStoredEvent(decoded.right), {
            ...valid.right.events[index]!,
            streamId,
            streamRevision: firstRevision + index,
            globalPosition: firstPosition + index,
            storedAt,
          });
        });
      },
    ),
    { numRuns: 300 },
  );
});

test('issue 15: a record’s texts are quoted as JSON.stringify quotes them, escapes, control characters and lone surrogates included', (t) => {
  fc.assert(
    fc.property(fc.oneof(texts, fc.string({ unit: 'grapheme', maxLength: 10 })), (text) => {
      t.is(jsonString(text), JSON.stringify(text));
    }),
    { numRuns: 5_000 },
  );
  for (const text of ['"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '😀', 'å'])
    t.is(jsonString(text), JSON.stringify(text), JSON.stringify(text));
});

/**
 * Encodes `events` (with their data's texts) as one batch of `streamId` (`bokforing-roslagen`) from
 * `firstPosition` and `firstRevision`, into `buffer` when given, and asserts each record's size
 * and the batch's bytes and last hash against {@link referenceRecord}'s.
 */
function assertEncodedAsReference(
  t: ExecutionContext,
  events: readonly NewEvent[],
  dataJson: readonly string[],
  firstPosition: number,
  firstRevision: number,
  buffer?: Buffer,
  streamId = 'bokforing-roslagen',
): void {
  const storedAt = '2026-12-01T02:53:32.474Z';
  let prev = sha256Hex(streamId);
  const batchSize = events.length;
  const encoder = new RecordBatchEncoder(
    { firstPosition, streamId, firstRevision, batchSize, prev, storedAt },
    buffer,
  );
  const expected = events.map((event, batchIndex) => {
    const { bytes, hash } = referenceRecord(
      {
        position: firstPosition + batchIndex,
        streamId,
        streamRevision: firstRevision + batchIndex,
        batchIndex,
        batchSize,
        prev,
        storedAt,
      },
      event,
    );
    t.is(encoder.add(event, dataJson[batchIndex]), bytes.length);
    prev = hash;
    return bytes;
  });
  const encoded = encoder.finish();
  t.true(encoded.bytes.equals(Buffer.concat(expected)));
  t.is(encoded.lastHash, prev);
}

/**
 * The batch's events as the ledger hands them on: the first event's metadata object shared by
 * the events whose mode is `same`, copies of it that the books numbered for `numbered`, and their
 * own for `own`.
 */
function sharingMetadata(
  events: readonly NewEvent[],
  modes: readonly ('same' | 'numbered' | 'own')[],
): NewEvent[] {
  const shared = events[0]!.metadata;
  return events.map((event, index): NewEvent => {
    const mode = modes[index]!;
    if (mode === 'own') return event;
    const metadata =
      mode === 'same'
        ? shared
        : { ...shared, verifikationsnummer: [`2021-${index + 1}`, '2020-1'].slice(0, index % 3) };
    return { ...event, metadata };
  });
}

test('issue 15: events of a batch that share one metadata object, or copies of it with other verifikation numbers, are encoded byte for byte as each alone', (t) => {
  const sharing = fc.array(fc.constantFrom('same', 'numbered', 'own'), {
    minLength: 1,
    maxLength: 8,
  });
  fc.assert(
    fc.property(
      event,
      fc.array(event, { minLength: 8, maxLength: 8 }),
      sharing,
      (first, others, modes) => {
        const valid = validateAppend('bokforing-roslagen', [
          first,
          ...others.slice(0, modes.length - 1),
        ]);
        if (E.isLeft(valid)) return t.fail(valid.left.message);
        const events = sharingMetadata(valid.right.events, modes);
        assertEncodedAsReference(t, events, valid.right.dataJson, 7, 3);
      },
    ),
    { numRuns: 300 },
  );
});

test('issue 15: records larger than the batch encoder’s first buffer, which grows while it writes one, are encoded byte for byte as each alone', (t) => {
  // The encoder starts with a kibibyte a record (at least four), or a buffer an earlier batch left
  // (its old bytes garbage); a record of several kibibytes makes it grow in the middle of a record,
  // after the pieces it copies from earlier records: the type, the metadata's first members, a
  // metadata object the record before had too. Positions and revisions reach the largest safe
  // integers, written digit by digit.
  const large = fc.record({
    eventId: fc.constant(undefined).map(() => newEventId()),
    type: types,
    schemaVersion: fc.integer({ min: 1, max: 1000 }),
    // Text of three-byte characters fills the room reserved for it (three bytes a UTF-16 unit),
    // so that what follows it must make room of its own.
    data: fc
      .tuple(texts, fc.constantFrom('å', '€'), fc.integer({ min: 1, max: 12_000 }))
      .map(([text, filler, repeat]) => ({
        text: `${text}${filler}`.repeat(Math.ceil(repeat / (text.length + 1))),
      })),
    // Metadata longer than the room kept spare after the data: long names, many numbers.
    metadata: fc.oneof(
      metadata,
      fc.record({
        recordedAt: fc.constant('2026-01-15T08:00:00.000Z'),
        recordedBy: fc.constantFrom('Ö'.repeat(200), 'a\\"'.repeat(50)),
        verifikationsnummer: fc.array(fc.constantFrom('2020-1', '2021-1234567'), {
          maxLength: 150,
        }),
      }),
    ),
  });
  const batchSizeMax = 6;
  const placeNumber = fc.oneof(
    fc.nat({ max: 1_000 }),
    fc.integer({ min: Number.MAX_SAFE_INTEGER - 100, max: Number.MAX_SAFE_INTEGER - batchSizeMax }),
  );
  const sharing = fc.array(fc.constantFrom('same', 'numbered', 'own'), {
    minLength: batchSizeMax,
    maxLength: batchSizeMax,
  });
  const leftBuffer = fc.option(fc.integer({ min: 0, max: 40_000 }));
  fc.assert(
    fc.property(
      fc.array(large, { minLength: 1, maxLength: batchSizeMax }),
      sharing,
      placeNumber,
      placeNumber,
      leftBuffer,
      (events, modes, firstPosition, firstRevision, leftBufferBytes) => {
        const valid = validateAppend('bokforing-roslagen', events);
        if (E.isLeft(valid)) return t.fail(valid.left.message);
        assertEncodedAsReference(
          t,
          sharingMetadata(valid.right.events, modes),
          valid.right.dataJson,
          firstPosition,
          firstRevision,
          leftBufferBytes === null ? undefined : Buffer.alloc(leftBufferBytes, '{"x":"\\é'),
        );
      },
    ),
    { numRuns: 400 },
  );
});

/**
 * A batch whose records hold every piece the encoder writes, each as long as the envelope lets it
 * be or longer than the room a reservation keeps spare (512 bytes): a stream id and a type of
 * three-byte characters, escaped texts, numbers near 2^53, metadata written, copied whole from
 * the record before and copied up to other verifikation numbers. The first record's data fills
 * most of the encoder's first buffer.
 */
function everyPieceLong(): NewEvent[] {
  const metadata = {
    recordedAt: '2026-01-15T08:00:00.000Z',
    recordedBy: '語'.repeat(200),
    correlationId: 'ä"ö\\'.repeat(50),
    causationId: newEventId(),
    verifikationsnummer: Array.from({ length: 60 }, (_, index) => `2021-${1_000_000 + index}`),
    copiedFrom: { storedAt: '2026-01-15T08:00:01.000Z', globalPosition: 9_007_199_254_740 },
  };
  const numbered = { ...metadata, verifikationsnummer: ['2022-1', '2022-1234567'] };
  const type = '語'.repeat(100);
  const rich = (text: string, own: NewEvent['metadata']): NewEvent => ({
    eventId: newEventId(),
    type,
    schemaVersion: 1000,
    data: { text, '"\\å': ['\u2028€', 12.5, null], n: Number.MAX_SAFE_INTEGER },
    metadata: own,
  });
  return [
    {
      eventId: newEventId(),
      type: 'KostnadBokförd',
      schemaVersion: 1,
      data: { fyllnad: '€'.repeat(1_500) },
      metadata: { recordedAt: metadata.recordedAt, recordedBy: 'Ekonom' },
    },
    rich('€"\n'.repeat(200), metadata),
    rich('å', metadata),
    rich('Ö\\'.repeat(300), numbered),
    rich('', { ...metadata, recordedBy: '€'.repeat(200), correlationId: '語'.repeat(200) }),
  ];
}

test('issue 15: wherever the encoder’s buffer ends inside a batch, byte by byte, the batch is encoded as the reference: every piece makes room for itself', (t) => {
  // The encoder is handed a buffer of each length from its first one's (a kibibyte a record, at
  // least four) to past the batch's end, so that the buffer's end falls on every byte of the
  // records after the first one's data: each piece written there must make room (grow the
  // buffer) first, or is cut short. Randomly sized records (above) reach only some of the ends.
  // Left out one at a time, the reservations before the record's head, its data, its metadata's
  // head, each verifikation number and a copy of the record before each fail this test; those
  // before the batch's last seal, the type, the metadata's tail and `copiedFrom` do not: what any
  // valid event puts there fits in the room (512 bytes) the reservation before them kept spare
  // (the type, at most 100 three-byte letters, by some ten bytes). The one before an escaped id or
  // verifikation number is never reached: valid ones are ASCII without quotes.
  const streamId = `bokföring-${'ö語'.repeat(66)}`;
  t.is(streamId.length, 142);
  const valid = validateAppend(streamId, everyPieceLong());
  if (E.isLeft(valid)) return t.fail(valid.left.message);
  const { events, dataJson } = valid.right;
  const firstBufferBytes = Math.max(events.length, 4) * 1024;
  const batchBytes = events.reduce(
    (sum, event, index) =>
      sum +
      referenceRecord(
        {
          position: Number.MAX_SAFE_INTEGER - 10 + index,
          streamId,
          streamRevision: Number.MAX_SAFE_INTEGER - 10 + index,
          batchIndex: index,
          batchSize: events.length,
          prev: sha256Hex(streamId),
          storedAt: '2026-12-01T02:53:32.474Z',
        },
        event,
      ).bytes.length,
    0,
  );
  t.true(batchBytes > firstBufferBytes + 4_000, `a batch of ${batchBytes} bytes`);
  for (let bytes = firstBufferBytes; bytes <= batchBytes + 1_024; bytes += 1) {
    const position = Number.MAX_SAFE_INTEGER - 10;
    assertEncodedAsReference(
      t,
      events,
      dataJson,
      position,
      position,
      Buffer.alloc(bytes),
      streamId,
    );
  }
});

test('issue 15: the encoder’s text kept per event type stays within its bound of types through batches of many more, and every record, of a type kept, made afresh or made again after the clearing, is encoded byte for byte as the reference', (t) => {
  // Three times the bound of distinct types, Swedish letters among them, the first 263 used
  // twice: once in the first pass, once more after the clearings that the first pass caused.
  const prefixes = ['KostnadBokförd', 'É.t-y_p', 'Händelse', 'Typ'];
  const distinct = Array.from(
    { length: typePartCacheMax * 3 },
    (_, index) => `${prefixes[index % prefixes.length]!}${index}`,
  );
  const sequence = [...distinct, ...distinct.slice(0, typePartCacheMax + 7).reverse()];
  const sizes: number[] = [];
  let position = 11;
  for (let from = 0; from < sequence.length; from += 5) {
    const batch = sequence.slice(from, from + 5).map((type, index) => ({
      eventId: newEventId(),
      type,
      schemaVersion: 1,
      data: { index: from + index, text: 'å"\\' },
      metadata: { recordedAt: '2026-01-15T08:00:00.000Z', recordedBy: 'Ekonom' },
    }));
    const valid = validateAppend('bokforing-roslagen', batch);
    if (E.isLeft(valid)) return t.fail(valid.left.message);
    assertEncodedAsReference(t, valid.right.events, valid.right.dataJson, position, position);
    position += batch.length;
    sizes.push(typePartCached.size);
    for (const [type, { schemaVersion, bytes }] of typePartCached) {
      const piece = `,"type":${JSON.stringify(type)},"schemaVersion":${schemaVersion},"data":`;
      if (!bytes.equals(Buffer.from(piece, 'utf8'))) return t.fail(type);
    }
  }
  t.true(
    sizes.every((size) => size > 0 && size <= typePartCacheMax),
    `kept per type after each batch: ${Math.max(...sizes)} at most`,
  );
});
