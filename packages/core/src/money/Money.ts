import Big from 'big.js';
import * as E from 'fp-ts/Either';
import { assert, ledgerError, type LedgerError } from '../error.js';

/**
 * Exact money in Swedish kronor with öre precision, backed by big.js.
 *
 * A `Money` is never built from a JavaScript `number`: amounts travel as decimal strings
 * (`"363333.00"`) and are parsed with {@link parseMoney}, which refuses numbers, `NaN`,
 * exponents, a third decimal and anything else that is not a plain decimal.
 */
export class Money {
  /** The largest magnitude accepted: 999 999 999 999 999,99 kr (15 integer digits). */
  static readonly integerDigitsMax = 15;
  static readonly zero = new Money(new Big(0));

  private constructor(private readonly value: Big) {
    assert(value.round(2, Big.roundHalfUp).eq(value), 'money has at most two decimals', {
      value: value.toString(),
    });
  }

  /** Internal: from a big.js value that already has at most two decimals. */
  private static of(value: Big): Money {
    return new Money(value.eq(0) ? new Big(0) : value);
  }

  /**
   * Parses a decimal string; throws a `LedgerError` (`INVALID_AMOUNT`) on anything else.
   * Prefer {@link parseMoney} for input that may be wrong.
   */
  static from(input: string): Money {
    const parsed = parseMoney(input);
    if (E.isLeft(parsed)) throw parsed.left;
    return parsed.right;
  }

  /** Parses an amount at the edge; see {@link parseMoney}. */
  static parse(input: unknown, field = 'amount'): E.Either<LedgerError, Money> {
    const rule = moneyRuleBroken(input);
    if (rule !== undefined) {
      const message = `${field}: ${moneyRules[rule]} (got ${typeof input === 'string' ? JSON.stringify(input) : String(input)})`;
      return E.left(
        ledgerError('INVALID_AMOUNT', message, { issues: [{ path: field, rule, message }] }),
      );
    }
    return E.right(Money.of(new Big(input as string)));
  }

  /** Sum of many amounts. */
  static sum(amounts: Iterable<Money>): Money {
    let total = new Big(0);
    for (const amount of amounts) total = total.plus(amount.value);
    return Money.of(total);
  }

  plus(other: Money): Money {
    return Money.of(this.value.plus(other.value));
  }
  minus(other: Money): Money {
    return Money.of(this.value.minus(other.value));
  }
  negated(): Money {
    return Money.of(this.value.times(-1));
  }
  abs(): Money {
    return Money.of(this.value.abs());
  }
  isZero(): boolean {
    return this.value.eq(0);
  }
  isNegative(): boolean {
    return this.value.lt(0);
  }
  isPositive(): boolean {
    return this.value.gt(0);
  }
  compare(other: Money): -1 | 0 | 1 {
    return this.value.cmp(other.value) as -1 | 0 | 1;
  }
  equals(other: Money): boolean {
    return this.value.eq(other.value);
  }

  /**
   * Rounds to whole units of `unitKronor` (1 for kr, 1000 for tkr, 1 000 000 for mkr)
   * with `decimals` decimals of that unit, half away from zero, and returns the decimal
   * string in that unit: `Money.from("566928.00").roundedIn(1000, 0) === "567"`.
   */
  roundedIn(unitKronor: 1 | 1000 | 1_000_000, decimals: number): string {
    return this.value.div(unitKronor).round(decimals, Big.roundHalfUp).toFixed(decimals);
  }

  /** The canonical decimal string with two decimals, e.g. `"363333.00"` or `"-60.00"`. */
  toString(): string {
    return this.value.toFixed(2);
  }
  toJSON(): string {
    return this.toString();
  }
  /** Öre as a bigint, for checksums and exports that want integers. */
  toOre(): bigint {
    return BigInt(this.value.times(100).toFixed(0));
  }
}

/** The rules an amount is checked against, by name. */
export const moneyRules = {
  'decimal-string-required':
    'an amount must be a decimal string such as "363333.00", never a JavaScript number',
  'not-a-number': 'NaN and Infinity are not amounts',
  'no-exponent': 'an amount must not use exponent notation such as 1e6',
  'at-most-two-decimals': 'an amount has at most two decimals (öre)',
  'decimal-format':
    'an amount is digits with an optional leading minus and an optional point followed by one or two digits, without spaces, plus sign, thousands separators or leading zeros',
  'amount-max': `an amount has at most ${Money.integerDigitsMax} digits before the point`,
} as const;

/** Name of a money rule. */
export type MoneyRule = keyof typeof moneyRules;

const decimalPattern = /^-?(0|[1-9]\d*)(\.\d{1,2})?$/;

/** Finds the rule a candidate amount breaks, or `undefined` when it is a valid amount. */
export function moneyRuleBroken(input: unknown): MoneyRule | undefined {
  if (typeof input === 'number')
    return Number.isNaN(input) || !Number.isFinite(input)
      ? 'not-a-number'
      : 'decimal-string-required';
  if (typeof input !== 'string') return 'decimal-string-required';
  if (/^[-+]?(NaN|Infinity)$/i.test(input)) return 'not-a-number';
  if (/^[-+]?[\d.]+[eE][-+]?\d+$/.test(input)) return 'no-exponent';
  if (/^-?\d+\.\d{3,}$/.test(input)) return 'at-most-two-decimals';
  if (!decimalPattern.test(input)) return 'decimal-format';
  const integerDigits = input.replace('-', '').split('.')[0]!.length;
  if (integerDigits > Money.integerDigitsMax) return 'amount-max';
  return undefined;
}

/**
 * Parses an amount at the edge. Returns `INVALID_AMOUNT` naming `field` and the rule.
 */
export const parseMoney = (input: unknown, field = 'amount'): E.Either<LedgerError, Money> =>
  Money.parse(input, field);
