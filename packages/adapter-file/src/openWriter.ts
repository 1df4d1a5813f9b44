import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import type { LedgerError } from '@finsam-ledger/core';
import { assert, type StoreClock } from '@finsam-ledger/core/store';
import { problemToError, storeProblem, type StoreProblem } from './error.js';
import { EventIdIndex, firstDuplicateOffset } from './eventIdIndex.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import {
  indexScannedBatch,
  type Committed,
  type StreamIndex,
  type Writer,
  type WriterIndexSaves,
} from './fileStoreState.js';
import type { DurableWriteThread } from './adapter.js';
import type { FileStoreWarning, WriteLock } from './lock.js';
import { lineNumberAt, readRecordAt } from './readRecordAt.js';
import { readHeader } from './readHeader.js';
import { emptySeekIndex, loadSeekIndex, noteBatch, type SeekIndex } from './seekIndex.js';
import {
  describeTornTail,
  StoreWalker,
  type TornTail,
  type WalkedRecord,
  type WalkEnd,
  type WalkStart,
} from './StoreWalker.js';
import { scanStore } from './verify.js';
import { noteCommitted, savedWriterIndexFrom, WriterIndexBuilder } from './writerIndexBuilder.js';
import { checkRecordedHead, loadWriterHeadOf, type RecordedWriterHead } from './writerHeadFile.js';
import {
  headHolds,
  loadWriterIndex,
  saveWriterIndex,
  type SavedWriterIndex,
} from './writerIndexFile.js';

/** What the writer is given besides its file and lock. */
export interface WriterOptions {
  readonly onWarning: (warning: FileStoreWarning) => void;
  readonly clock: StoreClock;
  /** True when the file was opened so that every write is durable when it returns. */
  readonly writesAreDurable: boolean;
  /** Where an append awaited alone is written: see `FileEventStoreOptions.durableWriteThread`. */
  readonly durableWriteThread: DurableWriteThread;
  /** See `FileEventStoreOptions.writerIndexSaveEvents`. */
  readonly writerIndexSaveEvents: number;
}

/** A writer ready to append, and what the store needs besides. */
export interface OpenedWriter {
  readonly writer: Writer;
  readonly storeId: string;
  /** When the file was created, from its header. */
  readonly createdAt: string;
  readonly recordsStart: WalkStart;
  readonly seekIndex: SeekIndex;
}

/**
 * The writer's side of a store opened for writing. When the writer's index saved beside the
 * file (`STORE.ids`) holds, only the records after the head it names are read and checked;
 * otherwise the whole file is scanned, every line checked, and the index saved again. Either
 * way a damaged file is refused (the scan names the first problem), and a torn tail is reported
 * with a warning. So is a file that no longer passes through the head its writer recorded when it
 * last closed (`STORE.head`; `acknowledged-events-removed`, `acknowledged-history-changed`): it
 * lost events a writer held, and writing on would bury the loss; removing the head file accepts
 * it. The file is made durable (`fdatasync`) before the writer is handed out, so that a head this
 * writer records never counts bytes a power loss could still take.
 */
export async function openWriter(
  path: string,
  file: FileHandle,
  lock: WriteLock,
  options: WriterOptions,
): Promise<E.Either<LedgerError, OpenedWriter>> {
  const fromIndex = await openFromSavedIndex(path, file, lock, options);
  let recordedHead: RecordedWriterHead | undefined;
  if (fromIndex !== undefined) {
    const headCheck = await recordedHeadCheckOf(path, file, fromIndex);
    if (headCheck.holds) {
      // Warned of only now: a file the head check refuses is named by the scan instead.
      warnTornTail(path, fromIndex.writer.tornTail, options);
      await fileSystemSeam.datasync(file);
      return E.right(fromIndex);
    }
    recordedHead = headCheck.recorded;
  }
  const scanned = await scanForWriter(path, file, lock, options, recordedHead);
  if (E.isRight(scanned)) {
    // What the scan read may be bytes not yet on disk (a file just copied into place): made
    // durable before this writer records a head that counts them.
    await fileSystemSeam.datasync(file);
    const { writer } = scanned.right;
    writer.indexSaves.triedEventCount = writer.committed.nextPosition;
    if (await saveWriterIndex(path, savedWriterIndexOf(scanned.right, writer)))
      writer.indexSaves.savedEventCount = writer.committed.nextPosition;
  }
  return scanned;
}

