import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import type { LedgerError } from '../../error.js';
import { defineEvent } from '../../events/defineEvent.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import type { BookkeepingState } from '../BookkeepingState.js';
import { refusal } from '../refusal.js';
import {
  budgetDecisionFields,
  budgetIntäktSchema,
  budgetRadSchema,
  checkDecidedBeforeYearEnd,
  refuseDuplicateLines,
} from './budgetFields.js';
import { checkDecisionYear } from './checkDecisionYear.js';

/**
 * An ändringsbeslut: the board amended the year's budget. Each line given replaces the
 * line with the same område, post and underpost (or income kind); a line not in the budget
 * is added; `belopp: "0.00"` takes a line's budget away. Needs the year's BudgetFastställd,
 * dated on or after it and after any earlier amendment; not after the year is closed.
 * Reports include it from its `beslutsdatum`. No verifikation.
 */
export const BudgetÄndrad = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'BudgetÄndrad',
    category: 'bokföring',
    schema: z
      .object({
        ...budgetDecisionFields,
        kostnader: z.array(budgetRadSchema).max(1000).default([]),
        intäkter: z.array(budgetIntäktSchema).max(10).default([]),
      })
      .strict()
      .superRefine((data, context) => {
        refuseDuplicateLines(data, context);
        if (data.kostnader.length === 0 && data.intäkter.length === 0) {
          context.addIssue({
            code: 'custom',
            path: ['kostnader'],
            message: 'an ändringsbeslut changes at least one line',
            params: { rule: 'changes-something' },
          });
        }
      }),
    businessDate: (data) => `${data.år}-01-01`,
    description:
      'An ändringsbeslut: the board amended a year’s budget, line by line, from its decision date. Never posted.',
  }),
  posted: false,
  evolve: (state, { data }) => {
    state.budgetDecisionDates.set(data.år, data.beslutsdatum);
  },
  fieldPaths: { date: 'data.år' },
  post: () => [],
  check: (state, { data }) =>
    pipe(
      checkDecidedBeforeYearEnd(data),
      E.chain(() => checkAfterAdoption(state, data)),
      E.chain(() => checkDecisionYear(state, 'BudgetÄndrad', data.år)),
    ),
});

/**
 * An ändringsbeslut needs the year's adopted budget and follows its latest decision in date
 * order.
 */
function checkAfterAdoption(
  state: BookkeepingState,
  data: { readonly år: number; readonly beslutsdatum: string },
): E.Either<LedgerError, void> {
  const { år, beslutsdatum } = data;
  const latest = state.budgetDecisionDates.get(år);
  if (latest === undefined)
    return refusal(
      'BUDGET_NOT_ADOPTED',
      `No budget for ${år} is adopted; an ändringsbeslut needs one (BudgetFastställd)`,
      { path: 'data.år', rule: 'adopted-first', message: `${år} has no adopted budget` },
      { år },
    );
  if (beslutsdatum < latest)
    return refusal(
      'DATES_OUT_OF_ORDER',
      `An ändringsbeslut for ${år} dated ${beslutsdatum} comes before the latest budget decision of ${latest}`,
      {
        path: 'data.beslutsdatum',
        rule: 'after-previous-decision',
        message: `must be on or after ${latest}`,
      },
      { år, latest },
    );
  return E.right(undefined);
}
