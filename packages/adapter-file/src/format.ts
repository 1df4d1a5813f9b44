import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { type NewEvent, type StoredEvent } from '@finsam-ledger/core';
import { assert, envelopeLimits } from '@finsam-ledger/core/store';
import {
  hashHexLength,
  isHashHex,
  sealLine,
  sealSuffixBytes,
  sha256Hex,
  unsealLine,
  type SealedLine,
} from './hashChain.js';

/**
 * The on-disk format of the file store, version 1: JSON Lines (UTF-8, one JSON object
 * per line, `\n` after every line). Line 1 is the header; every further line is one event
 * record. See `docs/adapter-file.md` for the full description.
 */

/** The value of the header's `format` member: what identifies a file as a store. */
export const fileStoreFormat = 'finsam-ledger/file-store';

/** The format version this code writes, and the newest it reads. */
export const fileStoreFormatVersion = 1;

/** Limits of the file store. Everything read or written is bounded by one of these. */
export const fileStoreLimits = {
  /** The header line, newline included. */
  headerBytesMax: 4096,
  /**
   * One record line, newline included: the event's data (at most
   * `envelopeLimits.eventDataBytesMax` as JSON) plus its envelope. Escaping of the
   * envelope's strings is bounded by the envelope limits, so 64 KiB is ample for it.
   */
  recordBytesMax: envelopeLimits.eventDataBytesMax + 65_536,
  /**
   * All records of one append together. A reader buffers at most one batch to keep appends
   * atomic. The core refuses appends over `envelopeLimits.appendBytesMax` (1 MiB of data and
   * metadata); the records add at most about 1.6 KB of envelope per event (a 200-character
   * stream id and a 100-character type in 4-byte UTF-8, member names, positions, two
   * hashes), 16 MB for the core's 10 000 events, so 32 MiB is never reached by an append
   * the core accepts.
   */
  batchBytesMax: 32 * 1024 * 1024,
  /** Bytes read from the file per read call. */
  readChunkBytes: 1024 * 1024,
  /**
   * The writer remembers where every so many events start, so that `readAll` from a position need
   * not scan from the start.
   */
  checkpointEveryEvents: 4096,
  /** The lock file is tiny; anything longer is not ours. */
  lockFileBytesMax: 4096,
} as const;

// Codecs of what is stored. io-ts decodes stored records into an Either; the events
// themselves were validated by the core's rules when they were appended, so decoding
// checks only that the stored shape is the one this version writes.

interface NonNegativeIntegerBrand {
  readonly NonNegativeInteger: unique symbol;
}
const NonNegativeInteger = t.brand(
  t.number,
  (value): value is t.Branded<number, NonNegativeIntegerBrand> =>
    Number.isSafeInteger(value) && value >= 0,
  'NonNegativeInteger',
);

interface HashHexBrand {
  readonly HashHex: unique symbol;
}
const HashHex = t.brand(
  t.string,
  (value): value is t.Branded<string, HashHexBrand> => isHashHex(value),
  'HashHex',
);

/** io-ts codec of the header (format version 1). */
export const HeaderCodec = t.strict({
  format: t.literal(fileStoreFormat),
  formatVersion: t.literal(fileStoreFormatVersion),
  storeId: t.string,
  createdAt: t.string,
  hash: HashHex,
});

/** The decoded header. */
export type Header = t.TypeOf<typeof HeaderCodec>;

const MetadataCodec = t.intersection([
  t.strict({ recordedAt: t.string, recordedBy: t.string }),
  t.partial({
    correlationId: t.string,
    causationId: t.string,
    verifikationsnummer: t.readonlyArray(t.string),
    copiedFrom: t.readonly(t.strict({ storedAt: t.string, globalPosition: t.number })),
  }),
]);

/**
 * io-ts codec of an event record (format version 1). `t.type`, not `t.strict`: members
 * this version does not know cannot have been written by it, and they are covered by the
 * checksum anyway; not copying every record to strip them makes reads faster.
 */
