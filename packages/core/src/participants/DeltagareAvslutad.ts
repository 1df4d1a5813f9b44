import { z } from 'zod';
import { defineEvent, type DataOf } from '../events/defineEvent.js';
import { calendarDate } from '../events/zodFields.js';
import { insatsIdField, noteField, participantIdField } from './DeltagareInskriven.js';
import { avslutsorsak, försörjningEfterAvslut } from './participantVocabulary.js';
import * as E from 'fp-ts/Either';
import { assert, type LedgerError } from '../error.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { defineParticipantEvent } from './ParticipantEventModule.js';
import {
  participationOf,
  refuseParticipantEvent,
  withParticipation,
  type ParticipantDeciderState,
} from './participantState.js';

const schema = z
  .object({
    deltagareId: participantIdField(),
    insatsId: insatsIdField(),
    datum: calendarDate(),
    avslutsorsak: z.enum(avslutsorsak),
    försörjningEfter: z.enum(försörjningEfterAvslut).optional(),
    anteckning: noteField(),
  })
  .strict();

/**
 * `DeltagareAvslutad`: an enrolled participant concluded the insats, once, on or after the
 * enrolment date, for one of the report's reasons (avslutsorsak), with their support after
 * concluding where known.
 */
export const DeltagareAvslutad = defineParticipantEvent({
  definition: defineEvent({
    type: 'DeltagareAvslutad',
    category: 'deltagare',
    schema,
    businessDate: (data) => data.datum,
    description:
      'An enrolled participant concluded (avslutad) the insats on `datum` for a reason: arbete, studier, ordinarie insats hos Arbetsförmedlingen or kommunen (stegförflyttning), fortsatt rehabilitering, sjukdom or övrigt; with the support after concluding where known. Only an enrolled participant can be concluded, once, not before the enrolment.',
  }),
  check: (state, event) => checkEnding(state, event),
  evolve: (state, event) => endParticipation(state, event, 'avslutad'),
});

/** The data of {@link DeltagareAvslutad}. */
export type DeltagareAvslutadData = DataOf<typeof DeltagareAvslutad.definition>;

/** What an ending participation (concluded or transferred) says about itself. */
type EndingEvent = DomainEvent<
  string,
  { readonly deltagareId: string; readonly insatsId: string; readonly datum: string }
>;

/**
 * The rule of a participation's end (DeltagareAvslutad, DeltagareÖverförd): only an enrolled
 * participant leaves, once, not before the enrolment.
 */
export function checkEnding(
  state: ParticipantDeciderState,
  { type, data }: EndingEvent,
): E.Either<LedgerError, void> {
  const participation = participationOf(state, data.insatsId, data.deltagareId);
  const details = { type, deltagareId: data.deltagareId, insatsId: data.insatsId };
  if (participation === undefined)
    return refuseParticipantEvent(
      'PARTICIPANT_NOT_ENROLLED',
      `${type} refused: participant ${data.deltagareId} is not enrolled in ${data.insatsId}`,
      { path: 'data.deltagareId', rule: 'enrolled' },
      details,
    );
  if (participation.ended !== undefined)
    return refuseParticipantEvent(
      'PARTICIPANT_ALREADY_CONCLUDED',
      `${type} refused: participant ${data.deltagareId} already left ${data.insatsId} (${participation.ended.how} on ${participation.ended.on})`,
      { path: 'data.deltagareId', rule: 'concluded-once' },
      { ...details, ended: participation.ended },
    );
  if (data.datum < participation.enrolledOn)
    return refuseParticipantEvent(
      'DATES_OUT_OF_ORDER',
      `${type} refused: ${data.datum} is before the enrolment on ${participation.enrolledOn}`,
      { path: 'data.datum', rule: 'on-or-after-enrolment' },
      { ...details, enrolledOn: participation.enrolledOn, datum: data.datum },
    );
  return E.right(undefined);
}

/** The participation ends: concluded (avslutad) or transferred (överförd) on the event's date. */
export function endParticipation(
  state: ParticipantDeciderState,
  event: EndingEvent,
  how: 'avslutad' | 'överförd',
): ParticipantDeciderState {
  const { insatsId, deltagareId, datum } = event.data;
  const participation = participationOf(state, insatsId, deltagareId);
  // A decoded stream only holds events the rules allowed; anything else is a bug or tampering.
  assert(participation !== undefined, 'an ending participation was enrolled', {
    eventId: event.eventId,
  });
  return withParticipation(state, insatsId, deltagareId, {
    ...participation,
    ended: { how, on: datum },
  });
}
