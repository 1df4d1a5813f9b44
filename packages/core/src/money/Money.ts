import Big from 'big.js';
import * as E from 'fp-ts/Either';
import { assert, ledgerError, type LedgerError } from '../error.js';

/**
 * Exact money in Swedish kronor with öre precision.
 *
 * A `Money` is never built from a JavaScript `number`: amounts travel as decimal strings
 * (`"363333.00"`) and are parsed with {@link parseMoney}, which refuses numbers, `NaN`,
 * exponents, a third decimal and anything else that is not a plain decimal.
 *
 * Inside, an amount is a whole number of öre while that number is a safe integer (every amount
 * up to ±90 071 992 547 409,91 kr, and every sum that stays within it): integer addition is exact
 * there, and replaying a million events adds many millions of amounts. An amount or a result
 * beyond it is held in big.js, exactly; rounding into tkr and mkr is always done by big.js.
 */
export class Money {
  /** The largest magnitude accepted: 999 999 999 999 999,99 kr (15 integer digits). */
  static readonly integerDigitsMax = 15;
  /**
   * The most digits before the point {@link fromSerialised} reads: what a sum of the amounts of a
   * whole store can have. Positions and revisions are safe integers, so a store holds fewer than
   * 10^16 events; an event's data is at most 1 MiB (`envelopeLimits.eventDataBytesMax`) and each
   * amount in it takes at least four bytes (`"0",`), so fewer than 10^6 amounts an event. A sum
   * of fewer than 10^22 amounts under 10^15 kr is under 10^37 kr: 37 digits. Three more as
   * margin, for a posting's line that adds several of an event's amounts (a cost and its moms
   * paid from the bank). Anything longer was written by no sum of this ledger.
   */
  static readonly serialisedIntegerDigitsMax = Money.integerDigitsMax + 16 + 6 + 3;
  static readonly zero = new Money(0, undefined);

  /**
   * Exactly one of the two holds the amount: `ore`, a safe integer, or (when it is not) `big`, in
   * kronor with at most two decimals.
   */
  private constructor(
    private readonly ore: number,
    private readonly big: Big | undefined,
  ) {}

  /** Internal: from a big.js value that has at most two decimals. */
  private static ofBig(value: Big): Money {
    assert(value.round(2, Big.roundHalfUp).eq(value), 'money has at most two decimals', {
      value: value.toString(),
    });
    const ore = Number(value.times(100).toFixed(0));
    return Number.isSafeInteger(ore) ? Money.ofOre(ore) : new Money(0, value);
  }

  /** Internal: from öre that are a safe integer (no negative zero). */
  private static ofOre(ore: number): Money {
    return ore === 0 ? Money.zero : new Money(ore, undefined);
  }

  /** The amount in big.js, for the rare amount beyond the safe integers. */
  private toBig(): Big {
    return this.big ?? new Big(this.ore).div(100);
  }

  /**
   * Parses a decimal string; throws a `LedgerError` (`INVALID_AMOUNT`) on anything else.
   * Prefer {@link parseMoney} for input that may be wrong.
   */
  static from(input: string): Money {
    // Posting parses every amount of every event: a well-formed amount is read without the
    // `Either` of `parse` (one object fewer per amount); anything else goes through `parse`.
    const ore = typeof input === 'string' ? oreOfDecimal(input) : undefined;
    if (ore !== undefined) return Money.ofOre(ore);
    const parsed = parseMoney(input);
    if (E.isLeft(parsed)) throw parsed.left;
    return parsed.right;
  }

  /**
   * The amount of a whole number of öre, the inverse of {@link toOre}: for arithmetic done in
   * integers (a share of an amount, a rate of it) that must come back as money exactly.
   */
  static fromOre(ore: bigint): Money {
    const safe = Number(ore);
    if (Number.isSafeInteger(safe)) return Money.ofOre(safe);
    return Money.ofBig(new Big(ore.toString()).div(100));
  }

  /**
   * Reads back the text {@link toString} wrote, of any sum of a store's amounts: a sum (an
   * account's balance, a year's result, a report's total) may have more digits than one amount
   * may ({@link integerDigitsMax}), and derived data such as a checkpoint keeps such sums. Only
   * that rule is waived, up to {@link serialisedIntegerDigitsMax} digits (`serialised-max`);
   * anything else that is not a plain decimal throws as {@link from} does.
   */
  static fromSerialised(text: string): Money {
    // Checkpoints are parsed JSON: what stands where an amount should may be any value.
    if (typeof text !== 'string') return Money.from(text);
    const ore = oreOfDecimal(text);
    if (ore !== undefined) return Money.ofOre(ore);
    if (moneyRuleBroken(text) !== 'amount-max') return Money.from(text);
    if (integerDigitsOf(text) > Money.serialisedIntegerDigitsMax)
      throw refusedAmount(text, 'amount', 'serialised-max');
    return Money.ofBig(new Big(text));
  }

