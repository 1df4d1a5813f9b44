import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkpointDirectoryPath } from './fileCheckpointStorage.js';
import { isProcessAlive } from './lock.js';
import { seekIndexPath } from './seekIndex.js';
import { writerHeadPath } from './writerHeadFile.js';
import { writerIndexPath } from './writerIndexFile.js';

/**
 * The name a derived file is written under before its rename (`temporaryPathFor`):
 * `TARGET.PID.N.tmp`, with the pid of the process writing it.
 */
const temporaryNamePattern = /^(.+)\.(\d+)\.\d+\.tmp$/;

/**
 * How old a temporary must be before it is taken for abandoned: a save takes seconds at most, and
 * its pid may mean nothing here (a reader in another container or on another host, sharing the
 * folder), so a fresh one is left alone whatever its pid says.
 */
export const staleTemporaryAgeMsMin = 10 * 60 * 1000;

/**
 * Past this age a temporary is abandoned even if a process runs under its pid: no save takes a
 * day, so that process is another that reused the pid, or one whose save failed to clean up.
 */
export const abandonedTemporaryAgeMs = 24 * 60 * 60 * 1000;

/**
 * Removes what a process killed while saving one of the store's derived files left behind: a
 * `TARGET.PID.N.tmp` of its seek index (`STORE.index`), event-id index (`STORE.ids`), head file
 * (`STORE.head`, beside the real path) or a checkpoint (in `STORE.checkpoints`), at least
 * {@link staleTemporaryAgeMsMin} old, whose PID no longer runs on this host (or older than
 * {@link abandonedTemporaryAgeMs}, whatever runs under it). Without it each crash during a save
 * leaves a file as large as the index (32 MB at a million events) for good. The index, event-id
 * index and checkpoints are those of the name the store was opened by, where they are written.
 * Best effort: what cannot be listed, read or removed stays.
 * Called by a writer's open, under the lock: no other writer is saving.
 */
export async function removeStaleTemporaries(
  storePath: string,
  realStorePath: string,
): Promise<void> {
  const besideStore = [seekIndexPath(storePath), writerIndexPath(storePath)];
  await removeStaleIn(dirname(storePath), (target) =>
    besideStore.some((path) => basename(path) === target),
  );
  await removeStaleIn(
    dirname(realStorePath),
    (target) => target === basename(writerHeadPath(realStorePath)),
  );
  await removeStaleIn(checkpointDirectoryPath(storePath), () => true);
}

/** Removes the stale temporaries in `directory` whose target's name `ofTarget` accepts. */
async function removeStaleIn(
  directory: string,
  ofTarget: (targetName: string) => boolean,
): Promise<void> {
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    const match = temporaryNamePattern.exec(name);
    if (match === null || !ofTarget(match[1]!)) continue;
    const path = join(directory, name);
    if (await isAbandoned(path, Number(match[2]))) await unlink(path).catch(() => undefined);
  }
}

/** True when the temporary at `path`, written by process `pid`, is no save in progress. */
async function isAbandoned(path: string, pid: number): Promise<boolean> {
  const modifiedMs = await stat(path).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );
  if (modifiedMs === undefined) return false;
  const ageMs = Date.now() - modifiedMs;
  if (ageMs < staleTemporaryAgeMsMin) return false;
  return ageMs > abandonedTemporaryAgeMs || (pid !== process.pid && !isProcessAlive(pid));
}
