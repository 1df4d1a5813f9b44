/**
 * A consumer's type check of the error guards: checked by `tsc` (`pnpm run typecheck`, part of
 * `test`), never run. A guard narrows to the `LedgerError` of its code, so the branch where it
 * is false still holds a `LedgerError` (of the other codes), as "retry on a conflict, otherwise
 * log it" needs. Each `@ts-expect-error` line must be a compile error.
 */
import {
  isConcurrencyConflictError,
  isInvalidInputError,
  isLedgerError,
  type LedgerError,
} from '@finsam-ledger/core';
import { isStoreLockedError } from '@finsam-ledger/adapter-file';

declare const error: LedgerError;
declare const thrown: unknown;
declare const log: (text: string) => void;

if (isConcurrencyConflictError(error)) {
  const code: 'CONCURRENCY_CONFLICT' = error.code;
  log(code);
} else log(error.code);

if (!isStoreLockedError(error)) log(error.message);
else log(String(error.details['pid']));

if (isInvalidInputError(error)) {
  // @ts-expect-error: an invalid-input error is never a concurrency conflict.
  const code: 'CONCURRENCY_CONFLICT' = error.code;
  log(code);
} else log(error.issues.map((issue) => issue.path).join());

if (isLedgerError(thrown, 'STORE_LOCKED')) {
  const code: 'STORE_LOCKED' = thrown.code;
  log(code);
} else if (isLedgerError(thrown)) log(thrown.code);
// @ts-expect-error: `thrown` is unknown where no guard said it is a LedgerError.
else log(thrown.code);