export const EventRecordCodec = t.intersection([
  t.type({
    position: NonNegativeInteger,
    streamId: t.string,
    streamRevision: NonNegativeInteger,
    batchIndex: NonNegativeInteger,
    batchSize: NonNegativeInteger,
    eventId: t.string,
    type: t.string,
    schemaVersion: NonNegativeInteger,
    data: t.UnknownRecord,
    metadata: MetadataCodec,
    prev: HashHex,
    hash: HashHex,
  }),
  // The store's stamp (issue 16). Records written before stamps have none; they still read.
  t.partial({ storedAt: t.string }),
]);

/** A decoded event record. */
export type EventRecord = t.TypeOf<typeof EventRecordCodec>;

/** The members the metadata's codec knows (its strict part drops others as it decodes). */
const metadataMembers: ReadonlySet<string> = new Set([
  ...Object.keys(MetadataCodec.types[0].type.props),
  ...Object.keys(MetadataCodec.types[1].props),
]);
const copiedFromMembers: ReadonlySet<string> = new Set(['storedAt', 'globalPosition']);

const hasOnlyMembers = (value: object, members: ReadonlySet<string>): boolean => {
  for (const key of Object.keys(value)) if (!members.has(key)) return false;
  return true;
};

/**
 * True when a record that {@link EventRecordCodec} accepts (`is`) has members its metadata's
 * codec does not know: decoding may drop them, so its decoded value may not be the parsed value
 * itself. Records this code writes never have any (`encodeEventRecord` writes the known ones).
 */
function stripsMembers(record: EventRecord): boolean {
  const { metadata } = record;
  return (
    !hasOnlyMembers(metadata, metadataMembers) ||
    (metadata.copiedFrom !== undefined && !hasOnlyMembers(metadata.copiedFrom, copiedFromMembers))
  );
}

/** Turns io-ts errors into one sentence naming the fields. */
export function describeDecodeErrors(errors: t.Errors): string {
  const paths = errors.slice(0, 5).map((error) =>
    error.context
      .map((entry) => entry.key)
      .filter((key) => key !== '' && !/^\d+$/.test(key))
      .join('.'),
  );
  return `unexpected value at ${[...new Set(paths)].map((path) => (path === '' ? '(root)' : path)).join(', ')}`;
}

/** Writes the header line of a new store. */
export function encodeHeader(storeId: string, createdAt: string): SealedLine {
  const sealed = sealLine(
    JSON.stringify({
      format: fileStoreFormat,
      formatVersion: fileStoreFormatVersion,
      storeId,
      createdAt,
    }),
  );
  assert(sealed.bytes.length <= fileStoreLimits.headerBytesMax, 'the header fits its limit');
  return sealed;
}

/** Where an event goes: everything a record holds besides the event itself. */
export interface RecordPlacement {
  readonly position: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly batchIndex: number;
  readonly batchSize: number;
  readonly prev: string;
  /** When the store stores the record, by its clock (see `nextStoredAt` in core). */
  readonly storedAt: string;
}

/**
 * Writes one event record. Members are always in this order, so that a person reading
 * the file sees the same layout on every line. Metadata is rebuilt from its known
 * members so that nothing the core did not validate reaches the disk.
 */
export function encodeEventRecord(placement: RecordPlacement, event: NewEvent): SealedLine {
  assert(placement.batchIndex < placement.batchSize, 'a record lies inside its batch', {
    ...placement,
  });
  assert(isHashHex(placement.prev), 'prev is a SHA-256 hash');
  return sealLine(
    `${recordHead(placement, JSON.stringify(placement.streamId))}${recordBody(event, JSON.stringify(event.data))},"storedAt":${JSON.stringify(placement.storedAt)},"prev":"${placement.prev}"}`,
  );
}

/** The members of a record before its event: where it is. */
function recordHead(placement: Omit<RecordPlacement, 'prev' | 'storedAt'>, streamIdJson: string) {
  return `{"position":${placement.position},"streamId":${streamIdJson},"streamRevision":${placement.streamRevision},"batchIndex":${placement.batchIndex},"batchSize":${placement.batchSize}`;
}

