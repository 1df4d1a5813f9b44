import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { assert } from '@finsam-ledger/core/store';
import {
  storeProblem,
  type StoreProblem,
  type StoreProblemKind,
  type StoreProblemRecord,
} from './error.js';
import {
  decodeEventRecordLine,
  fileStoreLimits,
  findEventIdInLine,
  type EventRecord,
} from './format.js';
import { unsealLine } from './hashChain.js';
import { readLines, readLinesLimits, type Line } from './readLines.js';
import { misplacedRecordText } from './traceMisplacedRecord.js';
import { unusedTailFrom, type UnusedTail } from './zeroTail.js';

/** Where a walk starts: at the start of a batch. */
export interface WalkStart {
  readonly offsetBytes: number;
  readonly lineNumber: number;
  /** The global position of the first record. */
  readonly position: number;
  /**
   * The hash of the line before; `undefined` skips the first link check (a walk from the middle).
   */
  readonly prevHash: string | undefined;
}

/** A record and where it lies. */
export interface WalkedRecord {
  readonly record: EventRecord;
  readonly offsetBytes: number;
  readonly lineNumber: number;
  /** The line's bytes, newline included. */
  readonly lengthBytes: number;
}

/**
 * Bytes at the end of the file that no acknowledged append wrote in full: the records of
 * an incomplete last batch and an unfinished last line. They are never served; the next
 * write (or `repair`) cuts them off.
 */
export interface TornTail {
  /** Where the torn tail starts: the end of the last complete batch. */
  readonly offsetBytes: number;
  readonly sizeBytes: number;
  readonly lineNumber: number;
  /** The batch that was being written, when at least one of its records is complete. */
  readonly incompleteBatch?: {
    readonly streamId: string;
    readonly firstPosition: number;
    readonly firstEventId: string;
    /** Complete records of the batch found on disk. */
    readonly recordCount: number;
    readonly batchSize: number;
  };
  /** Bytes of an unfinished last line (0 if the file ends with a newline). */
  readonly partialLineBytes: number;
}

/** How a walk ended. Positions and hashes describe the last complete batch. */
export interface WalkEnd {
  readonly committedEndBytes: number;
  readonly nextLineNumber: number;
  readonly nextPosition: number;
  /** The hash of the last complete record (or the start's `prevHash` if none was read). */
  readonly lastHash: string | undefined;
  readonly tornTail?: TornTail;
  /**
   * The zeros after the records (and after the torn tail, if there is one), when the walk was
   * asked to check them ({@link WalkOptions.checkZeroTail}) and they are all zeros.
   */
  readonly unusedTail?: UnusedTail;
  /** The first problem found; the walk stops there. */
  readonly problem?: StoreProblem;
}

/** The bytes after a zero byte a read (not a check to the end) looks at: one small read. */
const zeroTailGlanceBytes = 4096;

/** What a walk does besides reading the records. */
export interface WalkOptions {
  /**
   * When the records end at a zero byte (a writer's preallocated zeros), read on to the file's
   * end and check that only zeros follow: a writer's open and `verify` do; a read of records
   * stops at the first zero byte, as at the file's end.
   */
  readonly checkZeroTail?: boolean;
  /** True reads zero bytes as any other: the line one is in is a damaged line. */
  readonly zeroBytesAreData?: boolean;
}

/** What one line did to the walk. */
type LineOutcome =
  | { readonly kind: 'pending' }
  | { readonly kind: 'batch'; readonly batch: readonly WalkedRecord[] }
  | { readonly kind: 'stop'; readonly tornTail?: TornTail; readonly problem?: StoreProblem };

/** Where a line is, for a problem found in it. */
interface Place {
  readonly lineNumber: number;
  readonly offsetBytes: number;
  readonly position: number;
  readonly eventId?: string | undefined;
  /** The record the line holds, when it decoded. */
  readonly record?: StoreProblemRecord | undefined;
}

