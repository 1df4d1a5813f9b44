import { formatMoney } from '../money/formatMoney.js';
import type { Money } from '../money/Money.js';

/**
 * An amount in kronor with öre and its unit, for a sentence (`1 565 600,00 kr`): a guideline's
 * boundary, a member's share or a note's item can be an öre away, so no rounding to the krona.
 */
export const kronorText = (amount: Money): string => `${formatMoney(amount, 'kr', 2)} kr`;
