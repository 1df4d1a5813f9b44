import * as E from 'fp-ts/Either';
import { bookkeepingCatalog, correctableEventTypes } from '../bookkeeping/bookkeepingCatalog.js';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { CorrectableEvent } from '../bookkeeping/CorrectableEvent.js';
import type { EventStore } from '../store/EventStore.js';

/**
 * `state` as a full replay of the stream folds it: with the correctable event of every event of
 * the stream, in recording order. A writer on a store that keeps checkpoints holds only those
 * after the checkpoint it resumed from or the last year close it stored (it looks an older one up
 * in the store when a correction asks for it), so `state()` would answer differently for the
 * same events depending on what the store has cached; the older ones are read from the store here
 * instead, for this answer only (the writer keeps its smaller map). The state's other fields are
 * the writer's own. On a store without checkpoints nothing is forgotten, and `state` is returned
 * as it is.
 */
export async function withEveryCorrectableEvent(
  store: EventStore,
  streamId: string,
  state: BookkeepingState,
  forgets: boolean,
): Promise<BookkeepingState> {
  if (!forgets) return state;
  const held = state.correctableEvents;
  const every: BookkeepingState['correctableEvents'] = new Map();
  for await (const stored of store.readStream(streamId)) {
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
  return { ...state, correctableEvents: every };
}
