import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import {
  isIncomeStatementLine,
  type Chart,
  type StatementLine,
} from '../bookkeeping/ChartOfAccounts.js';
import {
  budgetRadKey,
  type BudgetIntäkt,
  type BudgetRad,
} from '../bookkeeping/events/budgetFields.js';
import type { ÅrsarbetarePerOmråde } from '../bookkeeping/events/PersonalresurserRegistrerade.js';
import type { FörvaltningsberättelseAvsnitt } from '../bookkeeping/events/FörvaltningsberättelseRegistrerad.js';
import { dimensionKey, type Dimensioner, type Verifikation } from '../bookkeeping/Verifikation.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import { ledgerError } from '../error.js';
import { isCalendarDate, yearOf } from '../events/zodFields.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';
import { movementOfLines, noteMovementChange, startBalanceOfLines } from './totalsByLine.js';

/** The figures of a year before the books, as registered (`HistoriskaÅrsuppgifterRegistrerade`). */
export type HistoricalFigures = Extract<
  BookkeepingEvent,
  { type: 'HistoriskaÅrsuppgifterRegistrerade' }
>['data'];

/** The sum of a year's result-statement lines on one account with the same dimensions. */
export interface DimensionTotal {
  readonly konto: string;
  readonly line: StatementLine;
  readonly dimensioner: Dimensioner | undefined;
  /** Σ of the lines, debet positive (costs positive, income negative). */
  belopp: Money;
}

/**
 * A budget decision as recorded: the adoption (`BudgetFastställd`) or an amendment
 * (`BudgetÄndrad`).
 */
export interface BudgetDecision {
  readonly typ: 'BudgetFastställd' | 'BudgetÄndrad';
  readonly beslutsdatum: string;
  readonly beslut: string;
  readonly kostnader: readonly BudgetRad[];
  readonly intäkter: readonly BudgetIntäkt[];
  readonly ingåendeEgetKapital?: string;
}

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
  /**
   * year → the årets resultat its closing event (`RäkenskapsårStängt`) states: what the board
   * adopted, against which the books' result of a closed year is checked
   * ({@link closedYearsWithChangedResult}).
   */
  readonly closingResults: Map<number, Money>;
  /**
   * year → (account + dimensions) → total of the result-statement lines, closing entries
   * left out: what Not 1 and Not 2 are summed from. Memory: years × distinct placements.
   */
  readonly resultByDimension: Map<number, Map<string, DimensionTotal>>;
  /** year → its budget decisions in recorded order. */
  readonly budgets: Map<number, BudgetDecision[]>;
  /** year → average personnel per område (PersonalresurserRegistrerade; the latest wins). */
  readonly staffing: Map<number, ÅrsarbetarePerOmråde>;
  /** year → its förvaltningsberättelse (FörvaltningsberättelseRegistrerad; the latest wins). */
  readonly förvaltningsberättelser: Map<number, readonly FörvaltningsberättelseAvsnitt[]>;
  /**
   * year → the part of eget kapital's movement paid or received in cash, debet positive: in
   * each verifikation that moves both, the equity movement up to the cash moved the other way
   * (see {@link equityMovementInCash}). Only imported verifikationer do (a company's
   * utdelning); the kassaflödesanalys shows it under finansieringsverksamheten.
   */
  readonly equityAgainstCash: Map<number, Money>;
}

