import { medlemskategorier } from '../bookkeeping/ChartOfAccounts.js';
import { assert } from '../error.js';
import { kronorText as kr } from './kronorText.js';
import { Money } from '../money/Money.js';
import { balanceColumn, totalEquity } from './Balansräkning.js';
import { columnSourceOf, isFromHistory } from './fromBooksOrHistory.js';
import {
  balanceAtStartOf,
  budgetInForce,
  coversYear,
  type BudgetInForce,
  type LedgerTotals,
} from './LedgerTotals.js';
import { incomeTotalsOf, not1LineOf } from './Not1Intäkter.js';
import { incomeColumn } from './Resultaträkning.js';
import type { ColumnSource, Statement, StatementColumn, StatementRow } from './Statement.js';

/** Options of {@link driftredovisning}. */
export interface DriftredovisningOptions {
  /**
   * The budget is taken as in force at this date (`YYYY-MM-DD`, default the year end):
   * ändringsbeslut dated later are left out. A date that is malformed or does not exist throws
   * `VALIDATION_FAILED`.
   */
  readonly budgetDatum?: string;
}

/**
 * The figures of one column of the driftredovisning; `null` where the source does not give them.
 */
interface DriftColumn {
  readonly source: ColumnSource;
  /** Verksamhetens kostnader, positive. */
  readonly nettokostnad: Money;
  readonly medlemsavgift: Money | null;
  readonly externFinansiering: Money | null;
  readonly resultat: Money;
  readonly utgåendeEgetKapital: Money | null;
  /** Financial items and depreciation (credit positive) included in the result. */
  readonly övrigtIResultat: Money;
}

/** The outcome of a year: from the books, or from historical figures (without the income split). */
function outcomeColumn(totals: LedgerTotals, year: number): DriftColumn | undefined {
  const income = incomeColumn(totals, year);
  if (income === undefined) return undefined;
  const balance = balanceColumn(totals, year);
  const övrigtIResultat = Money.sum([
    income.avskrivningar,
    income.finansiellaIntäkter,
    income.finansiellaKostnader,
  ]);
  const resultat = Money.sum([income.intäkter, income.kostnader, övrigtIResultat]);
  // The historical figures give the income as one sum: the split is not known.
  const medlemsavgift = income.source === 'bokföring' ? memberContributions(totals, year) : null;
  return {
    source: income.source,
    nettokostnad: income.kostnader.negated(),
    medlemsavgift,
    externFinansiering: medlemsavgift === null ? null : income.intäkter.minus(medlemsavgift),
    resultat,
    utgåendeEgetKapital: balance === undefined ? null : totalEquity(balance),
    övrigtIResultat,
  };
}

/**
 * The member contributions booked in `year`: income lines with a medlem, and income booked
 * without a source on a contribution account or with a medlemskategori.
 */
function memberContributions(totals: LedgerTotals, year: number): Money {
  const contributionAccounts = new Set(
    medlemskategorier.map((kategori) => totals.chart.contributionAccount(kategori)),
  );
  let medlemsavgift = Money.zero;
  for (const { total, belopp } of incomeTotalsOf(totals, year)) {
    const line = not1LineOf(totals.chart, total.konto, total.dimensioner);
    const isContribution =
      line.group === 'medlem' ||
      (line.group === 'utan-specifikation' &&
        (total.dimensioner?.medlemskategori !== undefined ||
          contributionAccounts.has(total.konto)));
    if (isContribution) medlemsavgift = medlemsavgift.plus(belopp);
  }
  return medlemsavgift;
}

/**
 * Eget kapital at the start of `year`: the end of the year before (books or historical figures), or
 * the opening balance's.
 */
function openingEquity(totals: LedgerTotals, year: number): Money | undefined {
  const before = balanceColumn(totals, year - 1);
  if (before !== undefined) return totalEquity(before);
  return coversYear(totals, year)
    ? balanceAtStartOf(totals, year, ['eget-kapital']).negated()
    : undefined;
}

/**
 * The budget's figures: costs and income as adopted and amended, the result they give, and the
 * equity it leads to.
 */
