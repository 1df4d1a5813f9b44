import * as E from 'fp-ts/Either';
import { z } from 'zod';
import type { LedgerError } from '../../error.js';
import { defineEvent } from '../../events/defineEvent.js';
import { calendarDate, financialYear, freeText } from '../../events/zodFields.js';
import { Money } from '../../money/Money.js';
import { signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import type { BookkeepingState } from '../BookkeepingState.js';
import { refusal } from '../refusal.js';
import { debet, kredit, type VerifikationDraft } from '../Verifikation.js';

/**
 * The financial year is closed (bokslut): no booking dated in it is accepted after this;
 * a correction found later is booked in the open year. The event states the year's
 * result, which the ledger checks against its own books; it is moved to eget kapital
 * (årets resultat on 31 December, then to balanserat resultat on 1 January). A year can
 * be closed once, and only after the year before it.
 */
export const RäkenskapsårStängt = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'RäkenskapsårStängt',
    category: 'bokföring',
    schema: z
      .object({
        år: financialYear(),
        /** When the year was closed (e.g. the board's decision). */
        datum: calendarDate(),
        åretsResultat: signedAmount(),
        text: freeText().optional(),
      })
      .strict()
      .superRefine((data, context) => {
        if (data.datum < `${data.år}-12-31`) {
          context.addIssue({
            code: 'custom',
            path: ['datum'],
            message: 'a year is closed on or after its last day',
            params: { rule: 'close-after-year-end' },
          });
        }
      }),
    businessDate: (data) => `${data.år}-12-31`,
    description:
      'Closes a financial year: states its result (checked against the books), moves it to eget kapital, and refuses later bookings dated in the year.',
  }),
  fieldPaths: { date: 'data.år', amount: 'data.åretsResultat' },
  check: (state, { data }) => checkClosing(state, data),
  evolve: (state, { data }) => {
    state.closedYears.add(data.år);
  },
  post(data, chart): VerifikationDraft[] {
    const result = Money.from(data.åretsResultat);
    if (result.isZero()) return [];
    return [
      {
        datum: `${data.år}-12-31`,
        text: data.text ?? `Årets resultat ${data.år}`,
        bokslut: 'årets-resultat',
        rader: [
          debet(chart.roles.åretsResultatDisposition, result),
          kredit(chart.roles.åretsResultat, result),
        ],
      },
      {
        datum: `${data.år + 1}-01-01`,
        text: `Omföring av årets resultat ${data.år} till balanserat resultat`,
        bokslut: 'omföring',
        rader: [
          debet(chart.roles.åretsResultat, result),
          kredit(chart.roles.balanseratResultat, result),
        ],
      },
    ];
  },
});

/** A year closes once, after the year before, with the result its books show. */
function checkClosing(
  state: BookkeepingState,
  data: { readonly år: number; readonly åretsResultat: string },
): E.Either<LedgerError, void> {
  const year = data.år;
  const onYear = (rule: string, message: string) => ({ path: 'data.år', rule, message });
  if (state.closedYears.has(year))
    return refusal(
      'YEAR_ALREADY_CLOSED',
      `Financial year ${year} is already closed`,
      onYear('closed-once', `${year} is already closed`),
      { år: year },
    );
  if (state.firstYear === undefined)
    return refusal(
      'OPENING_BALANCE_REQUIRED',
      `Nothing is booked yet; ${year} cannot be closed`,
      onYear('books-started', 'nothing is booked yet'),
      { år: year },
    );
  if (year < state.firstYear)
    return refusal(
      'BEFORE_FIRST_YEAR',
      `${year} is before the ledger's first year ${state.firstYear}`,
      onYear('year-in-ledger', `must be ${state.firstYear} or later`),
      { år: year },
    );
  if (year > state.firstYear && !state.closedYears.has(year - 1))
    return refusal(
      'PREVIOUS_YEAR_NOT_CLOSED',
      `Close ${year - 1} before ${year}`,
      onYear('previous-year-closed', `${year - 1} is not closed yet`),
      { år: year },
    );
  const booked = state.yearResults.get(year) ?? Money.zero;
  if (booked.equals(Money.from(data.åretsResultat))) return E.right(undefined);
  return refusal(
    'YEAR_RESULT_MISMATCH',
    `The books show a result of ${booked.toString()} kr for ${year}, not ${data.åretsResultat}`,
    {
      path: 'data.åretsResultat',
      rule: 'result-of-the-books',
      message: `must be ${booked.toString()}, the result the books show`,
    },
    { år: year, booked: booked.toString(), stated: data.åretsResultat },
  );
}