/** The projection that gathers {@link LedgerTotals} from posted events. */
export const ledgerTotalsProjection = (
  chart: Chart,
): Projection<PostedEvent<BookkeepingEvent>, LedgerTotals, LedgerTotals> => ({
  name: 'ledgerTotals',
  init: () => ({
    chart,
    openingYear: undefined,
    opening: new Map(),
    movements: new Map(),
    historical: new Map(),
    closedYears: new Set(),
    closingResults: new Map(),
    resultByDimension: new Map(),
    budgets: new Map(),
    staffing: new Map(),
    förvaltningsberättelser: new Map(),
    equityAgainstCash: new Map(),
  }),
  apply(totals, { event, verifikationer }) {
    recordYearFacts(totals, event);
    const isOpening = event.type === 'IngåendeBalansRegistrerad';
    if (isOpening) totals.openingYear = yearOf(event.data.datum);
    for (const verifikation of verifikationer) {
      // Closing entries only move the result into equity, which the balance sheet shows by itself.
      if (verifikation.bokslut !== undefined) continue;
      const target = isOpening ? totals.opening : mapFor(totals.movements, verifikation.år);
      for (const rad of verifikation.rader)
        target.set(rad.konto, (target.get(rad.konto) ?? Money.zero).plus(rad.belopp));
      noteMovementChange(totals, isOpening ? undefined : verifikation.år);
      if (isOpening) continue;
      const movesEquity = addResultByDimension(totals, verifikation);
      if (movesEquity) addEquityAgainstCash(totals, verifikation);
    }
    return totals;
  },
  result: (totals) => totals,
});

/**
 * Keeps the facts about a year that events state without posting: history, closings, staffing,
 * budgets.
 */
function recordYearFacts(totals: LedgerTotals, event: BookkeepingEvent): void {
  if (event.type === 'HistoriskaÅrsuppgifterRegistrerade')
    totals.historical.set(event.data.år, event.data);
  if (event.type === 'RäkenskapsårStängt') {
    totals.closedYears.add(event.data.år);
    totals.closingResults.set(event.data.år, Money.from(event.data.åretsResultat));
  }
  if (event.type === 'PersonalresurserRegistrerade')
    totals.staffing.set(event.data.år, event.data.årsarbetare);
  if (event.type === 'FörvaltningsberättelseRegistrerad')
    totals.förvaltningsberättelser.set(event.data.år, event.data.avsnitt);
  if (event.type === 'BudgetFastställd' || event.type === 'BudgetÄndrad') {
    const { år, beslutsdatum, beslut, kostnader, intäkter } = event.data;
    const assumedEquity =
      event.type === 'BudgetFastställd' ? event.data.ingåendeEgetKapital : undefined;
    const decisions = totals.budgets.get(år) ?? [];
    decisions.push({
      typ: event.type,
      beslutsdatum,
      beslut,
      kostnader,
      intäkter,
      ...(assumedEquity === undefined ? {} : { ingåendeEgetKapital: assumedEquity }),
    });
    totals.budgets.set(år, decisions);
  }
}

/**
 * Adds a verifikation's result-statement lines to the year's totals by account and dimensions;
 * true if a line is on eget kapital. It answers that from the same look at each line's account
 * because replaying the books looks at every line here, and equity lines are rare.
 */
function addResultByDimension(totals: LedgerTotals, verifikation: Verifikation): boolean {
  let movesEquity = false;
  for (const rad of verifikation.rader) {
    const line = totals.chart.account(rad.konto).line;
    if (line === 'eget-kapital') movesEquity = true;
    if (!isIncomeStatementLine(line)) continue;
    const byKey = mapFor(totals.resultByDimension, verifikation.år);
    const key = `${rad.konto}|${dimensionKey(rad.dimensioner)}`;
    const total = byKey.get(key);
    if (total) total.belopp = total.belopp.plus(rad.belopp);
    else
      byKey.set(key, { konto: rad.konto, line, dimensioner: rad.dimensioner, belopp: rad.belopp });
  }
  return movesEquity;
}

/** Adds the verifikation's equity movement paid or received in cash to its year's. */
function addEquityAgainstCash(totals: LedgerTotals, verifikation: Verifikation): void {
  const inCash = equityMovementInCash(totals.chart, verifikation);
  if (inCash.isZero()) return;
  const year = verifikation.år;
  totals.equityAgainstCash.set(
    year,
    (totals.equityAgainstCash.get(year) ?? Money.zero).plus(inCash),
  );
}