/**
 * Walks the records of a store from a batch start, checking every line (its checksum, its
 * shape) and how it fits its neighbours (position, hash chain, batch), and yields complete
 * batches only: a reader never sees part of an append. It stops at the first problem.
 *
 * Memory is bounded by one batch (`fileStoreLimits.batchBytesMax`) and one read chunk.
 */
export class StoreWalker {
  private end: WalkEnd | undefined;

  /** Where the reading stopped at a zero byte, if it did. */
  private zeroByteAt: number | undefined;

  constructor(
    private readonly file: FileHandle,
    private readonly start: WalkStart,
    private readonly endOffsetBytes: () => number,
    private readonly options: WalkOptions = {},
  ) {}

  /** How the walk ended; available once {@link batches} has finished. */
  get result(): WalkEnd {
    assert(this.end !== undefined, 'the walk has finished before its result is read');
    return this.end;
  }

  /** The complete batches, in file order. */
  async *batches(): AsyncGenerator<readonly WalkedRecord[]> {
    const walk = new BatchAssembler(this.start);
    const lines = readLines(this.file, {
      offsetBytes: this.start.offsetBytes,
      lineNumber: this.start.lineNumber,
      endOffsetBytes: this.endOffsetBytes,
      lineBytesMax: fileStoreLimits.recordBytesMax,
      chunkBytes: fileStoreLimits.readChunkBytes,
      syncReadBytesMax: readLinesLimits.syncReadBytesMax,
      onZeroByte: (offsetBytes) => (this.zeroByteAt = offsetBytes),
      zeroBytesAreData: this.options.zeroBytesAreData === true,
    });
    let stopped: WalkEnd | undefined;
    reading: for await (const chunkLines of lines) {
      for (const line of chunkLines) {
        const outcome = walk.accept(line);
        if (outcome.kind === 'stop') {
          stopped = walk.endWith(outcome);
          break reading;
        }
        if (outcome.kind === 'batch') yield outcome.batch;
      }
    }
    this.end = await this.withZeroTail(stopped ?? walk.endWith(walk.atEndOfFile()));
  }

  /**
   * The walk's end with what it found of a zero byte that ended the reading: a problem when the
   * byte lies before the end the walk was told the records reach (a writer's acknowledged
   * records hold none), the zeros to the file's end when asked to check them.
   */
  private async withZeroTail(end: WalkEnd): Promise<WalkEnd> {
    const zeroByteAt = this.zeroByteAt;
    if (zeroByteAt === undefined || end.problem !== undefined) return end;
    const endOffsetBytes = this.endOffsetBytes();
    if (Number.isFinite(endOffsetBytes) && zeroByteAt < endOffsetBytes)
      return {
        ...end,
        problem: storeProblem(
          'malformed',
          `byte ${zeroByteAt} is zero, inside the acknowledged records: a record never holds one`,
          { lineNumber: end.nextLineNumber, offsetBytes: zeroByteAt, position: end.nextPosition },
        ),
      };
    // A read glances at the bytes after the zero: a writer's zeros run on, while a byte flipped
    // to zero inside the records has records after it (a zero byte flipped further than a glance
    // from any other byte is found by verify and a writer's open, which read on to the end).
    const toTheEnd = this.options.checkZeroTail === true;
    const checked = await unusedTailFrom(
      this.file,
      zeroByteAt,
      end.nextLineNumber,
      toTheEnd ? Number.POSITIVE_INFINITY : zeroTailGlanceBytes,
    );
    if (checked === undefined) return end;
    if ('unusedTail' in checked) return toTheEnd ? { ...end, ...checked } : end;
    return { ...end, problem: (await this.problemWithZerosAsData(end)) ?? checked.problem };
  }

