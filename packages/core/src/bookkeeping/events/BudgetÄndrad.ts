import { z } from 'zod';
import { defineEvent } from '../../events/defineEvent.js';
import { defineBookkeepingEvent } from '../BookkeepingEventModule.js';
import {
  budgetDecisionFields,
  budgetIntäktSchema,
  budgetRadSchema,
  refuseDuplicateLines,
} from './budgetFields.js';

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
  post: () => [],
});
