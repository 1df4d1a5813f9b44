import type { Money } from './Money.js';

/** The presentation units of the statements. */
export type MoneyUnit = 'kr' | 'tkr' | 'mkr';

/** How many kronor one unit is. */
export const kronorPerUnit = { kr: 1, tkr: 1000, mkr: 1_000_000 } as const;

/**
 * The default number of decimals per unit, as in the seed reports: whole kronor, whole
 * tkr, mkr with two decimals.
 */
export const defaultDecimalsPerUnit = { kr: 0, tkr: 0, mkr: 2 } as const;

/**
 * Formats an amount the Swedish way, deterministically (no `Intl`, so the same bytes on
 * every machine): a space between thousands, a decimal comma, a hyphen-minus for negative
 * amounts. Rounding rule: half away from zero, applied once to the exact amount (a
 * rounded total is the rounded exact total, never the sum of rounded lines).
 *
 * `formatMoney(Money.from("-8994844.00"), 'tkr') === "-8 995"`.
 */
export function formatMoney(
  amount: Money,
  unit: MoneyUnit = 'kr',
  decimals: number = defaultDecimalsPerUnit[unit],
): string {
  const rounded = amount.roundedIn(kronorPerUnit[unit], decimals);
  const negative = rounded.startsWith('-');
  const [integerPart, fractionPart] = (negative ? rounded.slice(1) : rounded).split('.') as [
    string,
    string | undefined,
  ];
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const isZero = /^0(\.0*)?$/.test(negative ? rounded.slice(1) : rounded);
  return `${negative && !isZero ? '-' : ''}${grouped}${fractionPart === undefined ? '' : `,${fractionPart}`}`;
}
