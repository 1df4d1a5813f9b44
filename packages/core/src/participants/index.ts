/**
 * The participant side (deltagare): events with pseudonymous ids, the write-side rules,
 * the register façade (`createParticipantRegister`), and the statistics of the annual
 * report of a year (Bilaga 1 tables, goal fulfilment) with their renderers.
 *
 * @packageDocumentation
 */
export * from './participantVocabulary.js';
export * from './Share.js';
export * from './ageBandOf.js';
export * from './participantStreamId.js';
export * from './DeltagareInskriven.js';
export * from './DeltagareAvslutad.js';
export * from './DeltagareÖverförd.js';
export * from './AnonymaDeltagareRegistrerade.js';
export * from './InsatsmålSatt.js';
export * from './participantCatalog.js';
export * from './participantDecider.js';
export * from './projections/participantRegister.js';
export * from './projections/bilaga1Tables.js';
export * from './projections/goalFulfilment.js';
export * from './projections/participantTables.js';
export * from './createParticipantRegister.js';
export {
  participantRoundingRule,
  type ParticipantTablesRenderOptions,
} from './render/participantTablesLayout.js';
export * from './render/renderParticipantTablesText.js';
export * from './render/renderParticipantTablesMarkdown.js';
export * from './render/renderParticipantTablesCsv.js';
