export * from './defineEvent.js';
export * from './zodFields.js';
export * from './renderEventCatalog.js';
export * from './eventDataJsonSchema.js';
