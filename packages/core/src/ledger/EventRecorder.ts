import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError, refusalInBatch, toLedgerError, type LedgerError } from '../error.js';
import type { NewEvent } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import { findStoredEvents } from '../store/findStoredEvent.js';
import {
  BatchIds,
  BatchesInFlight,
  Turns,
  type Appended,
  type BatchSteps,
  type Captured,
  type Decided,
  type Settled,
} from './BatchesInFlight.js';
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
   * `conflictRetriesMax` times. A refusal writes nothing. Calls on one recorder settle in call
   * order, each as if the calls had run one at a time; a writer that keeps several calls in
   * flight (a bulk load) has the next batches checked while an earlier one is made durable, up
   * to `batchesInFlightMax`, each appended only after the one before it is acknowledged.
   */
  record(
    events: readonly Event[],
    options?: RecordEventsOptions,
  ): TE.TaskEither<LedgerError, RecordResult>;
  /** The decider's state after every event recorded so far (caught up from the store). */
  state(): TE.TaskEither<LedgerError, State>;
  /**
   * {@link state} with the revision of the stream's last event folded into it (`undefined` while
   * the stream is empty): what else is read for the same answer is read up to it, never past it
   * to an event another writer appended since.
   */
  stateAtRevision(): TE.TaskEither<LedgerError, StateAtRevision<State>>;
}

/** A recorder's state and the revision of the last event folded into it. */
export interface StateAtRevision<State> {
  readonly state: State;
  readonly revision: number | undefined;
}

/** Limits of the recorder. */
export const recorderLimits = {
  conflictRetriesMax: 3,
  /**
   * Calls whose batch is decided and not yet settled, at most: while one append is written and
   * made durable, the next batches are checked against the state with it evolved in, and then go
   * in the next append together (one fsync for several). The appends alternate between the one
   * batch checked while the last append was on its way and all the others in flight, so this
   * bounds how many share an fsync when the disk is slow: on the loaded machine (fsync p50 4 ms,
   * p90 17 ms) 16 left the main thread idle 35-41 µs per event where 8 left it 57-65. More only
   * costs memory and the rework of more batches when an append fails.
   */
  batchesInFlightMax: 16,
  /**
   * Events of the batches that waited while the append before them was made durable, appended
   * together in one append (one write, one fsync) at most: the disk then keeps up with checking
   * small batches. A batch larger than this goes alone.
   */
  appendedTogetherEventsMax: 1_000,
} as const;

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
  /**
   * Called before a stored event is folded in a catch-up: loads into the state what folding it
   * needs from before the checkpoint (a settled item it reopens), or returns `undefined` when
   * nothing is needed.
   */
  beforeFold?(state: State, event: Event): Promise<void> | undefined;
  /**
   * Called after each event of a catch-up and before a batch is checked caught up, when no batch
   * is in flight and every event folded into the state is stored; and before a batch is checked
   * behind others, with `inFlight` the events of the batches decided and not yet settled (in the
   * state, not all stored; each one's undo puts back what its events touched). The checkpoints
   * may drop from the state what they can read again from the store when a batch needs it (what
   * a year close they saved made so), and must leave what the batches in flight touched, so that
   * a writer's memory does not grow with every event it ever folded, whether its calls are
   * awaited one by one or kept in flight. Quick when there is nothing to drop: it is called
   * once an event.
   */
  dropStored?(state: State, inFlight?: readonly (readonly Event[])[]): void;
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
 * up from the store's stream before each decision made with no batch in flight, so it works
 * with other writers too.
 */
