import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { watch } from 'node:fs';
import { ledgerError, toLedgerError, type EventStore, type LedgerError } from '@finsam-ledger/core';
import { systemClock, type StoreClock } from '@finsam-ledger/core/store';
import { type CheckpointingStore, type WatchableStore } from '@finsam-ledger/core/store';
import { fileCheckpointStorage } from './fileCheckpointStorage.js';
import { emptySeekIndex, loadSeekIndex, saveSeekIndex } from './seekIndex.js';
import { appendGrouped, repairNow } from './appendToFile.js';
import { createStoreFile } from './createStoreFile.js';
import { problemToError } from './error.js';
import {
  closedError,
  ioError,
  readOnlyError,
  serialise,
  type FileStoreState,
  type Writer,
} from './fileStoreState.js';
import { openWriter, savedWriterIndexOf, type WriterOptions } from './openWriter.js';
import { saveWriterIndex } from './writerIndexFile.js';
import { loadWriterHead, saveWriterHead } from './writerHeadFile.js';
import { savedHeadOf } from './writerIndexBuilder.js';
import { writerIndexSaveEventsDefault } from './idleWriterIndexSave.js';
import {
  acquireWriteLock,
  canonicalStorePath,
  foreignHolderRefusal,
  type FileStoreWarning,
  type WriteLock,
} from './lock.js';
import { readAllOfFile, readStreamOfFile, seekIndexSaved } from './readFromFile.js';
import { readHeader } from './readHeader.js';
import { writerHeadRefusal } from './checkWriterHead.js';
import { KeptStoreFile } from './KeptStoreFile.js';
import { PreallocatedTail } from './PreallocatedTail.js';
import { removeStaleTemporaries } from './staleTemporaries.js';
import { writerFileFlags } from './writerFileFlags.js';
import type { TornTail } from './StoreWalker.js';
import {
  scanStore,
  scanToReport,
  type StoreHead,
  type VerifyOptions,
  type VerifyReport,
  type WriterHead,
} from './verify.js';