/**
 * Whether the file the saved index opened still holds the head the writer's head file
 * (`STORE.head`) records. When it does not, the scan of the whole file decides: it fails when the
 * chain does not pass through that head.
 */
function recordedHeadCheckOf(path: string, file: FileHandle, opened: OpenedWriter) {
  const { storeId, seekIndex, writer, recordsStart } = opened;
  const store = {
    storeId,
    headerHash: seekIndex.headerHash,
    recordsOffsetBytes: recordsStart.offsetBytes,
  };
  return checkRecordedHead(path, file, store, writer.committed.nextPosition);
}

/** The writer's index as it is saved: the head it covers and every event id up to it. */
export function savedWriterIndexOf(
  store: { readonly storeId: string; readonly seekIndex: { readonly headerHash: string } },
  writer: Writer,
  entries: Buffer = writer.eventIds.merged(),
): SavedWriterIndex {
  return savedWriterIndexFrom({
    storeId: store.storeId,
    headerHash: store.seekIndex.headerHash,
    committed: writer.committed,
    streams: writer.streams,
    checkpoints: writer.checkpoints,
    entryStreams: writer.eventIds.streamIds,
    entries,
  });
}

/** The writer's record of its index saves, from the events the saved index covers. */
const indexSavesOf = (options: WriterOptions, savedEventCount: number): WriterIndexSaves => ({
  everyEvents: options.writerIndexSaveEvents,
  savedEventCount,
  triedEventCount: savedEventCount,
  inProgress: undefined,
  idleCheckScheduled: false,
});

function warnTornTail(path: string, tornTail: TornTail | undefined, options: WriterOptions): void {
  if (tornTail === undefined) return;
  options.onWarning({
    code: 'TORN_TAIL_FOUND',
    message: `${path} ends with ${tornTail.sizeBytes} bytes of an append that never completed (${describeTornTail(tornTail)}); they are not served and will be cut off at the next append`,
    details: { path, ...tornTail },
  });
}

/**
 * The writer from the saved index, or `undefined` when it cannot be used (missing, altered, of
 * another store, or naming a head the file no longer has; or a problem after the head, which the
 * full scan then names). The records after the head are walked and checked like a scan's.
 */
async function openFromSavedIndex(
  path: string,
  file: FileHandle,
  lock: WriteLock,
  options: WriterOptions,
): Promise<OpenedWriter | undefined> {
  const header = await readHeader(file);
  if (E.isLeft(header)) return undefined;
  const { header: decoded, hash: headerHash, recordsOffsetBytes } = header.right;
  const saved = await loadWriterIndex(path, decoded.storeId, headerHash);
  if (typeof saved === 'string') return undefined;
  const seekIndex = await loadSeekIndex(path, decoded.storeId, headerHash);
  if (typeof seekIndex === 'string') return undefined;
  const { size } = await file.stat();
  const { head } = saved;
  if (size < head.endBytes) return undefined;
  if (!(await headHolds(file, head, { offsetBytes: recordsOffsetBytes, headerHash })))
    return undefined;
  const { index, eventIds, committed } = writerStateOf(saved);
  const end = await readAfterHead(file, { index, eventIds, committed }, seekIndex);
  if (end === undefined) return undefined;
  const writer: Writer = {
    file,
    lock,
    committed,
    ...index,
    eventIds,
    onWarning: options.onWarning,
    clock: options.clock,
    writesAreDurable: options.writesAreDurable,
    durableWriteThread: options.durableWriteThread,
    tornTail: end.tornTail,
    unusedTail: end.unusedTail,
    failure: undefined,
    indexSaves: indexSavesOf(options, head.eventCount),
  };
  return {
    writer,
    storeId: decoded.storeId,
    createdAt: decoded.createdAt,
    recordsStart: recordsStartOf(index.checkpoints, committed, headerHash),
    seekIndex,
  };
}

