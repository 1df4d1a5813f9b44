export * from './defineEvent.js';
export * from './zodFields.js';