/**
 * The members of a record that hold the event, from `,"eventId"` to the metadata's `}`: exactly
 * what `JSON.stringify` writes for them. Each value is asserted to be of the type the reader's
 * codec demands, the pair of the reader's check (the core validated all of them).
 */
function recordBody(event: NewEvent, dataJson: string): string {
  return `${recordBodyBeforeData(event, dataJson)}${dataJson}${recordBodyAfterData(event)}`;
}

/**
 * What every record's body holds, asserted by both encoders before they write it: a text id and
 * type, a whole schema version, and data whose JSON text is an object.
 */
function assertRecordBody(event: NewEvent, dataJson: string): void {
  const { eventId, type, schemaVersion } = event;
  assert(
    typeof eventId === 'string' &&
      typeof type === 'string' &&
      Number.isSafeInteger(schemaVersion) &&
      schemaVersion >= 0 &&
      dataJson.charCodeAt(0) === 0x7b,
    'an event record holds an id, a type, a schema version and a JSON object of data',
  );
}

/** {@link recordBody} up to the data: `,"eventId":…,"data":`. */
function recordBodyBeforeData(event: NewEvent, dataJson: string): string {
  const { eventId, type, schemaVersion } = event;
  assertRecordBody(event, dataJson);
  return `,"eventId":${jsonString(eventId)},"type":${jsonString(type)},"schemaVersion":${schemaVersion},"data":`;
}

/** {@link recordBody} after the data: `,"metadata":{…}`. */
const recordBodyAfterData = (event: NewEvent): string =>
  `,"metadata":${metadataJson(event.metadata)}`;

/**
 * A text `JSON.stringify` writes as it is, between quotes: no quote, backslash, control character
 * or lone surrogate (a pair is one code point here, and written as it is).
 */
