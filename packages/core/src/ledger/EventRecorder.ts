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
 * How a recorder starts from a checkpoint instead of the stream's first event, and what it
 * tells the checkpoints as it folds (see `bookkeepingRecorderCheckpoints` in core's checkpoints).
 */
export interface RecorderCheckpoints<State, Event extends DomainEvent> {
  /** The state at the latest checkpoint that verifies, with the revision it was folded to. */
  resume(): Promise<{ readonly state: State; readonly revision: number } | undefined>;
  /** Called after each event is folded into the recorder's state, with its revision. */
  evolved(state: State, event: Event, revision: number): void;
  /**
   * Called before a batch is checked: loads into the state what the rules need from before the
   * checkpoint (a corrected event's original, looked up by id).
   */
  prepare(state: State, events: readonly Event[]): Promise<void>;
}

/** What a recorder works on: one stream of a store, its catalog and its rules. */
interface RecorderOptions<State, Event extends DomainEvent> {
  store: EventStore;
  streamId: string;
  catalog: EventCatalog<Event>;
  decider: Decider<State, Event>;
  /** Start from a checkpoint and keep checkpoints (optional). */
  checkpoints?: RecorderCheckpoints<State, Event>;
}

/**
 * Creates a recorder for `streamId`. It keeps the folded state between calls and catches
 * up from the store's stream before each decision, so it works with other writers too.
 */
export function createEventRecorder<State, Event extends DomainEvent>(
  options: RecorderOptions<State, Event>,
): EventRecorder<State, Event> {
  const recorder = new StreamRecorder(options);
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
          const validated = E.sequenceArray(events.map((event) => options.catalog.validate(event)));
          if (E.isLeft(validated)) throw validated.left;
          const result = await recorder.attempt(validated.right, 1);
          if (E.isLeft(result)) throw result.left;
          return result.right;
        },
        (thrown) => toLedgerError(thrown),
      ),
    state: () =>
      TE.tryCatch(
        async () => {
          const caughtUp = await recorder.catchUp();
          if (E.isLeft(caughtUp)) throw caughtUp.left;
          return recorder.state;
        },
        (thrown) => toLedgerError(thrown),
      ),
  };
}

/** The folded state of one stream and the revision it was folded to, kept between calls. */
class StreamRecorder<State, Event extends DomainEvent> {
  state: State;
  private revision: number | undefined;
  private resumeTried = false;
  /** The revision a checkpoint resumed this recorder at: events up to it were never folded here. */
  private resumedAt: number | undefined;

  constructor(private readonly options: RecorderOptions<State, Event>) {
    this.state = options.decider.initialState();
  }

  /** Folds what the stream holds beyond the last revision; counts the events of `watchIds`. */
  async catchUp(watchIds?: ReadonlySet<string>): Promise<E.Either<LedgerError, number>> {
    const { store, streamId, catalog, decider, checkpoints } = this.options;
    let seen = 0;
    try {
      if (this.revision === undefined && checkpoints !== undefined && !this.resumeTried) {
        this.resumeTried = true;
        const resumed = await checkpoints.resume();
        if (resumed !== undefined) {
          this.state = resumed.state;
          this.revision = resumed.revision;
          this.resumedAt = resumed.revision;
        }
      }
      for await (const stored of store.readStream(streamId, {
        fromRevision: this.revision === undefined ? 0 : this.revision + 1,
      })) {
        const decoded = catalog.decode(stored);
        if (E.isLeft(decoded)) return decoded;
        this.state = decider.evolve(this.state, decoded.right as Event);
        this.revision = stored.streamRevision;
        checkpoints?.evolved(this.state, decoded.right as Event, stored.streamRevision);
        if (watchIds?.has(stored.eventId)) seen += 1;
      }
    } catch (thrown) {
      return E.left(toLedgerError(thrown));
    }
    return E.right(seen);
  }