  /** Parses an amount at the edge; see {@link parseMoney}. */
  static parse(input: unknown, field = 'amount'): E.Either<LedgerError, Money> {
    // The common case, a well-formed amount, is recognised by one pattern; only a refused
    // input is examined rule by rule, to name the rule it breaks.
    const ore = typeof input === 'string' ? oreOfDecimal(input) : undefined;
    if (ore !== undefined) return E.right(Money.ofOre(ore));
    const rule = moneyRuleBroken(input);
    if (rule !== undefined) return E.left(refusedAmount(input, field, rule));
    return E.right(Money.ofBig(new Big(input as string)));
  }

  /**
   * The sum of the amounts `amountOf` reads from each of `items` (a verifikation's lines, say):
   * added as whole öre while every partial sum is a safe integer, so that a sum of zero (what a
   * balanced verifikation's lines give) allocates nothing; in big.js beyond.
   */
  static sumOf<Item>(items: readonly Item[], amountOf: (item: Item) => Money): Money {
    let ore = 0;
    for (let index = 0; index < items.length; index += 1) {
      const amount = amountOf(items[index]!);
      const sum = ore + amount.ore;
      if (amount.big !== undefined || !Number.isSafeInteger(sum)) {
        let total = Money.ofOre(ore);
        for (let rest = index; rest < items.length; rest += 1)
          total = total.plus(amountOf(items[rest]!));
        return total;
      }
      ore = sum;
    }
    return Money.ofOre(ore);
  }

  /** Sum of many amounts. */
  static sum(amounts: Iterable<Money>): Money {
    let total = Money.zero;
    for (const amount of amounts) total = total.plus(amount);
    return total;
  }

  plus(other: Money): Money {
    // Adding zero (a cost without VAT, say) gives this amount itself: a `Money` never changes.
    if (other === Money.zero) return this;
    if (this.big === undefined && other.big === undefined) {
      const sum = this.ore + other.ore;
      // Two safe integers add exactly whenever the sum is a safe integer.
      if (Number.isSafeInteger(sum)) return Money.ofOre(sum);
    }
    return Money.ofBig(this.toBig().plus(operand(other, 'plus').toBig()));
  }
  minus(other: Money): Money {
    if (other === Money.zero) return this;
    if (this.big === undefined && other.big === undefined) {
      const difference = this.ore - other.ore;
      if (Number.isSafeInteger(difference)) return Money.ofOre(difference);
    }
    return Money.ofBig(this.toBig().minus(operand(other, 'minus').toBig()));
  }
  negated(): Money {
    return this.big === undefined ? Money.ofOre(0 - this.ore) : Money.ofBig(this.big.times(-1));
  }
  abs(): Money {
    return this.isNegative() ? this.negated() : this;
  }
  isZero(): boolean {
    return this.big === undefined ? this.ore === 0 : this.big.eq(0);
  }
  isNegative(): boolean {
    return this.big === undefined ? this.ore < 0 : this.big.lt(0);
  }
  isPositive(): boolean {
    return this.big === undefined ? this.ore > 0 : this.big.gt(0);
  }
  compare(other: Money): -1 | 0 | 1 {
    // A non-Money has no öre to compare (every comparison with undefined is false, which
    // would read as equal), so it takes the checked path.
    if (this.big === undefined && other.big === undefined && other instanceof Money)
      return this.ore < other.ore ? -1 : this.ore > other.ore ? 1 : 0;
    return this.toBig().cmp(operand(other, 'compare').toBig()) as -1 | 0 | 1;
  }
  equals(other: Money): boolean {
    return this.compare(other) === 0;
  }

  /**
   * Rounds to whole units of `unitKronor` (1 for kr, 1000 for tkr, 1 000 000 for mkr)
   * with `decimals` decimals of that unit, half away from zero, and returns the decimal
   * string in that unit: `Money.from("566928.00").roundedIn(1000, 0) === "567"`.
   */
  roundedIn(unitKronor: 1 | 1000 | 1_000_000, decimals: number): string {
    return this.toBig().div(unitKronor).round(decimals, Big.roundHalfUp).toFixed(decimals);
  }