  /**
   * The problem a walk from the last complete batch finds when it reads zero bytes as any other:
   * a zero byte followed by other bytes is damage (a flipped byte, say), named at its line as
   * any other damaged byte is.
   */
  private async problemWithZerosAsData(end: WalkEnd): Promise<StoreProblem | undefined> {
    const again = new StoreWalker(
      this.file,
      {
        offsetBytes: end.committedEndBytes,
        lineNumber: end.nextLineNumber,
        position: end.nextPosition,
        prevHash: end.lastHash,
      },
      this.endOffsetBytes,
      { zeroBytesAreData: true },
    );
    for await (const _batch of again.batches());
    return again.result.problem;
  }
}

/**
 * The state of a walk: the last complete batch (what is committed) and the records of the
 * batch being assembled. Each line either joins the batch, completes it, or stops the walk.
 */
class BatchAssembler {
  private committedEndBytes: number;
  private nextLineNumber: number;
  private nextPosition: number;
  private committedHash: string | undefined;
  private prevHash: string | undefined;
  private position: number;
  private pending: WalkedRecord[] = [];
  private pendingBytes = 0;

  constructor(start: WalkStart) {
    this.committedEndBytes = start.offsetBytes;
    this.nextLineNumber = start.lineNumber;
    this.nextPosition = start.position;
    this.committedHash = start.prevHash;
    this.prevHash = start.prevHash;
    this.position = start.position;
  }

  /** Checks one line and adds its record to the batch being assembled. */
  accept(line: Line): LineOutcome {
    if (line.tooLong) {
      const place = this.placeOf(line);
      return stop(
        'line-too-long',
        `the line is longer than ${fileStoreLimits.recordBytesMax} bytes`,
        { ...place, eventId: findEventIdInLine(line.bytes) },
      );
    }
    if (!line.terminated) return this.unterminated(line, this.placeOf(line));
    const decoded = decodeEventRecordLine(line.bytes);
    if (E.isLeft(decoded)) {
      return stop(decoded.left.kind, decoded.left.message, {
        ...this.placeOf(line),
        eventId: findEventIdInLine(line.bytes),
      });
    }
    const record = decoded.right;
    // Checked before the place of a problem is built: a sound line costs no object for it.
    if (!this.linksUp(record) || !this.fitsBatch(record, line.bytes.length + 1)) {
      const placed = { ...this.placeOf(line), eventId: record.eventId, record };
      const problem =
        this.linkProblem(record, placed) ??
        this.batchProblem(record, placed, line.bytes.length + 1);
      if (problem !== undefined) return { kind: 'stop', problem };
    }
    return this.add(record, line);
  }

  /** Where a line is, for a problem found in it. */
  private placeOf(line: Line): Place {
    return { lineNumber: line.lineNumber, offsetBytes: line.offsetBytes, position: this.position };
  }

  /** True when the record sits at the next position and links to the line before it. */
  private linksUp(record: EventRecord): boolean {
    return (
      record.position === this.position &&
      (this.prevHash === undefined || record.prev === this.prevHash)
    );
  }

  /** True when the record continues the batch being assembled (or starts one) within its limit. */
  private fitsBatch(record: EventRecord, lineBytes: number): boolean {
    return (
      this.continuesBatch(record) && this.pendingBytes + lineBytes <= fileStoreLimits.batchBytesMax
    );
  }

  /** True when the record is the next of the batch being assembled, or the first of a batch. */
  private continuesBatch(record: EventRecord): boolean {
    const first = this.pending[0]?.record;
    const last = this.pending[this.pending.length - 1]?.record;
    return first === undefined || last === undefined
      ? record.batchIndex === 0
      : record.batchIndex === this.pending.length &&
          record.batchSize === first.batchSize &&
          record.streamId === first.streamId &&
          record.streamRevision === last.streamRevision + 1;
  }

  /** What the walk found when the file ended: a torn tail if a batch was not complete. */
  atEndOfFile(): { tornTail?: TornTail } {
    if (this.pending.length === 0) return {};
    // Every line of the incomplete batch ended with a newline; they follow one another from the
    // last complete batch.
    return {
      tornTail: tornTailOf(
        this.committedEndBytes,
        this.nextLineNumber,
        this.pending,
        this.committedEndBytes + this.pendingBytes,
        0,
      ),
    };
  }

