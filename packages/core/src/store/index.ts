/**
 * `@finsam-ledger/core/store`: what an EventStore adapter author needs beyond the store
 * interface: the envelope schemas and limits, the append rules every adapter applies
 * (`validateAppend`, `classifyBatch`, `decideAppend`, `checkExpectedRevision`), canonical JSON
 * and event fingerprints for idempotency, event copying between stores, the invariant
 * `assert` and `collectAsync` for reading a store's iterables. The conformance suite every
 * adapter runs is in `@finsam-ledger/core/testing` (docs/stores.md).
 *
 * @packageDocumentation
 */
export * from './EventEnvelope.js';
export * from './EventStore.js';
export * from './appendRules.js';
export * from './json.js';
export * from './copyEvents.js';
export * from './getInMemoryEventStore.js';
export * from './getStagedEventStore.js';
export * from './storedAt.js';
export * from './readOptions.js';
export { assert } from '../error.js';
export { collectAsync } from '../util/asyncIterable.js';
export {
  checkpointFormat,
  checkpointName,
  openCheckpoint,
  sealCheckpoint,
  type CheckpointBody,
  type CheckpointDefect,
} from './checkpointEnvelope.js';
export {
  type CheckpointingStore,
  type CheckpointStorage,
  type WatchableStore,
} from './CheckpointStorage.js';
export {
  followLimits,
  followStream,
  storeSubscriptionOf,
  type SubscribableStore,
  type SubscribeToStreamOptions,
} from './followStream.js';
export { findStoredEvent, findStoredEvents } from './findStoredEvent.js';
