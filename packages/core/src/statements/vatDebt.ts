import type { StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import { Money } from '../money/Money.js';
import type { LedgerTotals } from './LedgerTotals.js';

/**
 * One rule: a negative VAT balance at a year end is a debt.
 *
 * The VAT account (chart role `momsfordran`, BAS 1650) holds the ingående moms the förbund gets
 * back from Skatteverket (lag (2005:807) om ersättning för viss mervärdesskatt för kommuner,
 * regioner, kommunalförbund och samordningsförbund). A refund never exceeds it
 * (`VAT_REFUND_EXCEEDS_RECEIVABLE`), but after a refund of all that was receivable a supplier's
 * credit note, or a correction of a cost whose VAT was refunded, takes it below zero: the förbund
 * then owes that VAT back. At a year end such a balance is not a negative receivable; it is a
 * short-term debt. The balansräkning moves it from the VAT account's line (normally Övriga
 * fordringar) to Övriga kortfristiga skulder, Not 3 shows no momsfordran for it and Not 4 a
 * `momsskuld` row, and the kassaflödesanalys's changes in receivables and in short-term debts use
 * the moved figures (the year's cash flow is the same). Every statement reads the rule here.
 */

/** The receivable lines a VAT debt is moved from: those Not 3 and the kassaflödesanalys sum. */
const receivableLines: readonly StatementLine[] = [
  'kundfordringar',
  'förutbetalda-kostnader-upplupna-intäkter',
  'övriga-fordringar',
];

/**
 * The balansräkning line a VAT debt is moved from: the VAT account's line when it is a receivable
 * line, else undefined (a chart that keeps the VAT account on a debt line shows a debt there
 * already, and nothing is moved).
 */
export function vatDebtLine(totals: Pick<LedgerTotals, 'chart'>): StatementLine | undefined {
  const { line } = totals.chart.account(totals.chart.roles.momsfordran);
  return receivableLines.includes(line) ? line : undefined;
}

/** The debt a balance of the VAT account is (debet positive): its negation when below zero. */
export const vatDebtOfBalance = (balance: Money): Money =>
  balance.isNegative() ? balance.negated() : Money.zero;

/** The VAT account's balance (debet positive) after the opening and the years before `year`. */
function vatBalanceAtStartOf(totals: LedgerTotals, year: number): Money {
  const account = totals.chart.roles.momsfordran;
  let balance =
    totals.openingYear !== undefined && totals.openingYear <= year
      ? (totals.opening.get(account) ?? Money.zero)
      : Money.zero;
  for (const [movementYear, amounts] of totals.movements)
    if (movementYear < year) balance = balance.plus(amounts.get(account) ?? Money.zero);
  return balance;
}

/**
 * The VAT debt to Skatteverket at the end of `year` (positive, or zero): the VAT account's
 * balance negated when it is below zero and the account feeds a receivable line (see
 * {@link vatDebtLine}). The balansräkning shows it under övriga kortfristiga skulder, not as a
 * negative receivable.
 */
export function vatDebtAtEndOf(totals: LedgerTotals, year: number): Money {
  if (vatDebtLine(totals) === undefined) return Money.zero;
  const account = totals.chart.roles.momsfordran;
  const movement = totals.movements.get(year)?.get(account) ?? Money.zero;
  return vatDebtOfBalance(vatBalanceAtStartOf(totals, year).plus(movement));
}

/** The VAT debt at the start of `year` (after the opening balance): see {@link vatDebtAtEndOf}. */
export function vatDebtAtStartOf(totals: LedgerTotals, year: number): Money {
  if (vatDebtLine(totals) === undefined) return Money.zero;
  return vatDebtOfBalance(vatBalanceAtStartOf(totals, year));
}