  async attempt(
    events: readonly Event[],
    attemptNumber: number,
  ): Promise<E.Either<LedgerError, RecordResult>> {
    const ids = new Set(events.map((event) => event.eventId));
    // Fold everything first: a retried batch must be recognised before the rules run,
    // because the rules would (rightly) refuse to record the same fact twice.
    const revisionBefore = this.revision;
    const caughtUp = await this.catchUp(ids);
    if (E.isLeft(caughtUp)) return caughtUp;
    // Events up to a resumed checkpoint were never seen by the catch-up: a retry of them is
    // found by the scan of the earlier part of the stream.
    const previousRevision = revisionBefore ?? this.resumedAt;
    const decided: E.Either<LedgerError, true | readonly Event[]> =
      caughtUp.right > 0 ? E.right(true) : await this.decide(events, previousRevision, ids);
    if (E.isLeft(decided)) return decided;
    const alreadyInStream = decided.right === true;
    // What is stored is what the rules annotated (the verifikation numbers); a retry already in
    // the stream is recognised by its ids and content, whatever its metadata.
    const toStore = decided.right === true ? events : decided.right;
    const appended = await this.options.store.appendToStream(
      this.options.streamId,
      toStore.map((event) => this.options.catalog.toNewEvent(event)),
      {
        expectedRevision: alreadyInStream
          ? 'any'
          : this.revision === undefined
            ? 'no_stream'
            : this.revision,
      },
    )();
    if (E.isLeft(appended)) {
      if (
        appended.left.code === 'CONCURRENCY_CONFLICT' &&
        attemptNumber < recorderLimits.conflictRetriesMax
      )
        return this.attempt(events, attemptNumber + 1);
      return appended;
    }
    if (!appended.right.alreadyStored) {
      const firstRevision = appended.right.nextExpectedRevision - toStore.length + 1;
      for (const [index, event] of toStore.entries()) {
        this.state = this.options.decider.evolve(this.state, event);
        this.options.checkpoints?.evolved(this.state, event, firstRevision + index);
      }
      this.revision = appended.right.nextExpectedRevision;
    }
    return E.right(appended.right);
  }

  /**
   * Checks each event against the rules, the later ones against the earlier ones folded into
   * a copy, and returns them as the rules annotated them. Right(true) when a refused batch turns
   * out to be a retry already in the stream.
   */
  private async decide(
    events: readonly Event[],
    previousRevision: number | undefined,
    ids: ReadonlySet<string>,
  ): Promise<E.Either<LedgerError, true | readonly Event[]>> {
    const { decider, checkpoints } = this.options;
    await checkpoints?.prepare(this.state, events);
    let candidate = events.length > 1 && decider.clone ? decider.clone(this.state) : this.state;
    const annotated: Event[] = [];
    for (const [index, event] of events.entries()) {
      const decision = decider.decide(candidate, event);
      if (E.isLeft(decision)) {
        // A refusal may be a retry of a batch recorded long ago (the rules refuse the
        // same fact twice). Only then is the earlier part of the stream scanned.
        if (await this.idsAlreadyBefore(previousRevision, ids)) return E.right(true);
        return decision;
      }
      const accepted = decider.annotate ? decider.annotate(candidate, event) : event;
      annotated.push(accepted);
      // The last event needs no evolving: nothing after it is checked against it.
      if (index < events.length - 1) candidate = decider.evolve(candidate, accepted);
    }
    return E.right(annotated);
  }

  // Ids recorded before this recorder's last catch-up point need a scan of the stream's
  // earlier part; this only happens for a retry of an old batch, so the cost is rare.
  private async idsAlreadyBefore(
    until: number | undefined,
    ids: ReadonlySet<string>,
  ): Promise<boolean> {
    if (until === undefined) return false;
    for await (const stored of this.options.store.readStream(this.options.streamId, {
      fromRevision: 0,
      maxCount: until + 1,
    })) {
      if (ids.has(stored.eventId)) return true;
    }
    return false;
  }
}
