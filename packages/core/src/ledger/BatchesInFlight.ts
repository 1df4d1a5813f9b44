import * as E from 'fp-ts/Either';
import { assert, toLedgerError, type LedgerError } from '../error.js';
import type { AppendResult } from '../store/EventStore.js';
import type { DomainEvent } from './EventCatalog.js';
import type { RecordResult } from './EventRecorder.js';

/**
 * The ids of a batch's events, made into a set when first asked for: a call alone whose catch-up
 * reads nothing new and whose batch the rules accept (nearly every call of a bulk load awaited one
 * by one) never asks, and then costs no set of a hundred strings per batch.
 */
export class BatchIds {
  private made: Set<string> | undefined = undefined;

  constructor(private readonly events: readonly DomainEvent[]) {}

  /** True if an event of the batch has `eventId`. */
  has(eventId: string): boolean {
    return this.set().has(eventId);
  }

  /** The ids, each once. */
  set(): ReadonlySet<string> {
    if (this.made === undefined) {
      this.made = new Set();
      for (let index = 0; index < this.events.length; index += 1)
        this.made.add(this.events[index]!.eventId);
    }
    return this.made;
  }
}

/** What a checkpoint captured at an event of a batch, kept once the batch is stored. */
export interface Captured {
  readonly index: number;
  readonly keep: (revision: number) => void;
}

/**
 * A batch checked: the events as the rules annotated them (`toStore`), the undo when they were
 * evolved into the state, what checkpoints captured on the way; or a retry already in the stream.
 */
export interface Decided<Event> {
  readonly alreadyInStream: boolean;
  readonly undo: (() => void) | undefined;
  readonly toStore: readonly Event[];
  readonly captured: readonly Captured[];
}

/** What a store's append did: its answer, or what it threw. */
export type Appended =
  { readonly result: E.Either<LedgerError, AppendResult> } | { readonly thrown: unknown };

/** What the batches in flight need of the recorder whose calls they are. */
export interface BatchSteps<Event extends DomainEvent> {
  /**
   * True when a batch may be checked while earlier ones are in flight: the decider undoes a
   * batch in place (its `checkpoint`), and a stored batch offers its year closes from what it
   * captured, not from the state (which the later batches have changed by then).
   */
  readonly mayDecideBehind: boolean;
  /** Catches up with the stream, then checks `events`: a call with nothing in flight. */
  decideCaughtUp(
    events: readonly Event[],
    ids: BatchIds,
  ): Promise<E.Either<LedgerError, Decided<Event>>>;
  /**
   * Checks `events` against the state the batches in flight leave, without a catch-up (their
   * events are not all in the stream yet) and without looking for a retry in the stream.
   * `inFlight` holds the events of those batches as they were evolved into the state, oldest
   * first.
   */
  decideBehind(
    events: readonly Event[],
    ids: BatchIds,
    inFlight: readonly (readonly Event[])[],
  ): Promise<E.Either<LedgerError, Decided<Event>>>;
  /** Appends decided batches, in one append, after every batch settled so far. */
  append(decided: readonly Decided<Event>[]): Promise<Appended>;
  /**
   * What a call alone makes of its append: the batch stays in the state only if the append
   * stored it as decided; a conflict with another writer is tried again.
   */
  settle(
    events: readonly Event[],
    decided: Decided<Event>,
    appended: Appended,
    attemptNumber: number,
  ): Promise<E.Either<LedgerError, RecordResult>>;
  /** A whole call with nothing in flight: catch up, check, append, settle. */
  attempt(
    events: readonly Event[],
    attemptNumber: number,
  ): Promise<E.Either<LedgerError, RecordResult>>;
}

/** A call's batch, decided and waiting for its append or being appended. */
interface InFlight<Event> {
  readonly events: readonly Event[];
  readonly decided: Decided<Event>;
  readonly settle: (result: E.Either<LedgerError, RecordResult>) => void;
  /** How many batches entered the appends before it: batches settle in this order. */
  readonly sequence: number;
  /** True once its ids are in `newestBatchOfId`. */
  counted: boolean;
}

