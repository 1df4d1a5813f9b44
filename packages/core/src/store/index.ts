export * from './EventEnvelope.js';
export * from './EventStore.js';
export * from './appendRules.js';
export * from './json.js';
export * from './copyEvents.js';
export * from './getInMemoryEventStore.js';
