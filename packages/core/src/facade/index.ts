export * from './createLedger.js';
export * from './EventInput.js';
