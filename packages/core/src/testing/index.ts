/**
 * `@finsam-ledger/core/testing`: what adapter authors and projection authors test with.
 *
 * @packageDocumentation
 */
export * from './eventStoreConformance.js';
