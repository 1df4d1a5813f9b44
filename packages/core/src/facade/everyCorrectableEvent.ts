import * as E from 'fp-ts/Either';
import { bookkeepingCatalog, correctableEventTypes } from '../bookkeeping/bookkeepingCatalog.js';
import { cloneBookkeepingState, type BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { CorrectableEvent } from '../bookkeeping/CorrectableEvent.js';
import type { StateAtRevision } from '../ledger/EventRecorder.js';
import type { EventStore } from '../store/EventStore.js';

/**
 * `state` as a full replay of the stream folds it: with the correctable event of every event of
 * the stream, in recording order. A writer on a store that keeps checkpoints holds only those
 * after the checkpoint it resumed from or the last year close it stored (it looks an older one up
 * in the store when a correction asks for it), so `state()` would answer differently for the
 * same events depending on what the store has cached; the older ones are read from the store here
 * instead, for this answer only (the writer keeps its smaller map), and only up to the revision
 * the state was folded to. Every collection of the answer is a copy of the writer's (its entries
 * are immutable): the answer is the state at the call, which later calls do not change. When the
 * writer has forgotten none (`forgets` false: a store without checkpoints, or a writer folded
 * from the first event that has not yet passed a stored year close), its map is copied instead of
 * reading the stream: a full read costs some 10-15 µs an event, measured on a file store of
 * 20 000.
 */
export async function withEveryCorrectableEvent(
  store: EventStore,
  streamId: string,
  { state, revision }: StateAtRevision<BookkeepingState>,
  forgets: boolean,
): Promise<BookkeepingState> {
  // A copy either way: the writer's own collections change with later calls (a batch adds to
  // them, a stored close empties the correctable events), and the answer is the one at the call.
  const copy = cloneBookkeepingState(state);
  if (!forgets || revision === undefined) return copy;
  const held = state.correctableEvents;
  const every: BookkeepingState['correctableEvents'] = new Map();
  // Up to the state's own revision: a store may read to the live end, where an event appended
  // since (by another writer, or a later call of this one) is in no other field of the state.
  for await (const stored of store.readStream(streamId, { maxCount: revision + 1 })) {
    if (!correctableEventTypes.has(stored.type)) continue;
    const entry = held.get(stored.eventId);
    if (entry !== undefined) {
      every.set(stored.eventId, entry);
      continue;
    }
    const decoded = bookkeepingCatalog.decode(stored);
    if (E.isLeft(decoded)) throw decoded.left;
    every.set(stored.eventId, new CorrectableEvent(decoded.right));
  }
  return { ...copy, correctableEvents: every };
}
