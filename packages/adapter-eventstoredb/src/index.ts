/**
 * `@finsam-ledger/adapter-eventstoredb`: the ledger's event store on EventStoreDB, through
 * the official `@eventstore/db-client`. See docs/adapter-eventstoredb.md.
 *
 * What a user needs and nothing else: the factory, its options and limits, and the errors
 * with their guards. The plumbing (retries, codecs, the idempotency index, position and
 * stream-name mapping) is internal.
 *
 * @packageDocumentation
 */
export {
  eventStoreDBLimits,
  getEventStoreDBEventStore,
  type EventStoreDBEventStore,
  type EventStoreDBEventStoreOptions,
} from './adapter.js';
export {
  eventStoreDBErrorCodes,
  isAccessDeniedError,
  isAppendOutcomeUnknownError,
  isDeadlineExceededError,
  isEventStoreDBError,
  isInvalidOptionError,
  isIoError,
  isRetryableStoreError,
  isStoreClosedError,
  isStoreCorruptedError,
  isStoreUnavailableError,
  isStreamNotFoundError,
  type EventStoreDBErrorCode,
} from './error.js';
export { defaultRetryPolicy, retryPolicyLimits } from './retry.js';
export type {
  ClientRead,
  ClientSubscription,
  EventStoreDBClientLike,
} from './EventStoreDBClientLike.js';
export type { RetryEvent, RetryPolicy } from './retry.js';
export { defaultStreamPrefix } from './streamMapping.js';
export type { StreamMapping } from './streamMapping.js';