  /** The walk's end, positions and hashes of the last complete batch, with what stopped it. */
  endWith(extra: { tornTail?: TornTail; problem?: StoreProblem }): WalkEnd {
    return {
      committedEndBytes: this.committedEndBytes,
      nextLineNumber: this.nextLineNumber,
      nextPosition: this.nextPosition,
      lastHash: this.committedHash,
      ...(extra.tornTail === undefined ? {} : { tornTail: extra.tornTail }),
      ...(extra.problem === undefined ? {} : { problem: extra.problem }),
    };
  }

  /**
   * The last line has no newline: a torn write, unless a whole record is followed by something
   * else.
   */
  private unterminated(line: Line, place: Place): LineOutcome {
    if (!isRecordPrefix(line.bytes, this.position)) {
      // Only an append cut short may be repaired: its bytes are the start of the record
      // that belongs next. Anything else was put there, and cutting it off would hide it.
      return stop(
        'not-a-record-prefix',
        `the last ${line.bytes.length} byte(s) have no newline and are not the start of the record at position ${this.position}: they were added, not left by an interrupted append`,
        { ...place, eventId: findEventIdInLine(line.bytes) },
      );
    }
    const completeRecordEnd = findCompleteRecordEnd(line.bytes);
    if (completeRecordEnd !== undefined && completeRecordEnd < line.bytes.length) {
      // A torn write leaves a prefix of what was written; a whole record followed by
      // something other than its newline is not a prefix of anything this code writes.
      return stop(
        'missing-newline',
        `a complete record is followed by ${line.bytes.length - completeRecordEnd} byte(s) instead of its newline`,
        { ...place, eventId: findEventIdInLine(line.bytes) },
      );
    }
    return {
      kind: 'stop',
      tornTail: tornTailOf(
        this.committedEndBytes,
        this.nextLineNumber,
        this.pending,
        line.offsetBytes + line.bytes.length,
        line.bytes.length,
      ),
    };
  }

  /** The record must sit at the next position and link to the line before it. */
  private linkProblem(record: EventRecord, place: Place): StoreProblem | undefined {
    if (record.position !== this.position) {
      return storeProblem(
        'position-mismatch',
        misplacedRecordText(record, record.position, this.position),
        place,
      );
    }
    if (this.prevHash !== undefined && record.prev !== this.prevHash) {
      return storeProblem(
        'chain-broken',
        "the record does not link to the line before it (its prev is not that line's hash)",
        place,
      );
    }
    return undefined;
  }

  /** The record must continue the batch being assembled (or start one), within its size limit. */
  private batchProblem(
    record: EventRecord,
    place: Place,
    lineBytes: number,
  ): StoreProblem | undefined {
    const first = this.pending[0];
    if (!this.continuesBatch(record)) {
      return first === undefined
        ? storeProblem(
            'batch-broken',
            `the record is number ${record.batchIndex + 1} of a batch of ${record.batchSize} whose first record is missing`,
            place,
          )
        : storeProblem(
            'batch-broken',
            `the batch starting here (${first.record.batchSize} records in ${first.record.streamId}) is interrupted after ${this.pending.length} record(s)`,
            {
              lineNumber: first.lineNumber,
              offsetBytes: first.offsetBytes,
              eventId: first.record.eventId,
              position: first.record.position,
              record: first.record,
            },
          );
    }
    if (this.pendingBytes + lineBytes > fileStoreLimits.batchBytesMax) {
      return storeProblem(
        'batch-broken',
        `the batch is larger than ${fileStoreLimits.batchBytesMax} bytes`,
        place,
      );
    }
    return undefined;
  }

