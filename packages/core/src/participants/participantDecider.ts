import type { Decider } from '../ledger/Decider.js';
import { participantEventModule, type ParticipantEvent } from './participantCatalog.js';
import { initialParticipantState, type ParticipantDeciderState } from './participantState.js';

export {
  participantDeciderLimits,
  participationOf,
  type ParticipantDeciderState,
  type Participation,
} from './participantState.js';

/**
 * The write-side rules of the participant stream. Each rule is its event's module's
 * `check`, and each change to the state its `evolve`:
 *
 * - a participant is enrolled in an insats once (`PARTICIPANT_ALREADY_ENROLLED`);
 * - only an enrolled participant can be concluded or transferred (`PARTICIPANT_NOT_ENROLLED`),
 *   once (`PARTICIPANT_ALREADY_CONCLUDED`), not before the enrolment (`DATES_OUT_OF_ORDER`);
 * - a goal period starts before it ends, and anonymous participants do not start after
 *   they are registered (`DATES_OUT_OF_ORDER`).
 *
 * Personnummer and malformed data are refused by the catalog's schemas: the recorder
 * validates every event against the catalog before the rules see it (an event handed to it
 * may have been built by hand, and a personnummer must never reach the store), so the rules
 * check only what depends on the participant's history.
 */
export const participantDecider: Decider<ParticipantDeciderState, ParticipantEvent> = {
  initialState: initialParticipantState,
  evolve: (state, event) => participantEventModule(event.type).evolve(state, event),
  decide: (state, event) => participantEventModule(event.type).check(state, event),
};
