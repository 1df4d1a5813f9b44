import type { StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import { comparisonStatement, type ComparisonRow } from './comparisonStatement.js';
import { fromBooksOrHistory, type SourcedFigures } from './fromBooksOrHistory.js';
import {
  balanceAtEndOf,
  firstLedgerYear,
  yearResult,
  type HistoricalFigures,
  type LedgerTotals,
} from './LedgerTotals.js';
import { åretsResultat } from './Resultaträkning.js';
import type { Statement } from './Statement.js';
import { vatDebtAtEndOf, vatDebtLine } from './vatDebt.js';

/**
 * The balance sheet's figures at the end of a year (assets debet positive, the rest credit
 * positive).
 */
export interface BalanceFigures {
  anläggningstillgångar: Money;
  kundfordringar: Money;
  förutbetaldaKostnaderUpplupnaIntäkter: Money;
  övrigaFordringar: Money;
  kassaOchBank: Money;
  åretsResultat: Money;
  övrigtEgetKapital: Money;
  långfristigaSkulder: Money;
  leverantörsskulder: Money;
  övrigaKortfristigaSkulder: Money;
  upplupnaKostnader: Money;
}

const credit = (totals: LedgerTotals, year: number, lines: readonly StatementLine[]) =>
  balanceAtEndOf(totals, year, lines).negated();

/** The balance sheet's figures at the end of a year, with their source. */
export type BalanceColumn = SourcedFigures<BalanceFigures>;

/** The balance sheet's figures at the end of `year`, from the books or from historical figures. */
export function balanceColumn(totals: LedgerTotals, year: number): BalanceColumn | undefined {
  return fromBooksOrHistory(totals, year, {
    books: () => balanceFromBooks(totals, year),
    history: balanceFromHistory,
  });
}

/** The balance sheet at the end of a year the books cover; its two sides are asserted equal. */
function balanceFromBooks(totals: LedgerTotals, year: number): BalanceFigures {
  const first = firstLedgerYear(totals) ?? year;
  const result = åretsResultat(totals, year) ?? Money.zero;
  // Övrigt eget kapital: the equity brought in by the opening balance (and any direct
  // equity posting), plus the results of the ledger's earlier years. The books cover each of
  // them (they lie between the first year and this one), so each result is the books' own.
  let earlierResults = Money.zero;
  for (let earlier = first; earlier < year; earlier += 1)
    earlierResults = earlierResults.plus(yearResult(totals, earlier));
  const column: BalanceFigures = {
    anläggningstillgångar: balanceAtEndOf(totals, year, ['anläggningstillgångar']),
    kundfordringar: balanceAtEndOf(totals, year, ['kundfordringar']),
    förutbetaldaKostnaderUpplupnaIntäkter: balanceAtEndOf(totals, year, [
      'förutbetalda-kostnader-upplupna-intäkter',
    ]),
    övrigaFordringar: balanceAtEndOf(totals, year, ['övriga-fordringar']),
    kassaOchBank: balanceAtEndOf(totals, year, ['kassa-och-bank']),
    åretsResultat: result,
    övrigtEgetKapital: credit(totals, year, ['eget-kapital']).plus(earlierResults),
    långfristigaSkulder: credit(totals, year, ['långfristiga-skulder']),
    leverantörsskulder: credit(totals, year, ['leverantörsskulder']),
    övrigaKortfristigaSkulder: credit(totals, year, ['övriga-kortfristiga-skulder']),
    upplupnaKostnader: credit(totals, year, ['upplupna-kostnader-förutbetalda-intäkter']),
  };
  withVatDebtAsLiability(column, totals, year);
  assert(
    totalAssets(column).equals(totalEquityAndLiabilities(column)),
    'the balance sheet balances',
    {
      year,
      assets: totalAssets(column).toString(),
      equityAndLiabilities: totalEquityAndLiabilities(column).toString(),
    },
  );
  return column;
}

/** The balance sheet's receivable figure of each line a VAT debt may be moved from. */
const receivableFigureOfLine: Readonly<
  Partial<
    Record<
      StatementLine,
      'kundfordringar' | 'förutbetaldaKostnaderUpplupnaIntäkter' | 'övrigaFordringar'
    >
  >
> = {
  kundfordringar: 'kundfordringar',
  'förutbetalda-kostnader-upplupna-intäkter': 'förutbetaldaKostnaderUpplupnaIntäkter',
  'övriga-fordringar': 'övrigaFordringar',
};

/**
 * A negative VAT balance at the year end is a debt to Skatteverket, not a negative receivable
 * (see `vatDebt.ts`): it leaves the VAT account's line and joins övriga kortfristiga skulder.
 * Both sides grow by the debt, so they still balance.
 */
function withVatDebtAsLiability(column: BalanceFigures, totals: LedgerTotals, year: number): void {
  const line = vatDebtLine(totals);
  const debt = vatDebtAtEndOf(totals, year);
  if (line === undefined || debt.isZero()) return;
  const figure = receivableFigureOfLine[line]!;
  column[figure] = column[figure].plus(debt);
  column.övrigaKortfristigaSkulder = column.övrigaKortfristigaSkulder.plus(debt);
}

/** The balance sheet as the historical figures give it, when they give one. */
function balanceFromHistory({
  balansräkning: history,
}: HistoricalFigures): BalanceFigures | undefined {
  if (!history) return undefined;
  const m = Money.from;
  return {
    anläggningstillgångar: m(history.anläggningstillgångar ?? '0.00'),
    kundfordringar: m(history.kundfordringar),
    förutbetaldaKostnaderUpplupnaIntäkter: m(history.förutbetaldaKostnaderUpplupnaIntäkter),
    övrigaFordringar: m(history.övrigaFordringar),
    kassaOchBank: m(history.kassaOchBank),
    åretsResultat: m(history.åretsResultat),
    övrigtEgetKapital: m(history.övrigtEgetKapital),
    långfristigaSkulder: m(history.långfristigaSkulder ?? '0.00'),
    leverantörsskulder: m(history.leverantörsskulder),
    övrigaKortfristigaSkulder: m(history.övrigaKortfristigaSkulder),
    upplupnaKostnader: m(history.upplupnaKostnader),
  };
}

/** Summa tillgångar. */
export const totalAssets = (column: BalanceFigures): Money =>
  Money.sum([
    column.anläggningstillgångar,
    column.kundfordringar,
    column.förutbetaldaKostnaderUpplupnaIntäkter,
    column.övrigaFordringar,
    column.kassaOchBank,
  ]);
/** Summa eget kapital. */
export const totalEquity = (column: BalanceFigures): Money =>
  column.åretsResultat.plus(column.övrigtEgetKapital);
/** Summa eget kapital och skulder. */
export const totalEquityAndLiabilities = (column: BalanceFigures): Money =>
  Money.sum([
    totalEquity(column),
    column.långfristigaSkulder,
    column.leverantörsskulder,
    column.övrigaKortfristigaSkulder,
    column.upplupnaKostnader,
  ]);

/**
 * Balansräkning (balance sheet) at the end of `year` with the end of `year − 1` as
 * comparison, in the seeds' layout (Not 3 for the assets, Not 4 for the liabilities). Rows
 * that are zero in both columns and that the seeds do not always print (anläggnings-
 * tillgångar, långfristiga skulder, övriga kortfristiga skulder) are left out. The two
 * sides are equal by construction, and asserted. A negative VAT balance is shown as a debt
 * under övriga kortfristiga skulder, not as a negative receivable (`vatDebtAtEndOf`).
 */
export function balansräkning(totals: LedgerTotals, year: number): Statement {
  return comparisonStatement(
    'Balansräkning',
    year,
    (columnYear) => balanceColumn(totals, columnYear),
    balanceSheetRows,
  );
}

/** The balansräkning's rows in print order. */
const balanceSheetRows: readonly ComparisonRow<BalanceFigures>[] = [
  {
    key: 'anläggningstillgångar',
    label: 'Anläggningstillgångar',
    kind: 'line',
    pick: (column) => column.anläggningstillgångar,
    optional: true,
  },
  { key: 'omsättningstillgångar', label: 'Omsättningstillgångar', kind: 'heading', note: 3 },
  {
    key: 'kundfordringar',
    label: 'Kundfordringar',
    kind: 'line',
    pick: (column) => column.kundfordringar,
  },
  {
    key: 'förutbetalda-kostnader-upplupna-intäkter',
    label: 'Förutbetalda kostnader och upplupna intäkter',
    kind: 'line',
    pick: (column) => column.förutbetaldaKostnaderUpplupnaIntäkter,
  },
  {
    key: 'övriga-fordringar',
    label: 'Övriga fordringar',
    kind: 'line',
    pick: (column) => column.övrigaFordringar,
  },
  {
    key: 'kassa-och-bank',
    label: 'Kassa och bank',
    kind: 'line',
    pick: (column) => column.kassaOchBank,
  },
  { key: 'summa-tillgångar', label: 'Summa tillgångar', kind: 'total', pick: totalAssets },
  { key: 'eget-kapital-och-skulder', label: 'Eget kapital och skulder', kind: 'heading', note: 4 },
  {
    key: 'årets-resultat',
    label: 'Årets resultat',
    kind: 'line',
    pick: (column) => column.åretsResultat,
  },
  {
    key: 'övrigt-eget-kapital',
    label: 'Övrigt eget kapital',
    kind: 'line',
    pick: (column) => column.övrigtEgetKapital,
  },
  { key: 'summa-eget-kapital', label: 'Summa eget kapital', kind: 'subtotal', pick: totalEquity },
  {
    key: 'långfristiga-skulder',
    label: 'Långfristiga skulder',
    kind: 'line',
    pick: (column) => column.långfristigaSkulder,
    optional: true,
  },
  {
    key: 'leverantörsskulder',
    label: 'Leverantörsskulder',
    kind: 'line',
    pick: (column) => column.leverantörsskulder,
  },
  {
    key: 'övriga-kortfristiga-skulder',
    label: 'Övriga kortfristiga skulder',
    kind: 'line',
    pick: (column) => column.övrigaKortfristigaSkulder,
    optional: true,
  },
  {
    key: 'upplupna-kostnader',
    label: 'Upplupna kostnader och förutbetalda intäkter',
    kind: 'line',
    pick: (column) => column.upplupnaKostnader,
  },
  {
    key: 'summa-eget-kapital-och-skulder',
    label: 'Summa eget kapital och skulder',
    kind: 'total',
    pick: totalEquityAndLiabilities,
  },
];
