import { randomUUID } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { link, open, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  assert,
  decideAppend,
  eventFingerprint,
  isLedgerError,
  ledgerError,
  toLedgerError,
  validateAppend,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type LedgerError,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
} from '@finsam-ledger/core';
import { problemToError, storeProblem } from './error.js';
import {
  decodeEventRecordLine,
  encodeEventRecord,
  encodeHeader,
  fileStoreLimits,
  toStoredEvent,
} from './format.js';
import { sha256Hex } from './hashChain.js';
import { acquireWriteLock, type FileStoreWarning, type WriteLock } from './lock.js';
import { readHeader } from './readHeader.js';
import { StoreWalker, type TornTail, type WalkStart } from './StoreWalker.js';
import {
  scanStore,
  scanToReport,
  type StoreHead,
  type VerifyOptions,
  type VerifyReport,
} from './verify.js';

/** How to open a file store. */
export interface FileEventStoreOptions {
  /** The store file. Its lock file is the same path with `.lock` appended. */
  readonly path: string;
  /**
   * `'read-write'` (the default) takes the single-writer lock, creates the file if it does
   * not exist, and checks the whole file on open. `'read-only'` takes no lock, writes
   * nothing, checks the header on open and each record as it is read.
   */
  readonly mode?: 'read-write' | 'read-only';
  /** Called for what a person should know but is no error (a stale lock taken over, a torn tail). Defaults to `process.emitWarning`. */
  readonly onWarning?: (warning: FileStoreWarning) => void;
}

/** What {@link FileEventStore.repair} did. */
export interface RepairReport {
  /** The torn tail that was cut off, or `undefined` when there was none. */
  readonly dropped?: TornTail;
}

