import Fraction from 'fraction.js';
import { z } from 'zod';

const shareSyntax = /^(\d+(\.\d+)?|\d+\/[1-9]\d*)$/;

/**
 * A share as an exact decimal string (`"0.25"`) or a fraction of whole numbers
 * (`"1/4"`, `"36641/600000"`), from 0 to 1. Never a JavaScript number: a third or a
 * member's share of a population is not a finite decimal, and sums of shares are
 * compared exactly.
 */
export const exactShareSchema = z
  .string({ error: 'must be a share as a string, e.g. "1/4" or "0.25"' })
  .regex(shareSyntax, {
    error: 'must be a decimal string such as "0.25" or a fraction such as "1/4"',
  })
  // Zod runs every check: the syntax is tested again so that a malformed share is not parsed.
  .refine((value) => !shareSyntax.test(value) || isShareAtMostOne(value), {
    error: 'must be at most 1 (the whole contribution)',
    params: { rule: 'share-at-most-one' },
  });

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
