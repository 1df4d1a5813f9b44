import { z } from 'zod';
import { defineEvent, type DataOf } from '../events/defineEvent.js';
import { calendarDate, freeText, identifier } from '../events/zodFields.js';
import {
  anvisadFrån,
  försörjningVidInskrivning,
  kön,
  tidIOffentligFörsörjning,
  åldersband,
} from './participantVocabulary.js';
import * as E from 'fp-ts/Either';
import { defineParticipantEvent } from './ParticipantEventModule.js';
import { participationOf, refuseParticipantEvent, withParticipation } from './participantState.js';

/** Limits of participant fields. */
export const participantFieldLimits = {
  participantIdLengthMax: 64,
  insatsIdLengthMax: 100,
  municipalityLengthMax: 100,
  noteLengthMax: 500,
  birthYearMin: 1900,
  birthYearMax: 2200,
} as const;

/** The pseudonymous participant id: an identifier chosen by the förbund, never a personnummer. */
export const participantIdField = () => identifier(participantFieldLimits.participantIdLengthMax);
/** The insats (intervention) id, e.g. `mia-roslagen`. */
export const insatsIdField = () => identifier(participantFieldLimits.insatsIdLengthMax);
/** An optional free-text note. Discouraged: it must never hold a name or a personnummer. */
export const noteField = () => freeText(participantFieldLimits.noteLengthMax).optional();

const schema = z
  .object({
    deltagareId: participantIdField(),
    insatsId: insatsIdField(),
    datum: calendarDate(),
    kön: z.enum(kön),
    åldersband: z.enum(åldersband).optional(),
    födelseår: z
      .number()
      .int()
      .min(participantFieldLimits.birthYearMin)
      .max(participantFieldLimits.birthYearMax)
      .optional(),
    anvisadFrån: z.enum(anvisadFrån),
    försörjningVidInskrivning: z.enum(försörjningVidInskrivning),
    tidIOffentligFörsörjning: z.enum(tidIOffentligFörsörjning),
    hemkommun: freeText(participantFieldLimits.municipalityLengthMax).optional(),
    anteckning: noteField(),
  })
  .strict()
  .superRefine((data, context) => {
    if (data.åldersband !== undefined && data.födelseår !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['födelseår'],
        message: 'give an age band or a birth year, not both: the less precise one is stored',
        params: { rule: 'age-band-or-birth-year' },
      });
    }
    if (data.födelseår !== undefined && data.födelseår > Number(data.datum.slice(0, 4))) {
      context.addIssue({
        code: 'custom',
        path: ['födelseår'],
        message: 'the birth year is after the enrolment',
        params: { rule: 'birth-year-before-enrolment' },
      });
    }
  });

/**
 * `DeltagareInskriven`: a participant was enrolled in an insats. The participant is known
 * only by a pseudonymous id; what is stored is what the statistics of the annual report
 * need and nothing more: gender, age (as a band, or a birth year), who referred them, their
 * primary support and time on public support at enrolment, and their home municipality.
 */
export const DeltagareInskriven = defineParticipantEvent({
  definition: defineEvent({
    type: 'DeltagareInskriven',
    category: 'deltagare',
    schema,
    businessDate: (data) => data.datum,
    description:
      'A participant was enrolled (inskriven) in an insats on `datum`. Carries a pseudonymous participant id (never a personnummer or a name), gender, age band or birth year, who referred the participant (anvisad från), primary support at enrolment, time on public support and home municipality: the facts the Bilaga 1 statistics need.',
  }),
  // A participant is enrolled in an insats once.
  check(state, { type, data }) {
    const participation = participationOf(state, data.insatsId, data.deltagareId);
    if (participation === undefined) return E.right(undefined);
    return refuseParticipantEvent(
      'PARTICIPANT_ALREADY_ENROLLED',
      `DeltagareInskriven refused: participant ${data.deltagareId} was already enrolled in ${data.insatsId} on ${participation.enrolledOn}`,
      { path: 'data.deltagareId', rule: 'enrolled-once' },
      {
        type,
        deltagareId: data.deltagareId,
        insatsId: data.insatsId,
        enrolledOn: participation.enrolledOn,
      },
    );
  },
  evolve: (state, { data }) =>
    withParticipation(state, data.insatsId, data.deltagareId, { enrolledOn: data.datum }),
});

/** The data of {@link DeltagareInskriven}. */
export type DeltagareInskrivenData = DataOf<typeof DeltagareInskriven.definition>;
