import { z } from 'zod';
import { defineEvent, type DataOf } from '../events/defineEvent.js';
import { calendarDate } from '../events/zodFields.js';
import { insatsIdField, noteField, participantIdField } from './DeltagareInskriven.js';
import { avslutsorsak, försörjningEfterAvslut } from './participantVocabulary.js';

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
export const DeltagareAvslutad = defineEvent({
  type: 'DeltagareAvslutad',
  category: 'deltagare',
  schema,
  businessDate: (data) => data.datum,
  description:
    'An enrolled participant concluded (avslutad) the insats on `datum` for a reason: arbete, studier, ordinarie insats hos Arbetsförmedlingen or kommunen (stegförflyttning), fortsatt rehabilitering, sjukdom or övrigt; with the support after concluding where known. Only an enrolled participant can be concluded, once, not before the enrolment.',
});

/** The data of {@link DeltagareAvslutad}. */
export type DeltagareAvslutadData = DataOf<typeof DeltagareAvslutad>;
