import { firstAsync } from '../util/asyncIterable.js';
import type { StoredEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';
import { checkpointStorageOf } from './CheckpointStorage.js';

/** Where a stream ends: how many events it holds, and its last. */
export interface StreamEnd {
  readonly length: number;
  readonly last: StoredEvent | undefined;
}

/**
 * Where `streamId` of `store` ends now, found by reads of one event each, by revision: at the
 * length the store's index says (`CheckpointStorage.streamLengthHint`), two reads confirm it;
 * else doubling steps past the last event found, then halving the gap, about 2 log2(N) reads for
 * N events, each a seek in every adapter, instead of a walk of the stream. (By revision, not by
 * global position: EventStoreDB reads `$all` only from a record's start, which a search by
 * position would miss.)
 */
export async function streamEndOf(store: EventStore, streamId: string): Promise<StreamEnd> {
  const at = (revision: number): Promise<StoredEvent | undefined> =>
    firstAsync(store.readStream(streamId, { fromRevision: revision, maxCount: 1 }));
  const hint = await checkpointStorageOf(store)?.streamLengthHint?.(streamId);
  if (hint !== undefined && hint > 0) {
    const last = await at(hint - 1);
    if (last !== undefined && (await at(hint)) === undefined) return { length: hint, last };
  }
  let last = await at(0);
  if (last === undefined) return { length: 0, last: undefined };
  let step = 1;
  let beyond: number | undefined;
  while (beyond === undefined) {
    const next = await at(last.streamRevision + step);
    if (next === undefined) beyond = last.streamRevision + step;
    else [last, step] = [next, step * 2];
  }
  // No event at `beyond`; `last` is one: the stream's last lies in [last, beyond).
  while (beyond - last.streamRevision > 1) {
    const middle = Math.floor((last.streamRevision + beyond) / 2);
    const found = await at(middle);
    if (found === undefined) beyond = middle;
    else last = found;
  }
  return { length: last.streamRevision + 1, last };
}
