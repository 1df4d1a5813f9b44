import Big from 'big.js';
import { ledgerError, type Issue } from '../error.js';

/**
 * A share of a group, kept as its exact counts. The printed percentage is derived from the
 * counts with integer arithmetic, never from a float, so that a table can be re-checked by
 * hand and a rounding rule applied exactly once.
 */
export interface Share {
  /** How many of the group have the property. */
  readonly count: number;
  /** How many are in the group; 0 when the group is empty. */
  readonly of: number;
  /**
   * The percentage rounded to a whole percent, half away from zero (27/200 = 13.5 % prints
   * 14 %); `null` when the group is empty.
   */
  readonly percentRounded: number | null;
  /**
   * The exact percentage to two decimals (half away from zero), as a decimal string; `null` when
   * the group is empty.
   */
  readonly percentTwoDecimals: string | null;
}

/** Limits of shares: counts are whole numbers within this bound. */
export const shareLimits = { countMax: 1_000_000_000 } as const;

/**
 * The whole percent of `count / of`, rounded half away from zero, by integer arithmetic:
 * `floor((200·count + of) / (2·of))`. `null` when `of` is 0.
 */
export function roundedWholePercent(count: number, of: number): number | null {
  checkCounts(count, of);
  // Past 100 % is allowed here (304 offered against a goal of 300 is 101 %); a Share is not.
  if (of === 0) return null;
  const numerator = 200n * BigInt(count) + BigInt(of);
  const denominator = 2n * BigInt(of);
  return Number(numerator / denominator);
}

/** Builds a {@link Share} from exact counts. */
export function shareOf(count: number, of: number): Share {
  checkCounts(count, of);
  if (count > of)
    refuseCounts([
      { path: 'count', rule: 'at-most-of', message: 'a share count is at most its group size' },
    ]);
  const percentRounded = roundedWholePercent(count, of);
  const percentTwoDecimals =
    of === 0 ? null : new Big(count).times(100).div(of).round(2, Big.roundHalfUp).toFixed(2);
  return { count, of, percentRounded, percentTwoDecimals };
}

/** Formats a share as the report prints it: `13%`, or `–` for an empty group. */
export const formatSharePercent = (share: Share): string =>
  share.percentRounded === null ? '–' : `${share.percentRounded}%`;

/**
 * The counts are the caller's (a public helper): counts that are not whole numbers within
 * limits are their mistake, `VALIDATION_FAILED` naming the count, not a broken invariant.
 */
function checkCounts(count: number, of: number): void {
  const isCount = (value: number) =>
    Number.isSafeInteger(value) && value >= 0 && value <= shareLimits.countMax;
  const issues: Issue[] = [
    ...(isCount(count)
      ? []
      : [
          {
            path: 'count',
            rule: 'count',
            message: 'a share count is a whole number within limits',
          },
        ]),
    ...(isCount(of)
      ? []
      : [
          {
            path: 'of',
            rule: 'count',
            message: 'a share group size is a whole number within limits',
          },
        ]),
  ];
  if (issues.length > 0) refuseCounts(issues);
}

function refuseCounts(issues: readonly Issue[]): never {
  throw ledgerError('VALIDATION_FAILED', issues.map((issue) => issue.message).join('; '), {
    issues,
  });
}
