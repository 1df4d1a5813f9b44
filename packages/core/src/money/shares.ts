import Fraction from 'fraction.js';

/**
 * How a share is written: a decimal string (`"0.25"`) or a fraction of whole numbers (`"1/4"`,
 * `"36641/600000"`). Never a JavaScript number: a member's share of a population is seldom a
 * finite decimal, and shares are summed and compared exactly.
 */
export const shareSyntax = /^(\d+(\.\d+)?|\d+\/[1-9]\d*)$/;

/** True if `value` is written as a share (a decimal string or a fraction of whole numbers). */
export const isShareSyntax = (value: unknown): value is string =>
  typeof value === 'string' && shareSyntax.test(value);

// Fraction stays inside this module: shares cross every boundary as strings, so no public
// declaration names fraction.js's type and a consumer needs none of its typings.
const exactShare = (value: string): Fraction => new Fraction(value);

/** True if the share string is at most 1 (the whole contribution), compared exactly. */
export const isShareAtMostOne = (value: string): boolean => exactShare(value).compare(1) <= 0;

/** The exact sum of shares, as a fraction in lowest terms (`"1/4"`, `"1"`). */
export const sumOfShares = (values: readonly string[]): string =>
  values.reduce((sum, value) => sum.add(exactShare(value)), new Fraction(0)).toFraction();

/** A share for a message: the fraction in lowest terms (`"0.25"` → `"1/4"`). */
export const formatShare = (value: string): string => exactShare(value).toFraction();

/** True if two share strings are the same number (`"0.5"` and `"1/2"`), compared exactly. */
export const sharesEqual = (left: string, right: string): boolean =>
  exactShare(left).equals(exactShare(right));

/** How far a booked amount is from a share of a whole: see {@link distanceFromShare}. */
export interface ShareDistance {
  /** The share of the whole in kronor, rounded to the öre (half away from zero). */
  readonly expected: string;
  /** The booked amount less the exact share, rounded to the öre (half away from zero). */
  readonly deviation: string;
  /**
   * True when the booked amount is at most `max` kronor from the exact share, or, without a
   * `max`, less than one öre from it.
   */
  readonly within: (max: string | undefined) => boolean;
}

/**
 * How far `booked` is from `share` of `whole` (kronor as decimal strings), compared exactly: a
 * member's share of the contributions (`"205640/6000000"`) is seldom a whole number of öre.
 */
export function distanceFromShare(booked: string, whole: string, share: string): ShareDistance {
  const exact = new Fraction(whole).mul(exactShare(share));
  const distance = new Fraction(booked).sub(exact);
  return {
    expected: roundedToÖre(exact),
    deviation: roundedToÖre(distance),
    within: (max) =>
      max === undefined
        ? distance.abs().compare(new Fraction(1, 100)) < 0
        : distance.abs().compare(new Fraction(max)) <= 0,
  };
}

/** A fraction of kronor rounded to the öre, half away from zero, as a decimal string. */
function roundedToÖre(kronor: Fraction): string {
  const cents = kronor.abs().mul(100).add(new Fraction(1, 2)).floor();
  const sign = kronor.compare(0) < 0 && !cents.equals(0) ? '-' : '';
  const text = cents.toFraction().padStart(3, '0');
  return `${sign}${text.slice(0, -2)}.${text.slice(-2)}`;
}
