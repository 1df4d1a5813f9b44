import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { Dimensioner } from '../bookkeeping/Verifikation.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import {
  columnSourceOf,
  fromBooksOrHistory,
  isFromHistory,
  type SourcedFigures,
} from './fromBooksOrHistory.js';
import {
  dimensionTotalsOf,
  yearAmount,
  type DimensionTotal,
  type LedgerTotals,
} from './LedgerTotals.js';
import type { Statement, StatementColumn, StatementRow } from './Statement.js';

/**
 * The group of a Not 1 line: a member's contribution, ESF, other grants, other income, or income
 * booked without a source.
 */
export type Not1Group = 'medlem' | 'esf' | 'bidrag' | 'övrig' | 'utan-specifikation';

/** The Not 1 line an income line of a verifikation belongs to. */
export interface Not1Line {
  /**
   * The row key: `medlem:<medlem>`, `esf`, `bidrag`, `övrig`, `övrig:<intäktspost>` or
   * `utan-specifikation:<konto>`.
   */
  readonly key: string;
  readonly label: string;
  readonly group: Not1Group;
  /**
   * For a member's line: the member's category (`staten`, `kommun`, `region`), which orders the
   * lines.
   */
  readonly medlemskategori?: string;
}

/**
 * The Not 1 line of an income line, from its dimensions: `medlem` → the member's line;
 * `intäktsslag` `esf` → ESF; `bidrag` → Andra bidrag; any other intäktsslag or an
 * `intäktspost` → other income per intäktspost (`Övriga intäkter` without one); no such
 * dimension → a line per account, `<account name> (utan specifikation)`, so that income
 * booked without a source is still counted.
 */
export function not1LineOf(
  chart: Chart,
  konto: string,
  dimensioner: Dimensioner | undefined,
): Not1Line {
  if (dimensioner?.medlem !== undefined) {
    return {
      key: `medlem:${dimensioner.medlem}`,
      label: `Medlemsbidrag från ${dimensioner.medlem}`,
      group: 'medlem',
      ...(dimensioner.medlemskategori === undefined
        ? {}
        : { medlemskategori: dimensioner.medlemskategori }),
    };
  }
  if (dimensioner?.intäktsslag === 'esf')
    return { key: 'esf', label: 'Medel från Europeiska socialfonden', group: 'esf' };
  if (dimensioner?.intäktsslag === 'bidrag')
    return { key: 'bidrag', label: 'Andra bidrag', group: 'bidrag' };
  if (dimensioner?.intäktsslag !== undefined || dimensioner?.intäktspost !== undefined) {
    return dimensioner.intäktspost === undefined
      ? { key: 'övrig', label: 'Övriga intäkter', group: 'övrig' }
      : { key: `övrig:${dimensioner.intäktspost}`, label: dimensioner.intäktspost, group: 'övrig' };
  }
  return {
    key: `utan-specifikation:${konto}`,
    label: `${chart.account(konto).name} (utan specifikation)`,
    group: 'utan-specifikation',
  };
}

/** The year's verksamhetens intäkter by account and dimensions (income positive). */
export const incomeTotalsOf = (
  totals: LedgerTotals,
  year: number,
): { readonly total: DimensionTotal; readonly belopp: Money }[] =>
  dimensionTotalsOf(totals, year)
    .filter((total) => total.line === 'verksamhetens-intäkter')
    .map((total) => ({ total, belopp: total.belopp.negated() }));

/** Code-unit order: deterministic on every machine, unlike `localeCompare`. */
const compareText = (left: string, right: string): number =>
  left < right ? -1 : left > right ? 1 : 0;

const groupOrder: readonly Not1Group[] = ['medlem', 'esf', 'bidrag', 'övrig', 'utan-specifikation'];
const categoryOrder = ['staten', 'kommun', 'region'];
const categoryRank = (kategori: string | undefined) => {
  const index = kategori === undefined ? -1 : categoryOrder.indexOf(kategori);
  return index === -1 ? categoryOrder.length : index;
};

/**
 * The Not 1 lines of the books up to `year`, in the order the reports print them: the
 * members (staten first, then the kommuner, the region last; within a category in the
 * order the ledger first booked them), ESF, Andra bidrag, other income per intäktspost
 * (first booked first), income without a source by account number.
 */
