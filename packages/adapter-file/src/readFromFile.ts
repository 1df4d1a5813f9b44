import { open } from 'node:fs/promises';
import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from '@finsam-ledger/core';
import { validateReadAllOptions, validateReadStreamOptions } from '@finsam-ledger/core/store';
import { problemToError } from './error.js';
import { closedError, ioError, type FileStoreState } from './fileStoreState.js';
import { toStoredEvent } from './format.js';
import {
  discardSeekIndex,
  landedOn,
  noteBatch,
  saveSeekIndex,
  seekEntryAtOrBefore,
  walkStartOf,
} from './seekIndex.js';
import { StoreWalker, type WalkedRecord, type WalkStart } from './StoreWalker.js';

/**
 * The complete batches from `start`, checked as they are read, each noted in the seek index.
 * Reads stop at the end of the last acknowledged append for the writer; a read-only store
 * reads to the end of the file and relies on the walker to hold back a batch that is not
 * complete yet.
 */
export async function* walkBatches(
  state: FileStoreState,
  start: WalkStart,
): AsyncGenerator<readonly WalkedRecord[]> {
  if (state.closed) throw closedError(state.path);
  const { path, writer } = state;
  const file = await open(path, 'r').catch((error: unknown) => {
    throw ioError(path, 'open the store for reading', error);
  });
  const readEnd = (): number =>
    writer === undefined ? Number.POSITIVE_INFINITY : writer.committed.endBytes;
  try {
    const walker = new StoreWalker(file, start, readEnd);
    for await (const batch of walker.batches()) {
      if (state.closed) throw closedError(path);
      noteBatch(state.seekIndex, batch);
      yield batch;
    }
    const end = walker.result;
    if (end.problem !== undefined) throw problemToError(path, end.problem);
  } finally {
    await file.close();
  }
  // A walk that learnt new entries saves them for the next reader (derived data, best effort).
  if (state.seekIndex.dirty && !state.closed) await saveSeekIndex(path, state.seekIndex);
}

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
  const entry = seekEntryAtOrBefore(state.seekIndex, streamId, revision);
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
    if (landed) throw error;
  }
  if (landed) return;
  await discardSeekIndex(state.path, state.seekIndex);
  yield* walkBatches(state, fallback);
}

/** The events of complete batches from `start` (see {@link walkBatches}). */
async function* walkFrom(state: FileStoreState, start: WalkStart): AsyncGenerator<StoredEvent> {
  for await (const batch of walkBatches(state, start))
    for (const walked of batch) yield toStoredEvent(walked.record);
}

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
 * `readAll` of a file store: the writer starts at the last checkpoint at or before the position.
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
  let count = 0;
  for await (const event of walkFrom(state, start)) {
    if (event.globalPosition < fromPosition) continue;
    yield event;
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