/**
 * The part of a verifikation's eget-kapital movement (debet positive) that its
 * kassa-och-bank lines pay or receive: zero unless the two move in opposite directions, and
 * then the equity movement up to the cash. An utdelning of 500 000 (equity debet, bank kredit)
 * gives 500 000; the same with 200 000 left owed gives 300 000, the rest being a debt that the
 * change in short-term liabilities shows.
 */
export function equityMovementInCash(chart: Chart, verifikation: Verifikation): Money {
  let equity = Money.zero;
  let cash = Money.zero;
  for (const rad of verifikation.rader) {
    const line = chart.account(rad.konto).line;
    if (line === 'eget-kapital') equity = equity.plus(rad.belopp);
    else if (line === 'kassa-och-bank') cash = cash.plus(rad.belopp);
  }
  const opposite =
    (equity.isPositive() && cash.isNegative()) || (equity.isNegative() && cash.isPositive());
  if (!opposite) return Money.zero;
  return equity.abs().compare(cash.abs()) <= 0 ? equity : cash.negated();
}

function mapFor<Value>(
  movements: Map<number, Map<string, Value>>,
  year: number,
): Map<string, Value> {
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
  // Loops rather than spreads: every column of every statement asks.
  for (const movementYear of totals.movements.keys()) if (year <= movementYear) return true;
  for (const closed of totals.closedYears) if (year <= closed + 1) return true;
  return year <= first;
}

/** Sum over the accounts of the given statement lines, of a map of account amounts. */
export function sumLines(
  totals: LedgerTotals,
  amounts: ReadonlyMap<string, Money> | undefined,
  lines: readonly StatementLine[],
): Money {
  if (!amounts) return Money.zero;
  let sum = Money.zero;
  for (const [account, amount] of amounts)
    if (lines.includes(totals.chart.account(account).line)) sum = sum.plus(amount);
  return sum;
}

/**
 * Balance (debet positive) of the lines at the start of `year`: the opening balance plus every
 * earlier year's movements.
 */
export function balanceAtStartOf(
  totals: LedgerTotals,
  year: number,
  lines: readonly StatementLine[],
): Money {
  const fromSums = startBalanceOfLines(totals, year, lines);
  if (fromSums !== undefined) return fromSums;
  let balance =
    totals.openingYear !== undefined && totals.openingYear <= year
      ? sumLines(totals, totals.opening, lines)
      : Money.zero;
  for (const [movementYear, amounts] of totals.movements)
    if (movementYear < year) balance = balance.plus(sumLines(totals, amounts, lines));
  return balance;
}

/** The movements of `year` on the lines (debet positive). */
export const yearMovement = (
  totals: LedgerTotals,
  year: number,
  lines: readonly StatementLine[],
): Money =>
  movementOfLines(totals, year, lines) ?? sumLines(totals, totals.movements.get(year), lines);

/** Balance (debet positive) of the lines at the end of `year`. */
export const balanceAtEndOf = (
  totals: LedgerTotals,
  year: number,
  lines: readonly StatementLine[],
): Money => balanceAtStartOf(totals, year, lines).plus(yearMovement(totals, year, lines));

/**
 * The result-statement lines of a year (credit positive, so income is positive and costs negative).
 */
export const yearAmount = (
  totals: LedgerTotals,
  year: number,
  lines: readonly StatementLine[],
): Money => yearMovement(totals, year, lines).negated();

/** The year's result: income minus costs, financial items included. */
export const yearResult = (totals: LedgerTotals, year: number): Money =>
  yearAmount(totals, year, [
    'verksamhetens-intäkter',
    'verksamhetens-kostnader',
    'avskrivningar',
    'finansiella-intäkter',
    'finansiella-kostnader',
  ]);

/** A closed year whose result in the books is not the one its closing event states. */
export interface ChangedClosedYear {
  readonly år: number;
  /** What the closing event states (the result the board adopted). */
  readonly stated: Money;
  /** What the books show now. */
  readonly books: Money;
}

