import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from '@finsam-ledger/core';
import { validateReadAllOptions, validateReadStreamOptions } from '@finsam-ledger/core/store';
import { isIoError, problemToError } from './error.js';
import { closedError, ioError, type FileStoreState } from './fileStoreState.js';
import { toStoredEvent } from './format.js';
import {
  discardSeekIndex,
  landedOn,
  noteBatch,
  saveSeekIndex,
  seekEntryAtOrBefore,
  seekEntryAtOrBeforePosition,
  walkStartOf,
  type SeekEntry,
} from './seekIndex.js';
import { checkServedChain, checkServedStart } from './servedChain.js';
import { StoreWalker, type WalkedRecord, type WalkStart } from './StoreWalker.js';

/**
 * The last batch each store's walks yielded. A checkpoint is saved at an event a fold has just
 * read, and asks for the chain hash there (`chainHashAt`): it is found in this batch instead of
 * by a second walk from the nearest seek-index entry (up to a whole batch of lines read, checked
 * and decoded again for each checkpoint: a tenth of a cold report of 100 000 events stored in
 * batches of 2 000). The batch was checked as it was read, like every line a walk yields.
 */
const lastBatches = new WeakMap<FileStoreState, readonly WalkedRecord[]>();

/**
 * The hash of the record at `revision` of `streamId` if the last batch a walk of the store
 * yielded holds it (see {@link lastBatches}); `undefined` otherwise.
 */
export function hashInLastBatch(
  state: FileStoreState,
  streamId: string,
  revision: number,
): string | undefined {
  const batch = lastBatches.get(state);
  const first = batch?.[0]?.record;
  // A batch is one stream's consecutive revisions.
  if (batch === undefined || first === undefined || first.streamId !== streamId) return undefined;
  const record = batch[revision - first.streamRevision]?.record;
  return record?.streamRevision === revision ? record.hash : undefined;
}

/**
 * The complete batches from `start`, checked as they are read, each noted in the seek index.
 * Reads stop at the end of the last acknowledged append for the writer; a read-only store
 * reads to the end of the file (or to the zeros a writer keeps ahead, where its records end)
 * and relies on the walker to hold back a batch that is not complete yet.
 */
export async function* walkBatches(
  state: FileStoreState,
  start: WalkStart,
): AsyncGenerator<readonly WalkedRecord[]> {
  if (state.closed) throw closedError(state.path);
  checkServedStart(state, start);
  const { path, writer } = state;
  // The file kept open while the store is (see KeptStoreFile): no open and close per read.
  const file = await state.readFile.lease();
  const readEnd = (): number =>
    writer === undefined ? Number.POSITIVE_INFINITY : writer.committed.endBytes;
  try {
    const walker = new StoreWalker(file.handle, start, readEnd);
    for await (const batch of walker.batches()) {
      if (state.closed) throw closedError(path);
      // Before the batch is noted or yielded: a forked history must reach neither.
      checkServedChain(state, batch);
      noteBatch(state.seekIndex, batch);
      lastBatches.set(state, batch);
      yield batch;
    }
    const end = walker.result;
    if (end.problem !== undefined) throw problemToError(path, end.problem);
  } catch (error) {
    // A store closed during the walk closes the file under it: that is the close, not a failure.
    // A failed read (EIO) is the store's `IO_ERROR`, as the EventStore contract says read
    // failures are; anything else (a problem the walk found, an offset no read accepts) as it is.
    if (state.closed) throw closedError(path);
    throw isSystemError(error) ? ioError(path, 'read the store', error) : error;
  } finally {
    await file.release();
  }
  // A walk that learnt new entries saves them for the next reader (derived data, best effort),
  // without waiting for the save.
  if (state.seekIndex.dirty && !state.closed) saveSeekIndexSoon(state);
}

/**
 * Each store's saves of its seek index after walks that learnt entries, one after the other. A
 * read does not wait for them: a live report's read after each append would wait, every 1 024
 * revisions of a stream, for a write and a rename through libuv's thread pool. `close()` waits
 * for them ({@link seekIndexSaved}).
 */
const seekIndexSaves = new WeakMap<FileStoreState, Promise<void>>();

/** Saves the store's seek index after the saves already started, if it is still unsaved then. */
function saveSeekIndexSoon(state: FileStoreState): void {
  const previous = seekIndexSaves.get(state) ?? Promise.resolve();
  seekIndexSaves.set(
    state,
    previous.then(async () => {
      if (state.seekIndex.dirty && !state.closed) await saveSeekIndex(state.path, state.seekIndex);
    }),
  );
}

/** Resolves when the seek index saves that walks of the store started have ended. */
export const seekIndexSaved = (state: FileStoreState): Promise<void> =>
  seekIndexSaves.get(state) ?? Promise.resolve();

/**
 * The complete batches from the seek index's nearest entry of `streamId` at or before `revision`
 * when it lies after `fallback`, else from `fallback`. The index is never trusted: a walk from an
 * entry must land on the batch the entry names, or the index is discarded (it is rebuilt by the
 * walks that follow) and the walk starts again from `fallback`.
 */
