import { isLedgerError, LedgerError } from '@finsam-ledger/core';
import { invalidOptionError } from './error.js';

/**
 * How transient failures are retried: at most `attemptsMax` attempts in all, waiting
 * `backoffMsInitial`, then twice as long each time, never more than `backoffMsMax`, with
 * jitter (each wait is drawn between half and all of that) so that many writers that lost
 * the server together do not come back together.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included; 1 means no retry. */
  readonly attemptsMax: number;
  readonly backoffMsInitial: number;
  readonly backoffMsMax: number;
}

/**
 * Defaults: 5 attempts, 100 ms doubling up to 2 s: a little under 4 s of waiting in the worst case.
 */
export const defaultRetryPolicy: RetryPolicy = {
  attemptsMax: 5,
  backoffMsInitial: 100,
  backoffMsMax: 2_000,
};

/** Limits on a policy, so that a typo cannot make a writer wait for hours. */
export const retryPolicyLimits = { attemptsMax: 20, backoffMsMax: 60_000 } as const;

/** What is reported before each retry. */
export interface RetryEvent {
  /** `append`, `readStream` or `readAll`. */
  readonly operation: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly error: LedgerError;
  /** How long the adapter waits before the next attempt. */
  readonly delayMs: number;
}

/**
 * Checks and completes a partial policy; a value out of its limits is a `VALIDATION_FAILED`
 * naming the option (`retry.attemptsMax`, ...).
 */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...partial };
  if (
    !Number.isSafeInteger(policy.attemptsMax) ||
    policy.attemptsMax < 1 ||
    policy.attemptsMax > retryPolicyLimits.attemptsMax
  ) {
    throw invalidOptionError(
      'retry.attemptsMax',
      'whole-number-in-range',
      `must be a whole number from 1 to ${retryPolicyLimits.attemptsMax}`,
    );
  }
  if (!Number.isFinite(policy.backoffMsInitial) || policy.backoffMsInitial < 0)
    throw invalidOptionError('retry.backoffMsInitial', 'not-negative', 'must be >= 0');
  if (
    !Number.isFinite(policy.backoffMsMax) ||
    policy.backoffMsMax < policy.backoffMsInitial ||
    policy.backoffMsMax > retryPolicyLimits.backoffMsMax
  ) {
    throw invalidOptionError(
      'retry.backoffMsMax',
      'number-in-range',
      `must be between backoffMsInitial and ${retryPolicyLimits.backoffMsMax}`,
    );
  }
  return policy;
}

/**
 * The wait before attempt `attempt + 1`, after `attempt` failed (exponential, capped, jittered).
 */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    policy.backoffMsMax,
    policy.backoffMsInitial * 2 ** Math.min(attempt - 1, 30),
  );
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `attempt` until it succeeds, fails with an error `isRetryable` refuses, or the policy's
 * attempts are spent. Only `LedgerError`s are retried; the last error is rethrown with the
 * attempt count in its details.
 */
export async function withRetry<T>(
  operation: string,
  policy: RetryPolicy,
  isRetryable: (error: LedgerError) => boolean,
  attempt: (attemptNumber: number) => Promise<T>,
  onRetry?: (event: RetryEvent) => void,
): Promise<T> {
  for (let attemptNumber = 1; attemptNumber <= policy.attemptsMax; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (thrown) {
      if (!isLedgerError(thrown) || !isRetryable(thrown)) throw thrown;
      if (attemptNumber === policy.attemptsMax) {
        throw new LedgerError(
          thrown.code,
          `${thrown.message} (gave up after ${attemptNumber} attempts)`,
          {
            issues: thrown.issues,
            details: { ...thrown.details, attempts: attemptNumber },
            cause: thrown,
          },
        );
      }
      const delayMs = backoffMs(policy, attemptNumber);
      onRetry?.({ operation, attempt: attemptNumber, error: thrown, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  throw new LedgerError(
    'ASSERTION_FAILED',
    'Invariant broken: withRetry returns or throws within attemptsMax attempts',
  );
}