/**
 * The closed years whose result the books no longer show as their closing event states. The
 * rules never book into a closed year, so a difference means events changed or added around
 * them, or posting code that changed: a report of such a year is not the one adopted.
 */
export function closedYearsWithChangedResult(totals: LedgerTotals): ChangedClosedYear[] {
  const changed: ChangedClosedYear[] = [];
  for (const [år, stated] of totals.closingResults) {
    const books = yearResult(totals, år);
    if (!books.equals(stated)) changed.push({ år, stated, books });
  }
  return changed.sort((left, right) => left.år - right.år);
}

/** The first year of the books (the opening year, or the earliest year with postings). */
export function firstLedgerYear(totals: LedgerTotals): number | undefined {
  let first = totals.openingYear;
  for (const year of totals.movements.keys()) if (first === undefined || year < first) first = year;
  return first;
}

/**
 * The budget of a year as in force at a date: every decision dated on or before it, applied in
 * order.
 */
export interface BudgetInForce {
  readonly år: number;
  /** The date the budget is taken at. */
  readonly datum: string;
  /** Cost lines by key `område|post|underpost` (see `budgetRadKey`), in first-adopted order. */
  readonly kostnader: ReadonlyMap<string, BudgetRad>;
  /** Income by kind. */
  readonly intäkter: ReadonlyMap<BudgetIntäkt['slag'], Money>;
  /** The opening equity the budget assumed, if it states one. */
  readonly ingåendeEgetKapital: Money | undefined;
  /** The decisions included, e.g. `Styrelsen 2021-11-24 § 7 (2021-11-24)`. */
  readonly beslut: readonly string[];
}

/**
 * The budget of `year` in force at `datum` (default: the year end; a date that does not
 * exist is refused with `VALIDATION_FAILED` naming `options.budgetDatum`), or `undefined` when
 * no budget was adopted by then. An ändringsbeslut replaces the lines it names; a line
 * set to zero keeps its key with zero (so Not 2 can still show it).
 */
export function budgetInForce(
  totals: LedgerTotals,
  year: number,
  datum = `${year}-12-31`,
): BudgetInForce | undefined {
  if (!isCalendarDate(datum)) {
    throw ledgerError(
      'VALIDATION_FAILED',
      `budgetDatum must be a date YYYY-MM-DD that exists, not ${JSON.stringify(datum)}`,
      {
        issues: [
          {
            path: 'options.budgetDatum',
            rule: 'calendar-date',
            message: 'must be a date YYYY-MM-DD that exists',
          },
        ],
      },
    );
  }
  const decisions = (totals.budgets.get(year) ?? []).filter(
    (decision) => decision.beslutsdatum <= datum,
  );
  if (decisions.length === 0) return undefined;
  const kostnader = new Map<string, BudgetRad>();
  const intäkter = new Map<BudgetIntäkt['slag'], Money>();
  let ingåendeEgetKapital: Money | undefined;
  for (const decision of decisions) {
    for (const rad of decision.kostnader) kostnader.set(budgetRadKey(rad), rad);
    for (const rad of decision.intäkter) intäkter.set(rad.slag, Money.from(rad.belopp));
    if (decision.ingåendeEgetKapital !== undefined)
      ingåendeEgetKapital = Money.from(decision.ingåendeEgetKapital);
  }
  return {
    år: year,
    datum,
    kostnader,
    intäkter,
    ingåendeEgetKapital,
    beslut: decisions.map((decision) => `${decision.beslut} (${decision.beslutsdatum})`),
  };
}

/**
 * The result-statement totals of `year` by account and dimensions (empty for a year without
 * postings).
 */
export const dimensionTotalsOf = (
  totals: LedgerTotals,
  year: number,
): readonly DimensionTotal[] => [...(totals.resultByDimension.get(year)?.values() ?? [])];
