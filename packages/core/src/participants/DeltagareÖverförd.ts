import { z } from 'zod';
import { defineEvent, type DataOf } from '../events/defineEvent.js';
import { calendarDate } from '../events/zodFields.js';
import { insatsIdField, noteField, participantIdField } from './DeltagareInskriven.js';
import { checkEnding, endParticipation } from './DeltagareAvslutad.js';
import { defineParticipantEvent } from './ParticipantEventModule.js';

const schema = z
  .object({
    deltagareId: participantIdField(),
    insatsId: insatsIdField(),
    datum: calendarDate(),
    tillInsatsId: insatsIdField(),
    anteckning: noteField(),
  })
  .strict()
  .superRefine((data, context) => {
    if (data.tillInsatsId === data.insatsId) {
      context.addIssue({
        code: 'custom',
        path: ['tillInsatsId'],
        message: 'a transfer goes to another insats',
        params: { rule: 'another-insats' },
      });
    }
  });

/**
 * `DeltagareÖverförd`: the insats ended while the participant was still in it, and the
 * participant moved on to a successor insats (as 42 MIA Roslagen participants moved on to
 * MIA Vidare). The participation ends without an avslutsorsak, so the participant is not
 * counted among the concluded; the successor insats records its own enrolment.
 */
export const DeltagareÖverförd = defineParticipantEvent({
  definition: defineEvent({
    type: 'DeltagareÖverförd',
    category: 'deltagare',
    schema,
    businessDate: (data) => data.datum,
    description:
      'An enrolled participant left the insats on `datum` without concluding, because they moved on to the successor insats `tillInsatsId` (for example when a project ends and its extension takes over). Not counted among the concluded (avslutade); the successor insats records its own DeltagareInskriven.',
  }),
  check: (state, event) => checkEnding(state, event),
  evolve: (state, event) => endParticipation(state, event, 'överförd'),
});

/** The data of {@link DeltagareÖverförd}. */
export type DeltagareÖverfördData = DataOf<typeof DeltagareÖverförd.definition>;
