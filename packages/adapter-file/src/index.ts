/**
 * `@finsam-ledger/adapter-file`: the durable, crash-safe, single-writer, tamper-evident
 * file event store. See `docs/adapter-file.md` for the on-disk format and the guarantees.
 *
 * @packageDocumentation
 */
export {
  openFileEventStore,
  type FileEventStore,
  type FileEventStoreOptions,
  type RepairReport,
} from './adapter.js';
export {
  fileStoreErrorCodes,
  isFileStoreError,
  isNotAStoreError,
  isStoreClosedError,
  isStoreCorruptedError,
  isStoreLockedError,
  isStoreTamperedError,
  isUnsupportedFormatVersionError,
  type FileStoreErrorCode,
  type StoreProblem,
  type StoreProblemKind,
} from './error.js';
export { fileStoreFormat, fileStoreFormatVersion, fileStoreLimits } from './format.js';
export { lockPathOf, type FileStoreWarning, type LockHolder } from './lock.js';
export type { TornTail } from './StoreWalker.js';
export {
  verifyFileEventStore,
  type StoreHead,
  type VerifyOptions,
  type VerifyReport,
} from './verify.js';
