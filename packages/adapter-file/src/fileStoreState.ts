import type { FileHandle } from 'node:fs/promises';
import { isLedgerError, ledgerError, type LedgerError } from '@finsam-ledger/core';
import type { StoreClock } from '@finsam-ledger/core/store';
import { storeProblem, type StoreProblem } from './error.js';
import type { EventIdIndex } from './eventIdIndex.js';
import { fileStoreLimits } from './format.js';
import type { KeptStoreFile } from './KeptStoreFile.js';
import type { DurableWriteThread } from './adapter.js';
import type { PreallocatedTail } from './PreallocatedTail.js';
import type { FileStoreWarning, WriteLock } from './lock.js';
import type { SeekIndex } from './seekIndex.js';
import type { TornTail, WalkedRecord, WalkStart } from './StoreWalker.js';
import type { UnusedTail } from './zeroTail.js';

/** What the writer knows of one stream, so that appends need not read the file. */
export interface StreamIndex {
  lastRevision: number;
  /** Where the stream's first record starts, so that reading it skips what comes before. */
  readonly firstOffsetBytes: number;
  readonly firstLineNumber: number;
  readonly firstPosition: number;
  readonly firstPrevHash: string;
}

/** Where the acknowledged appends end. */
export interface Committed {
  endBytes: number;
  nextLineNumber: number;
  nextPosition: number;
  lastHash: string;
  /** Where the last record starts (the records' start for an empty store). */
  lastRecordOffsetBytes: number;
  /** The stamp of the last record, if it has one: the next stamp is never earlier. */
  lastStoredAt: string | undefined;
}

/** Where the records of one acknowledged batch lie in the file. */
export interface AppendedLines {
  readonly streamId: string;
  readonly firstRevision: number;
  /** Where the batch's first record starts, in bytes from the start of the file. */
  readonly offsetBytes: number;
  /** Where each of its records starts, from the batch's first byte. */
  readonly lineOffsets: readonly number[];
}

/** The writer's side of a store opened read-write. */
export interface Writer {
  readonly file: FileHandle;
  readonly lock: WriteLock;
  readonly committed: Committed;
  readonly streams: Map<string, StreamIndex>;
  readonly checkpoints: WalkStart[];
  /**
   * Where each stored event is, by stream and id: how a retried append is recognised and a
   * corrected event's original found, without keeping the events or their fingerprints.
   */
  readonly eventIds: EventIdIndex;
  readonly onWarning: (warning: FileStoreWarning) => void;
  /** The clock each record's `storedAt` is stamped with. */
  readonly clock: StoreClock;
  /**
   * True when `file` was opened with synchronised writes (`O_DSYNC`, see `writerFileFlags.ts`):
   * a write is durable when it returns, and needs no fsync after it.
   */
  readonly writesAreDurable: boolean;
  /**
   * `'calling-thread'` when a group whose every append was awaited alone is written on the
   * calling thread (see `FileEventStoreOptions.durableWriteThread`).
   */
  readonly durableWriteThread: DurableWriteThread;
  tornTail: TornTail | undefined;
  /**
   * Zeros found after the records (and the torn tail) at open, left by a writer with
   * `preallocateBytes` that crashed: cut off with the torn tail, without a warning (they are no
   * torn append).
   */
  unusedTail: UnusedTail | undefined;
  /**
   * The zeros kept written ahead of the last append (the option `preallocateBytes`), when there
   * are any.
   */
  preallocatedTail?: PreallocatedTail;
  /**
   * Where the batches of the last group of appends acknowledged lie: a checkpoint saved at a
   * year close just appended reads the close's record alone for its chain hash (see
   * `fileCheckpointStorage.ts`). The encoder's offsets, kept, not copied.
   */
  lastGroupLines?: readonly AppendedLines[];
  /**
   * Set when a write failed in a way that leaves the file's state unknown (a failed fsync): every
   * later append is refused.
   */
  failure: LedgerError | undefined;
  /** Where the writer's index saved beside the store stands (see `idleWriterIndexSave.ts`). */
  readonly indexSaves: WriterIndexSaves;
}

