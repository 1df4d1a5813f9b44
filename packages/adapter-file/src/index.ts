/**
 * `@finsam-ledger/adapter-file`: the durable, crash-safe, single-writer, tamper-evident
 * file event store. See `docs/adapter-file.md` for the on-disk format and the guarantees.
 *
 * What a user needs and nothing else: the two functions, their options and reports, the
 * limits, and the errors with their guards. The format's codecs, the lock and the walker
 * are internal.
 *
 * @packageDocumentation
 */
export {
  openFileEventStore,
  type DurableWriteThread,
  type FileEventStore,
  type FileEventStoreOptions,
  type RepairReport,
} from './adapter.js';
export type { CheckpointCheck, DerivedFilesReport } from './derivedFiles.js';
export {
  fileStoreErrorCodes,
  isAccessDeniedError,
  isFileStoreError,
  isIoError,
  isNotAStoreError,
  isStoreClosedError,
  isStoreCorruptedError,
  isStoreLockedError,
  isStoreTamperedError,
  isUnsupportedFormatVersionError,
  type FileStoreErrorCode,
  type StoreProblem,
  type StoreProblemRecord,
  type StoreProblemKind,
} from './error.js';
export { fileStoreLimits } from './format.js';
export type { FileStoreWarning } from './lock.js';
export type { TornTail } from './StoreWalker.js';
export type { UnusedTail } from './zeroTail.js';
export { checkWriterHead } from './checkWriterHead.js';
export {
  verifyFileEventStore,
  type StoreHead,
  type VerifyFileEventStoreOptions,
  type VerifyOptions,
  type VerifyReport,
} from './verify.js';
