import * as E from 'fp-ts/Either';
import type { ErrorCode, LedgerError } from '../error.js';
import type { Decider } from '../ledger/Decider.js';
import type { DomainEvent, EventCatalog } from '../ledger/EventCatalog.js';
import type { Projection } from '../projections/Projection.js';
import { canonicalJson } from '../store/json.js';

/**
 * Thrown when a specification does not hold: names what was expected and what happened.
 * Any test runner reports it as a failed test; `expected` and `actual` are plain values
 * for runners that show a diff.
 */
export class SpecificationError extends Error {
  override readonly name = 'SpecificationError';
  readonly expected: unknown;
  readonly actual: unknown;

  constructor(message: string, expected: unknown, actual: unknown) {
    super(
      `${message}\n  expected: ${JSON.stringify(expected, comparable, 2)}\n  actual:   ${JSON.stringify(actual, comparable, 2)}`,
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** What a decider makes of a new event, as {@link DeciderSpecificationWhen.outcome} reports it. */
export type DeciderOutcome<State, Event, Posting> =
  | {
      readonly accepted: true;
      /** The events recorded: the new event, as validated by the catalog when there is one. */
      readonly events: readonly Event[];
      /** What the event posts (`undefined` without a `post` option). */
      readonly posting: Posting | undefined;
      /** The state after the given events and the new one. */
      readonly state: State;
    }
  | { readonly accepted: false; readonly error: LedgerError };

/** What a specification runs: the decider, and optionally the catalog and the posting. */
export interface DeciderSpecificationOptions<State, Event extends DomainEvent, Posting> {
  readonly decider: Decider<State, Event>;
  /** When given, every event is validated by it first, as the recorder does. */
  readonly catalog?: EventCatalog<Event>;
  /** What recording an event produces beside the event, e.g. its verifikationer. */
  readonly post?: (event: Event) => Posting;
}

/** `given(events)`: the history, folded through the decider. */
export interface DeciderSpecificationGiven<State, Event extends DomainEvent, Posting> {
  /** The next event, checked against the history. */
  when(event: Event): DeciderSpecificationWhen<State, Event, Posting>;
  /**
   * Runs `projection` over the given events and asserts its result equals `expected`
   * (deep equality on plain values: money as its decimal string, maps as entry lists).
   * Returns the result.
   */
  thenProjection<ProjectionState, Result>(
    projection: Projection<Event, ProjectionState, Result>,
    expected: Result,
  ): Result;
  /** The state after the given events. */
  state(): State;
}

/** `given(events).when(event)`: what the decider makes of the new event. */
export interface DeciderSpecificationWhen<State, Event extends DomainEvent, Posting> {
  /** Asserts the event is accepted and records exactly `expected` (type and data). */
  then(expected: readonly Event[]): readonly Event[];
  /** Asserts the event is accepted and posts exactly `expected`. */
  thenPosts(expected: Posting): Posting;
  /**
   * Asserts the event is refused with `code` and, given `fieldPath` (e.g. `data.belopp`),
   * that an issue of the refusal names that field. Returns the error.
   */
  thenRefused(code: ErrorCode, fieldPath?: string): LedgerError;
  /** The outcome without asserting anything, for runners that prefer their own assertions. */
  outcome(): DeciderOutcome<State, Event, Posting>;
}

/** Turns class instances into what a reader compares: money to its string, maps to entries. */
function comparable(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Map) return { entries: [...value] };
  if (value instanceof Set) return { values: [...value] };
  return value;
}

/** Deep equality on plain values, the way {@link SpecificationError} prints them. */
const sameValue = (left: unknown, right: unknown): boolean =>
  canonicalJson(JSON.parse(JSON.stringify(left, comparable) ?? 'null')) ===
  canonicalJson(JSON.parse(JSON.stringify(right, comparable) ?? 'null'));

/**
 * Runs `projection` over `items` and asserts its result equals `expected` as
 * {@link DeciderSpecificationGiven.thenProjection} does; returns the result.
 */
export function projectionHolds<Item, ProjectionState, Result>(
  projection: Projection<Item, ProjectionState, Result>,
  items: Iterable<Item>,
  expected: Result,
): Result {
  let state = projection.init();
  for (const item of items) state = projection.apply(state, item);
  const result = projection.result(state);
  if (!sameValue(result, expected))
    throw new SpecificationError(`${projection.name} gives otherwise`, expected, result);
  return result;
}

function validated<Event extends DomainEvent>(
  catalog: EventCatalog<Event> | undefined,
  event: Event,
): E.Either<LedgerError, Event> {
  return catalog === undefined ? E.right(event) : catalog.validate(event);
}

function specificationWhen<State, Event extends DomainEvent, Posting>(
  options: DeciderSpecificationOptions<State, Event, Posting>,
  history: () => State,
  event: Event,
): DeciderSpecificationWhen<State, Event, Posting> {
  const outcome = (): DeciderOutcome<State, Event, Posting> => {
    const state = history();
    const checked = validated(options.catalog, event);
    if (E.isLeft(checked)) return { accepted: false, error: checked.left };
    const decision = options.decider.decide(state, checked.right);
    if (E.isLeft(decision)) return { accepted: false, error: decision.left };
    const posting = options.post?.(checked.right);
    return {
      accepted: true,
      events: [checked.right],
      posting,
      state: options.decider.evolve(state, checked.right),
    };
  };
  const accepted = () => {
    const result = outcome();
    if (!result.accepted)
      throw new SpecificationError(
        `${event.type} was refused: ${result.error.message}`,
        'accepted',
        result.error.toJSON(),
      );
    return result;
  };
  return {
    outcome,
    then(expected) {
      const { events } = accepted();
      const shape = (list: readonly Event[]) => list.map(({ type, data }) => ({ type, data }));
      if (!sameValue(shape(events), shape(expected)))
        throw new SpecificationError(
          `${event.type} recorded other events`,
          shape(expected),
          shape(events),
        );
      return events;
    },
    thenPosts(expected) {
      const { posting } = accepted();
      if (!sameValue(posting, expected))
        throw new SpecificationError(`${event.type} posted otherwise`, expected, posting);
      return posting as Posting;
    },
    thenRefused(code, fieldPath) {
      const result = outcome();
      if (result.accepted)
        throw new SpecificationError(`${event.type} was accepted`, { refused: code }, 'accepted');
      const { error } = result;
      const namesField =
        fieldPath === undefined || error.issues.some((issue) => issue.path === fieldPath);
      if (error.code !== code || !namesField)
        throw new SpecificationError(
          `${event.type} was refused otherwise: ${error.message}`,
          { code, fieldPath },
          { code: error.code, issues: error.issues },
        );
      return error;
    },
  };
}

/**
 * Given/when/then specifications of a decider, in memory: no store, no runner of its own.
 * `given` folds the history through the decider (each given event must pass the rules, so
 * a history that could never be recorded fails the specification), `when` checks the next
 * event as the recorder would (catalog validation first, when a catalog is given), and the
 * `then…` methods throw a {@link SpecificationError} when the expectation does not hold.
 * They return what they checked, and `outcome()` returns the result without asserting.
 *
 * In the spirit of Emmett's `DeciderSpecification`.
 *
 * @example
 * ```ts
 * import test from 'ava';
 * import { bookkeepingEvent, bookkeepingSpecification } from '@finsam-ledger/core/testing';
 *
 * const spec = bookkeepingSpecification();
 * const opening = bookkeepingEvent('IngåendeBalansRegistrerad', { ... });
 * const refund = (belopp: string) =>
 *   bookkeepingEvent('MomsÅterbetald', { datum: '2021-02-12', period: 'jan', belopp });
 *
 * test('MomsÅterbetald above the receivable is refused', (t) => {
 *   t.notThrows(() =>
 *     spec
 *       .given([opening])
 *       .when(refund('9999.00'))
 *       .thenRefused('VAT_REFUND_EXCEEDS_RECEIVABLE', 'data.belopp'),
 *   );
 * });
 * ```
 */
export const DeciderSpecification = {
  for<State, Event extends DomainEvent, Posting = never>(
    options: DeciderSpecificationOptions<State, Event, Posting>,
  ) {
    const given = (events: readonly Event[]): DeciderSpecificationGiven<State, Event, Posting> => {
      const history = (): State => {
        let state = options.decider.initialState();
        for (const [index, event] of events.entries()) {
          const checked = validated(options.catalog, event);
          const decision = E.isLeft(checked)
            ? checked
            : options.decider.decide(state, checked.right);
          if (E.isLeft(decision))
            throw new SpecificationError(
              `given event ${index} (${event.type}) is refused: ${decision.left.message}`,
              'accepted',
              decision.left.toJSON(),
            );
          state = options.decider.evolve(state, E.isRight(checked) ? checked.right : event);
        }
        return state;
      };
      return {
        when: (event) => specificationWhen(options, history, event),
        state: history,
        thenProjection: (projection, expected) => projectionHolds(projection, events, expected),
      };
    };
    return { given };
  },
};
