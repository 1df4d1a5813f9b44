import { kronorPerUnit, type Money, type MoneyUnit } from '@finsam-ledger/core';

/**
 * An amount as a position on a chart's scale, in `unit` with three decimals. This is the only
 * place the report turns money into a JavaScript number: a chart needs numbers to place its
 * marks, and those numbers are never added up or printed (the table beside each chart prints
 * the exact kronor, rounded once).
 */
export const plotValue = (amount: Money, unit: MoneyUnit): number =>
  Number(amount.roundedIn(kronorPerUnit[unit], 3));

/** The colours of the series: distinguishable in greyscale print and for colour-blind readers. */
export const seriesColours = ['#1f4e79', '#c55a11', '#2e7d32', '#6a1b9a'] as const;
