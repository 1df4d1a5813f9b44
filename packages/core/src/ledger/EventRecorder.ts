import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError, toLedgerError, type LedgerError } from '../error.js';
import type { AppendResult, EventStore } from '../store/EventStore.js';
import type { Decider } from './Decider.js';
import type { DomainEvent, EventCatalog } from './EventCatalog.js';

/** What {@link EventRecorder.record} reports. */
export interface RecordResult {
  readonly nextExpectedRevision: number;
  /** True when the events were already recorded (an idempotent retry): nothing new was written. */
  readonly alreadyStored: boolean;
}

/** Options of {@link EventRecorder.record}. */
export interface RecordEventsOptions {
  /**
   * True when every event was made by the catalog's `create` (or returned by its `validate`):
   * they are not validated a second time. Left out, each event is validated.
   */
  readonly validated?: boolean;
}

/** Records events on one stream after checking them against a decider. */
export interface EventRecorder<State, Event extends DomainEvent> {
  /**
   * Checks each event against the rules, in order, then appends them all in one atomic
   * append with the expected revision the rules were checked at. If another writer got
   * there first, the state is caught up and the rules checked again, up to
   * `conflictRetriesMax` times. A refusal writes nothing. Calls on one recorder run one at a
   * time, in call order.
   */
  record(
    events: readonly Event[],
    options?: RecordEventsOptions,
  ): TE.TaskEither<LedgerError, RecordResult>;
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
   * Called while a batch is checked, after each of its events is evolved into the state (whose
   * later events will change it again): returns what to do with the state as it is now once the
   * batch is stored at `revision` (a year close inside a batch is saved from the state at the
   * close), or `undefined` for nothing. Left out, only the batch's last event is offered to
   * {@link evolved}.
   */
  capture?(state: State, event: Event): ((revision: number) => void) | undefined;
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
  // One call at a time: a batch is checked against its own earlier events evolved into the
  // recorder's state, so no other call may see or change that state until the batch is
  // appended or undone.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <Value>(work: () => Promise<Value>): Promise<Value> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    record: (events, recordOptions = {}) =>
      TE.tryCatch(
        () =>
          serialised(async () => {
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
            // Events the catalog made were checked when it made them.
            let validated = events;
            if (recordOptions.validated !== true) {
              const checked = E.sequenceArray(
                events.map((event) => options.catalog.validate(event)),
              );
              if (E.isLeft(checked)) throw checked.left;
              validated = checked.right;
            }
            const result = await recorder.attempt(validated, 1);
            if (E.isLeft(result)) throw result.left;
            return result.right;
          }),
        (thrown) => toLedgerError(thrown),
      ),
    state: () =>
      TE.tryCatch(
        () =>
          serialised(async () => {
            const caughtUp = await recorder.catchUp();
            if (E.isLeft(caughtUp)) throw caughtUp.left;
            return recorder.state;
          }),
        (thrown) => toLedgerError(thrown),
      ),
  };
}

/** What a checkpoint captured at an event of a batch, kept once the batch is stored. */
interface Captured {
  readonly index: number;
  readonly keep: (revision: number) => void;
}

/**
 * A batch checked: the events as the rules annotated them (`toStore`), the undo when they were
 * evolved into the state, what checkpoints captured on the way; or a retry already in the stream.
 */
