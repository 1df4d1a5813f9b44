import { Money } from '../money/Money.js';
import { columnSourceOf, fromBooksOrHistory, type SourcedFigures } from './fromBooksOrHistory.js';
import { yearAmount, type LedgerTotals } from './LedgerTotals.js';
import type { Statement, StatementRow } from './Statement.js';

/** The figures of one column of the resultaträkning (credit positive: costs negative). */
interface IncomeFigures {
  intäkter: Money;
  kostnader: Money;
  avskrivningar: Money;
  finansiellaIntäkter: Money;
  finansiellaKostnader: Money;
}

/** The resultaträkning's figures of one year, with their source. */
type IncomeColumn = SourcedFigures<IncomeFigures>;

/** The resultaträkning's figures for a year, from the books or from historical figures. */
export function incomeColumn(totals: LedgerTotals, year: number): IncomeColumn | undefined {
  return fromBooksOrHistory<IncomeFigures>(totals, year, {
    books: () => ({
      intäkter: yearAmount(totals, year, ['verksamhetens-intäkter']),
      kostnader: yearAmount(totals, year, ['verksamhetens-kostnader']),
      avskrivningar: yearAmount(totals, year, ['avskrivningar']),
      finansiellaIntäkter: yearAmount(totals, year, ['finansiella-intäkter']),
      finansiellaKostnader: yearAmount(totals, year, ['finansiella-kostnader']),
    }),
    history: ({ resultaträkning: history }) => ({
      intäkter: Money.from(history.verksamhetensIntäkter),
      kostnader: Money.from(history.verksamhetensKostnader).negated(),
      avskrivningar: Money.from(history.avskrivningar).negated(),
      finansiellaIntäkter: Money.from(history.finansiellaIntäkter),
      finansiellaKostnader: Money.from(history.finansiellaKostnader).negated(),
    }),
  });
}

/** Årets resultat of a year, from the books or from historical figures. */
export function åretsResultat(totals: LedgerTotals, year: number): Money | undefined {
  const column = incomeColumn(totals, year);
  return column === undefined
    ? undefined
    : Money.sum([
        column.intäkter,
        column.kostnader,
        column.avskrivningar,
        column.finansiellaIntäkter,
        column.finansiellaKostnader,
      ]);
}

/**
 * Resultaträkning (income statement) for `year` with `year − 1` as comparison, in the
 * seeds' layout: verksamhetens intäkter and kostnader (Not 1 and 2), avskrivningar,
 * verksamhetens resultat, finansiella intäkter and kostnader, årets resultat. Income is
 * positive, costs negative. Accounts feed lines through the chart (`line`).
 */
export function resultaträkning(totals: LedgerTotals, year: number): Statement {
  const columns = [year, year - 1].map((columnYear) => ({
    columnYear,
    figures: incomeColumn(totals, columnYear),
  }));
  const row = (
    key: string,
    label: string,
    kind: StatementRow['kind'],
    pick: (column: IncomeColumn) => Money,
    note?: number,
  ): StatementRow => ({
    key,
    label,
    kind,
    ...(note === undefined ? {} : { note }),
    amounts: columns.map(({ figures }) => (figures === undefined ? null : pick(figures))),
  });
  const verksamhetensResultat = (column: IncomeColumn) =>
    column.intäkter.plus(column.kostnader).plus(column.avskrivningar);
  return {
    name: 'Resultaträkning',
    year,
    columns: columns.map(({ columnYear, figures }) => ({
      year: columnYear,
      label: `${columnYear}-12-31`,
      source: columnSourceOf(figures),
    })),
    rows: [
      row(
        'verksamhetens-intäkter',
        'Verksamhetens intäkter',
        'line',
        (column) => column.intäkter,
        1,
      ),
      row(
        'verksamhetens-kostnader',
        'Verksamhetens kostnader',
        'line',
        (column) => column.kostnader,
        2,
      ),
      row('avskrivningar', 'Avskrivningar', 'line', (column) => column.avskrivningar),
      row('verksamhetens-resultat', 'Verksamhetens resultat', 'subtotal', verksamhetensResultat),
      row(
        'finansiella-intäkter',
        'Finansiella intäkter',
        'line',
        (column) => column.finansiellaIntäkter,
      ),
      row(
        'finansiella-kostnader',
        'Finansiella kostnader',
        'line',
        (column) => column.finansiellaKostnader,
      ),
      row('årets-resultat', 'Årets resultat', 'total', (column) =>
        verksamhetensResultat(column)
          .plus(column.finansiellaIntäkter)
          .plus(column.finansiellaKostnader),
      ),
    ],
  };
}
