import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError, toLedgerError, type LedgerError } from '../error.js';
import type { EventStore } from '../store/EventStore.js';
import type { Decider } from './Decider.js';
import type { DomainEvent, EventCatalog } from './EventCatalog.js';

/** What {@link EventRecorder.record} reports. */
export interface RecordResult {
  readonly nextExpectedRevision: number;
  /** True when the events were already recorded (an idempotent retry): nothing new was written. */
  readonly alreadyStored: boolean;
}

/** Records events on one stream after checking them against a decider. */
export interface EventRecorder<State, Event extends DomainEvent> {
  /**
   * Checks each event against the rules, in order, then appends them all in one atomic
   * append with the expected revision the rules were checked at. If another writer got
   * there first, the state is caught up and the rules checked again, up to
   * `conflictRetriesMax` times. A refusal writes nothing.
   */
  record(events: readonly Event[]): TE.TaskEither<LedgerError, RecordResult>;
  /** The decider's state after every event recorded so far (caught up from the store). */
  state(): TE.TaskEither<LedgerError, State>;
}

/** Limits of the recorder. */
export const recorderLimits = { conflictRetriesMax: 3 } as const;

/**
 * Creates a recorder for `streamId`. It keeps the folded state between calls and catches
 * up from the store's stream before each decision, so it works with other writers too.
 */
export function createEventRecorder<State, Event extends DomainEvent>(options: {
  store: EventStore;
  streamId: string;
  catalog: EventCatalog<Event>;
  decider: Decider<State, Event>;
}): EventRecorder<State, Event> {
  const { store, streamId, catalog, decider } = options;
  let state = decider.initialState();
  let revision: number | undefined;

  const catchUp = async (
    watchIds?: ReadonlySet<string>,
  ): Promise<E.Either<LedgerError, number>> => {
    let seen = 0;
    try {
      for await (const stored of store.readStream(streamId, {
        fromRevision: revision === undefined ? 0 : revision + 1,
      })) {
        const decoded = catalog.decode(stored);
        if (E.isLeft(decoded)) return decoded;
        state = decider.evolve(state, decoded.right as Event);
        revision = stored.streamRevision;
        if (watchIds?.has(stored.eventId)) seen += 1;
      }
    } catch (thrown) {
      return E.left(toLedgerError(thrown));
    }
    return E.right(seen);
  };

  const attempt = async (
    events: readonly Event[],
    attemptNumber: number,
  ): Promise<E.Either<LedgerError, RecordResult>> => {
    const ids = new Set(events.map((event) => event.eventId));
    // Fold everything first: a retried batch must be recognised before the rules run,
    // because the rules would (rightly) refuse to record the same fact twice.
    const previousRevision = revision;
    const caughtUp = await catchUp(ids);
    if (E.isLeft(caughtUp)) return caughtUp;
    let alreadyInStream = caughtUp.right > 0;
    if (!alreadyInStream) {
      let candidate = events.length > 1 && decider.clone ? decider.clone(state) : state;
      for (const [index, event] of events.entries()) {
        const decision = decider.decide(candidate, event);
        if (E.isLeft(decision)) {
          // A refusal may be a retry of a batch recorded long ago (the rules refuse the
          // same fact twice). Only then is the earlier part of the stream scanned.
          if (await idsAlreadyBefore(previousRevision, ids)) {
            alreadyInStream = true;
            break;
          }
          return decision;
        }
        // The last event needs no evolving: nothing after it is checked against it.
        if (index < events.length - 1) candidate = decider.evolve(candidate, event);
      }
    }
    const appended = await store.appendToStream(
      streamId,
      events.map((event) => catalog.toNewEvent(event)),
      {
        expectedRevision: alreadyInStream ? 'any' : revision === undefined ? 'no_stream' : revision,
      },
    )();
    if (E.isLeft(appended)) {
      if (
        appended.left.code === 'CONCURRENCY_CONFLICT' &&
        attemptNumber < recorderLimits.conflictRetriesMax
      )
        return attempt(events, attemptNumber + 1);
      return appended;
    }
    if (!appended.right.alreadyStored) {
      for (const event of events) state = decider.evolve(state, event);
      revision = appended.right.nextExpectedRevision;
    }
    return E.right(appended.right);
  };

  // Ids recorded before this recorder's last catch-up point need a scan of the stream's
  // earlier part; this only happens for a retry of an old batch, so the cost is rare.
  const idsAlreadyBefore = async (
    until: number | undefined,
    ids: ReadonlySet<string>,
  ): Promise<boolean> => {
    if (until === undefined) return false;
    for await (const stored of store.readStream(streamId, {
      fromRevision: 0,
      maxCount: until + 1,
    })) {
      if (ids.has(stored.eventId)) return true;
    }
    return false;
  };

  return {
    record: (events) =>
      TE.tryCatch(
        async () => {
          if (events.length === 0)
            throw ledgerError('INVALID_EVENT', 'record needs at least one event', {
              issues: [
                {
                  path: 'events',
                  rule: 'at-least-one',
                  message: 'record needs at least one event',
                },
              ],
            });
          // Events may be built by hand rather than by the catalog: check each one, so that
          // nothing unvalidated (a float, a personnummer) can reach the rules or the store.
          const validated = E.sequenceArray(events.map((event) => catalog.validate(event)));
          if (E.isLeft(validated)) throw validated.left;
          const result = await attempt(validated.right, 1);
          if (E.isLeft(result)) throw result.left;
          return result.right;
        },
        (thrown) => toLedgerError(thrown),
      ),
    state: () =>
      TE.tryCatch(
        async () => {
          const caughtUp = await catchUp();
          if (E.isLeft(caughtUp)) throw caughtUp.left;
          return state;
        },
        (thrown) => toLedgerError(thrown),
      ),
  };
}
