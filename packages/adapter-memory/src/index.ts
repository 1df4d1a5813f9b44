/**
 * `@finsam-ledger/adapter-memory`: the in-memory event store.
 *
 * @packageDocumentation
 */
export { getInMemoryEventStore } from './adapter.js';
export { isStoreClosedError } from './error.js';
