/** Dates of the history (`YYYY-MM-DD`); JavaScript numbers here count days, never money. */

const dayMs = 86_400_000;

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The date `days` days after `date`. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** `date`, or the Friday before it when it falls on a weekend (payments are made on weekdays). */
export function workdayOnOrBefore(date: string): string {
  let day = date;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, -1);
  return day;
}

/** The first weekday after `date`: when the ekonom records what happened on `date`. */
export function nextWorkday(date: string): string {
  let day = addDays(date, 1);
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
  return day;
}

/** The last day of `month` (1–12) of `year`. */
export const lastDayOf = (year: number, month: number): string =>
  addDays(
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`,
    -1,
  );

/** The last day of `month` (1–12) of 2020. */
export const lastDayOf2020 = (month: number): string => lastDayOf(2020, month);

/** A date of `year`: month 1–12, day 1–31 (clamped to the month), moved back to a weekday. */
export function payday(year: number, month: number, day: number): string {
  const last = lastDayOf(year, month);
  const wanted = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return workdayOnOrBefore(wanted > last ? last : wanted);
}

/** A date of 2020 (see {@link payday}). */
export const payday2020 = (month: number, day: number): string => payday(2020, month, day);

/** Swedish month abbreviations, as the seed's Not 4 uses them ("nov", "dec"). */
export const monthNames = [
  'jan',
  'feb',
  'mar',
  'apr',
  'maj',
  'jun',
  'jul',
  'aug',
  'sep',
  'okt',
  'nov',
  'dec',
] as const;