interface Decided<Event> {
  readonly alreadyInStream: boolean;
  readonly undo: (() => void) | undefined;
  readonly toStore: readonly Event[];
  readonly captured: readonly Captured[];
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
    const decided =
      caughtUp.right > 0
        ? E.right({ alreadyInStream: true, undo: undefined, toStore: events, captured: [] })
        : await this.decide(events, previousRevision, ids);
    if (E.isLeft(decided)) return decided;
    const { alreadyInStream, undo, toStore, captured } = decided.right;
    const appended = await this.append(toStore, alreadyInStream, undo);
    if (E.isLeft(appended)) {
      if (
        appended.left.code === 'CONCURRENCY_CONFLICT' &&
        attemptNumber < recorderLimits.conflictRetriesMax
      )
        return this.attempt(events, attemptNumber + 1);
      return appended;
    }
    if (!appended.right.alreadyStored) this.folded(toStore, undo, appended.right, captured);
    return E.right(appended.right);
  }

  /**
   * Appends what the rules annotated (the verifikation numbers); a retry already in the stream
   * is recognised by its ids and content, whatever its metadata. The batch is in the state when
   * `undo` is given (evolved while it was checked): it stays there only if this append stored
   * it; otherwise the next catch-up folds what the stream really holds.
   */
  private async append(
    toStore: readonly Event[],
    alreadyInStream: boolean,
    undo: (() => void) | undefined,
  ): Promise<E.Either<LedgerError, AppendResult>> {
    const expectedRevision = alreadyInStream ? 'any' : (this.revision ?? 'no_stream');
    const append = this.options.store.appendToStream(
      this.options.streamId,
      toStore.map((event) => this.options.catalog.toNewEvent(event)),
      { expectedRevision },
    );
    const appended = await append().catch((thrown: unknown) => {
      undo?.();
      throw thrown;
    });
    if (undo !== undefined && (E.isLeft(appended) || appended.right.alreadyStored)) undo();
    return appended;
  }

  /** Brings the state and the revision to the stored batch, and offers year closes to save. */
  private folded(
    toStore: readonly Event[],
    undo: (() => void) | undefined,
    appended: AppendResult,
    captured: readonly Captured[],
  ): void {
    const { checkpoints, decider } = this.options;
    const firstRevision = appended.nextExpectedRevision - toStore.length + 1;
    if (undo === undefined)
      for (let index = 0; index < toStore.length; index += 1) {
        const event = toStore[index]!;
        this.state = decider.evolve(this.state, event);
        checkpoints?.evolved(this.state, event, firstRevision + index);
      }
    else if (checkpoints?.capture !== undefined)
      // The batch was evolved into the state while it was checked: what its events offered
      // then (a year close's state, captured at the close) is kept now that it is stored.
      for (const { index, keep } of captured) keep(firstRevision + index);
    else {
      // Without `capture`, the state is the one after the batch's last event.
      const last = toStore.length - 1;
      checkpoints?.evolved(this.state, toStore[last]!, firstRevision + last);
    }
    this.revision = appended.nextExpectedRevision;
  }

  /**
   * Checks each event against the rules, in order, the later ones against the earlier ones
   * evolved in, and returns them as the rules annotated them (`toStore`). With the decider's
   * `checkpoint`, the events are evolved into the state itself and `undo` puts it back; without
   * it, into a copy (or not at all for one event), and the state is evolved after the append.
   * `alreadyInStream` when a refused batch turns out to be a retry already in the stream.
   */
  private async decide(
    events: readonly Event[],
    previousRevision: number | undefined,
    ids: ReadonlySet<string>,
  ): Promise<E.Either<LedgerError, Decided<Event>>> {
    const { decider, checkpoints } = this.options;
    await checkpoints?.prepare(this.state, events);
    const before = this.state;
    const undo = this.undoFor(events);
    let candidate =
      undo === undefined && events.length > 1 && decider.clone ? decider.clone(before) : before;
    const annotated: Event[] = [];
    const captured: Captured[] = [];
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index]!;
      // Without a checkpoint the last event needs no evolving: nothing after it is checked
      // against it, and the state is evolved after the append.
      const evolve = undo !== undefined || index < events.length - 1;
      const decision = this.decideOne(candidate, event, evolve, undo);
      if (E.isLeft(decision)) {
        undo?.();
        // A refusal may be a retry of a batch recorded long ago (the rules refuse the
        // same fact twice). Only then is the earlier part of the stream scanned.
        if (await this.idsAlreadyBefore(previousRevision, ids))
          return E.right({ alreadyInStream: true, undo: undefined, toStore: events, captured: [] });
        return decision;
      }
      annotated.push(decision.right.accepted);
      candidate = decision.right.state;
      if (undo !== undefined) {
        this.state = candidate;
        const keep = checkpoints?.capture?.(candidate, decision.right.accepted);
        if (keep !== undefined) captured.push({ index, keep });
      }
    }
    return E.right({ alreadyInStream: false, undo, toStore: annotated, captured });
  }

  /** What puts the state back after `events` are evolved into it (the decider's `checkpoint`). */
  private undoFor(events: readonly Event[]): (() => void) | undefined {
    const before = this.state;
    const restore = this.options.decider.checkpoint?.(before, events);
    if (restore === undefined) return undefined;
    return () => {
      restore();
      this.state = before;
    };
  }

  /**
   * One event's decision; then the event as the rules annotate it, and (if asked) the state with
   * it evolved in. A throw undoes the whole batch.
   */
  private decideOne(
    state: State,
    event: Event,
    evolve: boolean,
    undo: (() => void) | undefined,
  ): E.Either<LedgerError, { state: State; accepted: Event }> {
    const { decider } = this.options;
    try {
      const decision = decider.decide(state, event);
      if (E.isLeft(decision)) return decision;
      const accepted = decider.annotate ? decider.annotate(state, event) : event;
      return E.right({ state: evolve ? decider.evolve(state, accepted) : state, accepted });
    } catch (thrown) {
      undo?.();
      throw thrown;
    }
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
