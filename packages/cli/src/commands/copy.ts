import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as E from 'fp-ts/Either';
import { copyEvents } from '@finsam-ledger/core/store';
import { refuse } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { isConnectionString, openStore } from '../openStore.js';
import { withReadProgress } from '../readProgress.js';
import { usageError } from '../usageError.js';

/**
 * `finsam copy --to STORE`: copies every event of `--store`, in its global order and with
 * its ids, streams and revisions, into another store (a new or partly copied one: copying
 * again changes nothing). A target that holds other events is refused.
 */
export async function runCopy(options: { store: string; to: string }): Promise<ExitCode> {
  if (await sameStore(options.store, options.to))
    throw usageError(`--to must name another store than --store (both are ${options.to}).`);
  // Checked as a writer's open checks it: a store that lost events its writer held is refused,
  // not copied into a new store with a head of its own (which would hide the loss).
  const source = await openStore(options.store, 'read-only-checked');
  if (E.isLeft(source)) return refuse(source.left);
  try {
    const target = await openStore(options.to, 'read-write', '--to');
    if (E.isLeft(target)) return refuse(target.left);
    const progress = withReadProgress(source.right.store, 'Copying');
    try {
      const copied = await copyEvents(progress.store, target.right.store);
      progress.stop();
      if (E.isLeft(copied)) return refuse(copied.left);
      const { readCount, writtenCount, alreadyStoredCount } = copied.right;
      process.stdout.write(
        `copied ${options.store} to ${options.to}: ${readCount} events read, ${writtenCount} written, ${alreadyStoredCount} already there.\n`,
      );
      return exitCodes.ok;
    } finally {
      progress.stop();
      await target.right.store.close();
    }
  } finally {
    await source.right.store.close();
  }
}

/** A file path as the file system resolves it (links followed), or as given if it is missing. */
async function fileOf(location: string): Promise<string> {
  try {
    return await realpath(location);
  } catch {
    return resolve(location);
  }
}

/** Whether two `--store` values name one store: `./finsam.jsonl` and `finsam.jsonl` do. */
async function sameStore(store: string, to: string): Promise<boolean> {
  if (store === to) return true;
  if (isConnectionString(store) || isConnectionString(to)) return false;
  return (await fileOf(store)) === (await fileOf(to));
}
