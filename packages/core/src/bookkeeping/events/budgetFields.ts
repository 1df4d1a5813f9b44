import * as E from 'fp-ts/Either';
import { z } from 'zod';
import type { LedgerError } from '../../error.js';
import { calendarDate, financialYear, freeText } from '../../events/zodFields.js';
import { nonNegativeAmount } from '../../money/zodMoney.js';
import { costPlacementFields } from '../OpenItem.js';
import { refusal } from '../refusal.js';

/** The budget's income kinds: member contributions, ESF, other grants, other income. */
export const budgetIncomeKinds = ['medlemsbidrag', 'esf', 'bidrag', 'övrig'] as const;
/** One of {@link budgetIncomeKinds}: the kind of a budget income line. */
export type BudgetIncomeKind = (typeof budgetIncomeKinds)[number];

/**
 * One cost line of a budget: a Not 2 line (område and post, optionally the underpost),
 * with the amount the board allows for the year.
 */
export const budgetRadSchema = z
  .object({
    område: costPlacementFields.område,
    post: costPlacementFields.post,
    underpost: costPlacementFields.underpost,
    belopp: nonNegativeAmount(),
  })
  .strict();
/**
 * A budget cost line: område, post, optional underpost and the amount (see {@link
 * budgetRadSchema}).
 */
export type BudgetRad = z.output<typeof budgetRadSchema>;

/** One income line of a budget. */
export const budgetIntäktSchema = z
  .object({
    slag: z.enum(budgetIncomeKinds, { error: `must be one of ${budgetIncomeKinds.join(', ')}` }),
    belopp: nonNegativeAmount(),
  })
  .strict();
/** A budget income line: the kind and the amount (see {@link budgetIntäktSchema}). */
export type BudgetIntäkt = z.output<typeof budgetIntäktSchema>;

/** The key of a budget cost line: område|post|underpost. */
export const budgetRadKey = (rad: Pick<BudgetRad, 'område' | 'post' | 'underpost'>): string =>
  `${rad.område}|${rad.post}|${rad.underpost ?? ''}`;

/** Fields every budget decision has: the year, the decision's date and reference. */
export const budgetDecisionFields = {
  år: financialYear(),
  /** The date of the board's decision. */
  beslutsdatum: calendarDate(),
  /** Which decision: meeting and paragraph, e.g. `Styrelsen 2021-11-24 § 7`. */
  beslut: freeText(300),
};

/** Refuses a decision that names the same line twice. */
export function refuseDuplicateLines(
  data: {
    kostnader?: readonly BudgetRad[] | undefined;
    intäkter?: readonly BudgetIntäkt[] | undefined;
  },
  context: z.RefinementCtx,
): void {
  const costKeys = new Set<string>();
  (data.kostnader ?? []).forEach((rad, index) => {
    const key = budgetRadKey(rad);
    if (costKeys.has(key))
      context.addIssue({
        code: 'custom',
        path: ['kostnader', index],
        message: `the line ${key} is named twice`,
        params: { rule: 'one-row-per-line' },
      });
    costKeys.add(key);
  });
  const incomeKinds = new Set<string>();
  (data.intäkter ?? []).forEach((rad, index) => {
    if (incomeKinds.has(rad.slag))
      context.addIssue({
        code: 'custom',
        path: ['intäkter', index],
        message: `the income kind ${rad.slag} is named twice`,
        params: { rule: 'one-row-per-line' },
      });
    incomeKinds.add(rad.slag);
  });
}

/** A budget decision for a year is dated on or before the year's last day. */
export function checkDecidedBeforeYearEnd(data: {
  readonly år: number;
  readonly beslutsdatum: string;
}): E.Either<LedgerError, void> {
  const { år, beslutsdatum } = data;
  if (beslutsdatum <= `${år}-12-31`) return E.right(undefined);
  return refusal(
    'VALIDATION_FAILED',
    `A budget decision for ${år} is dated on or before ${år}-12-31, not ${beslutsdatum}`,
    {
      path: 'data.beslutsdatum',
      rule: 'decided-before-year-end',
      message: `must be on or before ${år}-12-31`,
    },
    { år },
  );
}
