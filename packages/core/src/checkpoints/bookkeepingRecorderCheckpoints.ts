import * as E from 'fp-ts/Either';
import {
  bookkeepingCatalog,
  bookkeepingModule,
  type BookkeepingEvent,
} from '../bookkeeping/bookkeepingCatalog.js';
import {
  loadSettledItem,
  openItemIdsTouchedBy,
  settledItemsToLoad,
  type BookkeepingState,
} from '../bookkeeping/BookkeepingState.js';
import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { RecorderCheckpoints } from '../ledger/EventRecorder.js';
import { eventFingerprint } from '../store/appendRules.js';
import type { EventStore } from '../store/EventStore.js';
import {
  bookkeepingStateCheckpointKindWith,
  compactSettledItems,
} from './bookkeepingStateCheckpoint.js';
import { SettledOpenItemsInOrder } from '../bookkeeping/SettledOpenItems.js';
import { assert } from '../error.js';
import { checkpointStorageOf, type CheckpointStorage } from '../store/CheckpointStorage.js';
import { checkpointName } from '../store/checkpointEnvelope.js';
import {
  discardOlderVersions,
  loadLatestCheckpoint,
  saveCheckpointOfStateJson,
  type CheckpointObserver,
} from './checkpointShelf.js';
import { findStoredEvent } from '../store/findStoredEvent.js';

/** The recorder's checkpoints, and whether its state still holds every correctable event. */
export interface BookkeepingRecorderCheckpoints extends RecorderCheckpoints<
  BookkeepingState,
  BookkeepingEvent
> {
  /**
   * True while the recorder's state holds the correctable event of every stored event: it was
   * folded from the first event and has forgotten none (no year close stored and then a batch
   * after it, or a catch-up or a decision past it: `dropStored`).
   */
  readonly holdsEveryCorrectableEvent: boolean;
}

/**
 * The write side's checkpoints on a store that keeps them: opening the ledger for writing
 * starts from the decider's state at the last closed year and reads only the events after it;
 * each year close the recorder folds is saved, also one inside a batch (from the state captured
 * at the close, in the background: an append never waits for
 * it); a correction of an event from before the checkpoint, or from before a year close stored
 * since (whose correctable events are then forgotten), finds its original by id in the store,
 * and an item settled before it that an event reopens is read in full from its opening event.
 * Checkpoints of an older version of the write side are discarded, never read. `undefined` for a
 * store without checkpoint storage.
 */
export function bookkeepingRecorderCheckpoints(
  store: EventStore,
  streamId: string,
  chart: Chart,
  observe?: CheckpointObserver,
): BookkeepingRecorderCheckpoints | undefined {
  const storage = checkpointStorageOf(store);
  if (storage === undefined) return undefined;
  const settledInOrder = new SettledOpenItemsInOrder();
  const kind = bookkeepingStateCheckpointKindWith(chart, settledInOrder);
  const saved = new Set<string>();
  let resumed = false;
  const forgetting = new StoredCorrectables();
  // True from a stored year close this writer saved until the next `dropStored`.
  let compactionDue = false;
  const capture = (
    state: BookkeepingState,
    event: BookkeepingEvent,
  ): ((revision: number) => void) | undefined => {
    if (event.type !== 'RäkenskapsårStängt') return undefined;
    const year = event.data.år;
    const name = checkpointName(kind.projection, kind.codeVersion, streamId, year);
    if (saved.has(name)) return undefined;
    // Serialised now: the later events of a batch change the state before it is stored. Made
    // JSON at once, so that the serialised form is garbage before the batch is even appended.
    const stateJson = JSON.stringify(kind.serialise(state));
    const storedWithClose = forgetting.markAt(state);
    return (revision) => {
      storedWithClose();
      compactionDue = true;
      if (saved.has(name)) return;
      saved.add(name);
      // Not awaited: the checkpoint is derived data, and an append never waits for it. The
      // store's close does, so that a process that closes it right after the year keeps it.
      const at = { streamId, year, revision };
      keptOpen(storage, saveCheckpointOfStateJson(storage, kind, at, stateJson, observe));
    };
  };
  return {
    get holdsEveryCorrectableEvent() {
      return !resumed && !forgetting.forgotAny;
    },
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
    dropStored(state, inFlight = noBatchInFlight) {
      if (!compactionDue) return;
      compactionDue = false;
      forgetting.forget(state);
      compactSettledItems(
        state,
        inFlight.length === 0 ? undefined : openItemIdsTouchedBy(inFlight),
      );
      // The items the last save listed in full are now kept compactly: the next save lists only
      // those settled since, which cannot match them, and the order kept them all alive.
      settledInOrder.forget();
    },
    async prepare(state, events) {
      // Before anything is awaited: this batch is decided against the state as it leaves it.
      forgetting.forget(state);
      await loadSettledItems(store, streamId, state, events);
      if (resumed || forgetting.forgotAny)
        await loadCorrectedOriginals(store, streamId, state, events);
    },
  };
}

