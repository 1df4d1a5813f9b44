import Big from 'big.js';
import { områden, type Område } from '../bookkeeping/ChartOfAccounts.js';
import type { ÅrsarbetarePerOmråde } from '../bookkeeping/events/PersonalresurserRegistrerade.js';
import { ledgerError } from '../error.js';
import { Money } from '../money/Money.js';
import { columnSourceOf } from './fromBooksOrHistory.js';
import type { LedgerTotals } from './LedgerTotals.js';
import { incomeColumn, åretsResultat } from './Resultaträkning.js';
import type { Statement, StatementColumn, StatementRow } from './Statement.js';

/** Options of {@link flerårsöversikt}. */
export interface FlerårsöversiktOptions {
  /**
   * How many years, the report's year first (default 6, as the 2022 report; at least 5, as the
   * law's five-year overview).
   */
  readonly years?: number;
}

/** The overview's labels of the personnel rows, per område, as the seed reports print them. */
export const personalresurserLabels: Readonly<Record<Område, string>> = {
  administrativa: 'Kansliet',
  strukturpåverkande: 'Strukturinsatser',
  operativa: 'Individinsatser',
};

/** The default and the least number of years of the overview. */
export const flerårsöversiktYears = { default: 6, min: 5, max: 30 } as const;

/**
 * Flerårsöversikt (Översikt över verksamhetens utveckling, section 1.1 of the
 * förvaltningsberättelse): one column per year, `year` first and then backwards
 * (default six years, as the 2022 report; the 2020 report prints five), with
 *
 * - `verksamhetens-intäkter`, `verksamhetens-kostnader` (both positive, as printed) and
 *   `årets-resultat` (financial items included): from the books for the ledger's years
 *   (as the resultaträkning computes them), from `HistoriskaÅrsuppgifterRegistrerade` for
 *   earlier years, otherwise `null` with the column's source `saknas`;
 * - under the heading `personalresurser`, the average personnel in full-time equivalents
 *   per område, unit `årsarbetare`: `personal:administrativa` (Kansliet),
 *   `personal:strukturpåverkande` (Strukturinsatser), `personal:operativa`
 *   (Individinsatser); from `PersonalresurserRegistrerade` (totals.staffing) for the
 *   ledger's years and the historical figures' `personalresurser` before; `null` where none
 *   was reported (printed "-" in the reports).
 *
 * The statement is always printed in mkr with two decimals (`fixedUnit`), each figure
 * rounded once from exact kronor, half away from zero. A column's `source` is the source of
 * its money figures.
 */
export function flerårsöversikt(
  totals: LedgerTotals,
  year: number,
  options: FlerårsöversiktOptions = {},
): Statement {
  const count = yearCountOf(options);
  const years = Array.from({ length: count }, (_, index) => year - index);
  const figures = years.map((columnYear) => ({
    columnYear,
    income: incomeColumn(totals, columnYear),
    result: åretsResultat(totals, columnYear),
    staffing: staffingOf(totals, columnYear),
  }));
  const columns: StatementColumn[] = figures.map(({ columnYear, income }) => ({
    year: columnYear,
    label: String(columnYear),
    source: columnSourceOf(income),
  }));
  const moneyRow = (
    key: string,
    label: string,
    kind: StatementRow['kind'],
    pick: (figure: (typeof figures)[number]) => Money | undefined,
  ): StatementRow => ({
    key,
    label,
    kind,
    amounts: figures.map((figure) => pick(figure) ?? null),
  });
  const missing = figures
    .filter(({ income }) => income === undefined)
    .map(({ columnYear }) => columnYear);
  return {
    name: 'Flerårsöversikt',
    year,
    columns,
    fixedUnit: 'mkr',
    rows: [
      moneyRow(
        'verksamhetens-intäkter',
        'Verksamhetens intäkter',
        'line',
        ({ income }) => income?.intäkter,
      ),
      moneyRow('verksamhetens-kostnader', 'Verksamhetens kostnader', 'line', ({ income }) =>
        income?.kostnader.negated(),
      ),
      moneyRow('årets-resultat', 'Årets resultat', 'total', ({ result }) => result),
      {
        key: 'personalresurser',
        label: 'Genomsnitt antal personalresurser i helårsekvivalenter',
        kind: 'heading',
        amounts: figures.map(() => null),
      },
      ...områden.map((område) =>
        personnelRow(
          område,
          figures.map(({ staffing }) => staffing),
        ),
      ),
    ],
    notes: [
      'Intäkter och kostnader med positiva belopp; årets resultat med finansiella poster. Belopp i mkr med två decimaler, var för sig avrundade från exakta kronor (halvt bort från noll).',
      'Personalresurser i helårsekvivalenter (årsarbetare) per område: kansliet = administrativa kostnader, strukturinsatser = strukturpåverkande insatser, individinsatser = operativa individinsatser; tomt där inget rapporterats.',
      ...(missing.length > 0 ? [`Uppgifter saknas för ${missing.join(', ')}.`] : []),
    ],
  };
}

/** The row of an område's personnel, one amount per column; `null` where none was reported. */
const personnelRow = (
  område: Område,
  staffing: readonly (ÅrsarbetarePerOmråde | undefined)[],
): StatementRow => ({
  key: `personal:${område}`,
  label: personalresurserLabels[område],
  kind: 'line',
  unit: 'årsarbetare',
  amounts: staffing.map((perOmråde) => {
    const value = perOmråde?.[område];
    return value === undefined ? null : årsarbetareAmount(value);
  }),
});

/** The number of years asked for, refused with `VALIDATION_FAILED` outside the allowed range. */
function yearCountOf(options: FlerårsöversiktOptions): number {
  const count = options.years ?? flerårsöversiktYears.default;
  if (
    Number.isInteger(count) &&
    count >= flerårsöversiktYears.min &&
    count <= flerårsöversiktYears.max
  )
    return count;
  throw ledgerError(
    'VALIDATION_FAILED',
    `A flerårsöversikt shows ${flerårsöversiktYears.min} to ${flerårsöversiktYears.max} years (got ${String(count)})`,
    {
      issues: [
        {
          path: 'options.years',
          rule: 'flerårsöversikt-years',
          message: `must be a whole number from ${flerårsöversiktYears.min} to ${flerårsöversiktYears.max}`,
        },
      ],
    },
  );
}

/**
 * The personnel of a year: registered in the books (PersonalresurserRegistrerade), else in the
 * historical figures.
 */
function staffingOf(totals: LedgerTotals, year: number): ÅrsarbetarePerOmråde | undefined {
  return totals.staffing.get(year) ?? totals.historical.get(year)?.personalresurser;
}

/**
 * Årsarbetare (`"7.25"`, `"10"`, even `"01.5"`) as an exact decimal in a Money, as the statement
 * rows hold them.
 */
const årsarbetareAmount = (value: string): Money => Money.from(new Big(value).toFixed(2));
