import type { StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import { Money } from '../money/Money.js';
import type { LedgerTotals } from './LedgerTotals.js';

/** Amounts by statement line, with the change they were summed at. */
interface SummedAt {
  readonly changedAt: number;
  /** The opening year the sums counted with (a start balance includes the opening from it). */
  readonly openingYear: number | undefined;
  readonly byLine: ReadonlyMap<StatementLine, Money>;
}

/**
 * The sums by statement line of totals the projection folds: a counter of changes, when each
 * year's movements (and the opening balance) last changed, and each year's movements and the
 * balances at the start of each year asked for, by line, each with the change it was summed at.
 * A report asks for some twenty groups of lines in each of its columns: summed from the accounts
 * each time (and the start balances from every earlier year's accounts), that was most of what
 * deriving a live report's statements cost and allocated per update. By line, a group is a sum of
 * a few amounts, and only a year whose movements changed is summed again.
 */
interface LineSums {
  changes: number;
  openingChangedAt: number;
  readonly yearChangedAt: Map<number, number>;
  readonly movements: Map<number, SummedAt>;
  readonly startBalances: Map<number, SummedAt>;
}

const lineSumsOf = new WeakMap<LedgerTotals, LineSums>();

/**
 * Notes that the movements of `year` (the opening balance: `undefined`) have changed. The
 * projection calls it for every change it makes: totals it never changed (built otherwise, or
 * read from a checkpoint and not folded into since) have no sums by line and are summed from
 * their accounts.
 */
export function noteMovementChange(totals: LedgerTotals, year: number | undefined): void {
  let sums = lineSumsOf.get(totals);
  if (sums === undefined) {
    sums = {
      changes: 0,
      openingChangedAt: 0,
      yearChangedAt: new Map(),
      movements: new Map(),
      startBalances: new Map(),
    };
    lineSumsOf.set(totals, sums);
  }
  sums.changes += 1;
  if (year === undefined) sums.openingChangedAt = sums.changes;
  else sums.yearChangedAt.set(year, sums.changes);
}

/** Adds each account's amount to its statement line's sum. */
function addByLine(
  totals: LedgerTotals,
  byLine: Map<StatementLine, Money>,
  amounts: ReadonlyMap<string, Money>,
): void {
  amounts.forEach((amount, account) => {
    const line = totals.chart.account(account).line;
    byLine.set(line, (byLine.get(line) ?? Money.zero).plus(amount));
  });
}

const isCurrent = (summed: SummedAt | undefined, changedAt: number, totals: LedgerTotals) =>
  summed !== undefined &&
  summed.changedAt === changedAt &&
  summed.openingYear === totals.openingYear;

/** The movements of `year` by line, summed again only after they changed. */
function movementsOf(totals: LedgerTotals, sums: LineSums, year: number): SummedAt {
  const changedAt = sums.yearChangedAt.get(year) ?? 0;
  const cached = sums.movements.get(year);
  if (isCurrent(cached, changedAt, totals)) return cached!;
  const byLine = new Map<StatementLine, Money>();
  const amounts = totals.movements.get(year);
  if (amounts !== undefined) addByLine(totals, byLine, amounts);
  const summed = { changedAt, openingYear: totals.openingYear, byLine };
  sums.movements.set(year, summed);
  return summed;
}

/**
 * The balances at the start of `year` by line (the opening balance from its year on, plus every
 * earlier year's movements), summed again only after a change before the year.
 */
function startBalancesOf(totals: LedgerTotals, sums: LineSums, year: number): SummedAt {
  let changedAt = sums.openingChangedAt;
  sums.yearChangedAt.forEach((at, changedYear) => {
    if (changedYear < year && at > changedAt) changedAt = at;
  });
  const cached = sums.startBalances.get(year);
  if (isCurrent(cached, changedAt, totals)) return cached!;
  const byLine = new Map<StatementLine, Money>();
  if (totals.openingYear !== undefined && totals.openingYear <= year)
    addByLine(totals, byLine, totals.opening);
  for (const movementYear of totals.movements.keys()) {
    if (movementYear >= year) continue;
    movementsOf(totals, sums, movementYear).byLine.forEach((amount, line) =>
      byLine.set(line, (byLine.get(line) ?? Money.zero).plus(amount)),
    );
  }
  const summed = { changedAt, openingYear: totals.openingYear, byLine };
  sums.startBalances.set(year, summed);
  return summed;
}

/** The sum of `lines` (each counted once) of amounts by line. */
function sumOfLines(
  byLine: ReadonlyMap<StatementLine, Money>,
  lines: readonly StatementLine[],
): Money {
  let sum = Money.zero;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const amount = byLine.get(line);
    if (amount !== undefined && lines.indexOf(line) === index) sum = sum.plus(amount);
  }
  return sum;
}

/**
 * The movements of `year` on `lines` (debet positive), from the sums by line; `undefined` for
 * totals without them (see {@link noteMovementChange}).
 */
export function movementOfLines(
  totals: LedgerTotals,
  year: number,
  lines: readonly StatementLine[],
): Money | undefined {
  const sums = lineSumsOf.get(totals);
  return sums === undefined ? undefined : sumOfLines(movementsOf(totals, sums, year).byLine, lines);
}

/**
 * The balance of `lines` at the start of `year` (debet positive), from the sums by line;
 * `undefined` for totals without them (see {@link noteMovementChange}).
 */
export function startBalanceOfLines(
  totals: LedgerTotals,
  year: number,
  lines: readonly StatementLine[],
): Money | undefined {
  const sums = lineSumsOf.get(totals);
  return sums === undefined
    ? undefined
    : sumOfLines(startBalancesOf(totals, sums, year).byLine, lines);
}
