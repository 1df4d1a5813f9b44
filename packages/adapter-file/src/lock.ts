import { randomUUID } from 'node:crypto';
import { open, readFile, realpath, rename, unlink, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as E from 'fp-ts/Either';
import { tryLock, unlock } from 'fs-native-extensions';
import { ledgerError, type LedgerError } from '@finsam-ledger/core';
import { fileSystemSeam } from './fileSystemSeam.js';
import { fileStoreLimits } from './format.js';

/** Who holds a write lock: what the lock record says. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly acquiredAt: string;
}

/** A write lock this process holds. */
export interface WriteLock {
  readonly lockPath: string;
  readonly holder: LockHolder;
  /** Removes the lock record and releases the OS lock. Safe to call twice. */
  release(): Promise<void>;
}

/** Something the store wants a person to know, that is not an error. */
export interface FileStoreWarning {
  readonly code: 'STALE_LOCK_TAKEN_OVER' | 'TORN_TAIL_FOUND' | 'TORN_TAIL_REPAIRED';
  /** A full sentence for a person. */
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The path of the lock record of a store: the store's path with `.lock` appended. */
export const lockPathOf = (storePath: string): string => `${resolve(storePath)}.lock`;

// The lock is an OS lock (an open file description lock on Linux, flock on macOS,
// LockFileEx on Windows) on two one-byte ranges of the store file itself, far beyond any
// store's size so that Windows' mandatory range locks never cover a byte the store reads
// or writes. It belongs to the file, not to a name: a symlink or a hard link reaches the
// same lock; and the OS drops it when its holder dies, so there is no stale lock to take
// over. The writer range is held while the store is open. The opening range is held only
// while an opener decides and writes the lock record, so that a refused opener reads the
// record only after the winner has written it, and always names the winner's pid.
const writerRangeOffset = 2 ** 52;
const openingRangeOffset = 2 ** 52 + 1;
/** Openers hold the opening range for microseconds: this only guards against a stopped one. */
const openingWaitMsMax = 10_000;

/** True when a process with this pid runs on this host (perhaps as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof value.pid === 'number' &&
      Number.isSafeInteger(value.pid) &&
      value.pid > 0 &&
      typeof value.hostname === 'string' &&
      typeof value.acquiredAt === 'string'
    ) {
      return { pid: value.pid, hostname: value.hostname, acquiredAt: value.acquiredAt };
    }
  } catch {
    // Not JSON: handled by the caller as an unreadable record.
  }
  return undefined;
}

const lockedError = (lockPath: string, message: string, holder: Partial<LockHolder>): LedgerError =>
  ledgerError('STORE_LOCKED', message, { details: { lockPath, ...holder } });

/**
 * The path the lock works on: symlinks resolved, so that every name of a store finds the
 * same lock record (hard links share the OS lock but not the record's name).
 */
export async function canonicalStorePath(storePath: string): Promise<string> {
  const absolute = resolve(storePath);
  try {
    return await realpath(absolute);
  } catch {
    const directory = await realpath(dirname(absolute)).catch(() => dirname(absolute));
    return join(directory, basename(absolute));
  }
}

/**
 * Refuses, before anything is created, a store whose lock record names a writer on
 * another host: its processes cannot be checked from here, and an OS lock may not reach
 * across a network file system. `undefined` when there is no such record.
 */
export async function foreignHolderRefusal(storePath: string): Promise<LedgerError | undefined> {
  const lockPath = lockPathOf(storePath);
  const holder = await readHolder(lockPath);
  if (holder === 'none' || holder === 'unreadable' || holder.hostname === hostname())
    return undefined;
  return lockedError(
    lockPath,
    `The store ${storePath} is locked by pid ${holder.pid} on host ${holder.hostname}; if that process is gone, delete ${lockPath}`,
    holder,
  );
}

/**
 * Takes the single-writer lock of an open store file: the OS lock on the file (refused
 * with `STORE_LOCKED` naming the holder's pid when another writer, in this process or
 * another, holds it), then the lock record `<store>.lock` naming this process. A record
 * left by a writer that died is replaced with a `STALE_LOCK_TAKEN_OVER` warning; a record
 * naming a live process that holds no OS lock (a writer of an older version of this
 * package) is refused.
 */
export async function acquireWriteLock(
  storePath: string,
  file: FileHandle,
  onWarning: (warning: FileStoreWarning) => void,
): Promise<E.Either<LedgerError, WriteLock>> {
  const lockPath = lockPathOf(storePath);
  const opening = await holdOpeningRange(storePath, lockPath, file.fd);
  if (opening !== undefined) return E.left(opening);
  try {
    if (!tryLock(file.fd, writerRangeOffset, 1)) {
      return E.left(heldRefusal(storePath, lockPath, await readHolder(lockPath)));
    }
    const written = await takeRecord(storePath, lockPath, onWarning);
    if (E.isLeft(written)) unlock(file.fd, writerRangeOffset, 1);
    return E.map((holder: LockHolder) => writeLockOf(lockPath, holder, file))(written);
  } finally {
    unlock(file.fd, openingRangeOffset, 1);
  }
}

async function holdOpeningRange(
  storePath: string,
  lockPath: string,
  fd: number,
): Promise<LedgerError | undefined> {
  const startedMs = Date.now();
  // Polling, not a blocking wait: a blocking wait occupies a libuv thread, and enough
  // openers in one process would leave none for the holder to write its record with.
  for (let pauseMs = 1; !tryLock(fd, openingRangeOffset, 1); pauseMs = Math.min(pauseMs * 2, 50)) {
    if (Date.now() - startedMs > openingWaitMsMax) {
      return lockedError(
        lockPath,
        `The store ${storePath} has been in the middle of being opened by another process for ${openingWaitMsMax} ms; that process is stopped or hung`,
        {},
      );
    }
    await sleep(pauseMs);
  }
  return undefined;
}

function heldRefusal(
  storePath: string,
  lockPath: string,
  holder: LockHolder | 'none' | 'unreadable',
): LedgerError {
  if (typeof holder === 'object') {
    const where = holder.pid === process.pid ? ' (this process)' : '';
    return lockedError(
      lockPath,
      `The store ${storePath} is open for writing by process ${holder.pid}${where} (since ${holder.acquiredAt})`,
      holder,
    );
  }
  // The winner writes its record before it lets anyone else decide, so no record means
  // the writer opened the same file under another name (a hard link).
  return lockedError(
    lockPath,
    `The store ${storePath} is open for writing by another process, under another name of the same file (${lockPath} names no writer)`,
    {},
  );
}

/** With the OS lock held: checks the previous record and writes this process's. */
async function takeRecord(
  storePath: string,
  lockPath: string,
  onWarning: (warning: FileStoreWarning) => void,
): Promise<E.Either<LedgerError, LockHolder>> {
  const previous = await readHolder(lockPath);
  if (typeof previous === 'object' && previous.hostname !== hostname()) {
    return E.left((await foreignHolderRefusal(storePath))!);
  }
  if (
    typeof previous === 'object' &&
    previous.pid !== process.pid &&
    isProcessAlive(previous.pid)
  ) {
    return E.left(
      lockedError(
        lockPath,
        `The store ${storePath} is locked by process ${previous.pid} (since ${previous.acquiredAt}), which holds no OS lock: an older version of this package; if that process is not writing the store, delete ${lockPath}`,
        previous,
      ),
    );
  }
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    acquiredAt: new Date().toISOString(),
  };
  const written = await writeRecord(lockPath, holder);
  if (written !== undefined) return E.left(written);
  if (previous !== 'none') {
    onWarning({
      code: 'STALE_LOCK_TAKEN_OVER',
      message: `Took over the stale lock ${lockPath}${previous === 'unreadable' ? ' (unreadable)' : ` of process ${previous.pid}, which is no longer running`}`,
      details: { lockPath, ...(previous === 'unreadable' ? {} : previous) },
    });
  }
  return E.right(holder);
}

/**
 * Writes the record under a temporary name and renames it into place: it is never seen
 * half written, and a failed write (a full disk) leaves nothing behind.
 */
async function writeRecord(lockPath: string, holder: LockHolder): Promise<LedgerError | undefined> {
  const temporaryPath = `${lockPath}.writing-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    const file = await open(temporaryPath, 'wx');
    try {
      await fileSystemSeam.writeAll(file, JSON.stringify(holder));
    } finally {
      await file.close();
    }
    await rename(temporaryPath, lockPath);
    return undefined;
  } catch (error) {
    await unlink(temporaryPath).catch(() => undefined);
    return ledgerError(
      'IO_ERROR',
      `Cannot write the lock record ${lockPath}: ${(error as Error).message}`,
      { cause: error, details: { lockPath, errno: (error as NodeJS.ErrnoException).code } },
    );
  }
}

function writeLockOf(lockPath: string, holder: LockHolder, file: FileHandle): WriteLock {
  const content = JSON.stringify(holder);
  let released = false;
  return {
    lockPath,
    holder,
    async release() {
      if (released) return;
      released = true;
      // The record goes first, while the OS lock still keeps every other writer out.
      const current = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (current === content) await unlink(lockPath).catch(() => undefined);
      try {
        unlock(file.fd, writerRangeOffset, 1);
      } catch {
        // Already closed: closing the file released the lock.
      }
    },
  };
}

async function readHolder(lockPath: string): Promise<LockHolder | 'none' | 'unreadable'> {
  let file: FileHandle;
  try {
    file = await open(lockPath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
  try {
    const buffer = Buffer.alloc(fileStoreLimits.lockFileBytesMax);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return parseHolder(buffer.toString('utf8', 0, bytesRead)) ?? 'unreadable';
  } finally {
    await file.close();
  }
}
