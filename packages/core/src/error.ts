/**
 * The error model of finsam-ledger.
 *
 * Every expected failure is a {@link LedgerError} with a string `code`, a message that
 * names the field and the rule, and structured `details`. Expected failures travel as
 * values (`Either` / `TaskEither` from fp-ts); only broken invariants and unexpected
 * I/O failures are thrown, and those are `LedgerError`s too, so a caller can always
 * switch on `code`.
 *
 * @packageDocumentation
 */

/** The codes of refused input (an event, an amount, a stream id): {@link isInvalidInputError}'s. */
const invalidInputCodes = [
  'INVALID_AMOUNT',
  'VALIDATION_FAILED',
  'INVALID_EVENT',
  'INVALID_STREAM_ID',
  'UNKNOWN_EVENT_TYPE',
  'UNSUPPORTED_SCHEMA_VERSION',
  'PERSONNUMMER_REFUSED',
] as const;

/** The codes of a store that could not be used: {@link isStoreFailureError}'s (with a bug's). */
const storeFailureCodes = [
  'STORE_CLOSED',
  'STORE_LOCKED',
  'STORE_CORRUPTED',
  'STORE_TAMPERED',
  'UNSUPPORTED_FORMAT_VERSION',
  'NOT_A_STORE',
  // A file store that holds another förbund's books and none of this one's: a file store
  // serves one förbund, so the configuration or the store is the wrong one.
  'STORE_OF_ANOTHER_FORBUND',
  'ACCESS_DENIED',
  'DEADLINE_EXCEEDED',
  'STORE_UNAVAILABLE',
  // An append whose request left but whose answer never came: retry the same batch (same ids).
  'APPEND_OUTCOME_UNKNOWN',
  'IO_ERROR',
] as const;

/** Every error code the library and its adapters use. */
export const errorCodes = [
  // Input and contract errors: nothing was written.
  ...invalidInputCodes,
  // Store errors.
  'CONCURRENCY_CONFLICT',
  'EVENT_ID_CONFLICT',
  // An event without an id whose content the stream holds already: the same file recorded
  // again (finsam record refuses it unless told that the repeat is meant).
  'EVENT_ALREADY_RECORDED',
  'STREAM_NOT_FOUND',
  ...storeFailureCodes,
  // Domain rules of the write side.
  'YEAR_CLOSED',
  'YEAR_ALREADY_CLOSED',
  'PREVIOUS_YEAR_NOT_CLOSED',
  'OPENING_BALANCE_ALREADY_RECORDED',
  'OPENING_BALANCE_REQUIRED',
  // An opening balance after the first booking, which opened the books at zero.
  'OPENING_BALANCE_AFTER_BOOKING',
  // A booking, close or decision before the ledger's first year (its opening balance's year, or
  // its first booking's): those years are not in the ledger's books.
  'BEFORE_FIRST_YEAR',
  // A booking in a year after the one following the earliest open year (a mistyped year).
  'YEAR_NOT_YET_OPEN',
  // An event dated after the day it is recorded (`finsam record`): what has not happened yet is
  // not booked, and a year typed one too high would make the default report that year's.
  'DATE_AFTER_RECORDING',
  'OPEN_ITEM_NOT_FOUND',
  'OPEN_ITEM_ALREADY_EXISTS',
  'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
  'OPEN_ITEM_MISMATCH',
  'YEAR_RESULT_MISMATCH',
  'HISTORICAL_FIGURES_INCONSISTENT',
  'BUDGET_ALREADY_ADOPTED',
  'BUDGET_NOT_ADOPTED',
  'VAT_REFUND_EXCEEDS_RECEIVABLE',
  // A cost's VAT above the highest Swedish rate of its net amount: the gross typed as net, say.
  'VAT_ABOVE_HIGHEST_RATE',
  'EVENT_NOT_FOUND',
  'EVENT_ALREADY_CORRECTED',
  'EVENT_NOT_CORRECTABLE',
  'CORRECTION_MISMATCH',
  'UNBALANCED_VERIFIKATION',
  'UNKNOWN_ACCOUNT',
  'PARTICIPANT_NOT_ENROLLED',
  'PARTICIPANT_ALREADY_ENROLLED',
  'PARTICIPANT_ALREADY_CONCLUDED',
  'DATES_OUT_OF_ORDER',
  // Stored verifikation numbers that are not the ones replay assigns (issue 16).
  'VERIFIKATION_NUMBER_MISMATCH',
  // An as-of read that cannot tell whether events without a store stamp were stored by then.
  'STORED_AT_UNKNOWN',
  // Broken invariants: a bug in the library, never expected.
  'ASSERTION_FAILED',
] as const;

/** A string code that identifies the kind of failure; stable across versions. */
export type ErrorCode = (typeof errorCodes)[number];

/** One violated rule, naming the field (a dotted path) and the rule. */
export interface Issue {
  /** Dotted path of the offending field, e.g. `data.amount` or `events[2].eventId`. */
  readonly path: string;
  /** Short, stable name of the rule, e.g. `at-most-two-decimals`. */
  readonly rule: string;
  /** A full sentence for a person. */
  readonly message: string;
}

/**
 * The mark every {@link LedgerError} carries, registered globally (`Symbol.for`) so that
 * {@link isLedgerError} recognises an error made by another copy of this package: the ESM and
 * the CommonJS build loaded side by side, or two installed versions.
 */
