/**
 * `@finsam-ledger/core`: events, money, posting, projections, statements and the store
 * interface. Pure: no I/O.
 *
 * @packageDocumentation
 */
export * from './error.js';
export * from './store/index.js';
export * from './util/asyncIterable.js';