  /** The canonical decimal string with two decimals, e.g. `"363333.00"` or `"-60.00"`. */
  toString(): string {
    if (this.big !== undefined) return this.big.toFixed(2);
    // Every item settled whole is written with nothing open: one string, not a new one each time.
    if (this.ore === 0) return '0.00';
    const magnitude = this.ore < 0 ? -this.ore : this.ore;
    const fraction = magnitude % 100;
    return `${this.ore < 0 ? '-' : ''}${(magnitude - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
  }
  toJSON(): string {
    return this.toString();
  }
  /** Öre as a bigint, for checksums and exports that want integers. */
  toOre(): bigint {
    return this.big === undefined ? BigInt(this.ore) : BigInt(this.big.times(100).toFixed(0));
  }
}

/**
 * `other` itself when it is a `Money`, else a TypeError naming what was given. Checked only on
 * the slow path (an amount beyond the safe integers, or no `Money` at all: a string or number
 * from JavaScript callers gives `NaN` öre there), so the sums of a replay pay nothing for it.
 */
function operand(other: unknown, operation: string): Money {
  if (other instanceof Money) return other;
  const given = typeof other === 'string' ? `the string "${other}"` : `a ${typeof other}`;
  throw new TypeError(
    `Money.${operation} takes a Money, not ${given}: make one with Money.from("33000.00")`,
  );
}

// Node's console, REPL and test diffs show an amount as `Money(363333.00)`, not its private
// fields; Symbol.for keeps the core free of a node:util import.
Object.defineProperty(Money.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(this: Money) {
    return `Money(${this.toString()})`;
  },
});

// The largest integer part whose öre (times 100, plus up to 99) is still a safe integer.
const safeIntegerPartMax = Math.floor((Number.MAX_SAFE_INTEGER - 99) / 100);

/**
 * The öre of a well-formed amount (`decimalPattern`) whose öre are a safe integer; `undefined`
 * for anything else (which the caller then checks rule by rule, or hands to big.js). Every
 * amount of every event is read here as it is checked and posted: one pass over the characters,
 * without the pattern, substrings or `Number` (the pattern's rules: an optional minus, digits
 * without a leading zero, then optionally a point and one or two digits).
 */
export function oreOfDecimal(input: string): number | undefined {
  const length = input.length;
  if (length === 0 || length > 20) return undefined;
  const negative = input.charCodeAt(0) === 45; // '-'
  const integerStart = negative ? 1 : 0;
  let integerEnd = integerStart;
  while (integerEnd < length && isDigitValue(input.charCodeAt(integerEnd) - 0x30)) integerEnd += 1;
  const kronor = wholeKronorOf(input, integerStart, integerEnd);
  if (kronor === undefined) return undefined;
  const ore = integerEnd === length ? 0 : oreAfterPoint(input, integerEnd);
  if (ore === undefined) return undefined;
  const magnitude = kronor * 100 + ore;
  return negative ? 0 - magnitude : magnitude;
}

const isDigitValue = (value: number): boolean => value >= 0 && value <= 9;

/**
 * The kronor the ASCII digits of `text` from `start` to `end` write, or `undefined` for none, a
 * leading zero, more digits than an amount has or kronor whose öre are not a safe integer.
 */
function wholeKronorOf(text: string, start: number, end: number): number | undefined {
  const digits = end - start;
  if (digits === 0 || digits > Money.integerDigitsMax) return undefined;
  if (digits > 1 && text.charCodeAt(start) === 0x30) return undefined;
  let kronor = 0;
  for (let index = start; index < end; index += 1)
    kronor = kronor * 10 + (text.charCodeAt(index) - 0x30);
  return kronor > safeIntegerPartMax ? undefined : kronor;
}

/** The öre of the point and one or two digits that end `text` from `point`, or `undefined`. */
function oreAfterPoint(text: string, point: number): number | undefined {
  const digits = text.length - point - 1;
  if (text.charCodeAt(point) !== 0x2e || digits < 1 || digits > 2) return undefined;
  const tenths = text.charCodeAt(point + 1) - 0x30;
  const hundredths = digits === 2 ? text.charCodeAt(point + 2) - 0x30 : 0;
  return isDigitValue(tenths) && isDigitValue(hundredths) ? tenths * 10 + hundredths : undefined;
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
  'serialised-max': `a serialised sum has at most ${Money.serialisedIntegerDigitsMax} digits before the point`,
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
  // A well-formed amount breaks none of the rules but the digit limit: one pattern decides the
  // common case, and the rules below name what a refused input breaks.
  if (decimalPattern.test(input))
    return integerDigitsOf(input) > Money.integerDigitsMax ? 'amount-max' : undefined;
  if (/^[-+]?(NaN|Infinity)$/i.test(input)) return 'not-a-number';
  if (/^[-+]?[\d.]+[eE][-+]?\d+$/.test(input)) return 'no-exponent';
  if (/^-?\d+\.\d{3,}$/.test(input)) return 'at-most-two-decimals';
  return 'decimal-format';
}

/** `INVALID_AMOUNT` for `input` at `field`, naming the rule it breaks. */
function refusedAmount(input: unknown, field: string, rule: MoneyRule): LedgerError {
  const message = `${field}: ${moneyRules[rule]} (got ${typeof input === 'string' ? JSON.stringify(input) : String(input)})`;
  return ledgerError('INVALID_AMOUNT', message, { issues: [{ path: field, rule, message }] });
}

/** The number of digits before the point of a well-formed amount. */
function integerDigitsOf(input: string): number {
  const point = input.indexOf('.');
  return (point === -1 ? input.length : point) - (input.charCodeAt(0) === 45 ? 1 : 0);
}

/**
 * Parses an amount at the edge. Returns `INVALID_AMOUNT` naming `field` and the rule.
 */
export const parseMoney = (input: unknown, field = 'amount'): E.Either<LedgerError, Money> =>
  Money.parse(input, field);
