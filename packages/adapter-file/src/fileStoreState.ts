import type { FileHandle } from 'node:fs/promises';
import { isLedgerError, ledgerError, type LedgerError, type NewEvent } from '@finsam-ledger/core';
import { eventFingerprint, type StoreClock } from '@finsam-ledger/core/store';
import { storeProblem, type StoreProblem } from './error.js';
import { fileStoreLimits } from './format.js';
import { sha256Hex } from './hashChain.js';
import type { FileStoreWarning, WriteLock } from './lock.js';
import type { SeekIndex } from './seekIndex.js';
import type { TornTail, WalkedRecord, WalkStart } from './StoreWalker.js';

/** What the writer knows of one stream, so that appends need not read the file. */
export interface StreamIndex {
  lastRevision: number;
  /** Where the stream's first record starts, so that reading it skips what comes before. */
  readonly firstOffsetBytes: number;
  readonly firstLineNumber: number;
  readonly firstPosition: number;
  readonly firstPrevHash: string;
  /**
   * A 48-bit hash of each event's fingerprint, by event id (see {@link fingerprintHash}): enough to
   * classify retries without keeping the events.
   */
  readonly fingerprintHashByEventId: Map<string, number>;
}

/** Where the acknowledged appends end. */
export interface Committed {
  endBytes: number;
  nextLineNumber: number;
  nextPosition: number;
  lastHash: string;
  /** The stamp of the last record, if it has one: the next stamp is never earlier. */
  lastStoredAt: string | undefined;
}

/** The writer's side of a store opened read-write. */
export interface Writer {
  readonly file: FileHandle;
  readonly lock: WriteLock;
  readonly committed: Committed;
  readonly streams: Map<string, StreamIndex>;
  readonly checkpoints: WalkStart[];
  readonly onWarning: (warning: FileStoreWarning) => void;
  /** The clock each record's `storedAt` is stamped with. */
  readonly clock: StoreClock;
  tornTail: TornTail | undefined;
  /**
   * Set when a write failed in a way that leaves the file's state unknown (a failed fsync): every
   * later append is refused.
   */
  failure: LedgerError | undefined;
}

/** Everything an open store holds, read-only or read-write. */
export interface FileStoreState {
  readonly path: string;
  readonly mode: 'read-write' | 'read-only';
  readonly storeId: string;
  /** Where the first record is (or will be). For a writer, refreshed as the first append lands. */
  recordsStart: WalkStart;
  readonly writer: Writer | undefined;
  closed: boolean;
  /** The writer's work queue; see {@link serialise}. */
  queue: Promise<unknown>;
  /** Where streams' batches start, every so many revisions (see `seekIndex.ts`). */
  readonly seekIndex: SeekIndex;
}

/**
 * Runs the writer's appends, repairs and verifications one at a time, in call order: that
 * is what makes "exactly one of two appends with the same expected revision wins".
 */
export function serialise<T>(state: FileStoreState, work: () => Promise<T>): Promise<T> {
  const run = state.queue.then(work);
  state.queue = run.catch(() => undefined);
  return run;
}

/** The error of any call to a closed store. */
export const closedError = (path: string): LedgerError =>
  ledgerError('STORE_CLOSED', `The file store ${path} is closed`, { details: { path } });

/** The error of a write to a store opened read-only. */
export const readOnlyError = (path: string, action: string): LedgerError =>
  ledgerError('ACCESS_DENIED', `The file store ${path} was opened read-only and cannot ${action}`, {
    details: { path },
  });

/**
 * A failed file operation as an `IO_ERROR` naming the path and the action (a `LedgerError` passes
 * through).
 */
export const ioError = (path: string, action: string, error: unknown): LedgerError =>
  isLedgerError(error)
    ? error
    : ledgerError(
        'IO_ERROR',
        `${path}: cannot ${action}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
          details: { path, errno: (error as NodeJS.ErrnoException | undefined)?.code },
        },
      );

/**
 * 48 bits of the SHA-256 of an event's fingerprint: what the writer's index keeps per
 * event instead of the fingerprint itself. A number below 2^53 is stored by V8 without a
 * string, about 100 bytes per event with its key instead of about 180 with a string. The
 * cost: a retry that reuses a stored id for different content is misread as the same event
 * with probability 2^-48 (it would then be reported `alreadyStored` instead of
 * `EVENT_ID_CONFLICT`); nothing stored is ever changed by it.
 */
export const fingerprintHash = (event: Pick<NewEvent, 'type' | 'schemaVersion' | 'data'>): number =>
  Number.parseInt(sha256Hex(eventFingerprint(event)).slice(0, 12), 16);

/**
 * The index's key of an event id: its 16 bytes as a 16-character string rather than 36 characters
 * of text.
 */
export const eventIdKey = (eventId: string): string => {
  const hex = eventId.replace(/-/g, '');
  return /^[0-9a-f]{32}$/.test(hex) ? Buffer.from(hex, 'hex').toString('latin1') : eventId;
};

/** Records a checkpoint at a batch start when the last one is far enough behind. */
export function addCheckpointIfDue(checkpoints: WalkStart[], start: WalkStart): void {
  const last = checkpoints[checkpoints.length - 1];
  if (last === undefined || start.position - last.position >= fileStoreLimits.checkpointEveryEvents)
    checkpoints.push(start);
}

/** The stream's index entry, created at `start` (its first batch) when the stream is new. */
export function streamIndexFor(
  streams: Map<string, StreamIndex>,
  streamId: string,
  start: WalkStart & { prevHash: string },
): StreamIndex {
  const existing = streams.get(streamId);
  if (existing !== undefined) return existing;
  const created: StreamIndex = {
    lastRevision: -1,
    firstOffsetBytes: start.offsetBytes,
    firstLineNumber: start.lineNumber,
    firstPosition: start.position,
    firstPrevHash: start.prevHash,
    fingerprintHashByEventId: new Map(),
  };
  streams.set(streamId, created);
  return created;
}

/**
 * Adds one complete batch read at open to the writer's index (checkpoints, streams, event
 * ids); a stored event id that occurs twice in a stream is a problem of the file.
 */
export function indexScannedBatch(
  index: { streams: Map<string, StreamIndex>; checkpoints: WalkStart[] },
  batch: readonly WalkedRecord[],
): StoreProblem | undefined {
  const first = batch[0]!;
  const start = {
    offsetBytes: first.offsetBytes,
    lineNumber: first.lineNumber,
    position: first.record.position,
    prevHash: first.record.prev,
  };
  addCheckpointIfDue(index.checkpoints, start);
  const stream = streamIndexFor(index.streams, first.record.streamId, start);
  for (const walked of batch) {
    const key = eventIdKey(walked.record.eventId);
    if (stream.fingerprintHashByEventId.has(key)) {
      return storeProblem(
        'duplicate-event-id',
        `the event id ${walked.record.eventId} is stored twice in ${walked.record.streamId}`,
        {
          lineNumber: walked.lineNumber,
          offsetBytes: walked.offsetBytes,
          eventId: walked.record.eventId,
          position: walked.record.position,
        },
      );
    }
    stream.fingerprintHashByEventId.set(key, fingerprintHash(walked.record));
  }
  stream.lastRevision = batch[batch.length - 1]!.record.streamRevision;
  return undefined;
}
