import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { financialYear, freeText } from '../../events/zodFields.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { checkDecisionYear } from './checkDecisionYear.js';

/**
 * Årsarbetare (full-time equivalents) as a decimal string: up to three digits, at most two
 * decimals, e.g. `1.5`.
 */
export const årsarbetare = () =>
  z
    .string({ error: 'must be a decimal string such as "1.5" (never a JavaScript number)' })
    .regex(/^\d{1,3}(\.\d{1,2})?$/, {
      error: 'must be a decimal string with at most two decimals, e.g. "7.25"',
    });

/** Average personnel per område; an område left out had none reported ("-" in the overview). */
export const årsarbetarePerOmrådeSchema = z
  .object({
    administrativa: årsarbetare().optional(),
    strukturpåverkande: årsarbetare().optional(),
    operativa: årsarbetare().optional(),
  })
  .strict();

/** Årsarbetare per område. */
export type ÅrsarbetarePerOmråde = z.output<typeof årsarbetarePerOmrådeSchema>;

/**
 * The average personnel resources of a year (genomsnitt antal personalresurser, in
 * helårsekvivalenter) per område: kansliet (administrativa), strukturinsatser and
 * individinsatser (operativa), for the flerårsöversikt. Samordningsförbund usually borrow
 * their staff from the members, so this is reported, not derived from salaries. A later
 * registration for the same year replaces the earlier one. No verifikation.
 */
export const PersonalresurserRegistrerade = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'PersonalresurserRegistrerade',
    category: 'bokföring',
    schema: z
      .object({
        år: financialYear(),
        årsarbetare: årsarbetarePerOmrådeSchema,
        /** Where the figures come from, e.g. the time reports of the lending members. */
        källa: freeText(500).optional(),
      })
      .strict(),
    businessDate: (data) => `${data.år}-12-31`,
    description:
      'The average personnel (årsarbetare) per område for a year, for the flerårsöversikt; a later registration for the year replaces the earlier. Never posted.',
  }),
  posted: false,
  evolve: (state, { data }) => {
    state.staffingYears.add(data.år);
  },
  fieldPaths: { date: 'data.år' },
  post: () => [],
  check: (state, { data }) =>
    checkDecisionYear(
      state,
      'PersonalresurserRegistrerade',
      data.år,
      ' (years before it carry their personnel on HistoriskaÅrsuppgifterRegistrerade)',
    ),
});