/** An {@link EventStore} on one append-only file, with the checks only a file needs. */
export interface FileEventStore extends EventStore {
  /** The store file's absolute path. */
  readonly path: string;
  /** How the store was opened: only `'read-write'` appends, repairs and holds the lock. */
  readonly mode: 'read-write' | 'read-only';
  /** The store's id, from its header. */
  readonly storeId: string;
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

interface StreamIndex {
  lastRevision: number;
  /** Where the stream's first record starts, so that reading it skips what comes before. */
  readonly firstOffsetBytes: number;
  readonly firstLineNumber: number;
  readonly firstPosition: number;
  readonly firstPrevHash: string;
  /** A 48-bit hash of each event's fingerprint, by event id (see {@link fingerprintHash}): enough to classify retries without keeping the events. */
  readonly fingerprintHashByEventId: Map<string, number>;
}

interface Committed {
  endBytes: number;
  nextLineNumber: number;
  nextPosition: number;
  lastHash: string;
}

const defaultWarning = (warning: FileStoreWarning): void => {
  process.emitWarning(warning.message, {
    code: warning.code,
    detail: JSON.stringify(warning.details),
  });
};

/**
 * 48 bits of the SHA-256 of an event's fingerprint: what the writer's index keeps per
 * event instead of the fingerprint itself. A number below 2^53 is stored by V8 without a
 * string, about 100 bytes per event with its key instead of about 180 with a string. The
 * cost: a retry that reuses a stored id for different content is misread as the same event
 * with probability 2^-48 (it would then be reported `alreadyStored` instead of
 * `EVENT_ID_CONFLICT`); nothing stored is ever changed by it.
 */
const fingerprintHash = (event: Pick<NewEvent, 'type' | 'schemaVersion' | 'data'>): number =>
  Number.parseInt(sha256Hex(eventFingerprint(event)).slice(0, 12), 16);

/** The index's key of an event id: its 16 bytes as a 16-character string rather than 36 characters of text. */
const eventIdKey = (eventId: string): string => {
  const hex = eventId.replace(/-/g, '');
  return /^[0-9a-f]{32}$/.test(hex) ? Buffer.from(hex, 'hex').toString('latin1') : eventId;
};

const ioError = (path: string, action: string, error: unknown): LedgerError =>
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

async function fsyncDirectory(directoryPath: string): Promise<void> {
  const directory = await open(directoryPath, fsConstants.O_RDONLY);
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Creates a new store file atomically: the header is written and fsync'd under a
 * temporary name, then linked to the real name (`link` never overwrites, so two creators
 * cannot both win), and the directory is fsync'd so that the new name survives a crash.
 * A reader never sees a store file without its complete header.
 */
async function createStoreFile(path: string): Promise<'created' | 'exists'> {
  const temporaryPath = `${path}.creating-${process.pid}-${randomUUID().slice(0, 8)}`;
  const header = encodeHeader(randomUUID(), new Date().toISOString());
  const file = await open(temporaryPath, 'wx');
  try {
    await file.writeFile(header.bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temporaryPath, path);
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  } finally {
    await unlink(temporaryPath).catch(() => undefined);
    await fsyncDirectory(dirname(path));
  }
}

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
 * and refuses a damaged file; a torn tail (an append that a crash interrupted, never
 * acknowledged) is reported with a warning and cut off at the next append or `repair()`.
 * Nothing is written at open, so a refused file is left exactly as it was.
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
  if (mode === 'read-only') return openReadOnly(path);

  const lock = await acquireWriteLock(path, onWarning);
  if (E.isLeft(lock)) return lock;
  try {
    const opened = await openReadWrite(path, lock.right, onWarning);
    if (E.isLeft(opened)) await lock.right.release();
    return opened;
  } catch (thrown) {
    await lock.right.release();
    throw thrown;
  }
}

async function openReadOnly(path: string): Promise<E.Either<LedgerError, FileEventStore>> {
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
  try {
    const header = await readHeader(file);
    if (E.isLeft(header)) return E.left(problemToError(path, header.left));
    const { header: decoded, hash, recordsOffsetBytes } = header.right;
    return E.right(
      makeStore({
        path,
        mode: 'read-only',
        storeId: decoded.storeId,
        recordsStart: {
          offsetBytes: recordsOffsetBytes,
          lineNumber: 2,
          position: 0,
          prevHash: hash,
        },
        writer: undefined,
      }),
    );
  } finally {
    await file.close();
  }
}

interface Writer {
  readonly file: FileHandle;
  readonly lock: WriteLock;
  readonly committed: Committed;
  readonly streams: Map<string, StreamIndex>;
  readonly checkpoints: WalkStart[];
  readonly onWarning: (warning: FileStoreWarning) => void;
  tornTail: TornTail | undefined;
  /** Set when a write failed in a way that leaves the file's state unknown (a failed fsync): every later append is refused. */
  failure: LedgerError | undefined;
}

async function openReadWrite(
  path: string,
  lock: WriteLock,
  onWarning: (warning: FileStoreWarning) => void,
): Promise<E.Either<LedgerError, FileEventStore>> {
  let file: FileHandle;
  try {
    file = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return E.left(ioError(path, 'open the store for writing', error));
    try {
      await createStoreFile(path);
      file = await open(path, 'r+');
    } catch (createError) {
      return E.left(ioError(path, 'create the store', createError));
    }
  }
  try {
    const streams = new Map<string, StreamIndex>();
    const checkpoints: WalkStart[] = [];
    let lastCheckpointPosition = Number.NEGATIVE_INFINITY;
    const scan = await scanStore(file, {
      visit(batch) {
        const first = batch[0]!;
        if (
          first.record.position - lastCheckpointPosition >=
          fileStoreLimits.checkpointEveryEvents
        ) {
          checkpoints.push({
            offsetBytes: first.offsetBytes,
            lineNumber: first.lineNumber,
            position: first.record.position,
            prevHash: first.record.prev,
          });
          lastCheckpointPosition = first.record.position;
        }
        let stream = streams.get(first.record.streamId);
        if (stream === undefined) {
          stream = {
            lastRevision: -1,
            firstOffsetBytes: first.offsetBytes,
            firstLineNumber: first.lineNumber,
            firstPosition: first.record.position,
            firstPrevHash: first.record.prev,
            fingerprintHashByEventId: new Map(),
          };
          streams.set(first.record.streamId, stream);
        }
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
      },
    });
    if (scan.problem !== undefined) {
      await file.close();
      return E.left(problemToError(path, scan.problem));
    }
    assert(
      scan.header !== undefined && scan.headerHash !== undefined,
      'a scan without a problem has read the header',
    );
    if (scan.tornTail !== undefined) {
      onWarning({
        code: 'TORN_TAIL_FOUND',
        message: `${path} ends with ${scan.tornTail.sizeBytes} bytes of an append that never completed (${describeTornTail(scan.tornTail)}); they are not served and will be cut off at the next append`,
        details: { path, ...scan.tornTail },
      });
    }
    const writer: Writer = {
      file,
      lock,
      committed: {
        endBytes: scan.committedEndBytes,
        nextLineNumber: scan.nextLineNumber,
        nextPosition: scan.eventCount,
        lastHash: scan.head.hash,
      },
      streams,
      checkpoints,
      onWarning,
      tornTail: scan.tornTail,
      failure: undefined,
    };
    const recordsStart: WalkStart = checkpoints[0] ?? {
      offsetBytes: scan.committedEndBytes,
      lineNumber: scan.nextLineNumber,
      position: 0,
      prevHash: scan.headerHash,
    };
    return E.right(
      makeStore({ path, mode: 'read-write', storeId: scan.header.storeId, recordsStart, writer }),
    );
  } catch (thrown) {
    await file.close().catch(() => undefined);
    throw thrown;
  }
}

function describeTornTail(tornTail: TornTail): string {
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

interface StoreParts {
  readonly path: string;
  readonly mode: 'read-write' | 'read-only';
  readonly storeId: string;
  /** Where the first record is (or will be). For a writer, refreshed as the first append lands. */
  recordsStart: WalkStart;
  readonly writer: Writer | undefined;
}

function makeStore(parts: StoreParts): FileEventStore {
  const { path, writer } = parts;
  let closed = false;
  // Appends, repairs and verifications of the writer run one at a time, in call order:
  // that is what makes "exactly one of two appends with the same expected revision wins".
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  const closedError = (): LedgerError =>
    ledgerError('STORE_CLOSED', `The file store ${path} is closed`, { details: { path } });
  const readOnlyError = (action: string): LedgerError =>
    ledgerError(
      'ACCESS_DENIED',
      `The file store ${path} was opened read-only and cannot ${action}`,
      { details: { path } },
    );

  // Reads stop at the end of the last acknowledged append for the writer; a read-only
  // store reads to the end of the file and relies on the walker to hold back a batch that
  // is not complete yet.
  const readEnd = (): number =>
    writer === undefined ? Number.POSITIVE_INFINITY : writer.committed.endBytes;

  async function* walkFrom(start: WalkStart): AsyncGenerator<StoredEvent> {
    if (closed) throw closedError();
    const file = await open(path, 'r').catch((error: unknown) => {
      throw ioError(path, 'open the store for reading', error);
    });
    try {
      const walker = new StoreWalker(file, start, readEnd);
      for await (const batch of walker.batches()) {
        if (closed) throw closedError();
        for (const walked of batch) yield toStoredEvent(walked.record);
      }
      const end = walker.result;
      if (end.problem !== undefined) throw problemToError(path, end.problem);
    } finally {
      await file.close();
    }
  }

  async function repairNow(current: Writer): Promise<RepairReport> {
    const tornTail = current.tornTail;
    if (tornTail === undefined) return {};
    assert(
      tornTail.offsetBytes === current.committed.endBytes,
      'a torn tail starts where the acknowledged appends end',
    );
    await current.file.truncate(current.committed.endBytes);
    await current.file.datasync();
    current.tornTail = undefined;
    current.onWarning({
      code: 'TORN_TAIL_REPAIRED',
      message: `${path}: cut off ${tornTail.sizeBytes} bytes that no acknowledged append wrote (${describeTornTail(tornTail)})`,
      details: { path, ...tornTail },
    });
    return { dropped: tornTail };
  }

  async function appendNow(
    current: Writer,
    streamId: unknown,
    events: readonly NewEvent[],
    options: AppendOptions | undefined,
  ): Promise<E.Either<LedgerError, AppendResult>> {
    if (closed) return E.left(closedError());
    if (current.failure !== undefined) return E.left(current.failure);
    const valid = validateAppend(streamId, events, options?.expectedRevision);
    if (E.isLeft(valid)) return valid;
    const { streamId: id, expectedRevision } = valid.right;
    const batch = valid.right.events;
    const stream = current.streams.get(id);
    const currentRevision = stream?.lastRevision;
    const byId = new Map(batch.map((event) => [event.eventId, event]));
    // The index keeps only a hash of each fingerprint. When the hashes agree, the stored
    // fingerprint is the new event's own; when they differ, any other string makes
    // decideAppend report the conflict, exactly as if the full fingerprint were kept.
    const decision = decideAppend(id, batch, expectedRevision, currentRevision, (eventId) => {
      const storedHash = stream?.fingerprintHashByEventId.get(eventIdKey(eventId));
      if (storedHash === undefined) return undefined;
      const event = byId.get(eventId)!;
      return fingerprintHash(event) === storedHash
        ? eventFingerprint(event)
        : `stored:${storedHash}`;
    });
    if (E.isLeft(decision)) return decision;
    if (decision.right.action === 'already-stored') return E.right(decision.right.result);

    const committed = current.committed;
    const firstRevision = decision.right.firstRevision;
    const lines: Buffer[] = [];
    const hashes: string[] = [];
    let prev = committed.lastHash;
    let batchBytes = 0;
    for (let index = 0; index < batch.length; index += 1) {
      const sealed = encodeEventRecord(
        {
          position: committed.nextPosition + index,
          streamId: id,
          streamRevision: firstRevision + index,
          batchIndex: index,
          batchSize: batch.length,
          prev,
        },
        batch[index]!,
      );
      if (sealed.bytes.length > fileStoreLimits.recordBytesMax) {
        return E.left(
          ledgerError(
            'INVALID_EVENT',
            `events[${index}] takes ${sealed.bytes.length} bytes on disk; the limit is ${fileStoreLimits.recordBytesMax}`,
            {
              issues: [
                {
                  path: `events[${index}]`,
                  rule: 'record-bytes-max',
                  message: `${sealed.bytes.length} bytes`,
                },
              ],
            },
          ),
        );
      }
      batchBytes += sealed.bytes.length;
      if (batchBytes > fileStoreLimits.batchBytesMax) {
        return E.left(
          ledgerError(
            'INVALID_EVENT',
            `the append takes more than ${fileStoreLimits.batchBytesMax} bytes on disk; split it`,
            {
              issues: [
                {
                  path: 'events',
                  rule: 'batch-bytes-max',
                  message: `more than ${fileStoreLimits.batchBytesMax} bytes`,
                },
              ],
            },
          ),
        );
      }
      // The pair of the reader's check: every line is decoded before it is written.
      const decoded = decodeEventRecordLine(sealed.bytes.subarray(0, sealed.bytes.length - 1));
      assert(
        E.isRight(decoded) &&
          decoded.right.eventId === batch[index]!.eventId &&
          decoded.right.hash === sealed.hash,
        'an encoded record decodes to itself',
        { index },
      );
      lines.push(sealed.bytes);
      hashes.push(sealed.hash);
      prev = sealed.hash;
    }

    if (current.tornTail !== undefined) {
      try {
        await repairNow(current);
      } catch (error) {
        current.failure = ioError(path, 'cut off the torn tail', error);
        return E.left(current.failure);
      }
    }

    const bytes = Buffer.concat(lines);
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await current.file.write(
          bytes,
          written,
          bytes.length - written,
          committed.endBytes + written,
        );
        assert(bytesWritten > 0, 'a write makes progress');
        written += bytesWritten;
      }
    } catch (error) {
      // Nothing of this batch is acknowledged; cut off what did reach the file so that
      // the next append continues from the last acknowledged one.
      try {
        await current.file.truncate(committed.endBytes);
        await current.file.datasync();
      } catch {
        current.failure = ioError(
          path,
          'write, and then cut off the failed write; reopen the store',
          error,
        );
        return E.left(current.failure);
      }
      return E.left(ioError(path, 'write the append', error));
    }
    try {
      await current.file.datasync();
    } catch (error) {
      // After a failed fsync the kernel may have dropped the dirty pages and forgotten the
      // error: the file's content is unknown. Only a reopen (which checks the file) is safe.
      current.failure = ioError(
        path,
        'make the append durable (fsync failed); reopen the store',
        error,
      );
      return E.left(current.failure);
    }

    // Acknowledged: update the index.
    const firstOffsetBytes = committed.endBytes;
    const firstLineNumber = committed.nextLineNumber;
    const firstPosition = committed.nextPosition;
    const firstPrevHash = committed.lastHash;
    const lastCheckpoint = current.checkpoints[current.checkpoints.length - 1];
    if (
      lastCheckpoint === undefined ||
      firstPosition - lastCheckpoint.position >= fileStoreLimits.checkpointEveryEvents
    ) {
      current.checkpoints.push({
        offsetBytes: firstOffsetBytes,
        lineNumber: firstLineNumber,
        position: firstPosition,
        prevHash: firstPrevHash,
      });
    }
    if (firstPosition === 0) parts.recordsStart = current.checkpoints[0]!;
    const target: StreamIndex = stream ?? {
      lastRevision: -1,
      firstOffsetBytes,
      firstLineNumber,
      firstPosition,
      firstPrevHash,
      fingerprintHashByEventId: new Map(),
    };
    for (const event of batch)
      target.fingerprintHashByEventId.set(eventIdKey(event.eventId), fingerprintHash(event));
    target.lastRevision = firstRevision + batch.length - 1;
    current.streams.set(id, target);
    committed.endBytes += bytes.length;
    committed.nextLineNumber += batch.length;
    committed.nextPosition += batch.length;
    committed.lastHash = hashes[hashes.length - 1]!;
    const { size } = await current.file.stat();
    assert(size === committed.endBytes, 'the file ends where the last acknowledged append ends', {
      size,
      endBytes: committed.endBytes,
    });
    return E.right({ nextExpectedRevision: target.lastRevision, alreadyStored: false });
  }

