import { ledgerError, type Issue } from '../error.js';
import type { ReadAllOptions, ReadStreamOptions } from './EventStore.js';

/**
 * The read options every adapter accepts, checked the same way in each: a read option that is
 * not a whole number is the caller's mistake, refused with `VALIDATION_FAILED` naming the
 * option (never `ASSERTION_FAILED`, and never a read that yields something that is not an
 * event). `fromRevision` and `maxCount` are at least 0; `maxCount` may be `Infinity` (no limit);
 * `fromPosition` may be any whole number (below the first position reads from the start).
 */

const isWholeNumber = (value: number): boolean => Number.isSafeInteger(value);

function optionIssue(
  name: string,
  value: unknown,
  valid: boolean,
  rule: string,
  message: string,
): Issue[] {
  return value === undefined || valid ? [] : [{ path: `options.${name}`, rule, message }];
}

function refuseIfAny(issues: readonly Issue[], options: object): void {
  if (issues.length === 0) return;
  throw ledgerError(
    'VALIDATION_FAILED',
    `Invalid read options: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
    { issues, details: { options } },
  );
}

const maxCountIssues = (maxCount: unknown): Issue[] =>
  optionIssue(
    'maxCount',
    maxCount,
    typeof maxCount === 'number' &&
      (maxCount === Number.POSITIVE_INFINITY || (isWholeNumber(maxCount) && maxCount >= 0)),
    'whole-number-at-least-0',
    'must be a whole number ≥ 0 (or Infinity)',
  );

/**
 * Checks the options of `readStream`; throws `VALIDATION_FAILED` naming each bad option.
 * Adapters call it before they read (a read is an async iterable, so the error is thrown from
 * its first step, as `STORE_CLOSED` is).
 */
export function validateReadStreamOptions(options: ReadStreamOptions): void {
  const { fromRevision, maxCount } = options;
  refuseIfAny(
    [
      ...optionIssue(
        'fromRevision',
        fromRevision,
        typeof fromRevision === 'number' && isWholeNumber(fromRevision) && fromRevision >= 0,
        'whole-number-at-least-0',
        'must be a whole number ≥ 0',
      ),
      ...maxCountIssues(maxCount),
    ],
    options,
  );
}

/** Checks the options of `readAll`; throws `VALIDATION_FAILED` naming each bad option. */
export function validateReadAllOptions(options: ReadAllOptions): void {
  const { fromPosition, maxCount } = options;
  refuseIfAny(
    [
      ...optionIssue(
        'fromPosition',
        fromPosition,
        typeof fromPosition === 'number' && isWholeNumber(fromPosition),
        'whole-number',
        'must be a whole number',
      ),
      ...maxCountIssues(maxCount),
    ],
    options,
  );
}
