import { z } from 'zod';
import { defineEvent, type DataOf } from '../events/defineEvent.js';
import { calendarDate, financialYear, yearOf } from '../events/zodFields.js';
import { insatsIdField, noteField } from './DeltagareInskriven.js';
import { kön } from './participantVocabulary.js';
import * as E from 'fp-ts/Either';
import { defineParticipantEvent } from './ParticipantEventModule.js';
import { refuseParticipantEvent } from './participantState.js';

/** Limits of anonymous registrations. */
export const anonymousParticipantLimits = { countMax: 10_000 } as const;

const schema = z
  .object({
    insatsId: insatsIdField(),
    datum: calendarDate(),
    startår: financialYear(),
    kön: z.enum(kön),
    antal: z.number().int().min(1).max(anonymousParticipantLimits.countMax),
    anteckning: noteField(),
  })
  .strict();

/**
 * `AnonymaDeltagareRegistrerade`: participants who take part anonymously (only gender and
 * start year known), registered as a count. They carry no id, so they can never be
 * concluded or followed: they count among the participants offered an insats, and nowhere
 * that needs facts they did not give.
 */
export const AnonymaDeltagareRegistrerade = defineParticipantEvent({
  definition: defineEvent({
    type: 'AnonymaDeltagareRegistrerade',
    category: 'deltagare',
    schema,
    businessDate: (data) => data.datum,
    description:
      'A number of anonymous participants (only gender and start year known) took part in an insats. They have no participant id; they count as offered the insats in their start year, and do not appear in the tables that need facts they did not give (referral, support, age, reason for concluding).',
  }),
  // Anonymous participants do not start after they are registered.
  check: (_state, { type, data }) =>
    data.startår > yearOf(data.datum)
      ? refuseParticipantEvent(
          'DATES_OUT_OF_ORDER',
          `AnonymaDeltagareRegistrerade refused: start year ${data.startår} is after ${data.datum}`,
          { path: 'data.startår', rule: 'start-not-after-registration' },
          { type },
        )
      : E.right(undefined),
});

/** The data of {@link AnonymaDeltagareRegistrerade}. */
export type AnonymaDeltagareRegistreradeData = DataOf<
  typeof AnonymaDeltagareRegistrerade.definition
>;