const needsNoEscape = /^[^"\\\p{Cc}\p{Cs}]*$/u;

/**
 * `JSON.stringify(text)`, a record's string members: written between quotes without a call into
 * the serialiser where nothing in the text needs an escape (an id, a type, an instant: nearly
 * every one), the serialiser's own for the rest. `format.property.spec.ts` holds it to that.
 */
export const jsonString = (text: string): string =>
  needsNoEscape.test(text) ? `"${text}"` : JSON.stringify(text);

/** `JSON.stringify` of a list of texts (the verifikation numbers), each as {@link jsonString}. */
function jsonStringList(texts: readonly string[]): string {
  let json = '[';
  for (let index = 0; index < texts.length; index += 1) {
    const text = texts[index];
    assert(typeof text === 'string', 'a verifikation number is a text');
    json += index === 0 ? jsonString(text) : `,${jsonString(text)}`;
  }
  return `${json}]`;
}

/** The metadata's known members, in their fixed order, as `JSON.stringify` writes them. */
const metadataJson = (metadata: NewEvent['metadata']): string =>
  `${metadataHead(metadata)}${metadataRest(metadata)}`;

/** {@link metadataJson} up to the verifikation numbers: `{"recordedAt":…` to the causation id. */
function metadataHead(metadata: NewEvent['metadata']): string {
  const { recordedAt, recordedBy, correlationId, causationId } = metadata;
  assert(
    typeof recordedAt === 'string' && typeof recordedBy === 'string',
    'metadata holds recordedAt and recordedBy',
  );
  let json = `{"recordedAt":${jsonString(recordedAt)},"recordedBy":${jsonString(recordedBy)}`;
  if (correlationId !== undefined) json += `,"correlationId":${jsonString(correlationId)}`;
  if (causationId !== undefined) json += `,"causationId":${jsonString(causationId)}`;
  return json;
}

/** {@link metadataJson} from the verifikation numbers to its closing brace. */
function metadataRest(metadata: NewEvent['metadata']): string {
  const { verifikationsnummer, copiedFrom } = metadata;
  let json = '';
  if (verifikationsnummer !== undefined) {
    assert(Array.isArray(verifikationsnummer), 'verifikation numbers are a list');
    json += `,"verifikationsnummer":${jsonStringList(verifikationsnummer)}`;
  }
  if (copiedFrom !== undefined) json += `,"copiedFrom":${JSON.stringify(copiedFrom)}`;
  return `${json}}`;
}

/** Where a batch goes: everything its records hold besides the events themselves. */
export interface BatchPlacement {
  readonly firstPosition: number;
  readonly streamId: string;
  readonly firstRevision: number;
  readonly batchSize: number;
  /** The hash of the line before the batch. */
  readonly prev: string;
  /** When the store stores the batch, by its clock (see `nextStoredAt` in core). */
  readonly storedAt: string;
}

/** The records of a batch, sealed one after the other into one buffer. */
export interface EncodedRecords {
  readonly bytes: Buffer;
  /** Where each record starts, from the batch's first byte. */
  readonly lineOffsets: readonly number[];
  readonly lastHash: string;
}

/** Bytes of a record's seal, `,"hash":"…"}` and the newline (ASCII). */
const sealTextBytes = sealSuffixBytes + 1;

/** The bytes of a text that is ASCII. */
const asciiBytes = (text: string): Buffer => Buffer.from(text, 'latin1');

// The constant pieces of a record, as bytes: copied into the batch's buffer, not written from text.
const positionKey = asciiBytes('{"position":');
const batchIndexKey = asciiBytes(',"batchIndex":');
const metadataKey = asciiBytes(',"metadata":');
const verifikationsnummerKey = asciiBytes(',"verifikationsnummer":[');
const hashKey = asciiBytes(',"hash":"');
const sealEnd = asciiBytes('"}\n');

/** Event types whose record piece is kept as bytes: more are a caller's own, and start afresh. */
export const typePartCacheMax = 256;
/** A type's record piece, for the schema version it was made for. */
interface TypePart {
  readonly schemaVersion: number;
  /** `,"type":…,"schemaVersion":…,"data":` in UTF-8. */
  readonly bytes: Buffer;
}
const typePartCache = new Map<string, TypePart>();
/** The types whose record piece is kept, read-only. Exported for the test that holds it bounded. */
export const typePartCached: ReadonlyMap<string, TypePart> = typePartCache;

/**
 * The UTF-8 bytes of `,"type":…,"schemaVersion":…,"data":` for an event of the type and schema
 * version (both asserted by {@link assertRecordBody}): a ledger's events have a handful of types
 * (names with Swedish letters, which the byte-by-byte path cannot write), each at its one current
 * version, and a batch mixes them, so the piece is made once and copied into every record of it,
 * one copy where the type's text, the members' names and the version took five writes.
 */
function typePartBytes(type: string, schemaVersion: number): Buffer {
  let part = typePartCache.get(type);
  if (part?.schemaVersion !== schemaVersion) {
    if (part === undefined && typePartCache.size >= typePartCacheMax) typePartCache.clear();
    // A buffer of its own: `Buffer.from` of a short text is a slice of Node's shared 8 KiB pool,
    // which a kept slice would keep alive whole.
    const text = `,"type":${jsonString(type)},"schemaVersion":${schemaVersion},"data":`;
    const bytes = Buffer.alloc(Buffer.byteLength(text, 'utf8'));
    bytes.write(text, 0, 'utf8');
    part = { schemaVersion, bytes };
    typePartCache.set(type, part);
  }
  return part.bytes;
}

/**
 * Room every reservation of {@link RecordBatchEncoder} adds for what follows up to the next text:
 * at most the seal (76 bytes), three numbers of at most 16 digits and the constant pieces with
 * them (at most 200 bytes in all), or a hash and its quote; twice that and more, to spare.
 */
const recordFixedBytesMax = 512;

/**
 * Writes the records of one batch, each sealed and chained to the one before, straight into one
 * buffer: the same bytes as {@link encodeEventRecord} writes for each record, without a buffer per
 * record and per part of its seal, and hashed where they lie. A record's seal is written with the
 * next record's first members (or by {@link finish}). A record is written piece by piece without
 * building its text (a record's strings, some 1.6 KB an event, were most of what the append path
 * allocated): constant pieces are copied as bytes, numbers written digit by digit and plain ASCII
 * texts (the ids) byte by byte, the type with its version copied from bytes kept per type, and
 * what repeats from the record before (its metadata's first members, its hash in `prev`) copied
 * from where it lies in the buffer already; the data's text, a hash, and a text that is not plain
 * ASCII go through `Buffer.write`.
 */
export class RecordBatchEncoder {
  private buffer: Buffer;
  private length = 0;
  private readonly lineOffsets: number[] = [];
  private prev: string;
  /** `,"streamId":…,"streamRevision":`, the same in every record of the batch. */
  private readonly streamPart: Buffer;
  /** `,"batchSize":…,"eventId":`, the same in every record of the batch. */
  private readonly batchSizePart: Buffer;
  /** `,"storedAt":…,"prev":"`, the same in every record of the batch. */
  private readonly tailPart: Buffer;
  /** The metadata members before the verifikation numbers, as the last of them were written. */
  private recordedAt: string | undefined;
  private recordedBy: string | undefined;
  private correlationId: string | undefined;
  private causationId: string | undefined;
  /** Where that record's `,"metadata":` and those members lie in the buffer. */
  private headStart = 0;
  private headEnd = 0;
  /** The last record's metadata object and where its piece (`,"metadata":` to `"prev":"`) lies. */
  private lastMetadata: object | undefined;
  private lastMetadataStart = 0;
  private lastMetadataEnd = 0;
  /** Where the hex digits of the last record's hash lie (in its seal), once written. */
  private prevHexStart = -1;

  /**
   * `buffer`, when given, is written into from its start (and replaced by a larger one when the
   * records outgrow it): a buffer an earlier batch's encoder was done with ({@link room}), whose
   * bytes are written.
   */
  constructor(
    private readonly placement: BatchPlacement,
    buffer?: Buffer,
  ) {
    const { firstPosition, firstRevision, batchSize, prev } = placement;
    assert(
      Number.isSafeInteger(firstPosition + batchSize) &&
        Number.isSafeInteger(firstRevision + batchSize) &&
        firstPosition >= 0 &&
        firstRevision >= 0 &&
        batchSize >= 1 &&
        batchSize <= envelopeLimits.eventsPerAppendMax,
      'a batch lies at whole positions and revisions',
      { ...placement },
    );
    assert(isHashHex(prev), 'prev is a SHA-256 hash');
    this.prev = prev;
    this.streamPart = Buffer.from(
      `,"streamId":${JSON.stringify(placement.streamId)},"streamRevision":`,
      'utf8',
    );
    this.batchSizePart = asciiBytes(`,"batchSize":${batchSize},"eventId":`);
    this.tailPart = Buffer.from(
      `,"storedAt":${JSON.stringify(placement.storedAt)},"prev":"`,
      'utf8',
    );
    // About a kibibyte a record; the buffer grows when the records are larger.
    const bytes = Math.min(Math.max(batchSize, 4) * 1024, 4 * 1024 * 1024);
    this.buffer =
      buffer !== undefined && buffer.length >= bytes ? buffer : Buffer.allocUnsafe(bytes);
  }

  /**
   * The whole buffer the records are written into (the batch's bytes are its start): for a later
   * batch's encoder once these bytes are no longer needed.
   */
  get room(): Buffer {
    return this.buffer;
  }

  /** Appends the next event's record; returns its size in bytes, newline included. */
  add(event: NewEvent, dataJson: string = JSON.stringify(event.data)): number {
    const batchIndex = this.lineOffsets.length;
    assert(batchIndex < this.placement.batchSize, 'a record lies inside its batch');
    assertRecordBody(event, dataJson);
    const { eventId, type, schemaVersion } = event;
    const { firstPosition, firstRevision } = this.placement;
    this.reserveFrom(this.length, eventId.length + this.streamPart.length);
    // The seal of the record before, which is written only now.
    let at = batchIndex === 0 ? this.length : this.writeSeal(this.length);
    const start = at;
    at = this.copy(positionKey, at);
    at = this.writeNatural(firstPosition + batchIndex, at);
    at = this.copy(this.streamPart, at);
    at = this.writeNatural(firstRevision + batchIndex, at);
    at = this.copy(batchIndexKey, at);
    at = this.writeNatural(batchIndex, at);
    at = this.copy(this.batchSizePart, at);
    at = this.writeJsonString(eventId, at);
    at = this.writeTypePart(type, schemaVersion, at);
    this.reserveFrom(at, dataJson.length * 3);
    at += this.buffer.write(dataJson, at, 'utf8');
    at = this.writeMetadata(event.metadata, at);
    at = this.writePrev(at);
    this.buffer[at] = 0x22;
    at += 1;
    // A plain view of the record for the hash: a Buffer's `subarray` builds a `FastBuffer`, the
    // hash reads the bytes the same.
    this.prev = sha256Hex(
      new Uint8Array(this.buffer.buffer, this.buffer.byteOffset + start, at - start),
    );
    this.lineOffsets.push(start);
    this.length = at;
    return at - start + sealTextBytes;
  }

  /** The batch's records, once every event was added. */
  finish(): EncodedRecords {
    assert(
      this.lineOffsets.length === this.placement.batchSize,
      'every record of the batch is written',
    );
    this.reserveFrom(this.length, sealTextBytes);
    this.length = this.writeSeal(this.length);
    return {
      bytes: this.buffer.subarray(0, this.length),
      lineOffsets: this.lineOffsets,
      lastHash: this.prev,
    };
  }

  /** Writes the seal of the last record written (`,"hash":"…"}` and the newline) at `at`. */
  private writeSeal(at: number): number {
    let end = this.copy(hashKey, at);
    this.prevHexStart = end;
    end = this.writeAscii(this.prev, end);
    return this.copy(sealEnd, end);
  }

  /** Writes `prev`'s hex digits: the last record's, as its seal holds them, or the batch's. */
  private writePrev(at: number): number {
    if (this.prevHexStart < 0) return this.writeAscii(this.prev, at);
    return this.copyOwn(this.prevHexStart, hashHexLength, at);
  }

  /** Writes `,"type":…,"schemaVersion":…,"data":`, as bytes kept ({@link typePartBytes}). */
  private writeTypePart(type: string, schemaVersion: number, at: number): number {
    const bytes = typePartBytes(type, schemaVersion);
    this.reserveFrom(at, bytes.length);
    return this.copy(bytes, at);
  }

  /**
   * Writes `,"metadata":{…}` (see {@link metadataJson}) and the batch's `,"storedAt":…,"prev":"`.
   * The events of a batch mostly carry the same metadata object, or copies of one that differ
   * only in their verifikation numbers (`withVerifikationsnummer` in core): the piece of the
   * record before is copied when the object is the same, and its members up to the numbers when
   * they are the same texts. The events are the store's checked copies or the catalog's frozen
   * ones: nothing changes them while the batch is encoded.
   */
  private writeMetadata(metadata: NewEvent['metadata'], at: number): number {
    let end: number;
    if (metadata === this.lastMetadata) {
      end = this.copyEarlier(this.lastMetadataStart, this.lastMetadataEnd, at);
    } else {
      end = this.writeMetadataHead(metadata, at);
      end = this.writeMetadataRest(metadata, end);
      this.reserveFrom(end, this.tailPart.length);
      end = this.copy(this.tailPart, end);
      this.lastMetadata = metadata;
    }
    this.lastMetadataStart = at;
    this.lastMetadataEnd = end;
    return end;
  }

  /**
   * Writes `,"metadata":` and {@link metadataHead}, copied from the record before when its
   * members are the same texts.
   */
  private writeMetadataHead(metadata: NewEvent['metadata'], at: number): number {
    const { recordedAt, recordedBy, correlationId, causationId } = metadata;
    if (
      this.recordedAt !== undefined &&
      recordedAt === this.recordedAt &&
      recordedBy === this.recordedBy &&
      correlationId === this.correlationId &&
      causationId === this.causationId
    ) {
      this.headEnd = this.copyEarlier(this.headStart, this.headEnd, at);
      this.headStart = at;
      return this.headEnd;
    }
    const head = metadataHead(metadata);
    this.reserveFrom(at, metadataKey.length + head.length * 3);
    const end = this.copy(metadataKey, at);
    this.headStart = at;
    this.headEnd = end + this.buffer.write(head, end, 'utf8');
    this.recordedAt = recordedAt;
    this.recordedBy = recordedBy;
    this.correlationId = correlationId;
    this.causationId = causationId;
    return this.headEnd;
  }

  /** Writes {@link metadataRest}: the verifikation numbers, the copy's origin, the `}`. */
  private writeMetadataRest(metadata: NewEvent['metadata'], at: number): number {
    const { verifikationsnummer, copiedFrom } = metadata;
    let end = at;
    if (verifikationsnummer !== undefined) {
      assert(Array.isArray(verifikationsnummer), 'verifikation numbers are a list');
      end = this.copy(verifikationsnummerKey, end);
      for (let index = 0; index < verifikationsnummer.length; index += 1) {
        const text: unknown = verifikationsnummer[index];
        assert(typeof text === 'string', 'a verifikation number is a text');
        this.reserveFrom(end, text.length + 3);
        if (index > 0) {
          this.buffer[end] = 0x2c;
          end += 1;
        }
        end = this.writeJsonString(text, end);
      }
      this.buffer[end] = 0x5d;
      end += 1;
    }
    if (copiedFrom !== undefined) {
      const json = `,"copiedFrom":${JSON.stringify(copiedFrom)}`;
      this.reserveFrom(end, json.length * 3);
      end += this.buffer.write(json, end, 'utf8');
    }
    this.buffer[end] = 0x7d;
    return end + 1;
  }

  /**
   * Writes {@link jsonString} of `text`: an ASCII text that needs no escape byte by byte, any
   * other through the serialiser. Room for `text.length + 2` bytes is reserved by the caller.
   */
  private writeJsonString(text: string, at: number): number {
    const buffer = this.buffer;
    buffer[at] = 0x22;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) {
        const json = jsonString(text);
        this.reserveFrom(at, json.length * 3);
        return at + this.buffer.write(json, at, 'utf8');
      }
      buffer[at + 1 + index] = code;
    }
    buffer[at + 1 + text.length] = 0x22;
    return at + text.length + 2;
  }

  /** Writes an ASCII text (a hash's hex digits); room was reserved. */
  private writeAscii(text: string, at: number): number {
    return at + this.buffer.write(text, at, 'latin1');
  }

  /**
   * Writes a safe non-negative integer as `JSON.stringify` does (`${value}`: decimal digits, no
   * sign, no exponent below 10^21), digit by digit; room was reserved.
   */
  private writeNatural(value: number, at: number): number {
    let digits = 1;
    for (let power = 10; power <= value; power *= 10) digits += 1;
    const buffer = this.buffer;
    let rest = value;
    for (let index = at + digits - 1; index >= at; index -= 1) {
      const quotient = Math.floor(rest / 10);
      // The digit first, then its code: `0x30 + rest` would round for a value near 2^53.
      buffer[index] = 0x30 + (rest - quotient * 10);
      rest = quotient;
    }
    return at + digits;
  }

  /** Copies `bytes` to `at`; room was reserved. */
  private copy(bytes: Uint8Array, at: number): number {
    this.buffer.set(bytes, at);
    return at + bytes.length;
  }

  /**
   * Copies the bytes written from `start` to `end` (a piece of the record before) to `at`, after
   * making room for them; returns where the copy ends.
   */
  private copyEarlier(start: number, end: number, at: number): number {
    this.reserveFrom(at, end - start);
    return this.copyOwn(start, end - start, at);
  }

  /**
   * Copies the `length` bytes written from `from` on to `at`; room was reserved. `copyWithin`
   * and `set` (a memory copy each) cost less than a loop over the bytes: 16-22 ns against 40-47
   * for 47 and 64 bytes, measured.
   */
  private copyOwn(from: number, length: number, at: number): number {
    this.buffer.copyWithin(at, from, from + length);
    return at + length;
  }

  /**
   * Makes room for `bytes` more bytes after `at` (a UTF-16 unit takes at most three in UTF-8), and
   * {@link recordFixedBytesMax} more: room for the constant pieces and numbers written after them
   * up to the next text, which reserves again.
   */
  private reserveFrom(at: number, bytes: number): void {
    const needed = at + bytes + recordFixedBytesMax;
    if (needed > this.buffer.length) this.grow(needed);
  }

  /**
   * Grows the buffer to hold at least `bytes`, keeping all it holds: the record being written and
   * the pieces later records copy lie past {@link length}.
   */
  private grow(bytes: number): void {
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, bytes));
    this.buffer.copy(grown, 0, 0, this.buffer.length);
    this.buffer = grown;
  }
}

