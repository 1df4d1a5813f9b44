import type { LedgerTotals } from './LedgerTotals.js';
import { accountBalanceAtEndOf, openItemNote, type NoteLine } from './openItemsAtYearEndNotes.js';
import type { OpenItemsAtYearEnd } from './openItemsAtYearEnd.js';
import type { Statement } from './Statement.js';
import { vatDebtAtEndOf } from './vatDebt.js';

/** The balansräkning lines Not 3 specifies, in printed order. */
const not3Lines: readonly NoteLine[] = [
  { line: 'kundfordringar', label: 'Kundfordringar', pick: (column) => column.kundfordringar },
  {
    line: 'förutbetalda-kostnader-upplupna-intäkter',
    label: 'Förutbetalda kostnader och upplupna intäkter',
    pick: (column) => column.förutbetaldaKostnaderUpplupnaIntäkter,
  },
  {
    line: 'övriga-fordringar',
    label: 'Övriga fordringar',
    pick: (column) => column.övrigaFordringar,
    // The VAT receivable is one balance, not open items: one row. Below zero it is a debt, in
    // Not 4 (vatDebt.ts): the row shows what is receivable, zero (left out) when there is a debt.
    extraRows: (totals, year) => {
      const account = totals.chart.roles.momsfordran;
      return totals.chart.account(account).line === 'övriga-fordringar'
        ? [
            {
              key: 'momsfordran',
              label: 'Momsfordran',
              amount: accountBalanceAtEndOf(totals, year, account).plus(
                vatDebtAtEndOf(totals, year),
              ),
            },
          ]
        : [];
    },
  },
];

/**
 * Not 3 Fordringar: the receivables at the end of `year`, grouped by balansräkning line:
 *
 * - Kundfordringar (`rubrik:kundfordringar`): each open kundfordran (`post:<postId>`, its
 *   text), e.g. an invoiced member contribution not yet paid;
 * - Förutbetalda kostnader och upplupna intäkter
 *   (`rubrik:förutbetalda-kostnader-upplupna-intäkter`): each upplupen intäkt, then each
 *   förutbetald kostnad, with its text;
 * - Övriga fordringar (`rubrik:övriga-fordringar`): the VAT receivable's balance as one
 *   row (`momsfordran`), when it is above zero (below zero it is a debt, in Not 4).
 *
 * Each group ends with its total (`summa:<line>`), which equals the balansräkning's line
 * (asserted). What the items do not explain (a booking on the line's accounts that no open
 * item carries) is shown as `Övrigt (utan specifikation)` (`övrigt:<line>`) and named in
 * the statement's notes, never dropped. A line that is zero with no items is left out.
 * One column: the year end. Exact kronor; `openItems` must be the open items at the end of
 * `year` (see `openItemsAtYearEndProjection`).
 */
export const not3Fordringar = (
  totals: LedgerTotals,
  openItems: OpenItemsAtYearEnd,
  year: number,
): Statement => openItemNote('Not 3 Fordringar', totals, openItems, year, not3Lines);
