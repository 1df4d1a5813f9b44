import * as E from 'fp-ts/Either';
import { assert, ledgerError, type ErrorCode, type LedgerError } from '../error.js';
import { yearOf } from '../events/zodFields.js';
import type { Decider } from '../ledger/Decider.js';
import type { ParticipantEvent } from './participantCatalog.js';

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
function withParticipation(
  state: ParticipantDeciderState,
  key: string,
  participation: Participation,
): ParticipantDeciderState {
  const recent = new Map(state.recent);
  recent.set(key, participation);
  if (recent.size <= participantDeciderLimits.recentEntriesMax)
    return { settled: state.settled, recent };
  const settled = new Map(state.settled);
  for (const [recentKey, value] of recent) settled.set(recentKey, value);
  return { settled, recent: new Map() };
}

const refuse = (
  code: ErrorCode,
  message: string,
  path: string,
  rule: string,
  details: Record<string, unknown>,
): E.Either<LedgerError, void> =>
  E.left(ledgerError(code, message, { issues: [{ path, rule, message }], details }));

function decideEnding(
  state: ParticipantDeciderState,
  data: { deltagareId: string; insatsId: string; datum: string },
  eventType: string,
): E.Either<LedgerError, void> {
  const participation = participationOf(state, data.insatsId, data.deltagareId);
  const details = { type: eventType, deltagareId: data.deltagareId, insatsId: data.insatsId };
  if (participation === undefined) {
    return refuse(
      'PARTICIPANT_NOT_ENROLLED',
      `${eventType} refused: participant ${data.deltagareId} is not enrolled in ${data.insatsId}`,
      'data.deltagareId',
      'enrolled',
      details,
    );
  }
  if (participation.ended !== undefined) {
    return refuse(
      'PARTICIPANT_ALREADY_CONCLUDED',
      `${eventType} refused: participant ${data.deltagareId} already left ${data.insatsId} (${participation.ended.how} on ${participation.ended.on})`,
      'data.deltagareId',
      'concluded-once',
      { ...details, ended: participation.ended },
    );
  }
  if (data.datum < participation.enrolledOn) {
    return refuse(
      'DATES_OUT_OF_ORDER',
      `${eventType} refused: ${data.datum} is before the enrolment on ${participation.enrolledOn}`,
      'data.datum',
      'on-or-after-enrolment',
      { ...details, enrolledOn: participation.enrolledOn, datum: data.datum },
    );
  }
  return E.right(undefined);
}

/**
 * The write-side rules of the participant stream:
 *
 * - a participant is enrolled in an insats once (`PARTICIPANT_ALREADY_ENROLLED`);
 * - only an enrolled participant can be concluded or transferred (`PARTICIPANT_NOT_ENROLLED`),
 *   once (`PARTICIPANT_ALREADY_CONCLUDED`), not before the enrolment (`DATES_OUT_OF_ORDER`);
 * - a goal period starts before it ends, and anonymous participants do not start after
 *   they are registered (`DATES_OUT_OF_ORDER`).
 *
 * Personnummer and malformed data are refused by the catalog's schemas when an event is
 * created; `decide` checks the data against the schema again, because an event handed to
 * the recorder may have been built by hand, and a personnummer must never reach the store.
 */
export const participantDecider: Decider<ParticipantDeciderState, ParticipantEvent> = {
  initialState: () => ({ settled: new Map(), recent: new Map() }),

  evolve(state, event) {
    switch (event.type) {
      case 'DeltagareInskriven':
        return withParticipation(
          state,
          participationKey(event.data.insatsId, event.data.deltagareId),
          { enrolledOn: event.data.datum },
        );
      case 'DeltagareAvslutad':
      case 'DeltagareÖverförd': {
        const participation = participationOf(state, event.data.insatsId, event.data.deltagareId);
        // A decoded stream only holds events the rules allowed; anything else is a bug or tampering.
        assert(participation !== undefined, 'an ending participation was enrolled', {
          eventId: event.eventId,
        });
        const how = event.type === 'DeltagareAvslutad' ? 'avslutad' : 'överförd';
        return withParticipation(
          state,
          participationKey(event.data.insatsId, event.data.deltagareId),
          { ...participation, ended: { how, on: event.data.datum } },
        );
      }
      case 'AnonymaDeltagareRegistrerade':
      case 'InsatsmålSatt':
        return state;
    }
  },

  // The recorder validates every event against the catalog before the rules see it, so the
  // rules check only what depends on the participant's history.
  decide(state, event) {
    switch (event.type) {
      case 'DeltagareInskriven': {
        const participation = participationOf(state, event.data.insatsId, event.data.deltagareId);
        if (participation === undefined) return E.right(undefined);
        return refuse(
          'PARTICIPANT_ALREADY_ENROLLED',
          `DeltagareInskriven refused: participant ${event.data.deltagareId} was already enrolled in ${event.data.insatsId} on ${participation.enrolledOn}`,
          'data.deltagareId',
          'enrolled-once',
          {
            type: event.type,
            deltagareId: event.data.deltagareId,
            insatsId: event.data.insatsId,
            enrolledOn: participation.enrolledOn,
          },
        );
      }
      case 'DeltagareAvslutad':
      case 'DeltagareÖverförd':
        return decideEnding(state, event.data, event.type);
      case 'AnonymaDeltagareRegistrerade':
        if (event.data.startår > yearOf(event.data.datum)) {
          return refuse(
            'DATES_OUT_OF_ORDER',
            `AnonymaDeltagareRegistrerade refused: start year ${event.data.startår} is after ${event.data.datum}`,
            'data.startår',
            'start-not-after-registration',
            {
              type: event.type,
            },
          );
        }
        return E.right(undefined);
      case 'InsatsmålSatt':
        if (event.data.periodFrån > event.data.periodTill) {
          return refuse(
            'DATES_OUT_OF_ORDER',
            `InsatsmålSatt refused: the period starts ${event.data.periodFrån}, after it ends ${event.data.periodTill}`,
            'data.periodTill',
            'period-in-order',
            {
              type: event.type,
            },
          );
        }
        return E.right(undefined);
    }
  },
};
