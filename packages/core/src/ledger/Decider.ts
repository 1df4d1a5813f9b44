import type * as E from 'fp-ts/Either';
import type { LedgerError } from '../error.js';
import type { DomainEvent } from './EventCatalog.js';

/**
 * The write-side rules of one stream, as a decider: `evolve` folds recorded events into
 * the state the rules need, `decide` says whether a new event may be recorded given that
 * state. Both are pure.
 */
export interface Decider<State, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(state: State, event: Event): E.Either<LedgerError, void>;
  /**
   * A copy of the state that `evolve` may change without touching the original. Needed
   * when `evolve` updates the state in place (for speed) and a batch of several events is
   * checked: the later events are checked against the earlier ones evolved into a copy.
   */
  clone?(state: State): State;
  /**
   * Saves what `events` can change in `state` and returns what puts it back. With it, a batch
   * is checked against its earlier events evolved into the state itself, and undone when an
   * event is refused or the append fails: cheaper than `clone` when the state is large (it
   * grows with the books) and the batch is small.
   */
  checkpoint?(state: State, events: readonly Event[]): () => void;
  /**
   * What the rules add to an accepted event before it is stored, given the state it was accepted
   * against: the bookkeeping rules give each verifikation its number. Pure. Left out: the event
   * is stored as it is.
   */
  annotate?(state: State, event: Event): Event;
}