const ledgerErrorBrand = Symbol.for('@finsam-ledger/core/LedgerError');

/**
 * The one error type of finsam-ledger. Switch on `code`, or use the type guards
 * such as {@link isConcurrencyConflictError}.
 */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  /** See `ledgerErrorBrand`: what {@link isLedgerError} checks, not `instanceof`. */
  readonly [ledgerErrorBrand] = true;
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: readonly Issue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  /** A plain, JSON-serialisable view, for logs and for the CLI. */
  toJSON(): {
    code: ErrorCode;
    message: string;
    issues: readonly Issue[];
    details: Readonly<Record<string, unknown>>;
  } {
    return { code: this.code, message: this.message, issues: this.issues, details: this.details };
  }
}

/** Creates a {@link LedgerError}. */
export const ledgerError = (
  code: ErrorCode,
  message: string,
  options?: { issues?: readonly Issue[]; details?: Record<string, unknown>; cause?: unknown },
): LedgerError => new LedgerError(code, message, options);

/**
 * A {@link LedgerError} of the given code(s): what the type guards narrow to, so that the
 * branch where a guard is false still holds a `LedgerError` of the other codes.
 */
export type LedgerErrorOf<Code extends ErrorCode> = LedgerError & { readonly code: Code };

/**
 * True if `value` is a {@link LedgerError}, optionally of the given code. It recognises the
 * error of any copy of this package (see `ledgerErrorBrand`), not only this one's class.
 */
export const isLedgerError = <Code extends ErrorCode = ErrorCode>(
  value: unknown,
  code?: Code,
): value is LedgerErrorOf<Code> =>
  typeof value === 'object' &&
  value !== null &&
  (value as { [ledgerErrorBrand]?: unknown })[ledgerErrorBrand] === true &&
  (code === undefined || (value as LedgerError).code === code);

/** True if the error is an optimistic-concurrency conflict (wrong expected revision). */
export const isConcurrencyConflictError = (
  value: unknown,
): value is LedgerErrorOf<'CONCURRENCY_CONFLICT'> => isLedgerError(value, 'CONCURRENCY_CONFLICT');

/** True if the error refused invalid input (an event, an amount, a stream id...). */
export const isInvalidInputError = (
  value: unknown,
): value is LedgerErrorOf<(typeof invalidInputCodes)[number]> =>
  isLedgerError(value) && (invalidInputCodes as readonly string[]).includes(value.code);
/**
 * True if the error says the store could not be used (read, reached, trusted) or a bug broke an
 * invariant: not a refusal of the events by the rules or the store's append rules, so it names
 * no event to blame. What a caller that records events one by one to find the refused one (a
 * command checking a file's lines) tells apart from a line's refusal.
 */
export const isStoreFailureError = (value: unknown): value is LedgerError =>
  isLedgerError(value) &&
  (value.code === 'ASSERTION_FAILED' ||
    (storeFailureCodes as readonly string[]).includes(value.code));

/**
 * True if the error says the store could not be reached for now, or an append's outcome is
 * unknown: retrying (the same batch) may help.
 */
export const isTransientStoreError = (
  value: unknown,
): value is LedgerErrorOf<'STORE_UNAVAILABLE' | 'DEADLINE_EXCEEDED' | 'APPEND_OUTCOME_UNKNOWN'> =>
  isLedgerError(value) &&
  (value.code === 'STORE_UNAVAILABLE' ||
    value.code === 'DEADLINE_EXCEEDED' ||
    value.code === 'APPEND_OUTCOME_UNKNOWN');

/**
 * Asserts an invariant. A failed assertion is a bug in the library, not bad input,
 * so it throws instead of returning a value.
 */
export function assert(
  condition: unknown,
  message: string,
  details?: Record<string, unknown>,
): asserts condition {
  if (!condition) {
    throw new LedgerError(
      'ASSERTION_FAILED',
      `Invariant broken: ${message}`,
      details === undefined ? {} : { details },
    );
  }
}

/**
 * The refusal of one event of a batch (`recordAll`), saying which: the message starts with its
 * place and type, each issue's path with `events[N].` (as the store's append rules name a
 * batch's event), and `details.batchIndex` is N (from 0). A batch of one is left as it is, so
 * that `record` names `data.belopp` as before.
 */
export function refusalInBatch(
  error: LedgerError,
  index: number,
  count: number,
  type: string,
): LedgerError {
  if (count <= 1) return error;
  const prefix = `events[${String(index)}].`;
  return new LedgerError(
    error.code,
    `Event ${String(index + 1)} of ${String(count)} (${type}): ${error.message}`,
    {
      issues: error.issues.map((issue) => ({
        path: `${prefix}${issue.path}`,
        rule: issue.rule,
        message: issue.message.startsWith(`${issue.path}:`)
          ? `${prefix}${issue.message}`
          : issue.message,
      })),
      details: { ...error.details, batchIndex: index },
      ...(error.cause === undefined ? {} : { cause: error.cause }),
    },
  );
}

/** Turns anything thrown into a {@link LedgerError}, keeping the original as `cause`. */
export const toLedgerError = (
  thrown: unknown,
  fallbackCode: ErrorCode = 'IO_ERROR',
): LedgerError =>
  isLedgerError(thrown)
    ? thrown
    : new LedgerError(fallbackCode, thrown instanceof Error ? thrown.message : String(thrown), {
        cause: thrown,
      });
