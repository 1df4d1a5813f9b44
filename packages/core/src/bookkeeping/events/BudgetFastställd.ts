import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { signedAmount } from '../../money/zodMoney.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
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
 * The board adopted the budget of a year (verksamhetsplan och budget): the cost lines by
 * område and post (the lines of Not 2) and the expected income by kind. Reports compare
 * the outcome with the budget in force at a chosen date (default: the year end), so later
 * ändringsbeslut (`BudgetÄndrad`) are included from their date. One per year; not after
 * the year is closed. No verifikation.
 *
 * `ingåendeEgetKapital` is the opening equity the budget assumed (budgets are made before
 * the previous year is closed); the driftredovisning's budgeted utgående eget kapital is
 * it plus the budgeted result. Without it, the actual opening equity is used.
 */
export const BudgetFastställd = defineBookkeepingEvent({
  definition: defineEvent({
    type: 'BudgetFastställd',
    category: 'bokföring',
    schema: z
      .object({
        ...budgetDecisionFields,
        kostnader: z.array(budgetRadSchema).max(1000),
        intäkter: z.array(budgetIntäktSchema).max(10),
        ingåendeEgetKapital: signedAmount().optional(),
      })
      .strict()
      .superRefine(refuseDuplicateLines),
    // The budget belongs to its year (it may be adopted the year before).
    businessDate: (data) => `${data.år}-01-01`,
    description:
      'The board adopted the budget of a year: cost lines by område and post (Not 2) and income by kind. One per year; amended by BudgetÄndrad. Never posted.',
  }),
  posted: false,
  evolve: (state, { data }) => {
    state.budgetDecisionDates.set(data.år, data.beslutsdatum);
  },
  fieldPaths: { date: 'data.år' },
  post: () => [],
  // Adopted once a year, dated by the year's end, for a year of the ledger that is still open.
  check: (state, { data }) =>
    pipe(
      checkDecidedBeforeYearEnd(data),
      E.chain(() =>
        state.budgetDecisionDates.has(data.år)
          ? refusal(
              'BUDGET_ALREADY_ADOPTED',
              `The budget for ${data.år} was already adopted; change it with an ändringsbeslut (BudgetÄndrad)`,
              { path: 'data.år', rule: 'adopted-once', message: `${data.år} already has a budget` },
              { år: data.år },
            )
          : E.right(undefined),
      ),
      E.chain(() => checkDecisionYear(state, 'BudgetFastställd', data.år)),
    ),
});
