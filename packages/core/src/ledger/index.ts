export * from './EventCatalog.js';
export * from './Decider.js';
export * from './EventRecorder.js';
