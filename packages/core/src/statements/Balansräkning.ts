import type { StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import { columnSourceOf, fromBooksOrHistory, type SourcedFigures } from './fromBooksOrHistory.js';
import {
  balanceAtEndOf,
  firstLedgerYear,
  type HistoricalFigures,
  type LedgerTotals,
} from './LedgerTotals.js';
import { åretsResultat } from './Resultaträkning.js';
import type { Statement, StatementRow } from './Statement.js';

/** The balance sheet's figures at the end of a year (assets debet positive, the rest credit positive). */
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
  // equity posting), plus the results of the ledger's earlier years.
  let earlierResults = Money.zero;
  for (let earlier = first; earlier < year; earlier += 1)
    earlierResults = earlierResults.plus(åretsResultat(totals, earlier) ?? Money.zero);
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

/** The balance sheet as the historical figures give it, when they give one. */
function balanceFromHistory({
  balansräkning: history,
}: HistoricalFigures): BalanceFigures | undefined {
  if (!history) return undefined;
  const m = Money.from;
  return {
    anläggningstillgångar: Money.zero,
    kundfordringar: m(history.kundfordringar),
    förutbetaldaKostnaderUpplupnaIntäkter: m(history.förutbetaldaKostnaderUpplupnaIntäkter),
    övrigaFordringar: m(history.övrigaFordringar),
    kassaOchBank: m(history.kassaOchBank),
    åretsResultat: m(history.åretsResultat),
    övrigtEgetKapital: m(history.övrigtEgetKapital),
    långfristigaSkulder: Money.zero,
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
 * sides are equal by construction, and asserted.
 */
export function balansräkning(totals: LedgerTotals, year: number): Statement {
  const columns = [year, year - 1].map((columnYear) => ({
    columnYear,
    figures: balanceColumn(totals, columnYear),
  }));
  const row = (
    key: string,
    label: string,
    kind: StatementRow['kind'],
    pick: ((column: BalanceColumn) => Money) | undefined,
    note?: number,
  ): StatementRow => ({
    key,
    label,
    kind,
    ...(note === undefined ? {} : { note }),
    amounts: columns.map(({ figures }) =>
      figures === undefined || pick === undefined ? null : pick(figures),
    ),
  });
  const optional = (
    key: string,
    label: string,
    pick: (column: BalanceColumn) => Money,
  ): StatementRow[] =>
    columns.some(({ figures }) => figures !== undefined && !pick(figures).isZero())
      ? [row(key, label, 'line', pick)]
      : [];
  return {
    name: 'Balansräkning',
    year,
    columns: columns.map(({ columnYear, figures }) => ({
      year: columnYear,
      label: `${columnYear}-12-31`,
      source: columnSourceOf(figures),
    })),
    rows: [
      ...optional(
        'anläggningstillgångar',
        'Anläggningstillgångar',
        (column) => column.anläggningstillgångar,
      ),
      row('omsättningstillgångar', 'Omsättningstillgångar', 'heading', undefined, 3),
      row('kundfordringar', 'Kundfordringar', 'line', (column) => column.kundfordringar),
      row(
        'förutbetalda-kostnader-upplupna-intäkter',
        'Förutbetalda kostnader och upplupna intäkter',
        'line',
        (column) => column.förutbetaldaKostnaderUpplupnaIntäkter,
      ),
      row(
        'övriga-fordringar',
        'Övriga fordringar (moms)',
        'line',
        (column) => column.övrigaFordringar,
      ),
      row('kassa-och-bank', 'Kassa och bank', 'line', (column) => column.kassaOchBank),
      row('summa-tillgångar', 'Summa tillgångar', 'total', totalAssets),
      row('eget-kapital-och-skulder', 'Eget kapital och skulder', 'heading', undefined, 4),
      row('årets-resultat', 'Årets resultat', 'line', (column) => column.åretsResultat),
      row(
        'övrigt-eget-kapital',
        'Övrigt eget kapital',
        'line',
        (column) => column.övrigtEgetKapital,
      ),
      row('summa-eget-kapital', 'Summa eget kapital', 'subtotal', totalEquity),
      ...optional(
        'långfristiga-skulder',
        'Långfristiga skulder',
        (column) => column.långfristigaSkulder,
      ),
      row(
        'leverantörsskulder',
        'Leverantörsskulder',
        'line',
        (column) => column.leverantörsskulder,
      ),
      ...optional(
        'övriga-kortfristiga-skulder',
        'Övriga kortfristiga skulder',
        (column) => column.övrigaKortfristigaSkulder,
      ),
      row(
        'upplupna-kostnader',
        'Upplupna kostnader och förutbetalda intäkter',
        'line',
        (column) => column.upplupnaKostnader,
      ),
      row(
        'summa-eget-kapital-och-skulder',
        'Summa eget kapital och skulder',
        'total',
        totalEquityAndLiabilities,
      ),
    ],
  };
}
