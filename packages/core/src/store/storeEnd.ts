import { assert } from '../error.js';
import { firstAsync } from '../util/asyncIterable.js';
import type { StoredEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';

/** Where a store's events end, found without reading them all. */
export interface StoreEnd {
  /** One past the global position of the store's last event (0 for an empty store). */
  readonly endPosition: number;
  /** The store's stamp of its last event, when it has one. */
  readonly lastStoredAt: string | undefined;
}

/** The first event of `store` at `position` or after it, read alone. */
const eventAtOrAfter = (store: EventStore, position: number): Promise<StoredEvent | undefined> =>
  firstAsync(store.readAll({ fromPosition: position, maxCount: 1 }));

/**
 * Where `store`'s events end now. Global positions need not be contiguous (EventStoreDB's are
 * byte offsets), and the interface has no "last event" read, so the end is found by reads of one
 * event each: doubling steps past the last event found, then halving the gap. That is about
 * 2 log2(P) reads for positions up to P (some 80 for EventStoreDB's, 40 for a file store of a
 * million events), each a seek in every adapter, instead of a walk of the whole store.
 */
export async function storeEndOf(store: EventStore): Promise<StoreEnd> {
  let last = await eventAtOrAfter(store, 0);
  if (last === undefined) return { endPosition: 0, lastStoredAt: undefined };
  let step = 1;
  let beyond: number | undefined;
  while (beyond === undefined) {
    const next = await eventAtOrAfter(store, last.globalPosition + step);
    if (next === undefined) beyond = last.globalPosition + step;
    else [last, step] = [next, step * 2];
  }
  // No event at `beyond` or after it; `last` is an event: the store's last lies in [last, beyond).
  while (beyond - last.globalPosition > 1) {
    const middle = Math.floor((last.globalPosition + beyond) / 2);
    const found = await eventAtOrAfter(store, middle);
    if (found === undefined || found.globalPosition >= beyond) beyond = middle;
    else last = found;
  }
  assert(Number.isSafeInteger(last.globalPosition + 1), 'the end position is a safe integer');
  return { endPosition: last.globalPosition + 1, lastStoredAt: last.storedAt };
}

/**
 * How many events `streamId` of `store` held when the store ended at `endPosition`: the events
 * of the stream stored before that position. Found by reads of one event each, doubling then
 * halving as {@link storeEndOf}; a stream's positions grow with its revisions, so "stored
 * before the end" holds for a prefix of the stream.
 */
export async function streamLengthAt(
  store: EventStore,
  streamId: string,
  endPosition: number,
): Promise<number> {
  const held = async (revision: number): Promise<boolean> => {
    const event = await firstAsync(
      store.readStream(streamId, { fromRevision: revision, maxCount: 1 }),
    );
    return event !== undefined && event.globalPosition < endPosition;
  };
  if (!(await held(0))) return 0;
  let lastHeld = 0;
  let step = 1;
  while (await held(lastHeld + step)) [lastHeld, step] = [lastHeld + step, step * 2];
  let notHeld = lastHeld + step;
  while (notHeld - lastHeld > 1) {
    const middle = Math.floor((lastHeld + notHeld) / 2);
    if (await held(middle)) lastHeld = middle;
    else notHeld = middle;
  }
  return lastHeld + 1;
}