/** How to open a file store. */
export interface FileEventStoreOptions {
  /** The store file. Its lock file is the same path with `.lock` appended. */
  readonly path: string;
  /**
   * `'read-write'` (the default) takes the single-writer lock, creates the file if it does
   * not exist, and on open checks the file from the head its saved writer index names (the
   * whole file when there is no sound index). `'read-only'` takes no lock, writes nothing,
   * checks the header on open and each record as it is read. Either way the store keeps its
   * file open until `close()`: a store dropped unclosed holds a descriptor until garbage
   * collection closes it, with Node's warning.
   */
  readonly mode?: 'read-write' | 'read-only';
  /**
   * With `'read-only'`: before the store is handed out, also check what a writer's open checks of
   * the head its last writer recorded (`STORE.head`), and refuse what that open would refuse
   * (see `checkWriterHead`), on the store's own file handle. For a rehearsal that must refuse what
   * the real run would (a dry run). False by default; a read-write open always makes the check,
   * whatever this says.
   */
  readonly checkWriterHead?: boolean;
  /**
   * What a read-write open does with a store file already there: `'open'` (the default) opens
   * it; `'refuse'` refuses with an `IO_ERROR` whose `details.errno` is `EEXIST`, as `O_EXCL`
   * does, and touches nothing. A command that must make a new store (`finsam init`) asks
   * `'refuse'`, so that a store another process made since its check is never called new. The
   * creator locks its new file once it has its name: an open racing it may take the lock first,
   * and the creator is then refused `STORE_LOCKED`.
   */
  readonly existing?: 'open' | 'refuse';
  /**
   * Called for what a person should know but is no error (a stale lock taken over, a torn tail).
   * Defaults to `process.emitWarning`.
   */
  readonly onWarning?: (warning: FileStoreWarning) => void;
  /**
   * The clock each record's `storedAt` is stamped with (read-write only); the system clock when
   * left out. Give one to rebuild a history as it was stored (the Roslagen example does) or to
   * test as-of reads.
   */
  readonly clock?: StoreClock;
  /**
   * Where the writer makes an append durable (read-write only). `'thread-pool'`, the default,
   * hands each write to libuv's thread pool, and the event loop serves other work while the disk
   * writes. `'calling-thread'` writes on the calling thread a group whose every append says it
   * was awaited alone (`AppendOptions.awaitedAlone`, which the ledger sets for a call with no
   * other call of its recorder in progress): it spares the hand-off to a pool thread and the
   * wake-up after it (on the project's machine about 0.2-0.5 ms of a 2-3 ms awaited batch of 100,
   * see docs/benchmarks.md), but blocks the event loop for as long as the disk takes. Choose it
   * for a process whose work is appending (a bulk load, an import; the `finsam` CLI does), not for
   * a server whose other requests must not wait for the disk. Appends not awaited alone (calls in
   * flight together) still go through the thread pool, where the next batch is checked meanwhile.
   */
  readonly durableWriteThread?: DurableWriteThread;
  /**
   * Bytes of zeros the writer keeps written and synchronised ahead of its last append
   * (read-write only; 0, the default, keeps none). Each append then writes over bytes the file
   * already has, which on Linux ext4 spares each synchronised write a journal commit (some 0.2 ms
   * an append on the project's VM; docs/benchmarks.md). The cost: the zeros are written once more
   * in the background (as many bytes again as the appends write, through the thread pool), the
   * file is up to this many bytes larger while the store is open or after a crash, and a reader
   * in another process finds the zeros after the last record (it stops there; `verify` reports
   * them as `unusedTail`). `close()` cuts them off, and the next writer cuts what a crash left
   * at its first append, `repair()` or `close()` (a torn record before them only at an append or
   * `repair()`, which report it). A power loss in the middle of an append over zeros can
   * leave a later page of it on disk and an earlier one not: the next open then refuses the
   * file, naming the line, where without the option the torn append would be cut (see
   * docs/adapter-file.md). Some megabytes (say 4 MiB) keep the writer ahead of a steady stream
   * of awaited appends; at most 1 GiB. It pays for appends awaited one by one, not for calls in
   * flight together (docs/benchmarks.md, "The eleventh write-side session"). With it, `close()`
   * rejects when cutting the zeros fails; the lock and the file are released all the same, and
   * the next writer cuts the zeros.
   */
  readonly preallocateBytes?: number;
  /**
   * Events appended since the writer's index (`STORE.ids`) was last saved after which the writer
   * saves it again at its next idle moment (read-write only; default 65 536,
   * `writerIndexSaveEventsDefault`). Without it a writer that runs for months saves its index
   * only at open and `close()`, and the next open after a crash walks and indexes every line
   * appended since its open; with it, at most about this many more than the saved head (7-10
   * µs of CPU a line on the project's machine, docs/decisions.md). The save is never on an
   * append's path: it starts once the writer has been quiet for `writerIndexSaveQuietMs`
   * (250 ms: no append acknowledged, queued or in flight), takes the index's bytes in
   * the writer's queue (an append arriving meanwhile waits for that), writes and fsyncs them while
   * appends go on, and renames the file in the queue. A failed save is ignored (the next is tried
   * after as many events again); `close()` waits for a save under way. A writer that is never
   * quiet that long (a bulk load) saves at `close()` as before. Smaller values
   * bound a crash's cost more tightly and pay for a save (its cost grows with the store) more
   * often.
   */
  readonly writerIndexSaveEvents?: number;
}

/** The thread on which the file store writes an append awaited alone (`durableWriteThread`). */
export type DurableWriteThread = 'thread-pool' | 'calling-thread';

const durableWriteThreads: readonly DurableWriteThread[] = ['thread-pool', 'calling-thread'];

/** What {@link FileEventStore.repair} did. */
export interface RepairReport {
  /** The torn tail that was cut off, or `undefined` when there was none. */
  readonly dropped?: TornTail;
}

/**
 * An {@link EventStore} on one append-only file, with the checks only a file needs. It keeps
 * checkpoints beside the file (`STORE.checkpoints/`), a seek index (`STORE.index`) and the
 * writer's index of event ids (`STORE.ids`), all derived data, and tells a watcher when the
 * file changes.
 */
export interface FileEventStore extends EventStore, CheckpointingStore, WatchableStore {
  /** The store file's absolute path. */
  readonly path: string;
  /** How the store was opened: only `'read-write'` appends, repairs and holds the lock. */
  readonly mode: 'read-write' | 'read-only';
  /** The store's id, from its header. */
  readonly storeId: string;
  /**
   * When the file was created, from its header (an ISO instant). An event stamped (`storedAt`)
   * before it was stamped by a clock its writer was given (a history rebuilt into a new file):
   * a view of the store as of an instant before it shows what those stamps say, not what this
   * file held then.
   */
  readonly createdAt: string;
  /**
   * Walks the whole file and reports the first record that was altered, removed,
   * reordered or inserted (line number, byte offset, event id). What is wrong in the
   * file is in the report; only I/O failures are a `Left`.
   */
  verify(options?: VerifyOptions): TE.TaskEither<LedgerError, VerifyReport>;
  /** Cuts off a torn tail now instead of at the next append (read-write only). */
  repair(): TE.TaskEither<LedgerError, RepairReport>;
  /**
   * The head of the hash chain after the last acknowledged append. Read-write only: a
   * read-only store throws `ACCESS_DENIED` (its `verify()` report has the head).
   */
  head(): StoreHead;
}

