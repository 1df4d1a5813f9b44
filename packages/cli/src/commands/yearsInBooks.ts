import type { LedgerTotals } from '@finsam-ledger/core';
import { usageError } from '../usageError.js';

/** The years with bookings, ascending. */
export const yearsInBooks = (totals: LedgerTotals): number[] =>
  [...totals.movements.keys()].sort((left, right) => left - right);

/**
 * The years with a verifikation: those with bookings, the opening balance's year (whose first
 * verifikation is the opening balance, before anything is booked), and the year after each close
 * with a result, whose first verifikation (dated 1 January) moves that result into balanserat
 * resultat.
 */
export function yearsWithVerifikationer(totals: LedgerTotals): number[] {
  const years = new Set(totals.movements.keys());
  if (totals.openingYear !== undefined) years.add(totals.openingYear);
  for (const [year, result] of totals.closingResults) if (!result.isZero()) years.add(year + 1);
  return [...years].sort((left, right) => left - right);
}

/** What the years counted are: years with bookings (the default), or years with any event. */
export type YearsOf = 'bookings' | 'events';

const describeYears = (years: readonly number[], of: YearsOf): string => {
  if (years.length === 0) return `they hold no ${of} yet`;
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const contiguous = last - first + 1 === years.length;
  const span = contiguous && years.length > 1 ? `${first}–${last}` : years.join(', ');
  // Events count the years of historical figures too, which hold no bookings.
  return of === 'bookings' ? `they hold ${span}` : `they hold events of ${span}`;
};

/**
 * The year to report: the one asked for if the books hold it, else the latest year with
 * bookings. A year outside the books is a usage error naming the years that are there
 * (an empty report under the förbund's name would look like a real one).
 */
export function chooseYear(
  requested: number | undefined,
  years: readonly number[],
  booksName: string,
  of: YearsOf = 'bookings',
): number {
  if (requested !== undefined && years.includes(requested)) return requested;
  if (requested !== undefined)
    throw usageError(
      `year ${requested} is outside the books of ${booksName}: ${describeYears(years, of)}.`,
    );
  const latest = years[years.length - 1];
  if (latest === undefined)
    throw usageError(
      `there is no year to report: the books of ${booksName} ${describeYears(years, of).replace('they ', '')}.`,
    );
  return latest;
}
