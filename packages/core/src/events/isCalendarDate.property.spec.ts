import test from 'ava';
import fc from 'fast-check';
import { isCalendarDate } from './zodFields.js';

/** The calendar by `Date`: what `isCalendarDate` computes by arithmetic. */
function existsByDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 100) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const digits = (length: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length })
    .map((characters) => characters.join(''));

test('isCalendarDate agrees with the calendar of Date on every date-shaped string', (t) => {
  const dateShaped = fc.oneof(
    fc
      .tuple(digits(4), digits(2), digits(2))
      .map(([year, month, day]) => `${year}-${month}-${day}`),
    // Real years, months and the days around each month's end (leap years included).
    fc
      .tuple(
        fc.integer({ min: 1890, max: 2210 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([year, month, day]) =>
          `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      ),
    fc.string({ maxLength: 12 }),
  );
  fc.assert(
    fc.property(dateShaped, (value) => isCalendarDate(value) === existsByDate(value)),
    { numRuns: 20_000 },
  );
  t.true(isCalendarDate('2024-02-29'));
  t.false(isCalendarDate('2023-02-29'));
  t.false(isCalendarDate('2100-02-29'));
  t.true(isCalendarDate('2000-02-29'));
  t.false(isCalendarDate('2021-04-31'));
  t.false(isCalendarDate('0099-01-01'));
});
