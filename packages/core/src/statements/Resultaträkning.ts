import { Money } from '../money/Money.js';
import { comparisonStatement, type ComparisonRow } from './comparisonStatement.js';
import { fromBooksOrHistory, type SourcedFigures } from './fromBooksOrHistory.js';
import { yearAmount, type LedgerTotals } from './LedgerTotals.js';
import type { Statement } from './Statement.js';

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
  return comparisonStatement(
    'Resultaträkning',
    year,
    (columnYear) => incomeColumn(totals, columnYear),
    incomeStatementRows,
  );
}

const verksamhetensResultat = (column: IncomeFigures) =>
  column.intäkter.plus(column.kostnader).plus(column.avskrivningar);

/** The resultaträkning's rows in print order. */
const incomeStatementRows: readonly ComparisonRow<IncomeFigures>[] = [
  {
    key: 'verksamhetens-intäkter',
    label: 'Verksamhetens intäkter',
    kind: 'line',
    pick: (column) => column.intäkter,
    note: 1,
  },
  {
    key: 'verksamhetens-kostnader',
    label: 'Verksamhetens kostnader',
    kind: 'line',
    pick: (column) => column.kostnader,
    note: 2,
  },
  {
    key: 'avskrivningar',
    label: 'Avskrivningar',
    kind: 'line',
    pick: (column) => column.avskrivningar,
  },
  {
    key: 'verksamhetens-resultat',
    label: 'Verksamhetens resultat',
    kind: 'subtotal',
    pick: verksamhetensResultat,
  },
  {
    key: 'finansiella-intäkter',
    label: 'Finansiella intäkter',
    kind: 'line',
    pick: (column) => column.finansiellaIntäkter,
  },
  {
    key: 'finansiella-kostnader',
    label: 'Finansiella kostnader',
    kind: 'line',
    pick: (column) => column.finansiellaKostnader,
  },
  {
    key: 'årets-resultat',
    label: 'Årets resultat',
    kind: 'total',
    pick: (column) =>
      verksamhetensResultat(column)
        .plus(column.finansiellaIntäkter)
        .plus(column.finansiellaKostnader),
  },
];
