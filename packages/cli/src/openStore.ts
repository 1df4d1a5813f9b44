import { stat } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { openFileEventStore, type FileEventStore } from '@finsam-ledger/adapter-file';
import { ledgerError, type EventStore, type LedgerError } from '@finsam-ledger/core';

/** A store the CLI opened: a file store (with its path) or an EventStoreDB/KurrentDB one. */
export type OpenedStore =
  | { readonly kind: 'file'; readonly store: FileEventStore; readonly location: string }
  | { readonly kind: 'eventstoredb'; readonly store: EventStore; readonly location: string };

const connectionStringPattern = /^(esdb|kurrentdb)(\+discover)?:\/\//i;

/** True when `location` is an EventStoreDB or KurrentDB connection string, not a file path. */
export const isConnectionString = (location: string): boolean =>
  connectionStringPattern.test(location);

/**
 * The official client (`@eventstore/db-client` 6) knows only the `esdb` schemes; KurrentDB
 * speaks the same protocol under a new name, so its scheme is translated.
 */
const toEventStoreDBConnectionString = (location: string): string =>
  location.replace(/^kurrentdb/i, 'esdb');

/**
 * Opens `--store`: a connection string (`esdb://`, `esdb+discover://`, `kurrentdb://`,
 * `kurrentdb+discover://`) through the EventStoreDB adapter, anything else as a file store
 * path. `read-only` takes no lock and never creates the file; `read-write` takes the
 * single-writer lock and creates the file if it does not exist, and writes an append awaited
 * alone on the calling thread (`durableWriteThread`). `read-only-checked` opens as `read-only`
 * with the check a writer's open makes of a file store's recorded head (`checkWriterHead`): a
 * dry run refuses a store the real run would, and a copy does not carry a loss into a new store.
 */
export async function openStore(
  location: string,
  mode: StoreMode,
  option: '--store' | '--to' = '--store',
): Promise<E.Either<LedgerError, OpenedStore>> {
  if (isConnectionString(location)) {
    // The EventStoreDB client (gRPC) is imported only for a connection string.
    const { getEventStoreDBEventStore } = await import('@finsam-ledger/adapter-eventstoredb');
    const store = getEventStoreDBEventStore({
      connectionString: toEventStoreDBConnectionString(location),
    });
    return E.right({ kind: 'eventstoredb', store, location });
  }
  const directory = await directoryRefusal(location, option);
  if (directory !== undefined) return E.left(directory);
  // A command's process does nothing but its one job: an append it awaits alone is written on
  // the main thread, sparing the thread pool's hand-off (`finsam record`, an import of many
  // batches; `finsam copy` appends without the hint and keeps the thread pool).
  const opened = await openFileEventStore({
    path: location,
    mode: mode === 'read-write' ? mode : 'read-only',
    checkWriterHead: mode === 'read-only-checked',
    durableWriteThread: 'calling-thread',
  })();
  // A reader of a store that is not there is most often in the wrong directory, or has not set
  // up the books yet: say so, rather than the file system's ENOENT.
  if (mode !== 'read-write' && E.isLeft(opened) && opened.left.details?.errno === 'ENOENT')
    return E.left(missingStoreError(location, option));
  return E.map((store: FileEventStore) => ({ kind: 'file' as const, store, location }))(opened);
}

/** How a command opens its store: see {@link openStore}. */
export type StoreMode = 'read-only' | 'read-write' | 'read-only-checked';

/**
 * The refusal of a file store that does not exist where `option` points: `IO_ERROR` naming the
 * option, with the way to give another or to create one.
 */
export const missingStoreError = (
  location: string,
  option: '--store' | '--to' = '--store',
): LedgerError =>
  ledgerError(
    'IO_ERROR',
    `There is no store ${location}: give ${option}, or create one with finsam init.`,
    {
      details: { path: location },
      issues: [{ path: option, rule: 'store-exists', message: `${location} does not exist` }],
    },
  );

/**
 * The refusal of a store path that is a directory (a förbund's folder given for its store file),
 * which the file store would otherwise report as an I/O error naming neither; `option` is the
 * option that gave it.
 */
export async function directoryRefusal(
  location: string,
  option: '--store' | '--to' = '--store',
): Promise<LedgerError | undefined> {
  try {
    if (!(await stat(location)).isDirectory()) return undefined;
  } catch {
    return undefined; // missing or unreadable: the store's own open says which
  }
  return ledgerError(
    'NOT_A_STORE',
    `${location} is a directory, not a file store: give ${option} the store's file (finsam init writes finsam.jsonl)`,
    {
      details: { path: location },
      issues: [{ path: option, rule: 'store-is-a-file', message: `${location} is a directory` }],
    },
  );
}