const defaultWarning = (warning: FileStoreWarning): void => {
  process.emitWarning(warning.message, {
    code: warning.code,
    detail: JSON.stringify(warning.details),
  });
};

/**
 * Opens (and for `'read-write'`, creates if missing) a file event store.
 *
 * ```ts
 * const store = await openFileEventStore({ path: 'ledger.jsonl' })();
 * if (E.isLeft(store)) throw store.left; // STORE_LOCKED, STORE_CORRUPTED, NOT_A_STORE, ...
 * await store.right.appendToStream('förbund-2020', events)();
 * ```
 *
 * Opening for writing checks every line of the file (checksums, hash chain, positions)
 * after the head named by the writer index saved beside it (`STORE.ids`, itself checked:
 * its digests, and the record at its head re-read), or every line of the file when there is
 * no sound index, and refuses a damaged file; `verify()` always checks every line. A torn
 * tail (an append that a crash interrupted, never acknowledged) is reported with a warning
 * and cut off at the next append or `repair()`. The store file is not written at open, so a
 * refused file is left exactly as it was.
 */
export function openFileEventStore(
  options: FileEventStoreOptions,
): TE.TaskEither<LedgerError, FileEventStore> {
  return async () => {
    try {
      return await openNow(options);
    } catch (thrown) {
      return E.left(toLedgerError(thrown));
    }
  };
}

async function openNow(
  options: FileEventStoreOptions,
): Promise<E.Either<LedgerError, FileEventStore>> {
  const path = resolve(options.path);
  const mode = options.mode ?? 'read-write';
  const onWarning = options.onWarning ?? defaultWarning;
  const refused = optionsRefusal(options);
  if (refused !== undefined) return E.left(refused);
  if (mode === 'read-only') return openReadOnly(path, options);

  // The lock belongs to the file: it is taken on the open store file, so the file is opened
  // (and created when missing) first. A record naming a writer on another host is refused
  // before anything is created.
  const lockedPath = await canonicalStorePath(path);
  const foreign = await foreignHolderRefusal(lockedPath);
  if (foreign !== undefined) return E.left(foreign);
  const file = await openOrCreate(lockedPath, options.existing ?? 'open');
  if (E.isLeft(file)) return file;
  let lock: WriteLock | undefined;
  try {
    const locked = await acquireWriteLock(lockedPath, file.right, onWarning);
    if (E.isRight(locked)) lock = locked.right;
    const opened = E.isLeft(locked)
      ? locked
      : await openReadWrite(
          { path, lockedPath, preallocateBytes: options.preallocateBytes ?? 0 },
          file.right,
          locked.right,
          writerOptionsOf(options, onWarning),
        );
    if (E.isRight(opened)) return opened;
    await lock?.release();
    await file.right.close();
    return opened;
  } catch (thrown) {
    await lock?.release().catch(() => undefined);
    await file.right.close().catch(() => undefined);
    throw thrown;
  }
}

/** What the writer is given of the options, with their defaults. */
function writerOptionsOf(
  options: FileEventStoreOptions,
  onWarning: (warning: FileStoreWarning) => void,
): WriterOptions {
  return {
    onWarning,
    clock: options.clock ?? systemClock,
    writesAreDurable: writerFileFlags.writesAreDurable,
    durableWriteThread: options.durableWriteThread ?? 'thread-pool',
    writerIndexSaveEvents: options.writerIndexSaveEvents ?? writerIndexSaveEventsDefault,
  };
}

/** `VALIDATION_FAILED` for the first option out of its range, if any. */
const optionsRefusal = (options: FileEventStoreOptions): LedgerError | undefined =>
  durableWriteThreadRefusal(options.durableWriteThread) ??
  preallocateBytesRefusal(options.preallocateBytes) ??
  writerIndexSaveEventsRefusal(options.writerIndexSaveEvents) ??
  existingRefusal(options.existing) ??
  checkWriterHeadRefusal(options.checkWriterHead);

