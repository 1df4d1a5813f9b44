import test from 'ava';
import Big from 'big.js';
import fc from 'fast-check';
import { intervalsOverlap, roundingInterval } from './Interval.js';

const half = new Big(500);
const contains = (printed: Big, exact: Big) =>
  intervalsOverlap(roundingInterval(printed, half), roundingInterval(exact, new Big(0)));

test('an exact amount lies in the interval of the figure it rounds to (tkr, half away from zero), and in no other', (t) => {
  fc.assert(
    fc.property(fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }), (ore) => {
      const exact = new Big(ore.toString()).div(100);
      const printed = exact.div(1000).round(0, Big.roundHalfUp).times(1000);
      return (
        contains(printed, exact) &&
        !contains(printed.plus(1000), exact) &&
        !contains(printed.minus(1000), exact)
      );
    }),
  );
  t.pass();
});

test('two different figures printed to the same digit never stand for the same amount', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: -100_000, max: 100_000 }),
      fc.integer({ min: 1, max: 3 }),
      (value, step) => {
        const first = roundingInterval(new Big(value).times(1000), half);
        const second = roundingInterval(new Big(value + step).times(1000), half);
        return !intervalsOverlap(first, second) && intervalsOverlap(first, first);
      },
    ),
  );
  t.pass();
});
