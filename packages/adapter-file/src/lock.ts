import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import * as E from 'fp-ts/Either';
import { ledgerError, type LedgerError } from '@finsam-ledger/core';
import { fileStoreLimits } from './format.js';

/** Who holds a write lock: what the lock file says. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  readonly acquiredAt: string;
}

/** A write lock this process holds. */
export interface WriteLock {
  readonly lockPath: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/** Something the store wants a person to know, that is not an error. */
export interface FileStoreWarning {
  readonly code: 'STALE_LOCK_TAKEN_OVER' | 'TORN_TAIL_FOUND' | 'TORN_TAIL_REPAIRED';
  /** A full sentence for a person. */
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The path of the lock file of a store: the store's path with `.lock` appended. */
export const lockPathOf = (storePath: string): string => `${resolve(storePath)}.lock`;

// Lock files are per process: a second open for writing in the same process must be
// refused too, and the lock file alone cannot tell it (it holds this process's pid).
const locksHeldByThisProcess = new Set<string>();

/** An unreadable lock file younger than this may be one that is being written right now. */
const unreadableLockAgeMsMax = 10_000;
const takeOverAttemptsMax = 3;

function isProcessAlive(pid: number): boolean {
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
    // Not JSON: handled by the caller as an unreadable lock.
  }
  return undefined;
}

const lockedError = (lockPath: string, message: string, holder: Partial<LockHolder>): LedgerError =>
  ledgerError('STORE_LOCKED', message, { details: { lockPath, ...holder } });

/**
 * Takes the single-writer lock of a store: a lock file created with `O_EXCL` holding this
 * process's pid. A lock whose process is gone (same host, pid not alive) is stale: it is
 * taken over with a warning. A lock held by a live process, or by another host (whose
 * processes cannot be checked from here), is refused with `STORE_LOCKED` naming the pid.
 *
 * The lock file is not fsync'd: after a power loss no process holds the store anyway, and
 * a lock file that survived would be stale.
 */
export async function acquireWriteLock(
  storePath: string,
  onWarning: (warning: FileStoreWarning) => void,
): Promise<E.Either<LedgerError, WriteLock>> {
  const lockPath = lockPathOf(storePath);
  const ownHostname = hostname();
  if (locksHeldByThisProcess.has(lockPath)) {
    return E.left(
      lockedError(
        lockPath,
        `The store ${storePath} is already open for writing in this process (pid ${process.pid})`,
        { pid: process.pid, hostname: ownHostname },
      ),
    );
  }
  const holder: LockHolder = {
    pid: process.pid,
    hostname: ownHostname,
    acquiredAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < takeOverAttemptsMax; attempt += 1) {
    const created = await createLockFile(lockPath, holder);
    if (created !== 'exists') return created;
    const found = await readLockFile(lockPath);
    if (found === 'gone') continue;
    const live = liveHolderRefusal(storePath, lockPath, found);
    if (live !== undefined) return E.left(live);
    const takenOver = await takeOverStaleLock(storePath, lockPath, found);
    if (takenOver !== undefined) return E.left(takenOver);
    onWarning({
      code: 'STALE_LOCK_TAKEN_OVER',
      message: `Took over the stale lock ${lockPath}${found.holder === undefined ? ' (unreadable)' : ` of process ${found.holder.pid}, which is no longer running`}`,
      details: { lockPath, ...(found.holder ?? {}) },
    });
  }
  return E.left(
    lockedError(
      lockPath,
      `The store ${storePath} could not be locked after ${takeOverAttemptsMax} attempts: other processes keep taking it`,
      {},
    ),
  );
}

/** What a lock file held when it was read. */
interface FoundLock {
  readonly text: string;
  readonly holder: LockHolder | undefined;
  readonly ageMs: number;
}

/** Creates the lock file with `O_EXCL`; `'exists'` when another lock file is there. */
async function createLockFile(
  lockPath: string,
  holder: LockHolder,
): Promise<E.Either<LedgerError, WriteLock> | 'exists'> {
  const content = JSON.stringify(holder);
  try {
    const file = await open(lockPath, 'wx');
    try {
      await file.writeFile(content, 'utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    return E.left(
      ledgerError(
        'IO_ERROR',
        `Cannot create the lock file ${lockPath}: ${(error as Error).message}`,
        { cause: error, details: { lockPath } },
      ),
    );
  }
  locksHeldByThisProcess.add(lockPath);
  let released = false;
  return E.right({
    lockPath,
    holder,
    async release() {
      if (released) return;
      released = true;
      locksHeldByThisProcess.delete(lockPath);
      const current = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (current === content) await unlink(lockPath).catch(() => undefined);
    },
  });
}

/**
 * The refusal when the lock may be live: unreadable and young (being written right now),
 * held on another host (whose processes cannot be checked from here), or held by a live
 * process. `undefined` when the lock is stale.
 */
function liveHolderRefusal(
  storePath: string,
  lockPath: string,
  found: FoundLock,
): LedgerError | undefined {
  const { holder } = found;
  if (holder === undefined) {
    if (found.ageMs >= unreadableLockAgeMsMax) return undefined;
    return lockedError(
      lockPath,
      `The store ${storePath} is locked by ${lockPath}, which is being written or is unreadable`,
      {},
    );
  }
  if (holder.hostname !== hostname()) {
    return lockedError(
      lockPath,
      `The store ${storePath} is locked by pid ${holder.pid} on host ${holder.hostname}; if that process is gone, delete ${lockPath}`,
      holder,
    );
  }
  if (holder.pid !== process.pid && isProcessAlive(holder.pid)) {
    return lockedError(
      lockPath,
      `The store ${storePath} is locked by process ${holder.pid} (since ${holder.acquiredAt})`,
      holder,
    );
  }
  return undefined;
}

/**
 * Moves a stale lock file aside with an atomic rename, then checks that what was moved is
 * the stale lock just read: if another process took the lock over in between, its live
 * lock is put back (link does not overwrite) and this open is refused. `undefined` when
 * the stale lock is gone (or was already gone) and the next attempt may create the lock.
 */
async function takeOverStaleLock(
  storePath: string,
  lockPath: string,
  found: FoundLock,
): Promise<LedgerError | undefined> {
  const asidePath = `${lockPath}.stale-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    await rename(lockPath, asidePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return ledgerError(
      'IO_ERROR',
      `Cannot move the stale lock ${lockPath} aside: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const moved = await readFile(asidePath, 'utf8').catch(() => undefined);
  if (moved !== found.text) {
    await link(asidePath, lockPath).catch(() => undefined);
    await unlink(asidePath).catch(() => undefined);
    return lockedError(
      lockPath,
      `The store ${storePath} was locked by another process while this one took over a stale lock`,
      parseHolder(moved ?? '') ?? {},
    );
  }
  await unlink(asidePath).catch(() => undefined);
  return undefined;
}

async function readLockFile(lockPath: string): Promise<'gone' | FoundLock> {
  try {
    const file = await open(lockPath, 'r');
    try {
      const buffer = Buffer.alloc(fileStoreLimits.lockFileBytesMax);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      const text = buffer.toString('utf8', 0, bytesRead);
      const { mtimeMs } = await stat(lockPath);
      return { text, holder: parseHolder(text), ageMs: Date.now() - mtimeMs };
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
}
