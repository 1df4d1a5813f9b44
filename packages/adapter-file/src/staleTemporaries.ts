import { readdir, unlink } from 'node:fs/promises';
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
 * Removes what a process killed while saving one of the store's derived files left behind: a
 * `TARGET.PID.N.tmp` of its seek index (`STORE.index`), event-id index (`STORE.ids`), head file
 * (`STORE.head`, beside the real path) or a checkpoint (in `STORE.checkpoints`), whose PID no
 * longer runs on this host. Without it each crash during a save leaves a file as large as the
 * index (32 MB at a million events) for good. A temporary of a running process (this one, or a
 * reader saving an index) is left to it. Best effort: what cannot be listed or removed stays.
 * Called by a writer's open, under the lock: no other writer is saving. Returns the paths removed.
 */
export async function removeStaleTemporaries(
  storePath: string,
  realStorePath: string,
): Promise<string[]> {
  const besideStore = [seekIndexPath(storePath), writerIndexPath(storePath)];
  const removed = await removeStaleIn(dirname(storePath), (target) =>
    besideStore.some((path) => basename(path) === target),
  );
  const besideRealPath = await removeStaleIn(
    dirname(realStorePath),
    (target) => target === basename(writerHeadPath(realStorePath)),
  );
  const checkpoints = await removeStaleIn(checkpointDirectoryPath(storePath), () => true);
  return [...new Set([...removed, ...besideRealPath, ...checkpoints])];
}

/** Removes the stale temporaries in `directory` whose target's name `ofTarget` accepts. */
async function removeStaleIn(
  directory: string,
  ofTarget: (targetName: string) => boolean,
): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = temporaryNamePattern.exec(name);
    if (match === null || !ofTarget(match[1]!)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    const path = join(directory, name);
    if (
      await unlink(path).then(
        () => true,
        () => false,
      )
    )
      removed.push(path);
  }
  return removed;
}