/** What a call settles to: never rejected (a throw is a `Left`). */
export type Settled = Promise<E.Either<LedgerError, RecordResult>>;

/**
 * Ids of settled batches that `newestBatchOfId` may keep beyond twice the events in flight before
 * it is rebuilt: each rebuild puts back at most the ids in flight, after at least this many new
 * ones, so it costs less than one insert per event.
 */
const idsKeptBeyondInFlightMax = 4_096;

/** Runs work one piece at a time, in the order it was handed in. */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  run<Value>(work: () => Value | Promise<Value>): Promise<Value> {
    const run = this.last.then(work);
    this.last = run.catch(() => undefined);
    return run;
  }
}

/**
 * The batches of a recorder's calls between their decision and their settling, oldest first.
 * One append is made at a time, once the one before it is acknowledged, with the revision it
 * left; it holds every batch decided meanwhile (so they share its write and fsync), and no
 * store ever sees two appends of one recorder at once, nor a batch after one before it failed.
 * Meanwhile later calls are checked against the state with the batches in flight evolved in. An
 * append that does not store its batches as decided (refused, failed, already stored, thrown)
 * takes every later batch out of the state again, newest first, and each of them is then decided
 * and appended again, one at a time, caught up with the stream, exactly as a call alone: so every
 * call settles as if the calls had run one at a time, in call order.
 */
export class BatchesInFlight<Event extends DomainEvent> {
  private readonly batches: InFlight<Event>[] = [];
  /**
   * Each id of the batches in flight with the `sequence` of the newest batch that holds it (and
   * maybe of batches settled since): an id is in flight if that batch is not older than the
   * oldest in flight, since batches settle in order. A new batch's ids are looked up once each
   * here, not in every batch in flight; nothing is taken out as a batch settles. A batch's ids
   * are put here only once a later call asks (see {@link countIdsInFlight}): calls awaited one by
   * one never do. Emptied when nothing is in flight, and rebuilt when it has grown to hold many
   * more ids than are in flight.
   */
  private readonly newestBatchOfId = new Map<string, number>();
  /** The events of the batches in flight. */
  private eventsInFlight = 0;
  /** How many batches ever entered the appends. */
  private batchesPushed = 0;
  /** Turns on the recorder's state: a decision, a recovery and a catch-up never interleave. */
  private readonly stateTurns = new Turns();
  private appending = false;
  /** Batches of an append of several that failed: each goes alone, in order, before any merges. */
  private appendAloneCount = 0;
  private whenSettled: (() => void)[] = [];

  constructor(
    private readonly steps: BatchSteps<Event>,
    private readonly limits: {
      readonly batchesInFlightMax: number;
      readonly appendedTogetherEventsMax: number;
    },
  ) {}

  /**
   * Decides `events` after every earlier call's batch (behind the batches in flight when it may,
   * else once they are settled) and hands it to the appends; returns once it is decided, with
   * what it settles to. Calls enter one at a time, in call order.
   */
  async enter(events: readonly Event[]): Promise<{ readonly settled: Settled }> {
    await this.fewerThan(this.limits.batchesInFlightMax);
    const ids = new BatchIds(events);
    if (this.mayDecideBehind(events)) {
      const behind = await this.stateTurns.run(() => this.decideBehind(events, ids));
      if (behind !== undefined) return behind;
    }
    await this.fewerThan(1);
    return this.stateTurns.run(async () => {
      const decided = await this.steps.decideCaughtUp(events, ids);
      if (E.isLeft(decided)) return { settled: Promise.resolve(decided) };
      return this.push(events, decided.right);
    });
  }

  /** Runs `work` on the recorder's state once every batch in flight is settled. */
  async whenIdle<Value>(work: () => Promise<Value>): Promise<Value> {
    await this.fewerThan(1);
    return this.stateTurns.run(work);
  }

