import { z } from 'zod';
import { isShareAtMostOne, shareSyntax } from '../money/shares.js';

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
