import * as E from 'fp-ts/Either';
import { z } from 'zod';
import type { LedgerError } from '../../error.js';
import { defineEvent } from '../../events/defineEvent.js';
import { financialYear, freeText } from '../../events/zodFields.js';
import { openYearOf, type BookkeepingState } from '../BookkeepingState.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import { refusal } from '../refusal.js';

/** One section of the förvaltningsberättelse: its heading and its paragraphs, in order. */
export const förvaltningsberättelseAvsnittSchema = z
  .object({
    /** E.g. `Händelser av väsentlig betydelse` (LKBR 11 kap.), or the förbund's own heading. */
    rubrik: freeText(200),
    /** The paragraphs as the board adopted them; each one line of text, no line breaks. */
    stycken: z
      .array(freeText(10_000))
      .min(1, { error: 'a section has at least one paragraph' })
      .max(200),
  })
  .strict();

/** A section of the förvaltningsberättelse. */
export type FörvaltningsberättelseAvsnitt = z.output<typeof förvaltningsberättelseAvsnittSchema>;

/**
 * The förvaltningsberättelse of a year in the förbund's own words, section by section: what
 * the annual report says beside its figures (organisation and uppdrag, viktiga förhållanden,
 * händelser av väsentlig betydelse, styrning och uppföljning, god ekonomisk hushållning,
 * personal, förväntad utveckling). It is written once the year is done, so a closed year takes
 * one; a later registration for the year replaces the earlier. No verifikation: the figures the
 * report prints beside it (the flerårsöversikt, the guideline checks) come from the books.
 */
export const FörvaltningsberättelseRegistrerad = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'FörvaltningsberättelseRegistrerad',
    category: 'bokföring',
    schema: z
      .object({
        år: financialYear(),
        avsnitt: z
          .array(förvaltningsberättelseAvsnittSchema)
          .min(1, { error: 'a förvaltningsberättelse has at least one section' })
          .max(50),
      })
      .strict(),
    businessDate: (data) => `${data.år}-12-31`,
    description:
      "The förvaltningsberättelse of a year in the förbund's words, section by section (heading and paragraphs), printed before the statements of that year's annual report; a later registration for the year replaces the earlier. Never posted.",
  }),
  posted: false,
  fieldPaths: { date: 'data.år' },
  post: () => [],
  check: (state, { data }) => checkYearStarted(state, data.år),
});

/**
 * A förvaltningsberättelse tells of a year the books have reached, as bookings do: the open year
 * or the next at the latest; a year further on is a mistyped year (2052 for 2025).
 */
function checkYearStarted(state: BookkeepingState, år: number): E.Either<LedgerError, void> {
  const openYear = openYearOf(state);
  if (openYear === undefined || år <= openYear + 1) return E.right(undefined);
  return refusal(
    'YEAR_NOT_YET_OPEN',
    `FörvaltningsberättelseRegistrerad is for ${år}, but the books' open year is ${openYear}: a förvaltningsberättelse tells of a year the books have reached (${openYear + 1} at the latest); check the year`,
    { path: 'data.år', rule: 'year-reached', message: `must be ${openYear + 1} or earlier` },
    { år, öppetÅr: openYear },
  );
}