function existingRefusal(value: 'open' | 'refuse' | undefined): LedgerError | undefined {
  if (value === undefined || value === 'open' || value === 'refuse') return undefined;
  return optionRefusal('existing', 'one-of', "one of 'open', 'refuse'", value);
}

function checkWriterHeadRefusal(value: boolean | undefined): LedgerError | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  return optionRefusal('checkWriterHead', 'boolean', 'true or false', value);
}

/** `VALIDATION_FAILED` for a `durableWriteThread` other than {@link durableWriteThreads}. */
function durableWriteThreadRefusal(value: DurableWriteThread | undefined): LedgerError | undefined {
  if (value === undefined || durableWriteThreads.includes(value)) return undefined;
  return optionRefusal(
    'durableWriteThread',
    'one-of',
    `one of ${durableWriteThreads.join(', ')}`,
    value,
  );
}

/**
 * The most `preallocateBytes` a store takes: more zeros ahead than any steady stream of appends
 * needs (a few MiB keep the writer ahead), and a mistyped size must not fill the disk.
 */
const preallocateBytesMax = 1024 * 1024 * 1024;

/** `VALIDATION_FAILED` for a `preallocateBytes` that is not a whole number of bytes in range. */
function preallocateBytesRefusal(value: unknown): LedgerError | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    return optionRefusal(
      'preallocateBytes',
      'whole-number-at-least-0',
      'a whole number ≥ 0',
      value,
    );
  if ((value as number) > preallocateBytesMax)
    return optionRefusal('preallocateBytes', 'at-most', `at most ${preallocateBytesMax}`, value);
  return undefined;
}

/** `VALIDATION_FAILED` for a `writerIndexSaveEvents` that is not a whole number of events ≥ 1. */
function writerIndexSaveEventsRefusal(value: unknown): LedgerError | undefined {
  if (value === undefined || (Number.isSafeInteger(value) && (value as number) >= 1))
    return undefined;
  return optionRefusal(
    'writerIndexSaveEvents',
    'whole-number-at-least-1',
    'a whole number ≥ 1',
    value,
  );
}

/** `VALIDATION_FAILED` naming the option, the rule it breaks and what it must be. */
function optionRefusal(name: string, rule: string, mustBe: string, value: unknown): LedgerError {
  const issue = { path: `options.${name}`, rule, message: `must be ${mustBe}` };
  return ledgerError('VALIDATION_FAILED', `Invalid store options: ${issue.path} ${issue.message}`, {
    issues: [issue],
    details: { [name]: String(value) },
  });
}

/** Opens `path` (resolved) to read; with `checkWriterHead`, refuses what a writer's open would. */
async function openReadOnly(
  path: string,
  options: FileEventStoreOptions,
): Promise<E.Either<LedgerError, FileEventStore>> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    return E.left(
      ledgerError(
        'IO_ERROR',
        `Cannot open the store ${path} for reading: ${(error as Error).message}`,
        { cause: error, details: { path, errno: (error as NodeJS.ErrnoException).code } },
      ),
    );
  }
  // The file stays open for the store's reads (see KeptStoreFile) unless the open fails.
  let kept = false;
  try {
    const header = await readHeader(file);
    if (E.isLeft(header)) return E.left(problemToError(path, header.left));
    const { header: decoded, hash, recordsOffsetBytes } = header.right;
    if (options.checkWriterHead === true) {
      // A refusal names the store as the caller gave it, as checkWriterHead does.
      const store = { storeId: decoded.storeId, headerHash: hash, recordsOffsetBytes };
      const refusal = await writerHeadRefusal(options.path, file, store);
      if (refusal !== undefined) return E.left(refusal);
    }
    const loaded = await loadSeekIndex(path, decoded.storeId, hash);
    const readFile = new KeptStoreFile(path, file);
    kept = true;
    return E.right(
      makeStore({
        path,
        mode: 'read-only',
        storeId: decoded.storeId,
        createdAt: decoded.createdAt,
        seekIndex: typeof loaded === 'string' ? emptySeekIndex(decoded.storeId, hash) : loaded,
        recordsStart: {
          offsetBytes: recordsOffsetBytes,
          lineNumber: 2,
          position: 0,
          prevHash: hash,
        },
        writer: undefined,
        closed: false,
        queue: Promise.resolve(),
        readFile,
      }),
    );
  } finally {
    if (!kept) await file.close();
  }
}

