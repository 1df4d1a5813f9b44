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
// The layout the text, Markdown and HTML renderers share (the HTML one lives in
// @finsam-ledger/html): which sections and tables a year prints, each as a grid of cells.
export {
  sectionsOf as participantSectionsOf,
  sectionHeading as participantSectionHeading,
  flowGrid as participantFlowGrid,
  flowNote as participantFlowNote,
  tablesNote as participantTablesNote,
  tableGrid as participantTableGrid,
  goalGrid as participantGoalGrid,
  titleOf as participantTablesTitle,
  noParticipantsLine,
  type Grid as ParticipantGrid,
  type RenderedSection as ParticipantSection,
} from './render/participantTablesLayout.js';
export * from './render/renderParticipantTablesText.js';
export * from './render/renderParticipantTablesMarkdown.js';
export * from './render/renderParticipantTablesCsv.js';
