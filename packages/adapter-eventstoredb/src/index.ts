/**
 * `@finsam-ledger/adapter-eventstoredb`: the ledger's event store on EventStoreDB, through
 * the official `@eventstore/db-client`. See docs/adapter-eventstoredb.md.
 *
 * @packageDocumentation
 */
export { getEventStoreDBEventStore, eventStoreDBLimits } from './adapter.js';
export type { EventStoreDBEventStore, EventStoreDBEventStoreOptions } from './adapter.js';
export {
  fromEventStoreDBError,
  isAccessDenied,
  isDeadlineExceeded,
  isRetryableStoreError,
  isStoreClosed,
  isStoreUnavailable,
  isStreamNotFound,
} from './error.js';
export {
  createStreamMapping,
  defaultStreamPrefix,
  streamPrefixLengthMax,
  toEventStoreDBExpectedRevision,
} from './streamMapping.js';
export type { StreamMapping } from './streamMapping.js';
export {
  backoffMs,
  defaultRetryPolicy,
  resolveRetryPolicy,
  retryPolicyLimits,
  withRetry,
} from './retry.js';
export type { RetryEvent, RetryPolicy } from './retry.js';
export {
  decodeRecordedEvent,
  recordedEventCodec,
  storedMetadataCodec,
  toEventStoreDBEvent,
} from './envelopeCodec.js';
export { fromGlobalPosition, toGlobalPosition } from './globalPosition.js';
export { EventIdIndex, eventIdIndexLimits } from './EventIdIndex.js';