export function createEventRecorder<State, Event extends DomainEvent>(
  options: RecorderOptions<State, Event>,
): EventRecorder<State, Event> {
  const recorder = new StreamRecorder(options);
  // Calls are decided one at a time, in call order: a batch is checked against the earlier
  // calls' batches evolved into the recorder's state. Each call leaves this queue once its batch
  // is decided; its append settles later, in the same order (see BatchesInFlight).
  const calls = new Turns();
  const stateAtRevision = TE.tryCatch(
    () =>
      calls.run(async () => {
        const caughtUp = await recorder.caughtUpState();
        if (E.isLeft(caughtUp)) throw caughtUp.left;
        return caughtUp.right;
      }),
    (thrown) => toLedgerError(thrown),
  );
  return {
    // A task written out, not `TE.tryCatch` of an async function: every call of a bulk load comes
    // through here, and the Either its batch settles to is the answer as it is.
    record:
      (events, recordOptions = {}) =>
      async () => {
        recorder.callsInProgress += 1;
        try {
          const { settled } = await calls.run(() => {
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
            return recorder.enter(validated);
          });
          const result = await settled;
          return E.isLeft(result) ? E.left(toLedgerError(result.left)) : result;
        } catch (thrown) {
          return E.left(toLedgerError(thrown));
        } finally {
          recorder.callsInProgress -= 1;
        }
      },
    state: () => TE.map((caughtUp: StateAtRevision<State>) => caughtUp.state)(stateAtRevision),
    stateAtRevision: () => stateAtRevision,
  };
}

/** Where {@link StreamRecorder}'s check of a batch stands: the state, the event last accepted. */
interface DecidedStep<State, Event> {
  state: State;
  accepted: Event | undefined;
}

/** The folded state of one stream and the revision it was folded to, kept between calls. */
class StreamRecorder<State, Event extends DomainEvent> implements BatchSteps<Event> {
  state: State;
  readonly mayDecideBehind: boolean;
  /**
   * The `record` calls started and not yet settled: with one, the call being appended is the
   * only work this recorder has until the store acknowledges it (`AppendOptions.awaitedAlone`).
   */
  callsInProgress = 0;
  private revision: number | undefined;
  private resumeTried = false;
  /** The revision a checkpoint resumed this recorder at: events up to it were never folded here. */
  private resumedAt: number | undefined;
  private readonly inFlight: BatchesInFlight<Event>;

  constructor(private readonly options: RecorderOptions<State, Event>) {
    this.state = options.decider.initialState();
    const { decider, checkpoints } = options;
    // Without `capture`, a stored batch's year close is offered with the state as it is once the
    // batch is stored, which the batches checked behind it would already have changed.
    this.mayDecideBehind =
      decider.checkpoint !== undefined &&
      (checkpoints === undefined || checkpoints.capture !== undefined);
    this.inFlight = new BatchesInFlight(this, recorderLimits);
  }

  /** Decides a call's batch after the earlier calls'; returns what it settles to. */
  enter(events: readonly Event[]): Promise<{ readonly settled: Settled }> {
    return this.inFlight.enter(events);
  }

  /**
   * The state after every call settled so far, caught up with the stream, and its revision (read
   * at once: a later call moves it).
   */
  caughtUpState(): Promise<E.Either<LedgerError, StateAtRevision<State>>> {
    return this.inFlight.whenIdle(async () => {
      const caughtUp = await this.catchUp();
      return E.map(() => ({ state: this.state, revision: this.revision }))(caughtUp);
    });
  }

  /** Before the first catch-up of a recorder with checkpoints: starts from the latest one. */
  private async resumeOnce(): Promise<void> {
    const { checkpoints } = this.options;
    if (this.revision !== undefined || checkpoints === undefined || this.resumeTried) return;
    this.resumeTried = true;
    const resumed = await checkpoints.resume();
    if (resumed === undefined) return;
    this.state = resumed.state;
    this.revision = resumed.revision;
    this.resumedAt = resumed.revision;
  }

