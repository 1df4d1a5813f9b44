import { problemToError, storeProblem } from './error.js';
import type { FileStoreState } from './fileStoreState.js';
import type { WalkedRecord, WalkStart } from './StoreWalker.js';

/** The last record of the furthest batch a store's walks yielded: where it is and its hash. */
interface ServedTail {
  readonly position: number;
  readonly hash: string;
  readonly lineNumber: number;
  readonly offsetBytes: number;
}

/**
 * What each store has served furthest. A record once served never changes in an append-only
 * file: a file cut back and written again with other records at the same positions (a forked
 * history) is caught when a walk passes that position again and finds another hash there.
 * Because every record's hash covers its `prev`, one equal hash proves the whole history before
 * it is the one served, so one record per walk is compared, not every record.
 */
const servedTails = new WeakMap<FileStoreState, ServedTail>();

/**
 * Refuses, with `STORE_TAMPERED`, a walk starting right after the served tail whose start does
 * not link to the served tail's hash (a seek entry learnt from another history). A walk starting
 * at or before the served tail is checked batch by batch ({@link checkServedChain}).
 */
export function checkServedStart(state: FileStoreState, start: WalkStart): void {
  const served = servedTails.get(state);
  if (served === undefined || start.prevHash === undefined) return;
  if (start.position === served.position + 1 && start.prevHash !== served.hash)
    throw forkedError(state, served);
}

/**
 * Checks a complete batch a walk is about to yield against what the store served before, and
 * remembers its last record when it reaches further. Refuses with `STORE_TAMPERED` a batch that
 * holds the served tail's position with another record: the file's history forked after it was
 * served, and a follower must not fold the other history's events as if they continued its own.
 */
export function checkServedChain(state: FileStoreState, batch: readonly WalkedRecord[]): void {
  const first = batch[0]?.record;
  const last = batch[batch.length - 1];
  if (first === undefined || last === undefined) return;
  const served = servedTails.get(state);
  if (served !== undefined && first.position <= served.position) {
    // The walker checked the positions: the batch's records are consecutive from the first.
    const record = batch[served.position - first.position]?.record;
    if (record !== undefined && record.hash !== served.hash) throw forkedError(state, served);
  }
  if (served === undefined || last.record.position > served.position)
    servedTails.set(state, {
      position: last.record.position,
      hash: last.record.hash,
      lineNumber: last.lineNumber,
      offsetBytes: last.offsetBytes,
    });
}

const forkedError = (state: FileStoreState, served: ServedTail) =>
  problemToError(
    state.path,
    storeProblem(
      'history-forked',
      `the record at position ${served.position} is not the one this store already served: the file was cut back and other records were written in its place`,
      served,
    ),
  );