async function openReadWrite(
  paths: { readonly path: string; readonly lockedPath: string; readonly preallocateBytes: number },
  file: FileHandle,
  lock: WriteLock,
  writerOptions: WriterOptions,
): Promise<E.Either<LedgerError, FileEventStore>> {
  const { path } = paths;
  // Under the lock, before this writer saves anything: no other writer's save is in flight.
  await removeStaleTemporaries(path, paths.lockedPath);
  const writer = await openWriter(path, file, lock, writerOptions);
  if (E.isLeft(writer)) return writer;
  const { storeId, createdAt, recordsStart, seekIndex } = writer.right;
  // The index built while checking the file replaces whatever index file there was.
  if (seekIndex.dirty) await saveSeekIndex(path, seekIndex);
  // Last of the steps that can fail: nothing after it would close the fills' descriptor.
  if (paths.preallocateBytes > 0)
    writer.right.writer.preallocatedTail = await PreallocatedTail.open(
      paths.lockedPath,
      file,
      paths.preallocateBytes,
      writer.right.writer.committed.endBytes,
    );
  return E.right(
    makeStore({
      path,
      mode: 'read-write',
      storeId,
      createdAt,
      seekIndex,
      recordsStart,
      writer: writer.right.writer,
      closed: false,
      queue: Promise.resolve(),
      // Opened at the first read: the writer's own handle is for its appends.
      readFile: new KeptStoreFile(path),
    }),
  );
}

/**
 * Opens the store file for writing (with synchronised writes where the platform has them, see
 * `writerFileFlags.ts`), creating it (atomically, with its header) when it does not exist; with
 * `existing: 'refuse'`, a file already there is refused. A file another process creates between
 * the open that found none and the create is opened (or refused) like one found at first.
 */
async function openOrCreate(
  path: string,
  existing: 'open' | 'refuse',
): Promise<E.Either<LedgerError, FileHandle>> {
  if (existing === 'open') {
    const opened = await openIfThere(path);
    if (opened !== undefined) return opened;
  }
  try {
    const created = await createStoreFile(path);
    if (created === 'exists' && existing === 'refuse') return E.left(storeExistsError(path));
    return E.right(await open(path, writerFileFlags.openFlags));
  } catch (createError) {
    return E.left(ioError(path, 'create the store', createError));
  }
}

/** The store file opened for writing, or `undefined` when there is none. */
async function openIfThere(path: string): Promise<E.Either<LedgerError, FileHandle> | undefined> {
  try {
    return E.right(await open(path, writerFileFlags.openFlags));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return E.left(ioError(path, 'open the store for writing', error));
  }
}

const storeExistsError = (path: string): LedgerError =>
  ledgerError('IO_ERROR', `${path} already exists: a new store was asked for`, {
    details: { path, errno: 'EEXIST' },
  });

/**
 * Calls `listener` when the store file changes (inotify and its kin). A file system that cannot
 * watch gives no notification: a live reader polls besides.
 */
function watchFile(path: string, listener: () => void): () => void {
  try {
    const watcher = watch(path, { persistent: false }, () => listener());
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    return () => undefined;
  }
}

/** The store's methods, on its state; the work is in appendToFile.ts and readFromFile.ts. */
function makeStore(state: FileStoreState): FileEventStore {
  const { path, writer } = state;
  const checkpoints = fileCheckpointStorage(state);
  return {
    path,
    mode: state.mode,
    storeId: state.storeId,
    createdAt: state.createdAt,
    checkpoints,
    watch: (listener) => watchFile(path, listener),
    appendToStream(streamId, events, options) {
      return async () => {
        if (writer === undefined) return E.left(readOnlyError(path, 'append'));
        try {
          return await appendGrouped(state, writer, streamId, events, options);
        } catch (thrown) {
          return E.left(toLedgerError(thrown));
        }
      };
    },
    readStream: (streamId, options = {}) => readStreamOfFile(state, streamId, options),
    readAll: (options = {}) => readAllOfFile(state, options),
    verify:
      (options = {}) =>
      () =>
        verifyNow(state, options),
    repair: () => () => repairWithinQueue(state),
    head() {
      if (writer === undefined)
        throw readOnlyError(
          path,
          'tell its head without reading the whole file: use verify(), whose report has the head',
        );
      return { eventCount: writer.committed.nextPosition, hash: writer.committed.lastHash };
    },
    async close() {
      if (state.closed) return;
      await checkpoints.settle();
      state.closed = true;
      // Closed now, even under walks still reading it: they end with STORE_CLOSED at their next
      // read, and one left unfinished does not keep the file open (KeptStoreFile).
      await state.readFile.close();
      await seekIndexSaved(state);
      if (writer !== undefined) {
        await serialise(state, async () => undefined);
        // An idle save under way ends first (its rename is queued after the appends): close()
        // waits for at most that one, and then saves what came after it if it is worth it.
        await writer.indexSaves.inProgress;
        if (state.seekIndex.dirty) await saveSeekIndex(path, state.seekIndex);
        if (writerIndexDue(writer)) await saveWriterIndex(path, savedWriterIndexOf(state, writer));
        // The head this writer held: a later open and `verify` hold the file to it.
        if (writer.failure === undefined)
          await saveWriterHead(
            path,
            state.storeId,
            state.seekIndex.headerHash,
            savedHeadOf(writer.committed),
          );
        try {
          await cutCrashZeros(state, writer);
          await writer.preallocatedTail?.close(writer.file);
        } finally {
          // A failed cut of the zeros still lets the lock and the file go: the next open cuts them.
          await writer.lock.release();
          await writer.file.close();
        }
      } else if (state.seekIndex.dirty) await saveSeekIndex(path, state.seekIndex);
    },
  };
}

