/**
 * `@finsam-ledger/core`: events, money, posting, projections, statements and the store
 * interface. Pure: no I/O.
 *
 * @packageDocumentation
 */
export * from './error.js';
export * from './store/index.js';
export * from './util/asyncIterable.js';
export * from './money/index.js';
export * from './privacy/personnummer.js';
export * from './privacy/normaliseForPersonnummerSearch.js';
export * from './privacy/findPersonnummerInValue.js';
export * from './privacy/newEventId.js';
export * from './events/index.js';
export * from './projections/index.js';
export * from './ledger/index.js';
export * from './participants/index.js';
export * from './bookkeeping/index.js';
export * from './statements/index.js';
export * from './facade/index.js';
export * from './configuration/index.js';