function budgetColumn(totals: LedgerTotals, year: number, budget: BudgetInForce): DriftColumn {
  const nettokostnad = Money.sum(
    [...budget.kostnader.values()].map((rad) => Money.from(rad.belopp)),
  );
  const intäkt = (slag: 'medlemsbidrag' | 'esf' | 'bidrag' | 'övrig') =>
    budget.intäkter.get(slag) ?? Money.zero;
  const medlemsavgift = intäkt('medlemsbidrag');
  const externFinansiering = Money.sum([intäkt('esf'), intäkt('bidrag'), intäkt('övrig')]);
  const resultat = medlemsavgift.plus(externFinansiering).minus(nettokostnad);
  const ingående = budget.ingåendeEgetKapital ?? openingEquity(totals, year);
  return {
    source: 'bokföring',
    nettokostnad,
    medlemsavgift,
    externFinansiering,
    resultat,
    utgåendeEgetKapital: ingående === undefined ? null : ingående.plus(resultat),
    övrigtIResultat: Money.zero,
  };
}

/**
 * Driftredovisning for `year`: outcome against budget and the year before, as the
 * årsredovisning prints it. Rows: `nettokostnad` (verksamhetens kostnader, positive),
 * `medlemsavgift` (member contributions: income lines with a medlem, or on a contribution
 * account), `extern-finansiering` (every other verksamhetens intäkt: ESF, grants, other
 * income), `resultat` (årets resultat: medlemsavgift + extern finansiering − nettokostnad,
 * plus financial items and depreciation, noted when there are any) and
 * `utgående-eget-kapital` (summa eget kapital of the balansräkning at year end).
 *
 * Columns: utfall `year`; the budget in force at `budgetDatum` (default the year end;
 * nettokostnad = the budget's cost lines, medlemsavgift = its `medlemsbidrag`, extern
 * finansiering = `esf` + `bidrag` + `övrig`, utgående eget kapital = the budget's
 * `ingåendeEgetKapital`, or else the actual opening equity, plus the budgeted result);
 * avvikelse = utfall − budget (as the 2022 report heads it); utfall `year − 1`. A year
 * before the books takes nettokostnad, resultat and (if known) eget kapital from
 * historical figures; the income split is then `null`. Without a budget the budget and
 * avvikelse columns are `null` (source `saknas`). `notes` state the sign convention and
 * the budget decisions used.
 */
export function driftredovisning(
  totals: LedgerTotals,
  year: number,
  options: DriftredovisningOptions = {},
): Statement {
  const budgetDatum = options.budgetDatum ?? `${year}-12-31`;
  const budget = budgetInForce(totals, year, budgetDatum);
  const columns: DriftColumns = {
    actual: outcomeColumn(totals, year),
    planned: budget === undefined ? undefined : budgetColumn(totals, year, budget),
    previous: outcomeColumn(totals, year - 1),
  };
  assertLinesAddUp(columns.actual, year);
  return {
    name: 'Driftredovisning',
    year,
    columns: driftColumns(columns, year, budget, budgetDatum),
    rows: driftRows(columns),
    notes: driftNotes(columns, year, budget, budgetDatum),
  };
}

/** The three columns of figures: utfall, budget and the year before (avvikelse is computed). */
interface DriftColumns {
  readonly actual: DriftColumn | undefined;
  readonly planned: DriftColumn | undefined;
  readonly previous: DriftColumn | undefined;
}