  return {
    path,
    mode: parts.mode,
    storeId: parts.storeId,

    appendToStream(streamId, events, options) {
      return async () => {
        if (writer === undefined) return E.left(readOnlyError('append'));
        try {
          return await serialise(() => appendNow(writer, streamId, events, options));
        } catch (thrown) {
          return E.left(toLedgerError(thrown));
        }
      };
    },

    async *readStream(streamId: string, options: ReadStreamOptions = {}) {
      if (closed) throw closedError();
      const fromRevision = options.fromRevision ?? 0;
      const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
      if (maxCount <= 0) return;
      let start = parts.recordsStart;
      let lastRevision = Number.POSITIVE_INFINITY;
      if (writer !== undefined) {
        const stream = writer.streams.get(streamId);
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
      for await (const event of walkFrom(start)) {
        if (event.streamId !== streamId || event.streamRevision < fromRevision) continue;
        yield event;
        count += 1;
        if (count >= maxCount || event.streamRevision >= lastRevision) return;
      }
    },

    async *readAll(options: ReadAllOptions = {}) {
      if (closed) throw closedError();
      const fromPosition = Math.max(0, options.fromPosition ?? 0);
      const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
      if (maxCount <= 0) return;
      let start = parts.recordsStart;
      if (writer !== undefined) {
        // The last checkpoint at or before the position: at most a few thousand events to skip.
        const checkpoints = writer.checkpoints;
        let low = 0;
        let high = checkpoints.length - 1;
        while (low <= high) {
          const middle = (low + high) >> 1;
          if (checkpoints[middle]!.position <= fromPosition) {
            start = checkpoints[middle]!;
            low = middle + 1;
          } else high = middle - 1;
        }
      }
      let count = 0;
      for await (const event of walkFrom(start)) {
        if (event.globalPosition < fromPosition) continue;
        yield event;
        count += 1;
        if (count >= maxCount) return;
      }
    },

    verify(options = {}) {
      return async () => {
        if (closed) return E.left(closedError());
        const work = async (): Promise<E.Either<LedgerError, VerifyReport>> => {
          try {
            const file = await open(path, 'r');
            try {
              return E.right(scanToReport(path, await scanStore(file, options)));
            } finally {
              await file.close();
            }
          } catch (thrown) {
            return E.left(ioError(path, 'verify the store', thrown));
          }
        };
        // The writer's verification waits for appends in progress, so that it never reports one as a torn tail.
        return writer === undefined ? work() : serialise(work);
      };
    },

    repair() {
      return async () => {
        if (writer === undefined) return E.left(readOnlyError('repair'));
        if (closed) return E.left(closedError());
        return serialise(async () => {
          if (writer.failure !== undefined) return E.left(writer.failure);
          try {
            return E.right(await repairNow(writer));
          } catch (error) {
            writer.failure = ioError(path, 'cut off the torn tail', error);
            return E.left(writer.failure);
          }
        });
      };
    },

    head() {
      if (writer === undefined)
        throw readOnlyError(
          'tell its head without reading the whole file: use verify(), whose report has the head',
        );
      return { eventCount: writer.committed.nextPosition, hash: writer.committed.lastHash };
    },

    async close() {
      if (closed) return;
      closed = true;
      if (writer !== undefined) {
        await serialise(async () => undefined);
        await writer.file.close();
        await writer.lock.release();
      }
    },
  };
}
