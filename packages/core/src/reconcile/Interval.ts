import Big from 'big.js';

/**
 * The exact amounts (kronor) a printed figure can stand for: from `lower` to `upper`, each end
 * open or closed. Rounding half away from zero makes the interval of a positive figure closed
 * below and open above, of a negative one open below and closed above, and of zero open on
 * both sides; two different figures rounded to the same digit therefore never overlap.
 */
export interface Interval {
  readonly lower: Big;
  readonly upper: Big;
  readonly lowerOpen: boolean;
  readonly upperOpen: boolean;
}

/** The interval of the exact amounts that print as `value` when rounded to `half` × 2. */
export function roundingInterval(value: Big, half: Big): Interval {
  if (half.eq(0)) return { lower: value, upper: value, lowerOpen: false, upperOpen: false };
  const sign = value.cmp(0);
  return {
    lower: value.minus(half),
    upper: value.plus(half),
    lowerOpen: sign <= 0,
    upperOpen: sign >= 0,
  };
}

/** The interval of a sum: every combination of one amount from each term. */
export function addIntervals(terms: readonly Interval[]): Interval {
  return terms.reduce<Interval>(
    (sum, term) => ({
      lower: sum.lower.plus(term.lower),
      upper: sum.upper.plus(term.upper),
      lowerOpen: sum.lowerOpen || term.lowerOpen,
      upperOpen: sum.upperOpen || term.upperOpen,
    }),
    { lower: new Big(0), upper: new Big(0), lowerOpen: false, upperOpen: false },
  );
}

/** The interval of −x for x in `interval`. */
export const negateInterval = (interval: Interval): Interval => ({
  lower: interval.upper.times(-1),
  upper: interval.lower.times(-1),
  lowerOpen: interval.upperOpen,
  upperOpen: interval.lowerOpen,
});

/** Whether one exact amount lies in both intervals: the two figures can be the same amount. */
export function intervalsOverlap(first: Interval, second: Interval): boolean {
  const lowerCompared = first.lower.cmp(second.lower);
  const lower = lowerCompared >= 0 ? first.lower : second.lower;
  const lowerOpen =
    lowerCompared === 0
      ? first.lowerOpen || second.lowerOpen
      : lowerCompared > 0
        ? first.lowerOpen
        : second.lowerOpen;
  const upperCompared = first.upper.cmp(second.upper);
  const upper = upperCompared <= 0 ? first.upper : second.upper;
  const upperOpen =
    upperCompared === 0
      ? first.upperOpen || second.upperOpen
      : upperCompared < 0
        ? first.upperOpen
        : second.upperOpen;
  const compared = lower.cmp(upper);
  return compared < 0 || (compared === 0 && !lowerOpen && !upperOpen);
}