function driftRows({ actual, planned, previous }: DriftColumns): StatementRow[] {
  const row = (
    key: string,
    label: string,
    kind: StatementRow['kind'],
    pick: (column: DriftColumn) => Money | null,
  ): StatementRow => {
    const [utfall, budgetAmount, before] = [actual, planned, previous].map((column) =>
      column === undefined ? null : pick(column),
    ) as [Money | null, Money | null, Money | null];
    return {
      key,
      label,
      kind,
      amounts: [
        utfall,
        budgetAmount,
        utfall !== null && budgetAmount !== null ? utfall.minus(budgetAmount) : null,
        before,
      ],
    };
  };
  return [
    row('nettokostnad', 'Nettokostnad', 'line', (column) => column.nettokostnad),
    row('medlemsavgift', 'Medlemsavgift', 'line', (column) => column.medlemsavgift),
    row(
      'extern-finansiering',
      'Extern finansiering',
      'line',
      (column) => column.externFinansiering,
    ),
    row('resultat', 'Resultat', 'total', (column) => column.resultat),
    row(
      'utgående-eget-kapital',
      'Utgående eget kapital',
      'line',
      (column) => column.utgåendeEgetKapital,
    ),
  ];
}

/**
 * Asserts that medlemsavgift + extern finansiering − nettokostnad (+ financial items) is årets
 * resultat.
 */
function assertLinesAddUp(actual: DriftColumn | undefined, year: number): void {
  if (actual === undefined || actual.medlemsavgift === null || actual.externFinansiering === null)
    return;
  const sum = actual.medlemsavgift
    .plus(actual.externFinansiering)
    .minus(actual.nettokostnad)
    .plus(actual.övrigtIResultat);
  assert(sum.equals(actual.resultat), 'the driftredovisning’s lines add up to årets resultat', {
    year,
    lines: sum.toString(),
    resultat: actual.resultat.toString(),
  });
}

function driftColumns(
  { actual, planned, previous }: DriftColumns,
  year: number,
  budget: BudgetInForce | undefined,
  budgetDatum: string,
): StatementColumn[] {
  const amended = budget !== undefined && budget.beslut.length > 1 ? ' (inkl. ändringsbeslut)' : '';
  const per = budgetDatum === `${year}-12-31` ? '' : ` per ${budgetDatum}`;
  return [
    { year, kind: 'utfall', label: `Utfall jan–dec ${year}`, source: columnSourceOf(actual) },
    {
      year,
      kind: 'budget',
      label: `Budget jan–dec ${year}${amended}${per}`,
      source: columnSourceOf(planned),
    },
    {
      year,
      kind: 'avvikelse',
      label: 'Avvikelse utfall − budget',
      source: planned === undefined ? 'saknas' : columnSourceOf(actual),
    },
    {
      year: year - 1,
      kind: 'jämförelseår',
      label: `Utfall jan–dec ${year - 1}`,
      source: columnSourceOf(previous),
    },
  ];
}

function driftNotes(
  { actual, previous }: DriftColumns,
  year: number,
  budget: BudgetInForce | undefined,
  budgetDatum: string,
): string[] {
  const budgetEquity =
    budget?.ingåendeEgetKapital === undefined
      ? 'faktiskt ingående eget kapital'
      : `budgetens ingående eget kapital ${kr(budget.ingåendeEgetKapital)}`;
  return [
    'Avvikelse = utfall − budget: för nettokostnad är ett negativt belopp en kostnad under budget; för medlemsavgift, extern finansiering, resultat och eget kapital är ett positivt belopp bättre än budget.',
    'Nettokostnad är verksamhetens kostnader (Not 2) som positivt belopp; medlemsavgift och extern finansiering är tillsammans verksamhetens intäkter (Not 1).',
    ...[actual, previous].flatMap((column, index) =>
      column !== undefined && !column.övrigtIResultat.isZero()
        ? [
            `${year - index}: resultatet är årets resultat och inkluderar finansiella poster och avskrivningar, netto ${kr(column.övrigtIResultat)}.`,
          ]
        : [],
    ),
    budget === undefined
      ? `Ingen budget för ${year} fastställd per ${budgetDatum}.`
      : `Budget i kraft ${budgetDatum}: ${budget.beslut.join('; ')}. Budgeterat utgående eget kapital = ${budgetEquity} + budgeterat resultat.`,
    ...[actual, previous].flatMap((column, index) =>
      isFromHistory(column)
        ? [
            `${year - index}: historiska uppgifter; fördelningen mellan medlemsavgift och extern finansiering är inte känd.`,
          ]
        : [],
    ),
  ];
}