  /**
   * A batch is checked behind the ones in flight only when each of them can be undone, and none
   * of them has one of its ids: a call that repeats one is a retry, which only a catch-up after
   * them recognises.
   */
  private mayDecideBehind(events: readonly Event[]): boolean {
    if (!this.steps.mayDecideBehind || this.batches.length === 0) return false;
    for (const batch of this.batches) if (batch.decided.undo === undefined) return false;
    this.countIdsInFlight();
    const oldest = this.batches[0]!.sequence;
    for (let index = 0; index < events.length; index += 1) {
      const newest = this.newestBatchOfId.get(events[index]!.eventId);
      if (newest !== undefined && newest >= oldest) return false;
    }
    return true;
  }

  /**
   * Puts in `newestBatchOfId` the ids of every batch in flight not put there yet, oldest first
   * (so a newer batch's sequence wins); first empties it if it holds far more ids than are in
   * flight, the ids of batches long settled.
   */
  private countIdsInFlight(): void {
    if (this.newestBatchOfId.size > 2 * this.eventsInFlight + idsKeptBeyondInFlightMax) {
      this.newestBatchOfId.clear();
      for (const batch of this.batches) batch.counted = false;
    }
    for (const batch of this.batches) {
      if (batch.counted) continue;
      batch.counted = true;
      for (let index = 0; index < batch.events.length; index += 1)
        this.newestBatchOfId.set(batch.events[index]!.eventId, batch.sequence);
    }
  }

  /**
   * Checks `events` behind the batches in flight; `undefined` when they were all settled
   * meanwhile, or the batch is refused or throws: the call is then decided again once nothing
   * is in flight, caught up with the stream, so that a refusal is exactly a call alone's (a retry
   * of stored events, or events another writer stored meanwhile, are recognised only then).
   */
  private async decideBehind(
    events: readonly Event[],
    ids: BatchIds,
  ): Promise<{ readonly settled: Settled } | undefined> {
    if (this.batches.length === 0) return undefined;
    let decided: E.Either<LedgerError, Decided<Event>>;
    try {
      decided = await this.steps.decideBehind(
        events,
        ids,
        this.batches.map((batch) => batch.decided.toStore),
      );
    } catch {
      return undefined;
    }
    if (E.isLeft(decided)) return undefined;
    return this.push(events, decided.right);
  }

  private push(events: readonly Event[], decided: Decided<Event>): { readonly settled: Settled } {
    const settled: Settled = new Promise((settle) =>
      this.batches.push({
        events,
        decided,
        settle,
        sequence: this.batchesPushed,
        counted: false,
      }),
    );
    this.batchesPushed += 1;
    this.eventsInFlight += events.length;
    void this.appendInOrder();
    return { settled };
  }

  /** Appends the batches one after the other while there are any; one loop at a time. */
  private async appendInOrder(): Promise<void> {
    if (this.appending) return;
    this.appending = true;
    try {
      while (this.batches.length > 0) {
        const together = this.batchesToAppendTogether();
        if (together.length > 1) await this.appendTogether(together);
        else await this.appendOldest();
      }
    } finally {
      this.appending = false;
    }
  }

  /** The oldest batch alone: it settles, or everything in flight is recovered. */
  private async appendOldest(): Promise<void> {
    const oldest = this.batches[0]!;
    this.appendAloneCount = Math.max(0, this.appendAloneCount - 1);
    const appended = await this.steps.append([oldest.decided]);
    if (storedAsDecided(oldest.decided, appended))
      this.settleOldest(
        oldest,
        await settledOf(() => this.steps.settle(oldest.events, oldest.decided, appended, 1)),
      );
    else await this.stateTurns.run(() => this.recover(appended));
  }