  /** Adds a checked record; the batch's last record completes it. */
  private add(record: EventRecord, line: Line): LineOutcome {
    this.pendingBytes += line.bytes.length + 1;
    this.pending.push({
      record,
      offsetBytes: line.offsetBytes,
      lineNumber: line.lineNumber,
      lengthBytes: line.bytes.length + 1,
    });
    this.prevHash = record.hash;
    this.position += 1;
    if (record.batchIndex !== record.batchSize - 1) return { kind: 'pending' };
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.committedEndBytes = line.offsetBytes + line.bytes.length + 1;
    this.nextLineNumber = line.lineNumber + 1;
    this.nextPosition = this.position;
    this.committedHash = record.hash;
    return { kind: 'batch', batch };
  }
}

const stop = (kind: StoreProblemKind, message: string, place: Place): LineOutcome => ({
  kind: 'stop',
  problem: storeProblem(kind, message, place),
});

/** One sentence on a torn tail, for warnings. */
export function describeTornTail(tornTail: TornTail): string {
  const batch = tornTail.incompleteBatch;
  const parts = [];
  if (batch !== undefined) {
    parts.push(
      `${batch.recordCount} of ${batch.batchSize} records of a batch to ${batch.streamId} starting at position ${batch.firstPosition} with event ${batch.firstEventId}`,
    );
  }
  if (tornTail.partialLineBytes > 0)
    parts.push(`an unfinished line of ${tornTail.partialLineBytes} bytes`);
  return `${parts.join(' and ')}, from line ${tornTail.lineNumber}, byte ${tornTail.offsetBytes}`;
}

function tornTailOf(
  offsetBytes: number,
  lineNumber: number,
  pending: readonly WalkedRecord[],
  endBytes: number,
  partialLineBytes: number,
): TornTail {
  const first = pending[0]?.record;
  return {
    offsetBytes,
    sizeBytes: endBytes - offsetBytes,
    lineNumber,
    ...(first === undefined
      ? {}
      : {
          incompleteBatch: {
            streamId: first.streamId,
            firstPosition: first.position,
            firstEventId: first.eventId,
            recordCount: pending.length,
            batchSize: first.batchSize,
          },
        }),
    partialLineBytes,
  };
}

/**
 * If the bytes hold a whole sealed record (possibly followed by more bytes), returns where
 * that record ends. The seal's marker `,"hash":"` cannot occur inside a JSON string (its
 * quotes would be escaped), so only the structural ends of objects are tried.
 */
/** A piece of a record's first members: literal bytes, a run of digits, or a JSON string's body. */
type RecordHeadPart = string | 'digits' | 'string-body';

const recordHeadAfterPosition: readonly RecordHeadPart[] = [
  ',"streamId":"',
  'string-body',
  '","streamRevision":',
  'digits',
  ',"batchIndex":',
  'digits',
  ',"batchSize":',
  'digits',
  ',"eventId":"',
  'string-body',
  '","type":"',
  'string-body',
  '","schemaVersion":',
  'digits',
  ',"data":{',
];

/**
 * True when `bytes` can be the start of the record at `position` as this code writes it
 * (`encodeEventRecord`: members in a fixed order, `position` first). The members up to
 * `data` are checked; the rest is the event's own JSON, which the seal would cover.
 */
function isRecordPrefix(bytes: Buffer, position: number): boolean {
  const text = bytes.toString('utf8');
  let index = 0;
  for (const part of [`{"position":${position}`, ...recordHeadAfterPosition]) {
    if (index >= text.length) return true;
    if (part === 'digits') {
      const digits = /^\d*/.exec(text.slice(index))![0].length;
      if (digits === 0) return false;
      index += digits;
    } else if (part === 'string-body') {
      while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    } else {
      if (!part.startsWith(text.slice(index, index + part.length))) return false;
      index += part.length;
    }
  }
  return true;
}

function findCompleteRecordEnd(bytes: Buffer): number | undefined {
  const text = bytes.toString('latin1');
  const pattern = /,"hash":"[0-9a-f]{64}"\}/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    const seal = unsealLine(bytes.subarray(0, end));
    if (seal !== undefined && seal.claimedHash === seal.computedHash) return end;
  }
  return undefined;
}
