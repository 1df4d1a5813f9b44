import { Money } from '@finsam-ledger/core';
import { XlsxError } from './error.js';

/**
 * The most significant decimal digits a spreadsheet cell holds exactly. A cell's number is an
 * IEEE 754 double; every decimal of at most 15 significant digits survives the trip decimal →
 * double → shortest decimal (`String(number)`) unchanged, which is how the cell's XML writes it
 * and how a reader gets it back.
 */
export const cellSignificantDigitsMax = 15;

const significantDigitsOf = (decimal: string): number =>
  decimal.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;

/**
 * The number a cell holds for an exact amount, without loss: `Money` → its decimal string
 * (`"363333.25"`) → `Number`. The trip is asserted, not assumed: the amount has at most
 * {@link cellSignificantDigitsMax} significant digits and `String(number)` parses back to the
 * same amount; otherwise an {@link XlsxError} `AMOUNT_NOT_EXACT_IN_CELL` naming `path`.
 */
export function exactCellNumber(amount: Money, path: string): number {
  const decimal = amount.toString();
  const number = Number(decimal);
  const exact =
    significantDigitsOf(decimal) <= cellSignificantDigitsMax &&
    Money.from(String(number)).equals(amount);
  if (exact) return number;
  const message = `${decimal} kr has more than ${cellSignificantDigitsMax} significant digits: a spreadsheet cell cannot hold it exactly`;
  throw new XlsxError('AMOUNT_NOT_EXACT_IN_CELL', message, {
    issues: [{ path, rule: 'at-most-15-significant-digits', message }],
    details: { amount: decimal },
  });
}

/** The exact amount a cell holds: the inverse of {@link exactCellNumber}, for readers and tests. */
export const amountOfCellNumber = (number: number): Money => Money.from(String(number));
