import * as E from 'fp-ts/Either';
import type { ErrorCode, LedgerError } from '../error.js';
import { ledgerError } from '../error.js';

/** Where one participant stands in one insats, as the write-side rules need it. */
export interface Participation {
  readonly enrolledOn: string;
  /** How the participation ended, if it has. */
  readonly ended?: { readonly how: 'avslutad' | 'överförd'; readonly on: string };
}

/**
 * The state the participant rules need: each participation by insats and participant id.
 * Immutable from the outside; {@link participationOf} reads it.
 */
export interface ParticipantDeciderState {
  /** Participations merged into a map that is never changed again (shared between states). */
  readonly settled: ReadonlyMap<string, Participation>;
  /** Participations changed since `settled` was built; copied on every change, so kept small. */
  readonly recent: ReadonlyMap<string, Participation>;
}

/** Limits of the decider state: `recent` is merged into `settled` when it grows past this. */
export const participantDeciderLimits = { recentEntriesMax: 256 } as const;

/** The state before any participant event. */
export const initialParticipantState = (): ParticipantDeciderState => ({
  settled: new Map(),
  recent: new Map(),
});

const participationKey = (insatsId: string, deltagareId: string): string =>
  `${insatsId}\u0000${deltagareId}`;

/** The participation of `deltagareId` in `insatsId`, if enrolled. */
export function participationOf(
  state: ParticipantDeciderState,
  insatsId: string,
  deltagareId: string,
): Participation | undefined {
  const key = participationKey(insatsId, deltagareId);
  return state.recent.get(key) ?? state.settled.get(key);
}

// `evolve` must not change the state it is given: the recorder folds a candidate batch on
// top of the current state and throws the candidate away when a rule refuses. Copying one
// big map per event would make a replay quadratic, so changes go to a small `recent` map
// that is merged into a new `settled` map every `recentEntriesMax` changes.
/** A new state in which `deltagareId`'s participation in `insatsId` is `participation`. */
export function withParticipation(
  state: ParticipantDeciderState,
  insatsId: string,
  deltagareId: string,
  participation: Participation,
): ParticipantDeciderState {
  const recent = new Map(state.recent);
  recent.set(participationKey(insatsId, deltagareId), participation);
  if (recent.size <= participantDeciderLimits.recentEntriesMax)
    return { settled: state.settled, recent };
  const settled = new Map(state.settled);
  for (const [recentKey, value] of recent) settled.set(recentKey, value);
  return { settled, recent: new Map() };
}

/** A refusal of a participant rule, naming the field and the rule. */
export const refuseParticipantEvent = (
  code: ErrorCode,
  message: string,
  field: { readonly path: string; readonly rule: string },
  details: Record<string, unknown>,
): E.Either<LedgerError, never> =>
  E.left(ledgerError(code, message, { issues: [{ ...field, message }], details }));
