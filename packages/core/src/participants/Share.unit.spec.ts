import test from 'ava';
import Big from 'big.js';
import fc from 'fast-check';
import { formatSharePercent, roundedWholePercent, shareOf } from './Share.js';
import type { LedgerError } from '../error.js';

test('rounds half away from zero to a whole percent, from exact counts', (t) => {
  t.is(roundedWholePercent(27, 200), 14); // 13.5 %
  t.is(roundedWholePercent(7, 200), 4); // 3.5 %
  t.is(roundedWholePercent(111, 200), 56); // 55.5 %
  t.is(roundedWholePercent(14, 111), 13); // 12.61 %
  t.is(roundedWholePercent(53, 111), 48); // 47.75 %
  t.is(roundedWholePercent(25, 89), 28); // 28.09 %
  t.is(roundedWholePercent(1, 3), 33);
  t.is(roundedWholePercent(2, 3), 67);
  t.is(roundedWholePercent(0, 5), 0);
  t.is(roundedWholePercent(5, 5), 100);
  t.is(roundedWholePercent(304, 300), 101);
  t.is(roundedWholePercent(0, 0), null);
});

test('a share keeps its counts and gives two decimals exactly', (t) => {
  t.deepEqual(shareOf(27, 200), {
    count: 27,
    of: 200,
    percentRounded: 14,
    percentTwoDecimals: '13.50',
  });
  t.deepEqual(shareOf(1, 3), { count: 1, of: 3, percentRounded: 33, percentTwoDecimals: '33.33' });
  t.deepEqual(shareOf(0, 0), { count: 0, of: 0, percentRounded: null, percentTwoDecimals: null });
  t.is(formatSharePercent(shareOf(72, 200)), '36%');
  t.is(formatSharePercent(shareOf(0, 0)), '–');
});

test('refuses counts that are not whole, negative, or a share above its group', (t) => {
  t.throws(() => shareOf(3, 2), { message: /at most its group size/ });
  t.throws(() => roundedWholePercent(-1, 2), { message: /whole number/ });
  t.throws(() => roundedWholePercent(0.5, 2), { message: /whole number/ });
  // The counts are the caller's: a bad one is VALIDATION_FAILED naming it, not a library bug.
  const refused = t.throws(() => shareOf(1, Number.NaN)) as LedgerError;
  t.is(refused.code, 'VALIDATION_FAILED');
  t.deepEqual(
    refused.issues.map((issue) => issue.path),
    ['of'],
  );
  t.is((t.throws(() => shareOf(3, 2)) as LedgerError).code, 'VALIDATION_FAILED');
});

test('property: the integer rounding equals big.js rounding half up of the exact quotient', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100_000 }),
      fc.integer({ min: 0, max: 100_000 }),
      (of, raw) => {
        const count = raw % (of + 1);
        const expected = Number(
          new Big(count).times(100).div(of).round(0, Big.roundHalfUp).toFixed(0),
        );
        return roundedWholePercent(count, of) === expected;
      },
    ),
  );
  t.pass();
});
