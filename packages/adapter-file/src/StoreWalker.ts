import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { assert } from '@finsam-ledger/core';
import { storeProblem, type StoreProblem } from './error.js';
import {
  decodeEventRecordLine,
  fileStoreLimits,
  findEventIdInLine,
  type EventRecord,
} from './format.js';
import { unsealLine } from './hashChain.js';
import { readLines } from './readLines.js';

/** Where a walk starts: at the start of a batch. */
export interface WalkStart {
  readonly offsetBytes: number;
  readonly lineNumber: number;
  /** The global position of the first record. */
  readonly position: number;
  /** The hash of the line before; `undefined` skips the first link check (a walk from the middle). */
  readonly prevHash: string | undefined;
}

/** A record and where it lies. */
export interface WalkedRecord {
  readonly record: EventRecord;
  readonly offsetBytes: number;
  readonly lineNumber: number;
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
  /** The first problem found; the walk stops there. */
  readonly problem?: StoreProblem;
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

  constructor(
    private readonly file: FileHandle,
    private readonly start: WalkStart,
    private readonly endOffsetBytes: () => number,
  ) {}

  /** How the walk ended; available once {@link batches} has finished. */
  get result(): WalkEnd {
    assert(this.end !== undefined, 'the walk has finished before its result is read');
    return this.end;
  }

  /** The complete batches, in file order. */
  async *batches(): AsyncGenerator<readonly WalkedRecord[]> {
    let committedEndBytes = this.start.offsetBytes;
    let nextLineNumber = this.start.lineNumber;
    let nextPosition = this.start.position;
    let committedHash = this.start.prevHash;
    let prevHash = this.start.prevHash;
    let position = this.start.position;
    let pending: WalkedRecord[] = [];
    let pendingBytes = 0;
    const finish = (extra: { tornTail?: TornTail; problem?: StoreProblem }): void => {
      this.end = {
        committedEndBytes,
        nextLineNumber,
        nextPosition,
        lastHash: committedHash,
        ...extra,
      };
    };
    const lines = readLines(this.file, {
      offsetBytes: this.start.offsetBytes,
      lineNumber: this.start.lineNumber,
      endOffsetBytes: this.endOffsetBytes,
      lineBytesMax: fileStoreLimits.recordBytesMax,
      chunkBytes: fileStoreLimits.readChunkBytes,
    });
    for await (const chunkLines of lines) {
      for (const line of chunkLines) {
        const place = { lineNumber: line.lineNumber, offsetBytes: line.offsetBytes, position };
        if (line.tooLong) {
          finish({
            problem: storeProblem(
              'line-too-long',
              `the line is longer than ${fileStoreLimits.recordBytesMax} bytes`,
              { ...place, eventId: findEventIdInLine(line.bytes) },
            ),
          });
          return;
        }
        if (!line.terminated) {
          const completeRecordEnd = findCompleteRecordEnd(line.bytes);
          if (completeRecordEnd !== undefined && completeRecordEnd < line.bytes.length) {
            // A torn write leaves a prefix of what was written; a whole record followed by
            // something other than its newline is not a prefix of anything this code writes.
            finish({
              problem: storeProblem(
                'missing-newline',
                `a complete record is followed by ${line.bytes.length - completeRecordEnd} byte(s) instead of its newline`,
                {
                  ...place,
                  eventId: findEventIdInLine(line.bytes),
                },
              ),
            });
            return;
          }
          finish({
            tornTail: tornTailOf(
              committedEndBytes,
              nextLineNumber,
              pending,
              line.offsetBytes + line.bytes.length,
              line.bytes.length,
            ),
          });
          return;
        }
        const decoded = decodeEventRecordLine(line.bytes);
        if (E.isLeft(decoded)) {
          finish({
            problem: storeProblem(decoded.left.kind, decoded.left.message, {
              ...place,
              eventId: findEventIdInLine(line.bytes),
            }),
          });
          return;
        }
        const record = decoded.right;
        const recordPlace = { ...place, eventId: record.eventId };
        if (record.position !== position) {
          finish({
            problem: storeProblem(
              'position-mismatch',
              `the record has position ${record.position} where position ${position} belongs: records were removed, inserted or moved`,
              recordPlace,
            ),
          });
          return;
        }
        if (prevHash !== undefined && record.prev !== prevHash) {
          finish({
            problem: storeProblem(
              'chain-broken',
              "the record does not link to the line before it (its prev is not that line's hash)",
              recordPlace,
            ),
          });
          return;
        }
        const first = pending[0]?.record;
        const last = pending[pending.length - 1]?.record;
        const fitsBatch =
          first === undefined || last === undefined
            ? record.batchIndex === 0
            : record.batchIndex === pending.length &&
              record.batchSize === first.batchSize &&
              record.streamId === first.streamId &&
              record.streamRevision === last.streamRevision + 1;
        if (!fitsBatch) {
          const problemPlace =
            first === undefined
              ? recordPlace
              : {
                  lineNumber: pending[0]!.lineNumber,
                  offsetBytes: pending[0]!.offsetBytes,
                  eventId: first.eventId,
                  position: first.position,
                };
          finish({
            problem: storeProblem(
              'batch-broken',
              first === undefined
                ? `the record is number ${record.batchIndex + 1} of a batch of ${record.batchSize} whose first record is missing`
                : `the batch starting here (${first.batchSize} records in ${first.streamId}) is interrupted after ${pending.length} record(s)`,
              problemPlace,
            ),
          });
          return;
        }
        pendingBytes += line.bytes.length + 1;
        if (pendingBytes > fileStoreLimits.batchBytesMax) {
          finish({
            problem: storeProblem(
              'batch-broken',
              `the batch is larger than ${fileStoreLimits.batchBytesMax} bytes`,
              recordPlace,
            ),
          });
          return;
        }
        pending.push({ record, offsetBytes: line.offsetBytes, lineNumber: line.lineNumber });
        prevHash = record.hash;
        position += 1;
        if (record.batchIndex === record.batchSize - 1) {
          const batch = pending;
          pending = [];
          pendingBytes = 0;
          committedEndBytes = line.offsetBytes + line.bytes.length + 1;
          nextLineNumber = line.lineNumber + 1;
          nextPosition = position;
          committedHash = record.hash;
          yield batch;
        }
      }
    }
    if (pending.length > 0) {
      // Every line of the incomplete batch ended with a newline; they follow one another from the last complete batch.
      finish({
        tornTail: tornTailOf(
          committedEndBytes,
          nextLineNumber,
          pending,
          committedEndBytes + pendingBytes,
          0,
        ),
      });
      return;
    }
    finish({});
  }
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
