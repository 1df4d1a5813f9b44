import * as E from 'fp-ts/Either';
import type { LedgerError } from '../error.js';
import type { EventDefinition } from '../events/defineEvent.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import type { ParticipantDeciderState } from './participantState.js';

/**
 * Everything about one participant event, in one file: its definition (schema, business
 * date, meaning), its own write-side rule (`check`) and how it changes the state the rules
 * need (`evolve`). Both are pure; `evolve` returns a new state and never changes the one it
 * is given.
 */
export interface ParticipantEventModule<Type extends string = string, Data = unknown> {
  readonly definition: EventDefinition<Type, Data>;
  check(
    state: ParticipantDeciderState,
    event: DomainEvent<Type, Data>,
  ): E.Either<LedgerError, void>;
  evolve(state: ParticipantDeciderState, event: DomainEvent<Type, Data>): ParticipantDeciderState;
}

/**
 * Declares a participant event module. Left out: no rule of its own (every valid event is
 * accepted) and no change to the state.
 */
export const defineParticipantEvent = <const Type extends string, Data>(module: {
  definition: EventDefinition<Type, Data>;
  check?(
    state: ParticipantDeciderState,
    event: DomainEvent<Type, Data>,
  ): E.Either<LedgerError, void>;
  evolve?(state: ParticipantDeciderState, event: DomainEvent<Type, Data>): ParticipantDeciderState;
}): ParticipantEventModule<Type, Data> => ({
  definition: module.definition,
  check: module.check ?? (() => E.right(undefined)),
  evolve: module.evolve ?? ((state) => state),
});
