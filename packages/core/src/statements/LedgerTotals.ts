import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { Chart, StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import { yearOf } from '../events/zodFields.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';

type HistoricalFigures = Extract<BookkeepingEvent, { type: 'HistoriskaÅrsuppgifterRegistrerade' }>['data'];

/**
 * What every main statement is computed from: per year and account, the sum of the
 * verifikationer's lines; the opening balance apart; closing entries left out (they only
 * move the result into equity, which the balance sheet shows by itself); and the
 * historical figures of years before the ledger. Memory: years × accounts, whatever the
 * number of events.
 */
export interface LedgerTotals {
  readonly chart: Chart;
  openingYear: number | undefined;
  /** The opening balance's lines by account. */
  readonly opening: Map<string, Money>;
  /** year → account → sum of lines (debet positive). */
  readonly movements: Map<number, Map<string, Money>>;
  readonly historical: Map<number, HistoricalFigures>;
  readonly closedYears: Set<number>;
}

/** The projection that gathers {@link LedgerTotals} from posted events. */
export const ledgerTotalsProjection = (chart: Chart): Projection<PostedEvent<BookkeepingEvent>, LedgerTotals, LedgerTotals> => ({
  name: 'ledgerTotals',
  init: () => ({ chart, openingYear: undefined, opening: new Map(), movements: new Map(), historical: new Map(), closedYears: new Set() }),
  apply(totals, { event, verifikationer }) {
    if (event.type === 'HistoriskaÅrsuppgifterRegistrerade') totals.historical.set(event.data.år, event.data);
    if (event.type === 'RäkenskapsårStängt') totals.closedYears.add(event.data.år);
    const isOpening = event.type === 'IngåendeBalansRegistrerad';
    if (isOpening) totals.openingYear = yearOf(event.data.datum);
    for (const verifikation of verifikationer) {
      if (verifikation.bokslut !== undefined) continue;
      const target = isOpening ? totals.opening : mapFor(totals.movements, verifikation.år);
      for (const rad of verifikation.rader) target.set(rad.konto, (target.get(rad.konto) ?? Money.zero).plus(rad.belopp));
    }
    return totals;
  },
  result: (totals) => totals,
});

function mapFor(movements: Map<number, Map<string, Money>>, year: number): Map<string, Money> {
  let map = movements.get(year);
  if (!map) {
    map = new Map();
    movements.set(year, map);
  }
  return map;
}

/**
 * True if the books cover `year`: from the ledger's first year up to the last year with a
 * posting, or the year after the last closed one. Such a year's statements come from the
 * books (zero where nothing was booked); earlier years come from historical figures.
 */
export function coversYear(totals: LedgerTotals, year: number): boolean {
  const first = firstLedgerYear(totals);
  if (first === undefined || year < first) return false;
  const last = Math.max(first, ...totals.movements.keys(), ...[...totals.closedYears].map((closed) => closed + 1));
  return year <= last;
}

/** Sum over the accounts of the given statement lines, of a map of account amounts. */
export function sumLines(totals: LedgerTotals, amounts: ReadonlyMap<string, Money> | undefined, lines: readonly StatementLine[]): Money {
  if (!amounts) return Money.zero;
  let sum = Money.zero;
  for (const [account, amount] of amounts) if (lines.includes(totals.chart.account(account).line)) sum = sum.plus(amount);
  return sum;
}

/** Balance (debet positive) of the lines at the start of `year`: the opening balance plus every earlier year's movements. */
export function balanceAtStartOf(totals: LedgerTotals, year: number, lines: readonly StatementLine[]): Money {
  let balance = totals.openingYear !== undefined && totals.openingYear <= year ? sumLines(totals, totals.opening, lines) : Money.zero;
  for (const [movementYear, amounts] of totals.movements) if (movementYear < year) balance = balance.plus(sumLines(totals, amounts, lines));
  return balance;
}

/** Balance (debet positive) of the lines at the end of `year`. */
export const balanceAtEndOf = (totals: LedgerTotals, year: number, lines: readonly StatementLine[]): Money =>
  balanceAtStartOf(totals, year, lines).plus(sumLines(totals, totals.movements.get(year), lines));

/** The result-statement lines of a year (credit positive, so income is positive and costs negative). */
export const yearAmount = (totals: LedgerTotals, year: number, lines: readonly StatementLine[]): Money => sumLines(totals, totals.movements.get(year), lines).negated();

/** The year's result: income minus costs, financial items included. */
export const yearResult = (totals: LedgerTotals, year: number): Money =>
  yearAmount(totals, year, ['verksamhetens-intäkter', 'verksamhetens-kostnader', 'avskrivningar', 'finansiella-intäkter', 'finansiella-kostnader']);

/** The first year of the books (the opening year, or the earliest year with postings). */
export function firstLedgerYear(totals: LedgerTotals): number | undefined {
  const years = [...totals.movements.keys(), ...(totals.openingYear === undefined ? [] : [totals.openingYear])];
  return years.length === 0 ? undefined : Math.min(...years);
}
