import {
  isLedgerError,
  LedgerError,
  type ErrorCode,
  type LedgerErrorOf,
} from '@finsam-ledger/core';

/**
 * How the client's errors become our typed codes.
 *
 * The client (`@eventstore/db-client`) turns gRPC statuses and EventStoreDB's `exception`
 * metadata into errors with a `type`. We switch on that `type` string rather than on
 * `instanceof`, so that the mapping holds even if two copies of the client are installed.
 *
 * | client error `type`                 | our code               | retried |
 * | ----------------------------------- | ---------------------- | ------- |
 * | `wrong-expected-version`            | `CONCURRENCY_CONFLICT` | no (the adapter re-checks ids
 * first, see adapter.ts) |
 * | `stream-not-found`                  | `STREAM_NOT_FOUND`     | no (a read of a missing stream
 * yields nothing) |
 * | `access-denied` (also UNAUTHENTICATED) | `ACCESS_DENIED`     | no |
 * | `deadline-exceeded`, `timeout`      | `DEADLINE_EXCEEDED`    | no: the outcome is unknown; the
 * caller retries the same batch, which is idempotent |
 * | `unavailable`, `not-leader`, `cancelled` (by the server), discovery failure |
 * `STORE_UNAVAILABLE` | yes, with backoff |
 * | `maximum-append-size-exceeded`      | `INVALID_EVENT`        | no |
 * | `stream-deleted`                    | `IO_ERROR`             | no |
 * | anything else                       | `IO_ERROR`             | no |
 *
 * An append whose write request failed with anything but a refusal, and whose stream
 * could not be read again afterwards to settle it, is `APPEND_OUTCOME_UNKNOWN` instead
 * (see appendToEventStoreDB.ts).
 */
const codeByClientErrorType: Readonly<Record<string, ErrorCode>> = {
  'wrong-expected-version': 'CONCURRENCY_CONFLICT',
  'stream-not-found': 'STREAM_NOT_FOUND',
  'access-denied': 'ACCESS_DENIED',
  'deadline-exceeded': 'DEADLINE_EXCEEDED',
  timeout: 'DEADLINE_EXCEEDED',
  unavailable: 'STORE_UNAVAILABLE',
  'not-leader': 'STORE_UNAVAILABLE',
  cancelled: 'STORE_UNAVAILABLE',
  'maximum-append-size-exceeded': 'INVALID_EVENT',
  'stream-deleted': 'IO_ERROR',
};

/** gRPC status codes, for errors that did not go through the client's conversion. */
const codeByGrpcStatus: Readonly<Record<number, ErrorCode>> = {
  4: 'DEADLINE_EXCEEDED',
  7: 'ACCESS_DENIED',
  14: 'STORE_UNAVAILABLE',
  16: 'ACCESS_DENIED',
};

/**
 * Turns anything the client throws into a {@link LedgerError} with one of our codes,
 * keeping the original as `cause` and the client's error type in `details.clientErrorType`.
 */
export function fromEventStoreDBError(
  thrown: unknown,
  context: Readonly<Record<string, unknown>> = {},
): LedgerError {
  if (isLedgerError(thrown)) return thrown;
  const clientType = fieldOf(thrown, 'type', 'string');
  const grpcStatus = fieldOf(thrown, 'code', 'number');
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new LedgerError(
    codeOf(clientType, grpcStatus, message),
    `EventStoreDB: ${message || clientType || 'unknown error'}`,
    {
      details: {
        ...context,
        ...(clientType === undefined ? {} : { clientErrorType: clientType }),
        ...(grpcStatus === undefined ? {} : { grpcStatus }),
      },
      cause: thrown,
    },
  );
}

/** Our code for the client's error type, else for the gRPC status, else from the message. */
function codeOf(
  clientType: string | undefined,
  grpcStatus: number | undefined,
  message: string,
): ErrorCode {
  const byType = clientType === undefined ? undefined : codeByClientErrorType[clientType];
  if (byType !== undefined) return byType;
  const byStatus = grpcStatus === undefined ? undefined : codeByGrpcStatus[grpcStatus];
  if (byStatus !== undefined) return byStatus;
  // The client's cluster discovery throws a plain Error when no node answered gossip.
  const discoveryFailed =
    clientType === undefined && /^Failed to discover after \d+ attempts/.test(message);
  return discoveryFailed ? 'STORE_UNAVAILABLE' : 'IO_ERROR';
}

/** A field of a thrown value, when it is there with the expected type. */
function fieldOf<Kind extends 'string' | 'number'>(
  thrown: unknown,
  field: string,
  kind: Kind,
): (Kind extends 'string' ? string : number) | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  const value = (thrown as Record<string, unknown>)[field];
  return typeof value === kind ? (value as Kind extends 'string' ? string : number) : undefined;
}