const noBatchInFlight: readonly (readonly BookkeepingEvent[])[] = [];

/**
 * Puts into the state the correctable event each correction of `events` names that the state no
 * longer holds (forgotten at a stored close, or before the checkpoint it resumed from), read from
 * the store by id; one the store lacks or that is not correctable is left for the rules to refuse.
 */
async function loadCorrectedOriginals(
  store: EventStore,
  streamId: string,
  state: BookkeepingState,
  events: readonly BookkeepingEvent[],
): Promise<void> {
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
}

/**
 * Tells a storage that keeps a store open for work it was not awaited for (see
 * `CheckpointStorage.keepOpenFor`) of a save under way. A function, not `keepOpenFor?.(save())`
 * in place: an optional call evaluates its arguments only when there is a function to call, and
 * a storage without one would never save.
 */
function keptOpen(storage: CheckpointStorage, saving: Promise<void>): void {
  storage.keepOpenFor?.(saving);
}

/** An entry of {@link BookkeepingState.correctableEvents}. */
type CorrectableEntry =
  BookkeepingState['correctableEvents'] extends Map<string, infer Entry> ? Entry : never;

/**
 * The correctable events the write side stops keeping once they are stored before a year close:
 * a correction of one finds its original in the store by id, as a ledger resumed from that
 * close's checkpoint does (`prepare`), instead of every correctable event's data being kept in
 * memory until a correction asks for it. A state's correctable events are in the order they were
 * folded (an entry is added at the end, a retried id keeps its place, and a batch's undo removes
 * only what the batch added after them): at a close, the entries up to it are the map's first
 * ones, counted from the first entry ever added. They are forgotten only once the close's batch
 * is stored (`keep`), and only at the start of the next batch's `prepare` or in `dropStored`
 * (before a batch is decided), never while a batch is being decided: a batch decided behind the
 * close's, before it was stored, was decided against the entries it found, and the next one
 * looks up what it corrects.
 */
export class StoredCorrectables {
  private map: BookkeepingState['correctableEvents'] | undefined;
  /** How many of the map's entries were forgotten, from its first. */
  private forgotten = 0;
  /** How many of its first entries (forgotten ones included) are stored and may be forgotten. */
  private storedUpTo = 0;

  /** True once any entry was forgotten: a correction's original may have to be looked up. */
  get forgotAny(): boolean {
    return this.forgotten > 0;
  }

  /**
   * Counts the entries of `state` up to now (a close just folded); the function returned says
   * that they are stored (the close's batch was).
   */
  markAt(state: BookkeepingState): () => void {
    this.follow(state);
    const upTo = this.forgotten + state.correctableEvents.size;
    return () => {
      if (this.map === state.correctableEvents) this.storedUpTo = Math.max(this.storedUpTo, upTo);
    };
  }

  /** Forgets the entries of `state` known to be stored. */
  forget(state: BookkeepingState): void {
    this.follow(state);
    const toForget = this.storedUpTo - this.forgotten;
    if (toForget <= 0) return;
    const map = state.correctableEvents;
    const forgotten = Math.min(toForget, map.size);
    if (forgotten * 2 <= map.size) {
      for (const eventId of map.keys()) {
        if (this.forgotten >= this.storedUpTo) break;
        map.delete(eventId);
        this.forgotten += 1;
      }
      return;
    }
    // Most of the map (a year's events, at a close): the few entries after the close are kept,
    // in their order, and put back into the emptied map. Deleting the rest one by one looked
    // each id up in a map the load keeps out of the caches: 1.2-5 ms a close of 8 000 entries
    // against 0.1-0.3 ms for the walk and the clear.
    const kept: [string, CorrectableEntry][] = [];
    let index = 0;
    map.forEach((entry, eventId) => {
      if (index >= forgotten) kept.push([eventId, entry]);
      index += 1;
    });
    map.clear();
    for (const [eventId, entry] of kept) map.set(eventId, entry);
    this.forgotten += forgotten;
  }

  /** Starts counting anew for another state's map (a recorder resumed from a checkpoint). */
  private follow(state: BookkeepingState): void {
    if (this.map === state.correctableEvents) return;
    this.map = state.correctableEvents;
    this.forgotten = 0;
    this.storedUpTo = 0;
  }
}

/**
 * Loads in full the items settled before the state's checkpoint that `events` touch, each from
 * its opening event read by id; `undefined` when there are none (always, unless the state was
 * resumed from a checkpoint or compacted at a stored close), so that a catch-up folds without
 * waiting.
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
