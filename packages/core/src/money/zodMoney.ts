import { z } from 'zod';
import { moneyRuleBroken, moneyRules, oreOfDecimal } from './Money.js';
import { holdsNoPersonnummer } from '../privacy/findPersonnummerInValue.js';

/**
 * Zod schemas for amounts in event data. The data keeps the decimal string as given;
 * posting parses it into {@link Money}. A refusal names the rule in `params.rule`.
 */
const amountDescriptions = {
  positive:
    'Amount in kronor greater than zero, as a decimal string with at most two decimals, e.g. "363333.00".',
  'non-negative':
    'Amount in kronor, zero or more, as a decimal string with at most two decimals, e.g. "0.00".',
  signed:
    'Amount in kronor of any sign, as a decimal string with at most two decimals, e.g. "-60.00".',
} as const;

/** Whether `description` is the description of one of the amount schemas below. */
export const isAmountDescription = (description: string): boolean =>
  (Object.values(amountDescriptions) as readonly string[]).includes(description);

/** A Swedish written amount: thousands apart by spaces, decimal comma (`1 234,50`). */
const swedishAmountPattern = /^-?\d{1,3}([ \u00a0]\d{3})*(,\d{1,2})?$|^-?\d+,\d{1,2}$/;

/**
 * What a refused amount said, so that the message shows what was typed, and for an amount
 * written the Swedish way the form to write instead: `(got "1 234,50"; write "1234.50")`. Only
 * a short string of digits and separators is repeated, never one that could be a personnummer
 * (an error message is printed, logged and pasted into e-mails).
 */
function givenAmountText(value: unknown): string {
  if (typeof value !== 'string' || value.length > 24 || !/^[-+\d .,\u00a0]*$/.test(value))
    return '';
  if (!holdsNoPersonnummer(value)) return '';
  const swedish = swedishAmountPattern.test(value)
    ? `; write "${value.replace(/[ \u00a0]/g, '').replace(',', '.')}"`
    : '';
  return ` (got ${JSON.stringify(value)}${swedish})`;
}

/**
 * The schema reads any value, so that a number or `NaN` is refused with the money rule it
 * breaks rather than zod's type error; its input type says what a caller must write, a
 * decimal string, so that `belopp: 1.5` fails to compile where the event data is typed.
 */
const amountSchema = (sign: 'positive' | 'non-negative' | 'signed') =>
  z
    .unknown()
    .meta({
      type: 'string',
      pattern: '^-?(0|[1-9]\\d*)(\\.\\d{1,2})?$',
      description: amountDescriptions[sign],
    })
    .transform((value, context) => {
      // Every amount of every event is checked here: a well-formed amount is read in one pass
      // (its öre), and only another input is examined rule by rule.
      const ore = typeof value === 'string' ? oreOfDecimal(value) : undefined;
      const rule = ore === undefined ? moneyRuleBroken(value) : undefined;
      if (rule !== undefined) {
        const message = `${moneyRules[rule]}${givenAmountText(value)}`;
        context.addIssue({ code: 'custom', message, params: { rule } });
        return z.NEVER;
      }
      const text = value as string;
      const zero = ore === undefined ? /^-?0(\.0{1,2})?$/.test(text) : ore === 0;
      const negative = !zero && text.startsWith('-');
      if (sign === 'positive' && (negative || zero)) {
        context.addIssue({
          code: 'custom',
          message: 'the amount must be greater than zero',
          params: { rule: 'amount-positive' },
        });
        return z.NEVER;
      }
      if (sign === 'non-negative' && negative) {
        context.addIssue({
          code: 'custom',
          message: 'the amount must not be negative',
          params: { rule: 'amount-non-negative' },
        });
        return z.NEVER;
      }
      return text;
    }) as unknown as z.ZodType<string, string>;

/** An amount greater than zero, e.g. `"363333.00"`. */
export const positiveAmount = () => amountSchema('positive');
/** An amount of zero or more. */
export const nonNegativeAmount = () => amountSchema('non-negative');
/** An amount of any sign. */
export const signedAmount = () => amountSchema('signed');