/**
 * The codes the EventStoreDB store raises itself (besides the core's shared append
 * refusals such as `INVALID_EVENT`, `EVENT_ID_CONFLICT` and `CONCURRENCY_CONFLICT`).
 * `VALIDATION_FAILED` is a malformed option given to `getEventStoreDBEventStore`.
 */
export const eventStoreDBErrorCodes = [
  'STORE_UNAVAILABLE',
  'APPEND_OUTCOME_UNKNOWN',
  'DEADLINE_EXCEEDED',
  'ACCESS_DENIED',
  'STREAM_NOT_FOUND',
  'STORE_CORRUPTED',
  'STORE_CLOSED',
  'IO_ERROR',
  'VALIDATION_FAILED',
] as const;

/** One of {@link eventStoreDBErrorCodes}. */
export type EventStoreDBErrorCode = (typeof eventStoreDBErrorCodes)[number];

/**
 * The error for a malformed option of `getEventStoreDBEventStore`: a caller's
 * mistake, so `VALIDATION_FAILED` naming the option, never `ASSERTION_FAILED`.
 */
export function invalidOptionError(
  path: string,
  rule: string,
  message: string,
  cause?: unknown,
): LedgerError {
  return new LedgerError(
    'VALIDATION_FAILED',
    `Invalid EventStoreDB store option ${path}: ${message}`,
    {
      issues: [{ path, rule, message }],
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/**
 * True for any error the EventStoreDB store raises itself (one of {@link eventStoreDBErrorCodes}).
 */
export const isEventStoreDBError = (
  value: unknown,
): value is LedgerErrorOf<(typeof eventStoreDBErrorCodes)[number]> =>
  isLedgerError(value) && (eventStoreDBErrorCodes as readonly string[]).includes(value.code);
/**
 * True for the one failure the adapter retries: the server could not be reached or could not serve
 * for now.
 */
export const isRetryableStoreError = (
  value: unknown,
): value is LedgerErrorOf<'STORE_UNAVAILABLE'> => isLedgerError(value, 'STORE_UNAVAILABLE');
/** True if EventStoreDB could not be reached, after the retries. */
export const isStoreUnavailableError = (
  value: unknown,
): value is LedgerErrorOf<'STORE_UNAVAILABLE'> => isLedgerError(value, 'STORE_UNAVAILABLE');
/**
 * True if an append was sent and no answer came (a lost connection, a deadline, the server
 * gone): it may or may not be stored. Append the same batch again with the same event ids
 * (it is stored once, and answered `alreadyStored` if it was); never re-book with new ids.
 */
export const isAppendOutcomeUnknownError = (
  value: unknown,
): value is LedgerErrorOf<'APPEND_OUTCOME_UNKNOWN'> =>
  isLedgerError(value, 'APPEND_OUTCOME_UNKNOWN');
/**
 * True if a call ran past its deadline: its outcome is unknown; an append may be retried with the
 * same batch.
 */
export const isDeadlineExceededError = (
  value: unknown,
): value is LedgerErrorOf<'DEADLINE_EXCEEDED'> => isLedgerError(value, 'DEADLINE_EXCEEDED');
/** True if EventStoreDB refused the credentials or the stream's ACL. */
export const isAccessDeniedError = (value: unknown): value is LedgerErrorOf<'ACCESS_DENIED'> =>
  isLedgerError(value, 'ACCESS_DENIED');
/** True for a stream-not-found error (the adapter's reads turn it into an empty read). */
export const isStreamNotFoundError = (value: unknown): value is LedgerErrorOf<'STREAM_NOT_FOUND'> =>
  isLedgerError(value, 'STREAM_NOT_FOUND');
/** True if an event under the store's prefix is not a ledger envelope. */
export const isStoreCorruptedError = (value: unknown): value is LedgerErrorOf<'STORE_CORRUPTED'> =>
  isLedgerError(value, 'STORE_CORRUPTED');
/** True if the store was closed. */
export const isStoreClosedError = (value: unknown): value is LedgerErrorOf<'STORE_CLOSED'> =>
  isLedgerError(value, 'STORE_CLOSED');
/**
 * True for any other failure of EventStoreDB or of the connection to it (a deleted stream, an
 * unknown error).
 */
export const isIoError = (value: unknown): value is LedgerErrorOf<'IO_ERROR'> =>
  isLedgerError(value, 'IO_ERROR');
/** True if an option given to `getEventStoreDBEventStore` is malformed; `issues` names it. */
export const isInvalidOptionError = (value: unknown): value is LedgerErrorOf<'VALIDATION_FAILED'> =>
  isLedgerError(value, 'VALIDATION_FAILED');