/** The writer's index as saved, ready to be added to. */
function writerStateOf(saved: SavedWriterIndex): {
  index: { streams: Map<string, StreamIndex>; checkpoints: WalkStart[] };
  eventIds: EventIdIndex;
  committed: Committed;
} {
  const streams = new Map<string, StreamIndex>();
  for (const { streamId, lastRevision, first } of saved.streams)
    streams.set(streamId, {
      lastRevision,
      firstOffsetBytes: first.offsetBytes,
      firstLineNumber: first.lineNumber,
      firstPosition: first.position,
      firstPrevHash: first.prevHash,
    });
  const { head } = saved;
  return {
    index: { streams, checkpoints: [...saved.checkpoints] },
    eventIds: new EventIdIndex(saved.entries, [...saved.entryStreams]),
    committed: {
      endBytes: head.endBytes,
      nextLineNumber: head.nextLineNumber,
      nextPosition: head.eventCount,
      lastHash: head.lastHash,
      lastRecordOffsetBytes: head.lastRecordOffsetBytes,
      lastStoredAt: head.lastStoredAt,
    },
  };
}

/**
 * Walks and checks the records after the writer's head and adds them to its index; how the walk
 * ended, or `undefined` on a problem (which a scan of the whole file then names).
 */
async function readAfterHead(
  file: FileHandle,
  writer: {
    index: { streams: Map<string, StreamIndex>; checkpoints: WalkStart[] };
    eventIds: EventIdIndex;
    committed: Committed;
  },
  seekIndex: SeekIndex,
): Promise<WalkEnd | undefined> {
  const { index, eventIds, committed } = writer;
  const walker = new StoreWalker(
    file,
    {
      offsetBytes: committed.endBytes,
      lineNumber: committed.nextLineNumber,
      position: committed.nextPosition,
      prevHash: committed.lastHash,
    },
    () => Number.POSITIVE_INFINITY,
    { checkZeroTail: true },
  );
  for await (const batch of walker.batches()) {
    noteBatch(seekIndex, batch);
    const problem = indexScannedBatch(index, batch, (walked) =>
      eventIds.add(walked.record.streamId, walked.record.eventId, placeOfRecord(walked)),
    );
    if (problem !== undefined) return undefined;
    noteCommitted(committed, batch);
  }
  const end = walker.result;
  return end.problem === undefined ? end : undefined;
}

const placeOfRecord = (walked: WalkedRecord) => ({
  offsetBytes: walked.offsetBytes,
  revision: walked.record.streamRevision,
});

const recordsStartOf = (
  checkpoints: readonly WalkStart[],
  committed: Committed,
  headerHash: string,
): WalkStart =>
  checkpoints[0] ?? {
    offsetBytes: committed.endBytes,
    lineNumber: committed.nextLineNumber,
    position: 0,
    prevHash: headerHash,
  };

/**
 * Checks every line of the file and builds the writer's index on the way; a torn tail is
 * reported with a warning (it is cut off at the next append or `repair()`).
 */
