import {
  isLedgerError,
  ledgerError,
  type LedgerError,
  type LedgerErrorOf,
} from '@finsam-ledger/core';

/**
 * The errors of the file store. They are `LedgerError`s of the core with these codes:
 *
 * - `STORE_LOCKED`: another writer holds the store; `details.pid` names it.
 * - `STORE_CORRUPTED`: a line cannot be read (bad checksum, not JSON, too long, no newline
 *   after a complete record). Damage of this kind happens to disks as well as to people.
 * - `STORE_TAMPERED`: every line is intact, but they do not fit together (a broken hash
 *   chain, a position out of order, a missing or extra record). A disk does not recompute
 *   hashes, so this is the mark of an edit.
 * - `UNSUPPORTED_FORMAT_VERSION`: written by a newer version of this adapter.
 * - `NOT_A_STORE`: the file is not a file store at all.
 * - `STORE_CLOSED`, `IO_ERROR`, `ACCESS_DENIED` (a write to a store opened read-only).
 *
 * Every error that names a place in the file carries `details.lineNumber` (1-based, the
 * header is line 1), `details.offsetBytes` (where the line starts) and, when known,
 * `details.eventId`.
 */

/** The codes the file store raises itself. */
export const fileStoreErrorCodes = [
  'STORE_LOCKED',
  'STORE_CORRUPTED',
  'STORE_TAMPERED',
  'UNSUPPORTED_FORMAT_VERSION',
  'NOT_A_STORE',
  'STORE_CLOSED',
  'IO_ERROR',
  'ACCESS_DENIED',
] as const;

/** One of {@link fileStoreErrorCodes}. */
export type FileStoreErrorCode = (typeof fileStoreErrorCodes)[number];

/** What is wrong, at one place in the file. */
export type StoreProblemKind =
  | 'not-a-store'
  | 'unsupported-format-version'
  | 'header-damaged'
  | 'line-too-long'
  | 'not-sealed'
  | 'checksum-mismatch'
  | 'malformed'
  | 'missing-newline'
  | 'not-a-record-prefix'
  | 'position-mismatch'
  | 'chain-broken'
  | 'batch-broken'
  | 'stream-revision-mismatch'
  | 'duplicate-event-id'
  | 'anchor-mismatch'
  | 'truncated'
  | 'history-forked'
  | 'acknowledged-events-removed'
  | 'acknowledged-history-changed';

/** The first thing found wrong in a store file, with where it is. */
export interface StoreProblem {
  readonly kind: StoreProblemKind;
  readonly code:
    'STORE_CORRUPTED' | 'STORE_TAMPERED' | 'NOT_A_STORE' | 'UNSUPPORTED_FORMAT_VERSION';
  /** A full sentence for a person. */
  readonly message: string;
  /** 1-based line number; the header is line 1. */
  readonly lineNumber: number;
  /** Where the line starts, in bytes from the start of the file. */
  readonly offsetBytes: number;
  /** The event id of the record, when the line still shows one. */
  readonly eventId?: string;
  /** The global position the record should have had, when known. */
  readonly position?: number;
  /**
   * The record the line holds, when it decoded (a problem of how it fits its neighbours, not of
   * its bytes): its stream, revision and type, and the position it states, which differs from
   * `position` when the record is out of place.
   */
  readonly record?: StoreProblemRecord;
}

/** The record found at a problem's place, as it describes itself. */
export interface StoreProblemRecord {
  readonly streamId: string;
  readonly streamRevision: number;
  readonly type: string;
  readonly position: number;
}

const codeOfKind: Readonly<Record<StoreProblemKind, StoreProblem['code']>> = {
  'not-a-store': 'NOT_A_STORE',
  'unsupported-format-version': 'UNSUPPORTED_FORMAT_VERSION',
  'header-damaged': 'STORE_CORRUPTED',
  'line-too-long': 'STORE_CORRUPTED',
  'not-sealed': 'STORE_CORRUPTED',
  'checksum-mismatch': 'STORE_CORRUPTED',
  malformed: 'STORE_CORRUPTED',
  'missing-newline': 'STORE_CORRUPTED',
  'not-a-record-prefix': 'STORE_TAMPERED',
  'position-mismatch': 'STORE_TAMPERED',
  'chain-broken': 'STORE_TAMPERED',
  'batch-broken': 'STORE_TAMPERED',
  'stream-revision-mismatch': 'STORE_TAMPERED',
  'duplicate-event-id': 'STORE_TAMPERED',
  'anchor-mismatch': 'STORE_TAMPERED',
  truncated: 'STORE_TAMPERED',
  'history-forked': 'STORE_TAMPERED',
  'acknowledged-events-removed': 'STORE_TAMPERED',
  'acknowledged-history-changed': 'STORE_TAMPERED',
};