  /** Folds what the stream holds beyond the last revision; counts the events of `watchIds`. */
  async catchUp(watchIds?: BatchIds): Promise<E.Either<LedgerError, number>> {
    const { store, streamId, catalog, decider, checkpoints } = this.options;
    let seen = 0;
    try {
      await this.resumeOnce();
      for await (const stored of store.readStream(streamId, {
        fromRevision: this.revision === undefined ? 0 : this.revision + 1,
      })) {
        const decoded = catalog.decode(stored);
        if (E.isLeft(decoded)) return decoded;
        const loading = checkpoints?.beforeFold?.(this.state, decoded.right as Event);
        if (loading !== undefined) await loading;
        this.state = decider.evolve(this.state, decoded.right as Event);
        this.revision = stored.streamRevision;
        checkpoints?.evolved(this.state, decoded.right as Event, stored.streamRevision);
        // No batch's events are in the state and no undo is pending during a catch-up (it runs only
        // for a call alone, or when idle; a recovery has undone the later batches first).
        checkpoints?.dropStored?.(this.state);
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
    const decided = await this.decideCaughtUp(events, new BatchIds(events));
    if (E.isLeft(decided)) return decided;
    return this.settle(events, decided.right, await this.append([decided.right]), attemptNumber);
  }

  async decideCaughtUp(
    events: readonly Event[],
    ids: BatchIds,
  ): Promise<E.Either<LedgerError, Decided<Event>>> {
    // Fold everything first: a retried batch must be recognised before the rules run,
    // because the rules would (rightly) refuse to record the same fact twice.
    const revisionBefore = this.revision;
    const caughtUp = await this.catchUp(ids);
    if (E.isLeft(caughtUp)) return caughtUp;
    // Nothing in flight, every batch settled: what the last stored year close made droppable
    // (a bulk load awaited call by call comes here for every batch).
    this.options.checkpoints?.dropStored?.(this.state);
    // Events up to a resumed checkpoint were never seen by the catch-up: a retry of them is
    // found by the scan of the earlier part of the stream.
    const previousRevision = revisionBefore ?? this.resumedAt;
    return caughtUp.right > 0
      ? E.right({ alreadyInStream: true, undo: undefined, toStore: events, captured: [] })
      : this.decide(events, previousRevision, ids);
  }

  decideBehind(
    events: readonly Event[],
    ids: BatchIds,
    inFlight: readonly (readonly Event[])[],
  ): Promise<E.Either<LedgerError, Decided<Event>>> {
    // What a year close stored since made droppable, but what the batches in flight touched: a
    // load that always keeps calls in flight never comes through a decision caught up.
    this.options.checkpoints?.dropStored?.(this.state, inFlight);
    return this.decide(events, undefined, ids);
  }

  /**
   * Appends what the rules annotated (the verifikation numbers) after the last batch settled; a
   * retry already in the stream is recognised by its ids and content, whatever its metadata.
   */
  async append(decided: readonly Decided<Event>[]): Promise<Appended> {
    try {
      const expectedRevision =
        decided.length === 1 && decided[0]!.alreadyInStream
          ? 'any'
          : (this.revision ?? 'no_stream');
      const events = this.newEventsOf(decided);
      const result = await this.options.store.appendToStream(this.options.streamId, events, {
        expectedRevision,
        awaitedAlone: this.callsInProgress === 1,
      })();
      return { result };
    } catch (thrown) {
      return { thrown };
    }
  }

  /**
   * The envelopes a store is handed for the decided batches, in order. A call alone (every call
   * of a load awaited batch by batch) is one `map`, made at its length: `flatMap` built the list
   * again, adding its envelopes one by one.
   */
  private newEventsOf(decided: readonly Decided<Event>[]): NewEvent[] {
    const { catalog } = this.options;
    if (decided.length === 1) return decided[0]!.toStore.map((event) => catalog.toNewEvent(event));
    return decided.flatMap((batch) => batch.toStore.map((event) => catalog.toNewEvent(event)));
  }

  /**
   * The batch is in the state when `undo` is given (evolved while it was checked): it stays there
   * only if the append stored it; otherwise the next catch-up folds what the stream really holds.
   * A conflict with another writer is tried again, caught up, up to `conflictRetriesMax` times.
   */
  async settle(
    events: readonly Event[],
    decided: Decided<Event>,
    appended: Appended,
    attemptNumber: number,
  ): Promise<E.Either<LedgerError, RecordResult>> {
    const { undo, toStore, captured } = decided;
    if ('thrown' in appended) {
      undo?.();
      throw appended.thrown;
    }
    const { result } = appended;
    if (undo !== undefined && (E.isLeft(result) || result.right.alreadyStored)) undo();
    if (E.isLeft(result)) {
      if (
        result.left.code === 'CONCURRENCY_CONFLICT' &&
        attemptNumber < recorderLimits.conflictRetriesMax
      )
        return this.attempt(events, attemptNumber + 1);
      return result;
    }
    if (!result.right.alreadyStored) this.folded(toStore, undo, result.right, captured);
    return E.right(result.right);
  }

  /** Brings the state and the revision to the stored batch, and offers year closes to save. */
  private folded(
    toStore: readonly Event[],
    undo: (() => void) | undefined,
    appended: RecordResult,
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
    ids: BatchIds,
  ): Promise<E.Either<LedgerError, Decided<Event>>> {
    const { decider, checkpoints } = this.options;
    await checkpoints?.prepare(this.state, events);
    const before = this.state;
    const undo = this.undoFor(events);
    let candidate =
      undo === undefined && events.length > 1 && decider.clone ? decider.clone(before) : before;
    const annotated: Event[] = [];
    const captured: Captured[] = [];
    // One step object for the whole batch, not an `Either` and a pair per event.
    const step: DecidedStep<State, Event> = { state: candidate, accepted: undefined };
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index]!;
      // Without a checkpoint the last event needs no evolving: nothing after it is checked
      // against it, and the state is evolved after the append.
      const evolve = undo !== undefined || index < events.length - 1;
      const refused = this.decideOne(step, event, evolve, undo);
      if (refused !== undefined) {
        undo?.();
        // A refusal may be a retry of a batch recorded long ago (the rules refuse the
        // same fact twice). Only then are its ids looked up in the stream.
        if (await this.idsAlreadyBefore(previousRevision, ids))
          return E.right({ alreadyInStream: true, undo: undefined, toStore: events, captured: [] });
        return E.left(refusalInBatch(refused.left, index, events.length, event.type));
      }
      const accepted = step.accepted!;
      annotated.push(accepted);
      candidate = step.state;
      if (undo !== undefined) {
        this.state = candidate;
        const keep = checkpoints?.capture?.(candidate, accepted);
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
   * One event's decision against `step.state`; then the event as the rules annotate it
   * (`step.accepted`), and (if asked) the state with it evolved in (`step.state`). The refusal, or
   * `undefined` when the rules hold. A throw undoes the whole batch.
   */
  private decideOne(
    step: DecidedStep<State, Event>,
    event: Event,
    evolve: boolean,
    undo: (() => void) | undefined,
  ): E.Left<LedgerError> | undefined {
    const { decider } = this.options;
    try {
      const decision = decider.decide(step.state, event);
      if (E.isLeft(decision)) return decision;
      const accepted = decider.annotate ? decider.annotate(step.state, event) : event;
      if (evolve) step.state = decider.evolve(step.state, accepted);
      step.accepted = accepted;
      return undefined;
    } catch (thrown) {
      undo?.();
      throw thrown;
    }
  }

  // Ids recorded before this recorder's last catch-up point are looked up by id: through the
  // store's index from id to revision when it has one (the file store), else by a read of the
  // stream. Only a refused batch asks, to tell a retry of a batch recorded long ago (the rules
  // refuse the same fact twice) from a refusal.
  private async idsAlreadyBefore(until: number | undefined, ids: BatchIds): Promise<boolean> {
    if (until === undefined) return false;
    const found = await findStoredEvents(this.options.store, this.options.streamId, ids.set());
    return found.some((stored) => stored.streamRevision <= until);
  }
}