  /**
   * The batches decided while the append before them was made durable go in one append, so that
   * they share its write and its fsync when the disk is slower than the checking. Stored, each
   * settles with its own revisions, as if appended alone. Not stored (an append is atomic: none
   * of them is), each is appended again alone, in order, as decided: so each gets its own
   * verdict (a refusal of one of them, an error of the store's at that moment), as a call alone.
   */
  private async appendTogether(together: readonly InFlight<Event>[]): Promise<void> {
    const appended = await this.steps.append(together.map((batch) => batch.decided));
    if (
      !('result' in appended) ||
      E.isLeft(appended.result) ||
      appended.result.right.alreadyStored
    ) {
      this.appendAloneCount = together.length;
      return;
    }
    const eventCount = together.reduce((sum, batch) => sum + batch.decided.toStore.length, 0);
    let revision = appended.result.right.nextExpectedRevision - eventCount;
    for (const batch of together) {
      revision += batch.decided.toStore.length;
      const own: Appended = {
        result: E.right({ nextExpectedRevision: revision, alreadyStored: false }),
      };
      this.settleOldest(
        batch,
        await settledOf(() => this.steps.settle(batch.events, batch.decided, own, 1)),
      );
    }
  }

  /**
   * The oldest batch and the ones after it that go in one append with it: each decided as new
   * and undoable, up to `appendedTogetherEventsMax` events; only the oldest after an append of
   * several that failed, until each of those went alone.
   */
  private batchesToAppendTogether(): InFlight<Event>[] {
    const together = [this.batches[0]!];
    if (this.appendAloneCount > 0) return together;
    let eventCount = 0;
    for (const batch of this.batches) {
      eventCount += batch.decided.toStore.length;
      if (batch !== together[0]) {
        if (eventCount > this.limits.appendedTogetherEventsMax) break;
        together.push(batch);
      }
      if (batch.decided.undo === undefined || batch.decided.alreadyInStream) return [together[0]!];
    }
    return together;
  }

  /**
   * The oldest batch's append did not store it as decided: every later batch was checked
   * against it, so each is taken out of the state, newest first (each undo puts back the state
   * it saved, which the ones after it had changed), then the oldest settles as a call alone
   * would, and each later one is decided and appended again, as a call alone, in call order.
   */
  private async recover(appended: Appended): Promise<void> {
    const [oldest, ...later] = this.batches;
    assert(oldest !== undefined, 'a recovery has the batch whose append failed');
    this.appendAloneCount = 0;
    for (let index = later.length - 1; index >= 0; index -= 1) later[index]!.decided.undo?.();
    this.settleOldest(
      oldest,
      await settledOf(() => this.steps.settle(oldest.events, oldest.decided, appended, 1)),
    );
    for (const batch of later)
      this.settleOldest(batch, await settledOf(() => this.steps.attempt(batch.events, 1)));
  }

  private settleOldest(batch: InFlight<Event>, result: E.Either<LedgerError, RecordResult>): void {
    assert(this.batches[0] === batch, 'batches settle in call order');
    this.batches.shift();
    this.eventsInFlight -= batch.events.length;
    if (this.batches.length === 0) this.newestBatchOfId.clear();
    batch.settle(result);
    const waiting = this.whenSettled;
    this.whenSettled = [];
    for (const resume of waiting) resume();
  }

  /** Waits until fewer than `count` batches are in flight. */
  private async fewerThan(count: number): Promise<void> {
    while (this.batches.length >= count)
      await new Promise<void>((resume) => this.whenSettled.push(resume));
  }
}

/**
 * True when the append stored the batch as it was decided: a new batch stored as new, or a call
 * alone's batch without an undo (its state is folded after the append, whatever it answered).
 */
function storedAsDecided<Event>(decided: Decided<Event>, appended: Appended): boolean {
  if (!('result' in appended) || E.isLeft(appended.result)) return false;
  return decided.undo === undefined || !appended.result.right.alreadyStored;
}

async function settledOf(
  work: () => Promise<E.Either<LedgerError, RecordResult>>,
): Promise<E.Either<LedgerError, RecordResult>> {
  try {
    return await work();
  } catch (thrown) {
    return E.left(toLedgerError(thrown));
  }
}