export async function* seekBatches(
  state: FileStoreState,
  streamId: string,
  revision: number,
  fallback: WalkStart,
): AsyncGenerator<readonly WalkedRecord[]> {
  yield* batchesFromEntry(
    state,
    streamId,
    seekEntryAtOrBefore(state.seekIndex, streamId, revision),
    fallback,
  );
}

/**
 * The complete batches from a seek index entry of `streamId` when it lies after `fallback`, else
 * from `fallback` (see {@link seekBatches}).
 */
async function* batchesFromEntry(
  state: FileStoreState,
  streamId: string,
  entry: SeekEntry | undefined,
  fallback: WalkStart,
): AsyncGenerator<readonly WalkedRecord[]> {
  if (entry === undefined || entry.position <= fallback.position) {
    yield* walkBatches(state, fallback);
    return;
  }
  let landed = false;
  try {
    for await (const batch of walkBatches(state, walkStartOf(entry))) {
      if (!landed && !landedOn(entry, streamId, batch)) break;
      landed = true;
      yield batch;
    }
  } catch (error) {
    // A store closed under the walk, or a read that failed (an `IO_ERROR`: EIO, or the file gone
    // from its path), says nothing of the entry: the index is kept, and the failure is the read's,
    // as on a walk from the first record. Discarding it for them cleared every stream's entries,
    // which only the walks that follow learn again (a writer's walk from its stream's first record
    // never passes the streams before it), and a crash before the next save left no index at all.
    // What the walk found wrong from the entry (a line, the chain, an offset no read accepts)
    // shows the entry wrong.
    if (landed || state.closed || isIoError(error)) throw error;
  }
  if (landed) return;
  await discardSeekIndex(state.path, state.seekIndex);
  yield* walkBatches(state, fallback);
}

/**
 * True for an error of a system call (`EIO` from a read): the file system failed, which says
 * nothing of what was read. A `RangeError` for an offset no read accepts has no system call.
 */
const isSystemError = (error: unknown): boolean =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';

/**
 * `readStream` of a file store: the writer starts at the stream's first record, a reader at the
 * first record.
 */
export async function* readStreamOfFile(
  state: FileStoreState,
  streamId: string,
  options: ReadStreamOptions,
): AsyncGenerator<StoredEvent> {
  if (state.closed) throw closedError(state.path);
  validateReadStreamOptions(options);
  const fromRevision = options.fromRevision ?? 0;
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (maxCount <= 0) return;
  let start = state.recordsStart;
  let lastRevision = Number.POSITIVE_INFINITY;
  if (state.writer !== undefined) {
    const stream = state.writer.streams.get(streamId);
    if (stream === undefined) return;
    // Revisions the stream has now; a later append is not waited for.
    lastRevision = stream.lastRevision;
    start = {
      offsetBytes: stream.firstOffsetBytes,
      lineNumber: stream.firstLineNumber,
      position: stream.firstPosition,
      prevHash: stream.firstPrevHash,
    };
  }
  if (fromRevision > lastRevision) return;
  let count = 0;
  for await (const batch of seekBatches(state, streamId, fromRevision, start)) {
    for (const { record } of batch) {
      if (record.streamId !== streamId || record.streamRevision < fromRevision) continue;
      yield toStoredEvent(record);
      count += 1;
      if (count >= maxCount || record.streamRevision >= lastRevision) return;
    }
  }
}

/**
 * `readAll` of a file store: the walk starts at the latest of the writer's last checkpoint at or
 * before the position and the seek index's last batch start at or before it (any stream's), so
 * that a read of the store's tail after a year's checkpoint does not walk the years before it.
 */
export async function* readAllOfFile(
  state: FileStoreState,
  options: ReadAllOptions,
): AsyncGenerator<StoredEvent> {
  if (state.closed) throw closedError(state.path);
  validateReadAllOptions(options);
  const fromPosition = Math.max(0, options.fromPosition ?? 0);
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  if (maxCount <= 0) return;
  const start =
    state.writer === undefined
      ? state.recordsStart
      : (checkpointAtOrBefore(state.writer.checkpoints, fromPosition) ?? state.recordsStart);
  const seek = seekEntryAtOrBeforePosition(state.seekIndex, fromPosition);
  let count = 0;
  for await (const batch of batchesFromEntry(state, seek?.streamId ?? '', seek?.entry, start))
    for (const walked of batch) {
      if (walked.record.position < fromPosition) continue;
      yield toStoredEvent(walked.record);
      count += 1;
      if (count >= maxCount) return;
    }
}

/**
 * The last checkpoint at or before the position (binary search): at most a few thousand events to
 * skip.
 */
function checkpointAtOrBefore(
  checkpoints: readonly WalkStart[],
  position: number,
): WalkStart | undefined {
  let found: WalkStart | undefined;
  let low = 0;
  let high = checkpoints.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (checkpoints[middle]!.position <= position) {
      found = checkpoints[middle]!;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
