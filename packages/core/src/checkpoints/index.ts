export {
  checkpointStorageOf,
  storeWatchOf,
  type CheckpointingStore,
  type CheckpointStorage,
  type WatchableStore,
} from '../store/CheckpointStorage.js';
export {
  checkpointFormat,
  checkpointName,
  openCheckpoint,
  sealCheckpoint,
  sha256OfText,
  type CheckpointBody,
  type CheckpointDefect,
} from '../store/checkpointEnvelope.js';
export {
  loadLatestCheckpoint,
  saveCheckpoint,
  type CheckpointKind,
  type CheckpointNotice,
  type CheckpointObserver,
  type LoadedCheckpoint,
} from './checkpointShelf.js';
export {
  AnnualReportFold,
  annualReportCheckpointKind,
  annualReportFoldVersion,
  deserialiseAnnualReportFoldState,
  foldStateServesYear,
  initialAnnualReportFoldState,
  serialiseAnnualReportFoldState,
  type AnnualReportFoldState,
} from './annualReportFold.js';
export {
  bookkeepingStateCheckpointKind,
  bookkeepingStateVersion,
  deserialiseBookkeepingState,
  serialiseBookkeepingState,
} from './bookkeepingStateCheckpoint.js';
export { bookkeepingRecorderCheckpoints } from './bookkeepingRecorderCheckpoints.js';
export { findStoredEvent, findStoredEvents } from '../store/findStoredEvent.js';
export {
  foldAnnualReport,
  replayAnnualReportFromStore,
  type FoldAnnualReportOptions,
} from './foldAnnualReport.js';
export {
  watchAnnualReport,
  watchLimits,
  type WatchAnnualReportOptions,
} from './watchAnnualReport.js';
export { postedEventsOfYear, type PostedEventsOfYear } from './postedEventsOfYear.js';
export { replayHuvudbokFromStore } from './replayHuvudbokFromStore.js';
export { replayVerifikationslistaFromStore } from './replayVerifikationslistaFromStore.js';
