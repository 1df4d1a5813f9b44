/**
 * `@finsam-ledger/core/testing`: what adapter authors and projection authors test with.
 *
 * @packageDocumentation
 */
export * from './eventStoreConformance.js';
export * from './bookkeepingFixtures.js';