async function scanForWriter(
  path: string,
  file: FileHandle,
  lock: WriteLock,
  options: WriterOptions,
  recordedHead: RecordedWriterHead | undefined,
): Promise<E.Either<LedgerError, OpenedWriter>> {
  const header = await readHeader(file);
  // A header that does not read is named by the scan below.
  const builder = new WriterIndexBuilder(
    E.isRight(header)
      ? { offsetBytes: header.right.recordsOffsetBytes, headerHash: header.right.hash }
      : { offsetBytes: 0, headerHash: '' },
  );
  // Noted before the header's hash is known; copied into the store's index below.
  const noted = emptySeekIndex('', '');
  // The head a writer recorded when it last closed: a file that no longer passes through it lost
  // events, and is refused rather than written on (which would record another head over it).
  // Loaded here unless the open from the saved index already has.
  const writerHead = recordedHead ?? (await loadWriterHeadOf(path, header));
  const scan = await scanStore(file, {
    ...(writerHead === undefined ? {} : { writerHead }),
    visit: (batch) => {
      noteBatch(noted, batch);
      return builder.visit(batch);
    },
  });
  if (scan.problem !== undefined) return E.left(problemToError(path, scan.problem));
  assert(
    scan.header !== undefined && scan.headerHash !== undefined,
    'a scan without a problem has read the header',
  );
  // Ids are checked once all are sorted: a stream holding one twice is named by its later record.
  const sorted = builder.collector.sorted();
  const duplicate = firstDuplicateOffset(sorted);
  if (duplicate !== undefined)
    return E.left(
      problemToError(path, await duplicateProblem(file, builder.checkpoints, duplicate, scan)),
    );
  warnTornTail(path, scan.tornTail, options);
  const { committed, streams, checkpoints } = builder;
  assert(
    committed.endBytes === scan.committedEndBytes && committed.nextPosition === scan.eventCount,
    'the writer index built by the scan ends where the scan does',
  );
  const writer: Writer = {
    file,
    lock,
    committed,
    streams,
    checkpoints,
    eventIds: new EventIdIndex(sorted, builder.collector.streamIds),
    onWarning: options.onWarning,
    clock: options.clock,
    writesAreDurable: options.writesAreDurable,
    durableWriteThread: options.durableWriteThread,
    tornTail: scan.tornTail,
    unusedTail: scan.unusedTail,
    failure: undefined,
    // Set once the index the scan built is saved (openWriter).
    indexSaves: indexSavesOf(options, 0),
  };
  const built = emptySeekIndex(scan.header.storeId, scan.headerHash);
  for (const [streamId, entries] of noted.entries) built.entries.set(streamId, entries);
  for (const [streamId, tail] of noted.tails) built.tails.set(streamId, tail);
  built.dirty = await seekIndexFileDiffers(path, built);
  return E.right({
    writer,
    storeId: scan.header.storeId,
    createdAt: scan.header.createdAt,
    recordsStart: recordsStartOf(checkpoints, committed, scan.headerHash),
    seekIndex: built,
  });
}

/** The problem of a record whose id its stream already holds, at its place in the file. */
async function duplicateProblem(
  file: FileHandle,
  checkpoints: readonly WalkStart[],
  offsetBytes: number,
  scan: { readonly committedEndBytes: number },
): Promise<StoreProblem> {
  const from = [...checkpoints].reverse().find((start) => start.offsetBytes <= offsetBytes);
  assert(from !== undefined, 'a duplicate lies after the first batch start');
  const lineNumber = await lineNumberAt(file, from, offsetBytes);
  const found = await readRecordAt(file, offsetBytes, scan.committedEndBytes);
  assert(found !== undefined, 'a scanned record reads again');
  return storeProblem(
    'duplicate-event-id',
    `the event id ${found.record.eventId} is stored twice in ${found.record.streamId}`,
    { lineNumber, offsetBytes, eventId: found.record.eventId, position: found.record.position },
  );
}

/** True when the index file beside the store is missing or says something else than `built`. */
async function seekIndexFileDiffers(path: string, built: SeekIndex): Promise<boolean> {
  const loaded = await loadSeekIndex(path, built.storeId, built.headerHash);
  if (typeof loaded === 'string') return true;
  return JSON.stringify([...loaded.entries]) !== JSON.stringify([...built.entries]);
}
