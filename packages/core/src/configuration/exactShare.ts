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
  .refine((value) => !shareSyntax.test(value) || exactShare(value).compare(1) <= 0, {
    error: 'must be at most 1 (the whole contribution)',
    params: { rule: 'share-at-most-one' },
  });

/** True if `value` is written as a share (a decimal string or a fraction of whole numbers). */
export const isShareSyntax = (value: unknown): value is string =>
  typeof value === 'string' && shareSyntax.test(value);

/** The exact rational value of a share string checked by {@link exactShareSchema}. */
export const exactShare = (value: string): Fraction => new Fraction(value);

/** The exact sum of shares. */
export const sumOfShares = (values: readonly string[]): Fraction =>
  values.reduce((sum, value) => sum.add(exactShare(value)), new Fraction(0));

/** A share for a message: the fraction in lowest terms (`"1/4"`). */
export const formatShare = (value: Fraction): string => value.toFraction();