/** The saves of the writer's index (`STORE.ids`) while the writer runs. */
export interface WriterIndexSaves {
  /**
   * Events appended since the last save after which the writer saves its index at its next idle
   * moment (`FileEventStoreOptions.writerIndexSaveEvents`).
   */
  readonly everyEvents: number;
  /** The events the saved index covers, as far as this writer knows (its head's `eventCount`). */
  savedEventCount: number;
  /** The events the last idle save covered or tried to: the next waits for as many again. */
  triedEventCount: number;
  /** The idle save under way, if any; it never rejects. */
  inProgress: Promise<void> | undefined;
  /** True while an idle moment is being waited for. */
  idleCheckScheduled: boolean;
}

/** Everything an open store holds, read-only or read-write. */
export interface FileStoreState {
  readonly path: string;
  readonly mode: 'read-write' | 'read-only';
  readonly storeId: string;
  /** When the file was created, from its header. */
  readonly createdAt: string;
  /** Where the first record is (or will be). For a writer, refreshed as the first append lands. */
  recordsStart: WalkStart;
  readonly writer: Writer | undefined;
  closed: boolean;
  /** The writer's work queue; see {@link serialise}. */
  queue: Promise<unknown>;
  /** Where streams' batches start, every so many revisions (see `seekIndex.ts`). */
  readonly seekIndex: SeekIndex;
  /** The store file, open for reading while the store is open: what every walk reads. */
  readonly readFile: KeptStoreFile;
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
  };
  streams.set(streamId, created);
  return created;
}

/**
 * Adds one complete batch read at open to the writer's index (checkpoints, streams, event ids
 * through `noteEventId`, which says `false` for an id the stream already has: a problem of the
 * file). The batch must continue its stream's revisions.
 */
export function indexScannedBatch(
  index: { streams: Map<string, StreamIndex>; checkpoints: WalkStart[] },
  batch: readonly WalkedRecord[],
  noteEventId: (walked: WalkedRecord) => boolean,
): StoreProblem | undefined {
  const first = batch[0]!;
  const start = {
    offsetBytes: first.offsetBytes,
    lineNumber: first.lineNumber,
    position: first.record.position,
    prevHash: first.record.prev,
  };
  const expectedRevision = (index.streams.get(first.record.streamId)?.lastRevision ?? -1) + 1;
  if (first.record.streamRevision !== expectedRevision)
    return storeProblem(
      'stream-revision-mismatch',
      `the record has revision ${first.record.streamRevision} in ${first.record.streamId}, where revision ${expectedRevision} comes next`,
      placeOf(first),
    );
  addCheckpointIfDue(index.checkpoints, start);
  const stream = streamIndexFor(index.streams, first.record.streamId, start);
  for (const walked of batch) {
    if (!noteEventId(walked))
      return storeProblem(
        'duplicate-event-id',
        `the event id ${walked.record.eventId} is stored twice in ${walked.record.streamId}`,
        placeOf(walked),
      );
  }
  stream.lastRevision = batch[batch.length - 1]!.record.streamRevision;
  return undefined;
}

/** Where a walked record is, for a problem found in it. */
export const placeOf = (
  walked: WalkedRecord,
): { lineNumber: number; offsetBytes: number; eventId: string; position: number } => ({
  lineNumber: walked.lineNumber,
  offsetBytes: walked.offsetBytes,
  eventId: walked.record.eventId,
  position: walked.record.position,
});

/**
 * Where a walk for `streamId` must start without the seek index (the stream's first batch for
 * the writer, the first record for a reader), and the stream's last revision when known;
 * `undefined` when the writer knows the stream is empty.
 */
export function streamStart(
  state: FileStoreState,
  streamId: string,
): { start: WalkStart; lastRevision: number } | undefined {
  if (state.writer === undefined)
    return { start: state.recordsStart, lastRevision: Number.POSITIVE_INFINITY };
  const stream = state.writer.streams.get(streamId);
  if (stream === undefined) return undefined;
  return {
    start: {
      offsetBytes: stream.firstOffsetBytes,
      lineNumber: stream.firstLineNumber,
      position: stream.firstPosition,
      prevHash: stream.firstPrevHash,
    },
    lastRevision: stream.lastRevision,
  };
}
