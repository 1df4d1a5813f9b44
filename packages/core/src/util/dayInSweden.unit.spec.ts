import test from 'ava';
import { dayInSweden, minuteInSweden } from './dayInSweden.js';

test('the day in Sweden is the next UTC day from 23:00 UTC in winter (CET) and 22:00 in summer (CEST)', (t) => {
  t.is(dayInSweden('2025-12-31T22:59:59.999Z'), '2025-12-31');
  t.is(dayInSweden('2025-12-31T23:00:00.000Z'), '2026-01-01');
  t.is(dayInSweden('2026-06-30T21:59:59.000Z'), '2026-06-30');
  t.is(dayInSweden('2026-06-30T22:00:00.000Z'), '2026-07-01');
  t.is(dayInSweden('2026-06-30T09:30:00.000Z'), '2026-06-30');
});

test('the day in Sweden follows the switches to and from summer time', (t) => {
  // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
  t.is(dayInSweden('2026-03-28T22:59:00.000Z'), '2026-03-28');
  t.is(dayInSweden('2026-03-28T23:00:00.000Z'), '2026-03-29');
  t.is(dayInSweden('2026-03-29T21:59:00.000Z'), '2026-03-29');
  t.is(dayInSweden('2026-03-29T22:00:00.000Z'), '2026-03-30');
  // 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET (01:00 UTC).
  t.is(dayInSweden('2026-10-24T22:00:00.000Z'), '2026-10-25');
  t.is(dayInSweden('2026-10-25T22:59:00.000Z'), '2026-10-25');
  t.is(dayInSweden('2026-10-25T23:00:00.000Z'), '2026-10-26');
});

test('years far from today keep four digits, and what is not an instant is refused', (t) => {
  t.is(dayInSweden('1970-01-01T00:00:00.000Z'), '1970-01-01');
  t.is(dayInSweden('9999-12-31T12:00:00.000Z'), '9999-12-31');
  t.throws(() => dayInSweden('yesterday'), { instanceOf: RangeError });
});

test('minuteInSweden is the office clock: CET in winter, CEST in summer, midnight as 00', (t) => {
  t.is(minuteInSweden('2021-01-05T07:30:00.000Z'), '2021-01-05 08:30');
  t.is(minuteInSweden('2021-06-05T07:30:00.000Z'), '2021-06-05 09:30');
  t.is(minuteInSweden('2025-12-31T23:00:00.000Z'), '2026-01-01 00:00');
  t.throws(() => minuteInSweden('not an instant'), { instanceOf: RangeError });
});

test('the shortcut for a UTC stamp before 22:00 gives what Intl gives, at every hour of a summer and a winter day', (t) => {
  for (const day of ['2026-01-15', '2026-07-15', '2026-03-29', '2026-10-25'])
    for (let hour = 0; hour < 24; hour += 1) {
      const instant = `${day}T${String(hour).padStart(2, '0')}:59:59.999Z`;
      const viaIntl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
        new Date(instant),
      );
      t.is(dayInSweden(instant), viaIntl, instant);
    }
});