function linesInOrder(totals: LedgerTotals, year: number): Not1Line[] {
  const seen = new Map<string, Not1Line>();
  const years = [...totals.resultByDimension.keys()]
    .filter((booked) => booked <= year)
    .sort((left, right) => left - right);
  for (const booked of years) {
    for (const { total } of incomeTotalsOf(totals, booked)) {
      const line = not1LineOf(totals.chart, total.konto, total.dimensioner);
      if (!seen.has(line.key)) seen.set(line.key, line);
    }
  }
  const firstSeen = [...seen.values()];
  const rank = (line: Not1Line) => groupOrder.indexOf(line.group);
  return firstSeen
    .map((line, index) => ({ line, index }))
    .sort(
      (left, right) =>
        rank(left.line) - rank(right.line) ||
        (left.line.group === 'medlem'
          ? categoryRank(left.line.medlemskategori) - categoryRank(right.line.medlemskategori)
          : 0) ||
        (left.line.group === 'utan-specifikation'
          ? compareText(left.line.key, right.line.key)
          : 0) ||
        left.index - right.index,
    )
    .map(({ line }) => line);
}

/**
 * One column of Not 1: the amounts by line key from the books, or only the total from historical
 * figures.
 */
interface IncomeNoteFigures {
  readonly byLine: ReadonlyMap<string, Money> | undefined;
  readonly summa: Money;
}
type IncomeNoteColumn = SourcedFigures<IncomeNoteFigures>;

function incomeNoteColumn(totals: LedgerTotals, year: number): IncomeNoteColumn | undefined {
  return fromBooksOrHistory<IncomeNoteFigures>(totals, year, {
    books: () => {
      const byLine = new Map<string, Money>();
      for (const { total, belopp } of incomeTotalsOf(totals, year)) {
        const { key } = not1LineOf(totals.chart, total.konto, total.dimensioner);
        byLine.set(key, (byLine.get(key) ?? Money.zero).plus(belopp));
      }
      const summa = Money.sum(byLine.values());
      const rr = yearAmount(totals, year, ['verksamhetens-intäkter']);
      assert(summa.equals(rr), 'Not 1 adds up to the resultaträkning’s verksamhetens intäkter', {
        year,
        not1: summa.toString(),
        resultaträkning: rr.toString(),
      });
      return { byLine, summa };
    },
    history: ({ resultaträkning: history }) => ({
      byLine: undefined,
      summa: Money.from(history.verksamhetensIntäkter),
    }),
  });
}

/**
 * Not 1 Verksamhetens intäkter for `year`, with `year − 1` as comparison: one line per
 * member's contribution (`medlem:<medlem>`, labelled `Medlemsbidrag från <medlem>`;
 * staten first, then kommuner in the order first booked, the region last), ESF (`esf`),
 * other grants (`bidrag`), other income per intäktspost (`övrig:<intäktspost>`, or
 * `övrig` without one), income booked without a source per account
 * (`utan-specifikation:<konto>`), and `summa`. Income is positive, in exact kronor.
 *
 * Lines are summed from the dimensions of the verifikationer's income lines, so accrual
 * reversals and corrections land on the line they came from. A line that is zero in both
 * columns is left out. `summa` equals the resultaträkning's verksamhetens intäkter
 * (asserted). A year the books do not cover takes only `summa` from historical figures
 * (the split is not known), or has no figures (`saknas`).
 */
export function not1Intäkter(totals: LedgerTotals, year: number): Statement {
  const columnYears = [year, year - 1];
  const figures = columnYears.map((columnYear) => incomeNoteColumn(totals, columnYear));
  const amountOf = (column: IncomeNoteColumn | undefined, key: string): Money | null =>
    column?.byLine === undefined ? null : (column.byLine.get(key) ?? Money.zero);
  const rows: StatementRow[] = linesInOrder(totals, year)
    .map((line): StatementRow => ({
      key: line.key,
      label: line.label,
      kind: 'line',
      amounts: figures.map((column) => amountOf(column, line.key)),
    }))
    .filter((row) => row.amounts.some((amount) => amount !== null && !amount.isZero()));
  rows.push({
    key: 'summa',
    label: 'Summa',
    kind: 'total',
    amounts: figures.map((column) => column?.summa ?? null),
  });
  const columns: StatementColumn[] = columnYears.map((columnYear, index) => ({
    year: columnYear,
    kind: index === 0 ? 'utfall' : 'jämförelseår',
    label: `${columnYear}-12-31`,
    source: columnSourceOf(figures[index]),
  }));
  const notes = figures.flatMap((column, index) =>
    isFromHistory(column)
      ? [
          `${columnYears[index]}: endast summan är känd (historiska uppgifter); fördelningen per intäktskälla saknas.`,
        ]
      : [],
  );
  return {
    name: 'Not 1 Verksamhetens intäkter',
    year,
    columns,
    rows,
    ...(notes.length === 0 ? {} : { notes }),
  };
}
