/**
 * `@finsam-ledger/adapter-memory`: the in-memory event store.
 *
 * The implementation lives in `@finsam-ledger/core` (so that core's own tests can use it
 * without a cyclic dependency); this package is the entry point embedding developers
 * install, next to the file and EventStoreDB adapters.
 *
 * @packageDocumentation
 */
export { getInMemoryEventStore, type InMemoryEventStoreOptions } from '@finsam-ledger/core';
export { inMemoryEventStoreErrorCodes, isStoreClosedError } from './error.js';
