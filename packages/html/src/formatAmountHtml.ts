import { formatMoney, type Money, type MoneyUnit, unitPhrases } from '@finsam-ledger/core';

/** The minus sign (U+2212) the report prints, as Swedish typography has it. */
export const minusSign = '\u2212';

/** The space between thousands: a no-break space (U+00A0), so a figure never wraps. */
export const thousandsSpace = '\u00a0';

/**
 * Formats an amount for the HTML report: core's `formatMoney` (the exact kronor rounded once,
 * half away from zero, into `unit`), with the minus sign U+2212 for negative amounts and a
 * no-break space between thousands. `−2 090 800` in kr, `−2 091` in tkr, `−2,09` in mkr.
 */
export function formatAmountHtml(amount: Money, unit: MoneyUnit, decimals?: number): string {
  const plain =
    decimals === undefined ? formatMoney(amount, unit) : formatMoney(amount, unit, decimals);
  return plain.replace(/^-/, minusSign).replace(/ /g, thousandsSpace);
}

/** The unit as a table's caption states it: core's phrase, which the text documents use too. */
export const unitPhrase: Readonly<Record<MoneyUnit, string>> = unitPhrases;