/** Why one line could not be read as a record (before any check against its neighbours). */
export interface LineDefect {
  readonly kind: 'not-sealed' | 'checksum-mismatch' | 'malformed';
  readonly message: string;
}

/**
 * Decodes one record line (without its newline): the seal first (so that a damaged line
 * is named as damaged rather than as malformed JSON), then the JSON, then the shape.
 */
export function decodeEventRecordLine(line: Buffer): E.Either<LineDefect, EventRecord> {
  const seal = unsealLine(line);
  if (seal === undefined)
    return E.left({
      kind: 'not-sealed',
      message: 'the line does not end with its checksum ("hash")',
    });
  if (seal.claimedHash !== seal.computedHash) {
    return E.left({
      kind: 'checksum-mismatch',
      message: `the line's checksum does not match its bytes (stored ${seal.claimedHash.slice(0, 12)}…, computed ${seal.computedHash.slice(0, 12)}…)`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8'));
  } catch (error) {
    return E.left({
      kind: 'malformed',
      message: `the line is not JSON: ${(error as Error).message}`,
    });
  }
  // The codec's guard checks the same shape without building a result per member (a third of
  // `decode`'s cost); `decode` runs only for a record the guard refuses, to name what is wrong,
  // or one whose decoded value differs from what was parsed.
  const decoded =
    EventRecordCodec.is(parsed) && !stripsMembers(parsed)
      ? E.right(parsed)
      : EventRecordCodec.decode(parsed);
  if (E.isLeft(decoded))
    return E.left({
      kind: 'malformed',
      message: `the line is not an event record: ${describeDecodeErrors(decoded.left)}`,
    });
  const record = decoded.right;
  // The pair of the writer's check: what the seal says must be what the JSON says.
  if (record.hash !== seal.claimedHash)
    return E.left({ kind: 'malformed', message: 'the line holds two different hashes' });
  if (
    record.batchSize < 1 ||
    record.batchSize > envelopeLimits.eventsPerAppendMax ||
    record.batchIndex >= record.batchSize
  ) {
    return E.left({
      kind: 'malformed',
      message: `batchIndex ${record.batchIndex} and batchSize ${record.batchSize} are not a place in a batch`,
    });
  }
  return E.right(record);
}

/**
 * Finds an event id in a line that could not be decoded, to name it in a report. The id
 * is found by its key, or (when the key itself is damaged) by the key that follows it.
 */
export function findEventIdInLine(line: Buffer): string | undefined {
  const text = line.toString('utf8', 0, Math.min(line.length, 8192));
  const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  return (
    new RegExp(`"eventId":"(${uuid})`).exec(text)?.[1] ??
    new RegExp(`(${uuid})","type":"`).exec(text)?.[1]
  );
}

/** The event a record stores, as the store interface hands it out. */
export function toStoredEvent(record: EventRecord): StoredEvent {
  const { eventId, type, schemaVersion, data, metadata, streamId, streamRevision } = record;
  const globalPosition = record.position;
  // Two literals rather than a spread of an optional member: one object a read event, not three.
  return record.storedAt === undefined
    ? { eventId, type, schemaVersion, data, metadata, streamId, streamRevision, globalPosition }
    : {
        eventId,
        type,
        schemaVersion,
        data,
        metadata,
        streamId,
        streamRevision,
        globalPosition,
        storedAt: record.storedAt,
      };
}
