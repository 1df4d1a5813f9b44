import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { assert, ledgerError, type LedgerError } from '../error.js';
import { decideAppend, eventFingerprint, validateAppend } from './appendRules.js';
import type { WatchableStore } from './CheckpointStorage.js';
import type { NewEvent, StoredEvent } from './EventEnvelope.js';
import { deepFreeze } from './deepFreeze.js';
import { nextStoredAt, systemClock, type StoreClock } from './storedAt.js';
import { validateReadAllOptions, validateReadStreamOptions } from './readOptions.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
} from './EventStore.js';

// The in-memory store lives in core, not only in `@finsam-ledger/adapter-memory`, so that
// core's own tests can run the ledger on it without depending on a package that depends on
// core (a cyclic workspace dependency). Emmett keeps its in-memory store in its core package
// for the same reason. The adapter package re-exports it as the published entry point.

interface StreamState {
  readonly events: StoredEvent[];
  /**
   * The stream's events by id. A fingerprint is worked out only for an id appended again (a
   * retry or a reused id), not for every event stored.
   */
  readonly eventById: Map<string, StoredEvent>;
}

/** Everything one in-memory store holds. */
interface MemoryState {
  readonly streams: Map<string, StreamState>;
  /** Every event in append order: the index is the global position. */
  readonly all: StoredEvent[];
  closed: boolean;
  readonly clock: StoreClock;
}

/** Options of {@link getInMemoryEventStore}. */
export interface InMemoryEventStoreOptions {
  /**
   * The clock the store stamps each event's `storedAt` with; the system clock when left out.
   * Give one to replay a history as it was stored, or to test as-of reads.
   */
  readonly clock?: StoreClock;
}

const closedError = (): LedgerError => ledgerError('STORE_CLOSED', 'The in-memory store is closed');

/**
 * An {@link EventStore} that keeps everything in this process's memory: for tests, for
 * embedding, and as the reference behaviour of the conformance suite. Nothing survives the
 * process. Appends are atomic because they run to completion without yielding.
 *
 * Embedding developers import it from `@finsam-ledger/adapter-memory`; it is exported here
 * too for adapter authors and for tests inside core.
 *
 * ```ts
 * const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'roslagen' });
 * ```
 */
export function getInMemoryEventStore(
  options: InMemoryEventStoreOptions = {},
): EventStore & WatchableStore {
  const state: MemoryState = {
    streams: new Map(),
    all: [],
    closed: false,
    clock: options.clock ?? systemClock,
  };
  const listeners = new Set<() => void>();
  return {
    appendToStream: (streamId, events, options) =>
      TE.fromIOEither(() => {
        const appended = appendNow(state, streamId, events, options);
        // Told after the append returns, so a listener that reads sees the new events.
        if (E.isRight(appended) && !appended.right.alreadyStored)
          for (const listener of listeners) queueMicrotask(listener);
        return appended;
      }),

    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async *readStream(streamId: string, options: ReadStreamOptions = {}) {
      if (state.closed) throw closedError();
      validateReadStreamOptions(options);
      const events = state.streams.get(streamId)?.events ?? [];
      const from = options.fromRevision ?? 0;
      const end =
        options.maxCount === undefined
          ? events.length
          : Math.min(events.length, from + options.maxCount);
      for (let revision = from; revision < end; revision += 1) yield events[revision]!;
    },

    async *readAll(options: ReadAllOptions = {}) {
      if (state.closed) throw closedError();
      validateReadAllOptions(options);
      const from = Math.max(0, options.fromPosition ?? 0);
      const end =
        options.maxCount === undefined ? Number.POSITIVE_INFINITY : from + options.maxCount;
      // Positions are the array index here, so the loop reads events appended while iterating too.
      for (let position = from; position < state.all.length && position < end; position += 1)
        yield state.all[position]!;
    },

    async close() {
      state.closed = true;
    },
  };
}

function appendNow(
  state: MemoryState,
  streamId: unknown,
  events: readonly NewEvent[],
  options: AppendOptions | undefined,
): E.Either<LedgerError, AppendResult> {
  if (state.closed) return E.left(closedError());
  const valid = validateAppend(streamId, events, options?.expectedRevision);
  if (E.isLeft(valid)) return valid;
  const { streamId: id, expectedRevision } = valid.right;
  const stream = state.streams.get(id);
  const current = stream === undefined ? undefined : stream.events.length - 1;
  const decision = decideAppend(id, valid.right.events, expectedRevision, current, (eventId) => {
    const stored = stream?.eventById.get(eventId);
    return stored === undefined ? undefined : eventFingerprint(stored);
  });
  if (E.isLeft(decision)) return decision;
  if (decision.right.action === 'already-stored') return E.right(decision.right.result);

  const target = stream ?? { events: [], eventById: new Map<string, StoredEvent>() };
  // One stamp for the whole batch: it is stored at one moment.
  const storedAt = nextStoredAt(state.clock, state.all[state.all.length - 1]?.storedAt);
  // The events `validateAppend` gives are its own copies (or data the catalog froze): nobody else
  // holds them, so they are frozen and kept as they are, and a caller mutating its objects later
  // cannot change history.
  const copies = valid.right.events;
  const firstRevision = target.events.length;
  const firstPosition = state.all.length;
  for (let index = 0; index < copies.length; index += 1) {
    const event = copies[index]!;
    const stored: StoredEvent = Object.freeze({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: deepFreeze(event.data),
      metadata: deepFreeze(event.metadata),
      streamId: id,
      streamRevision: firstRevision + index,
      globalPosition: firstPosition + index,
      storedAt,
    });
    target.events.push(stored);
    target.eventById.set(stored.eventId, stored);
    state.all.push(stored);
  }
  state.streams.set(id, target);
  const next = target.events.length - 1;
  assert(next === (current ?? -1) + copies.length, 'revisions continue without gaps');
  return E.right({ nextExpectedRevision: next, alreadyStored: false });
}
