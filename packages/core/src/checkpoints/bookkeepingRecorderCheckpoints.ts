import * as E from 'fp-ts/Either';
import {
  bookkeepingCatalog,
  bookkeepingModule,
  type BookkeepingEvent,
} from '../bookkeeping/bookkeepingCatalog.js';
import {
  loadSettledItem,
  settledItemsToLoad,
  type BookkeepingState,
} from '../bookkeeping/BookkeepingState.js';
import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { RecorderCheckpoints } from '../ledger/EventRecorder.js';
import { eventFingerprint } from '../store/appendRules.js';
import type { EventStore } from '../store/EventStore.js';
import { bookkeepingStateCheckpointKind } from './bookkeepingStateCheckpoint.js';
import { assert } from '../error.js';
import { checkpointStorageOf } from '../store/CheckpointStorage.js';
import { checkpointName } from '../store/checkpointEnvelope.js';
import {
  discardOlderVersions,
  loadLatestCheckpoint,
  saveCheckpoint,
  type CheckpointObserver,
} from './checkpointShelf.js';
import { findStoredEvent } from './findStoredEvent.js';

/**
 * The write side's checkpoints on a store that keeps them: opening the ledger for writing
 * starts from the decider's state at the last closed year and reads only the events after it;
 * each year close the recorder folds is saved, also one inside a batch (from the state captured
 * at the close, in the background: an append never waits for
 * it); a correction of an event from before the checkpoint finds its original by id in the
 * store, and an item settled before it that an event reopens is read in full from its opening
 * event. Checkpoints of an older version of the write side are discarded, never read.
 * `undefined` for a store without checkpoint storage.
 */
export function bookkeepingRecorderCheckpoints(
  store: EventStore,
  streamId: string,
  chart: Chart,
  observe?: CheckpointObserver,
): RecorderCheckpoints<BookkeepingState, BookkeepingEvent> | undefined {
  const storage = checkpointStorageOf(store);
  if (storage === undefined) return undefined;
  const kind = bookkeepingStateCheckpointKind(chart);
  const saved = new Set<string>();
  let resumed = false;
  const capture = (
    state: BookkeepingState,
    event: BookkeepingEvent,
  ): ((revision: number) => void) | undefined => {
    if (event.type !== 'RäkenskapsårStängt') return undefined;
    const year = event.data.år;
    const name = checkpointName(kind.projection, kind.codeVersion, streamId, year);
    if (saved.has(name)) return undefined;
    // Serialised now: the later events of a batch change the state before it is stored.
    const serialised = kind.serialise(state);
    return (revision) => {
      if (saved.has(name)) return;
      saved.add(name);
      // Not awaited: the checkpoint is derived data, and an append never waits for it.
      void saveCheckpoint(storage, kind, { streamId, year, revision }, serialised, observe);
    };
  };
  return {
    async resume() {
      const loaded = await loadLatestCheckpoint(storage, kind, streamId, {
        ...(observe === undefined ? {} : { observe }),
      });
      await discardOlderVersions(storage, kind, streamId, observe);
      // Listed after loading: a checkpoint discarded on the way is saved again.
      for (const name of await storage.list()) saved.add(name);
      resumed = loaded !== undefined;
      return loaded;
    },
    evolved(state, event, revision) {
      capture(state, event)?.(revision);
    },
    capture,
    beforeFold: (state, event) => loadSettledItems(store, streamId, state, [event]),
    async prepare(state, events) {
      await loadSettledItems(store, streamId, state, events);
      if (!resumed) return;
      for (const event of events) {
        if (event.type !== 'HändelseRättad') continue;
        const { rättadEventId } = event.data;
        if (state.correctableEvents.has(rättadEventId)) continue;
        const stored = await findStoredEvent(store, streamId, rättadEventId);
        if (stored === undefined) continue;
        const decoded = bookkeepingCatalog.decode(stored);
        if (E.isLeft(decoded) || !bookkeepingModule(decoded.right.type).correctable) continue;
        state.correctableEvents.set(rättadEventId, {
          type: decoded.right.type,
          fingerprint: eventFingerprint(decoded.right),
        });
      }
    },
  };
}

/**
 * Loads in full the items settled before the state's checkpoint that `events` touch, each from
 * its opening event read by id; `undefined` when there are none (always, unless the state was
 * resumed from a checkpoint), so that a catch-up folds without waiting.
 */
function loadSettledItems(
  store: EventStore,
  streamId: string,
  state: BookkeepingState,
  events: readonly BookkeepingEvent[],
): Promise<void> | undefined {
  const toLoad = settledItemsToLoad(state, events);
  if (toLoad.length === 0) return undefined;
  return (async () => {
    for (const settled of toLoad) {
      const stored = await findStoredEvent(store, streamId, settled.eventId);
      const decoded = stored === undefined ? undefined : bookkeepingCatalog.decode(stored);
      // The checkpoint was verified against the store's chain hash, so its events are there.
      assert(
        decoded !== undefined && E.isRight(decoded),
        'a settled item’s opening event is stored',
        {
          postId: settled.postId,
          eventId: settled.eventId,
        },
      );
      const opening = decoded.right;
      loadSettledItem(
        state,
        settled,
        bookkeepingModule(opening.type).openItemEffects(opening.data),
      );
    }
  })();
}
