import { z } from 'zod';
import { holdsNoPersonnummer, personnummerRefusal } from '../privacy/findPersonnummerInValue.js';
import { markFreeOfPersonnummer } from './textsFreeOfPersonnummer.js';

/**
 * Zod building blocks shared by the event catalog, so that every event refuses the same
 * things the same way. A refusal carries its rule name in `params.rule`.
 */

/** Free text of at most `lengthMax` characters, no control characters, no personnummer. */
export const freeText = (lengthMax = 500) =>
  markFreeOfPersonnummer(
    z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(lengthMax, { error: `must be at most ${lengthMax} characters` })
      .regex(/^[^\p{Cc}]*$/u, { error: 'must not contain control characters' })
      .refine(holdsNoPersonnummer, personnummerRefusal),
    'searched-in-full',
  );

/** An identifier chosen by the förbund (open item ids, participant ids...): no personnummer. */
export const identifier = (lengthMax = 100) =>
  markFreeOfPersonnummer(
    z
      .string({ error: 'must be a string' })
      .min(1, { error: 'must not be empty' })
      .max(lengthMax, { error: `must be at most ${lengthMax} characters` })
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.:/-]*$/u, {
        error:
          'must start with a letter or digit and hold only letters, digits, _ . : / - (no spaces: "steg-mot-arbete", not "Steg mot arbete")',
      })
      .refine(holdsNoPersonnummer, personnummerRefusal),
    'searched-in-full',
  );

/**
 * An account number: a string of `digitsMin` to 8 digits. The kontoplan asks at least 3, as
 * BAS and Kommun-BAS do; events and the SIE mapping take any account a file may name, since
 * whether it is the chart's own is a rule of their write-side check.
 */
export const accountNumber = (digitsMin: 1 | 3 = 1) =>
  z
    .string({ error: 'must be an account number as a string, e.g. "1930"' })
    .regex(new RegExp(`^\\d{${digitsMin},8}$`), {
      error: `must be an account number of ${digitsMin} to 8 digits, e.g. "1930"`,
    });

/**
 * The years every business date and financial year lies in: the dates of costs,
 * contributions, payments, participant events and the year a close closes. One range for
 * all of them, so that every year an event can be dated in can also be closed. Finsam
 * (Lag 2003:1210) began in 2004; 1990 leaves room for history recorded from before it, and
 * 2200 for long plans, while a mistyped `9999-12-31` is refused.
 */
export const businessYearRange = { min: 1990, max: 2200 } as const;

const inBusinessYearRange = (year: number): boolean =>
  year >= businessYearRange.min && year <= businessYearRange.max;

/** A calendar date `YYYY-MM-DD` that exists, in {@link businessYearRange}. */
export const calendarDate = () =>
  markFreeOfPersonnummer(
    z
      .string({ error: 'must be a date string YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
      .refine(isCalendarDate, {
        error: 'must be a date that exists',
        params: { rule: 'date-exists' },
      })
      .refine((value) => inBusinessYearRange(yearOf(value)), {
        error: `must be a date in the years ${businessYearRange.min} to ${businessYearRange.max}`,
        params: { rule: 'business-year-range' },
      }),
    'too-few-digits',
  );

/** A financial year (räkenskapsår = calendar year), in {@link businessYearRange}. */
export const financialYear = () =>
  z
    .number({ error: 'must be a year as a whole number' })
    .int({ error: 'must be a whole number' })
    .min(businessYearRange.min, {
      error: `must be a year from ${businessYearRange.min} to ${businessYearRange.max}`,
    })
    .max(businessYearRange.max, {
      error: `must be a year from ${businessYearRange.min} to ${businessYearRange.max}`,
    });

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** True if `value` is `YYYY-MM-DD` and exists in the Gregorian calendar. */
export function isCalendarDate(value: string): boolean {
  // Every stored date is checked on every replay: arithmetic, not a `Date` per check.
  if (!datePattern.test(value)) return false;
  // The pattern holds: each field is ASCII digits, read without cutting strings out.
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  // Years 0–99 are refused, as `Date.UTC` (which maps them to 1900–1999) always refused them.
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth =
    month === 2
      ? leap
        ? 29
        : 28
      : month === 4 || month === 6 || month === 9 || month === 11
        ? 30
        : 31;
  return day <= daysInMonth;
}

/** The number written by the `length` ASCII digits of `text` from `start`. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index += 1)
    value = value * 10 + (text.charCodeAt(index) - 0x30);
  return value;
}

/**
 * The year of a `YYYY-MM-DD` date. Every event's dates are read several times as it is checked,
 * numbered and folded: four ASCII digits are read in place, without cutting out a string;
 * anything else is read as `Number` reads it.
 */
export const yearOf = (date: string): number => {
  const year = date.length >= 4 ? fourDigitsAt(date) : -1;
  return year >= 0 ? year : Number(date.slice(0, 4));
};

/** The number the first four characters of `text` write if they are ASCII digits, else -1. */
function fourDigitsAt(text: string): number {
  let value = 0;
  for (let index = 0; index < 4; index += 1) {
    const digit = text.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