/**
 * Cuts off, at close, the zeros a crashed writer's `preallocateBytes` left after the records when
 * no append did and no torn record lies before them: they hold nothing, and a closed store's file
 * then ends at its last record whether its writer appended or not. A torn tail is left for the
 * next append or `repair()`, which report what they cut.
 */
async function cutCrashZeros(state: FileStoreState, writer: Writer): Promise<void> {
  if (writer.failure !== undefined || writer.tornTail !== undefined) return;
  if (writer.unusedTail !== undefined) await repairNow(state, writer);
}

/**
 * True when the events appended or read since the writer's index was last saved are worth saving
 * it again: the next open reads them from the file otherwise, and rewriting the index costs about
 * as much as reading a 256th of it.
 */
const writerIndexDue = (writer: Writer): boolean => {
  const { savedEventCount } = writer.indexSaves;
  const unsaved = writer.committed.nextPosition - savedEventCount;
  return writer.failure === undefined && unsaved > 0 && unsaved * 256 >= savedEventCount;
};

/**
 * `verify()` of an open store. The writer's verification waits for appends in progress, so that it
 * never reports one as a torn tail.
 */
async function verifyNow(
  state: FileStoreState,
  options: VerifyOptions,
): Promise<E.Either<LedgerError, VerifyReport>> {
  if (state.closed) return E.left(closedError(state.path));
  const work = async (): Promise<E.Either<LedgerError, VerifyReport>> => {
    try {
      const writerHead = await writerHeadOfStore(state);
      const file = await open(state.path, 'r');
      try {
        const scan = await scanStore(file, {
          ...(options.expectedHead === undefined ? {} : { expectedHead: options.expectedHead }),
          ...(writerHead === undefined ? {} : { writerHead }),
        });
        return E.right(scanToReport(state.path, scan));
      } finally {
        await file.close();
      }
    } catch (thrown) {
      return E.left(ioError(state.path, 'verify the store', thrown));
    }
  };
  return state.writer === undefined ? work() : serialise(state, work);
}

/**
 * The head the store's writer held: the open writer's own (in its queue, so no append is in
 * flight), or the one a reader finds in the head file (`STORE.head`).
 */
async function writerHeadOfStore(state: FileStoreState): Promise<WriterHead | undefined> {
  const { writer } = state;
  if (writer !== undefined)
    return { eventCount: writer.committed.nextPosition, hash: writer.committed.lastHash };
  return loadWriterHead(state.path, state.storeId, state.seekIndex.headerHash);
}

/** `repair()` of an open store: read-write only, in the writer's queue. */
async function repairWithinQueue(
  state: FileStoreState,
): Promise<E.Either<LedgerError, RepairReport>> {
  const { writer, path } = state;
  if (writer === undefined) return E.left(readOnlyError(path, 'repair'));
  if (state.closed) return E.left(closedError(path));
  return serialise(state, async () => {
    if (writer.failure !== undefined) return E.left(writer.failure);
    try {
      return E.right(await repairNow(state, writer));
    } catch (error) {
      writer.failure = ioError(path, 'cut off the torn tail', error);
      return E.left(writer.failure);
    }
  });
}
