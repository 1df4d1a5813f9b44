import { ledgerError } from '../error.js';
import { businessYearRange, financialYear } from './zodFields.js';

/**
 * Refuses a year argument of a read (`annualReport(year)`, `verifikationer(year)`, …) that is not
 * a whole number from 1990 to 2200: a fraction or a year outside the books' range would otherwise
 * read as an empty year, or fail on a derived option the caller never gave.
 *
 * @throws LedgerError `VALIDATION_FAILED` naming the argument, rule `financial-year`.
 */
export function assertYearArgument(year: unknown, name = 'year'): asserts year is number {
  if (financialYear().safeParse(year).success) return;
  const message = `${name} must be a year as a whole number from ${businessYearRange.min} to ${businessYearRange.max}, not ${JSON.stringify(year)}`;
  throw ledgerError('VALIDATION_FAILED', message, {
    issues: [{ path: name, rule: 'financial-year', message }],
    details: { [name]: year },
  });
}
