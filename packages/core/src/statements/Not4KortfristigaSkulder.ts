import type { LedgerTotals } from './LedgerTotals.js';
import { openItemNote, type NoteLine } from './openItemsAtYearEndNotes.js';
import type { OpenItemsAtYearEnd } from './openItemsAtYearEnd.js';
import type { Statement } from './Statement.js';
import { vatDebtAtEndOf } from './vatDebt.js';

/** The balansräkning lines Not 4 specifies, in printed order. */
const not4Lines: readonly NoteLine[] = [
  {
    line: 'leverantörsskulder',
    label: 'Leverantörsskulder',
    pick: (column) => column.leverantörsskulder,
    byOmråde: true,
  },
  {
    line: 'övriga-kortfristiga-skulder',
    label: 'Övriga kortfristiga skulder',
    pick: (column) => column.övrigaKortfristigaSkulder,
    // VAT owed back to Skatteverket (vatDebt.ts): one balance, not an open item; one row.
    extraRows: (totals, year) => [
      { key: 'momsskuld', label: 'Momsskuld', amount: vatDebtAtEndOf(totals, year) },
    ],
  },
  {
    line: 'upplupna-kostnader-förutbetalda-intäkter',
    label: 'Upplupna kostnader och förutbetalda intäkter',
    pick: (column) => column.upplupnaKostnader,
    byOmråde: true,
    ownHeadings: [
      { slag: 'förutbetald-intäkt', key: 'förutbetalda-intäkter', label: 'Förutbetalda intäkter' },
    ],
  },
];

/**
 * Not 4 Kortfristiga skulder: the short-term debts at the end of `year`, grouped by
 * balansräkning line:
 *
 * - Leverantörsskulder (`rubrik:leverantörsskulder`): invoices received and not paid by the
 *   year end, item by item (`post:<postId>`, its text);
 * - Övriga kortfristiga skulder (`rubrik:övriga-kortfristiga-skulder`): costs owed to
 *   others than suppliers, item by item (shown when there are any), and the VAT owed back to
 *   Skatteverket as one row (`momsskuld`, Momsskuld) when the VAT account is below zero at the
 *   year end (see `vatDebtAtEndOf`);
 * - Upplupna kostnader och förutbetalda intäkter
 *   (`rubrik:upplupna-kostnader-förutbetalda-intäkter`): the year's costs whose invoices
 *   had not come, item by item, then the money received for a later year (förutbetalda
 *   intäkter) under a heading of their own
 *   (`rubrik:upplupna-kostnader-förutbetalda-intäkter:förutbetalda-intäkter`, Förutbetalda
 *   intäkter), whichever account the chart keeps them on, as long as it feeds the line.
 *
 * Leverantörsskulder and upplupna kostnader are grouped under a heading per område
 * (`rubrik:<line>:<område>`, named as `områdeNames`: Administrativa kostnader,
 * Strukturpåverkande insatser, Operativa individinsatser) when the items carry one; items
 * without område come last under `Utan område`. Each line ends with its total
 * (`summa:<line>`), equal to the balansräkning's line (asserted); an unexplained
 * remainder is shown as `Övrigt (utan specifikation)` (`övrigt:<line>`) and named in the
 * notes. A line that is zero with no items is left out. One column: the year end.
 */
export const not4KortfristigaSkulder = (
  totals: LedgerTotals,
  openItems: OpenItemsAtYearEnd,
  year: number,
): Statement => openItemNote('Not 4 Kortfristiga skulder', totals, openItems, year, not4Lines);
