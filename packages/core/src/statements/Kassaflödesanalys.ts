import type { StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import { comparisonStatement, type ComparisonRow } from './comparisonStatement.js';
import { fromBooksOrHistory, type SourcedFigures } from './fromBooksOrHistory.js';
import {
  balanceAtEndOf,
  balanceAtStartOf,
  yearAmount,
  yearMovement,
  type LedgerTotals,
} from './LedgerTotals.js';
import { åretsResultat } from './Resultaträkning.js';
import type { Statement } from './Statement.js';
import { vatDebtAtEndOf, vatDebtAtStartOf } from './vatDebt.js';

/** The cash-flow statement's figures of one year (indirect method). */
export interface CashFlowFigures {
  åretsResultat: Money;
  justeringEjLikviditetspåverkandePoster: Money;
  förändringKortfristigaFordringar: Money;
  förändringKortfristigaSkulder: Money;
  investeringsverksamhet: Money;
  finansieringsverksamhet: Money;
  likvidaMedelVidÅretsBörjan: Money;
}

const receivableLines: readonly StatementLine[] = [
  'kundfordringar',
  'förutbetalda-kostnader-upplupna-intäkter',
  'övriga-fordringar',
];
const shortTermLiabilityLines: readonly StatementLine[] = [
  'leverantörsskulder',
  'övriga-kortfristiga-skulder',
  'upplupna-kostnader-förutbetalda-intäkter',
];

/** The cash-flow statement's figures of one year, with their source. */
export type CashFlowColumn = SourcedFigures<CashFlowFigures>;

/** The kassaflödesanalys's figures of `year`, from the books or from historical figures. */
export function cashFlowColumn(totals: LedgerTotals, year: number): CashFlowColumn | undefined {
  return fromBooksOrHistory(totals, year, {
    books: () => cashFlowFromBooks(totals, year),
    history: ({ kassaflödesanalys: history }): CashFlowFigures | undefined => {
      if (!history) return undefined;
      const m = Money.from;
      return {
        åretsResultat: åretsResultat(totals, year) ?? Money.zero,
        justeringEjLikviditetspåverkandePoster: m(history.justeringEjLikviditetspåverkandePoster),
        förändringKortfristigaFordringar: m(history.förändringKortfristigaFordringar),
        förändringKortfristigaSkulder: m(history.förändringKortfristigaSkulder),
        investeringsverksamhet: m(history.investeringsverksamhet),
        finansieringsverksamhet: m(history.finansieringsverksamhet),
        likvidaMedelVidÅretsBörjan: m(history.likvidaMedelVidÅretsBörjan),
      };
    },
  });
}

/** The cash flow of a year the books cover; it is asserted to explain the change in cash. */
function cashFlowFromBooks(totals: LedgerTotals, year: number): CashFlowFigures {
  const depreciation = yearAmount(totals, year, ['avskrivningar']).negated();
  const fixedAssetChange = balanceAtEndOf(totals, year, ['anläggningstillgångar']).minus(
    balanceAtStartOf(totals, year, ['anläggningstillgångar']),
  );
  const equityInCash = totals.equityAgainstCash.get(year) ?? Money.zero;
  // A VAT debt is a short-term debt, not a negative receivable (see vatDebt.ts): the change in
  // receivables and in debts are the balansräkning's, moved by the same amounts.
  const vatDebtChange = vatDebtAtEndOf(totals, year).minus(vatDebtAtStartOf(totals, year));
  const column: CashFlowFigures = {
    åretsResultat: åretsResultat(totals, year) ?? Money.zero,
    // Depreciation lowers the result without moving cash, so it is added back; a
    // correction against eget kapital (EgetKapitalRättat) changes a receivable or a debt
    // without moving cash, so its equity change is added too. Equity paid or received in
    // cash is financing instead.
    justeringEjLikviditetspåverkandePoster: depreciation.plus(
      yearMovement(totals, year, ['eget-kapital']).minus(equityInCash).negated(),
    ),
    // A decrease in receivables frees cash: start minus end.
    förändringKortfristigaFordringar: balanceAtStartOf(totals, year, receivableLines)
      .minus(balanceAtEndOf(totals, year, receivableLines))
      .minus(vatDebtChange),
    // An increase in short-term debt keeps cash: end minus start (credit positive).
    förändringKortfristigaSkulder: balanceAtStartOf(totals, year, shortTermLiabilityLines)
      .minus(balanceAtEndOf(totals, year, shortTermLiabilityLines))
      .plus(vatDebtChange),
    // Purchases of fixed assets: the change in their book value plus the year's depreciation.
    investeringsverksamhet: fixedAssetChange.plus(depreciation).negated(),
    // Long-term borrowing, and eget kapital paid out or brought in (an imported company's
    // utdelning; a kommunalförbund's members contribute through the result, not to equity).
    finansieringsverksamhet: yearMovement(totals, year, ['långfristiga-skulder'])
      .plus(equityInCash)
      .negated(),
    likvidaMedelVidÅretsBörjan: balanceAtStartOf(totals, year, ['kassa-och-bank']),
  };
  const closingCash = balanceAtEndOf(totals, year, ['kassa-och-bank']);
  assert(
    column.likvidaMedelVidÅretsBörjan.plus(åretsKassaflöde(column)).equals(closingCash),
    'the cash flow explains the change in cash',
    { year, flow: åretsKassaflöde(column).toString(), closingCash: closingCash.toString() },
  );
  return column;
}

const medelFöreRörelsekapital = (column: CashFlowFigures) =>
  column.åretsResultat.plus(column.justeringEjLikviditetspåverkandePoster);
const löpandeVerksamhet = (column: CashFlowFigures) =>
  medelFöreRörelsekapital(column)
    .plus(column.förändringKortfristigaFordringar)
    .plus(column.förändringKortfristigaSkulder);
/** Årets kassaflöde: löpande, investerings- and finansieringsverksamhet together. */
export const åretsKassaflöde = (column: CashFlowFigures): Money =>
  löpandeVerksamhet(column)
    .plus(column.investeringsverksamhet)
    .plus(column.finansieringsverksamhet);

/**
 * Kassaflödesanalys (cash-flow statement, indirect method as in the seeds) for `year`
 * with `year − 1` as comparison: årets resultat, justering för ej likviditetspåverkande
 * poster, medel från verksamheten före förändring av rörelsekapital, förändring av
 * kortfristiga fordringar and skulder, kassaflöde från den löpande verksamheten,
 * investerings- and finansieringsverksamhet where present, årets kassaflöde, likvida
 * medel vid årets början and slut. Closing cash equals the bank accounts' balance
 * (asserted).
 */
export function kassaflödesanalys(totals: LedgerTotals, year: number): Statement {
  return comparisonStatement(
    'Kassaflödesanalys',
    year,
    (columnYear) => cashFlowColumn(totals, columnYear),
    cashFlowRows,
  );
}

/** The kassaflödesanalys's rows in print order. */
const cashFlowRows: readonly ComparisonRow<CashFlowFigures>[] = [
  {
    key: 'årets-resultat',
    label: 'Årets resultat',
    kind: 'line',
    pick: (column) => column.åretsResultat,
  },
  {
    key: 'justering-ej-likviditetspåverkande-poster',
    label: 'Justering för ej likviditetspåverkande poster',
    kind: 'line',
    pick: (column) => column.justeringEjLikviditetspåverkandePoster,
  },
  {
    key: 'medel-före-förändring-av-rörelsekapital',
    label: 'Medel från verksamheten före förändring av rörelsekapital',
    kind: 'subtotal',
    pick: medelFöreRörelsekapital,
  },
  {
    key: 'förändring-kortfristiga-fordringar',
    label: 'Ökning/minskning kortfristiga fordringar',
    kind: 'line',
    pick: (column) => column.förändringKortfristigaFordringar,
  },
  {
    key: 'förändring-kortfristiga-skulder',
    label: 'Ökning/minskning kortfristiga skulder',
    kind: 'line',
    pick: (column) => column.förändringKortfristigaSkulder,
  },
  {
    key: 'kassaflöde-löpande-verksamhet',
    label: 'Kassaflöde för den löpande verksamheten',
    kind: 'subtotal',
    pick: löpandeVerksamhet,
  },
  {
    key: 'kassaflöde-investeringsverksamhet',
    label: 'Kassaflöde från investeringsverksamheten',
    kind: 'subtotal',
    pick: (column) => column.investeringsverksamhet,
    optional: true,
  },
  {
    key: 'kassaflöde-finansieringsverksamhet',
    label: 'Kassaflöde från finansieringsverksamheten',
    kind: 'subtotal',
    pick: (column) => column.finansieringsverksamhet,
    optional: true,
  },
  { key: 'årets-kassaflöde', label: 'Årets kassaflöde', kind: 'total', pick: åretsKassaflöde },
  {
    key: 'likvida-medel-vid-årets-början',
    label: 'Likvida medel vid årets början',
    kind: 'line',
    pick: (column) => column.likvidaMedelVidÅretsBörjan,
  },
  {
    key: 'likvida-medel-vid-årets-slut',
    label: 'Likvida medel vid årets slut',
    kind: 'total',
    pick: (column) => column.likvidaMedelVidÅretsBörjan.plus(åretsKassaflöde(column)),
  },
];