/** Builds a {@link StoreProblem}; the code follows from the kind. */
export function storeProblem(
  kind: StoreProblemKind,
  message: string,
  place: {
    lineNumber: number;
    offsetBytes: number;
    eventId?: string | undefined;
    position?: number | undefined;
    record?: StoreProblemRecord | undefined;
  },
): StoreProblem {
  return {
    kind,
    code: codeOfKind[kind],
    message,
    lineNumber: place.lineNumber,
    offsetBytes: place.offsetBytes,
    ...(place.eventId === undefined ? {} : { eventId: place.eventId }),
    ...(place.position === undefined ? {} : { position: place.position }),
    ...(place.record === undefined ? {} : { record: problemRecordOf(place.record) }),
  };
}

/** The facts of a decoded record a problem names (the record itself is not kept). */
const problemRecordOf = (record: StoreProblemRecord): StoreProblemRecord => ({
  streamId: record.streamId,
  streamRevision: record.streamRevision,
  type: record.type,
  position: record.position,
});

/** Turns a problem into the error that open and reads raise. */
export function problemToError(path: string, problem: StoreProblem): LedgerError {
  const where = `line ${problem.lineNumber}, byte ${problem.offsetBytes}${problem.eventId === undefined ? '' : `, event ${problem.eventId}`}`;
  return ledgerError(problem.code, `${path}: ${problem.message} (${where})`, {
    details: { path, ...problem },
  });
}

/** True if another writer holds the store (`details.pid` names it). */
export const isStoreLockedError = (value: unknown): value is LedgerErrorOf<'STORE_LOCKED'> =>
  isLedgerError(value, 'STORE_LOCKED');
/** True if a line of the store cannot be read: damaged bytes. */
export const isStoreCorruptedError = (value: unknown): value is LedgerErrorOf<'STORE_CORRUPTED'> =>
  isLedgerError(value, 'STORE_CORRUPTED');
/** True if the lines of the store are intact but do not fit together: an edit. */
export const isStoreTamperedError = (value: unknown): value is LedgerErrorOf<'STORE_TAMPERED'> =>
  isLedgerError(value, 'STORE_TAMPERED');
/** True if the file was written by a newer format version. */
export const isUnsupportedFormatVersionError = (
  value: unknown,
): value is LedgerErrorOf<'UNSUPPORTED_FORMAT_VERSION'> =>
  isLedgerError(value, 'UNSUPPORTED_FORMAT_VERSION');
/** True if the file is not a file store. */
export const isNotAStoreError = (value: unknown): value is LedgerErrorOf<'NOT_A_STORE'> =>
  isLedgerError(value, 'NOT_A_STORE');
/** True if the store was closed. */
export const isStoreClosedError = (value: unknown): value is LedgerErrorOf<'STORE_CLOSED'> =>
  isLedgerError(value, 'STORE_CLOSED');
/** True if a read or write of the file failed (`details.errno` has the system's code). */
export const isIoError = (value: unknown): value is LedgerErrorOf<'IO_ERROR'> =>
  isLedgerError(value, 'IO_ERROR');
/** True if a store opened read-only was asked to write. */
export const isAccessDeniedError = (value: unknown): value is LedgerErrorOf<'ACCESS_DENIED'> =>
  isLedgerError(value, 'ACCESS_DENIED');
/** True for any error the file store raises itself. */
export const isFileStoreError = (
  value: unknown,
): value is LedgerErrorOf<(typeof fileStoreErrorCodes)[number]> =>
  isLedgerError(value) && (fileStoreErrorCodes as readonly string[]).includes(value.code);
