import type { TaskEither } from 'fp-ts/TaskEither';
import type { LedgerError } from '../error.js';
import type { NewEvent, StoredEvent } from './EventEnvelope.js';

/**
 * What the writer expects the stream to be before its append (optimistic concurrency).
 *
 * - `'any'`: no check.
 * - `'no_stream'`: the stream must not exist yet.
 * - `'stream_exists'`: the stream must hold at least one event.
 * - a number: the revision (0-based) of the stream's last event.
 *
 * The same four forms as EventStoreDB's client (`ANY`, `NO_STREAM`, `STREAM_EXISTS`, a bigint).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Options of {@link EventStore.appendToStream}. */
export interface AppendOptions {
  /** Defaults to `'any'`. */
  readonly expectedRevision?: ExpectedRevision;
  /**
   * True when the caller awaits this append before it makes another (no other append of its
   * pending, no next batch being checked meanwhile). Advisory: a store that hands its writes to
   * helper threads may then write on the calling thread and spare the hand-off (the file store
   * does when opened with `durableWriteThread: 'calling-thread'`), blocking the event loop for
   * the write; other stores ignore it. The ledger sets it for a `record` call with no other call
   * of the same recorder in progress; its background work (a checkpoint being saved, a fold when
   * idle) then waits for the write.
   */
  readonly awaitedAlone?: boolean;
}

/** What an append reports. */
export interface AppendResult {
  /**
   * The revision of the stream's last event after the append: pass it as the next
   * `expectedRevision`.
   */
  readonly nextExpectedRevision: number;
  /**
   * True when every event of the batch was already stored (same ids, same type and data):
   * the append was a no-op, and nothing was booked twice. When two writers append the same
   * batch at the same moment, a store may report `false` to both; there is still one copy.
   */
  readonly alreadyStored: boolean;
}

/** Options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** The first revision to read (inclusive). Defaults to 0. */
  readonly fromRevision?: number;
  /** Read at most this many events. Defaults to no limit. */
  readonly maxCount?: number;
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /**
   * Read events whose `globalPosition` is at least this (inclusive). Resume with
   * `lastPosition + 1`, or start at an event's own position: every adapter accepts those. The
   * in-memory and file stores number events 0, 1, 2… and accept any whole number; EventStoreDB's
   * positions are byte offsets in its log and it reads `$all` only from a record's start, so a
   * number that falls inside a record (neither a position it gave nor one past it) is refused
   * there with `IO_ERROR`. Search by stream revision instead (`readStream`'s `fromRevision`).
   */
  readonly fromPosition?: number;
  /** Read at most this many events. Defaults to no limit. */
  readonly maxCount?: number;
}

/**
 * The one store interface of finsam-ledger. Every adapter (memory, file, EventStoreDB,
 * or your own) implements it and passes the conformance suite in
 * `@finsam-ledger/core/testing`.
 *
 * Contract, in short:
 * - An append is atomic: all events of one call are stored, or none.
 * - An acknowledged append is never lost.
 * - Appending a batch whose event ids are all already stored in the stream, with the same
 *   type, schema version and data, is a no-op that succeeds (`alreadyStored: true`),
 *   whatever the expected revision; a batch that reuses a stored id for different content,
 *   or mixes stored and new ids, fails with `EVENT_ID_CONFLICT`.
 * - Expected failures (`CONCURRENCY_CONFLICT`, `EVENT_ID_CONFLICT`, `INVALID_EVENT`,
 *   `INVALID_STREAM_ID`, ...) are returned as `Left`; nothing is written.
 * - Reads stream: they never hold a whole stream or store in memory. Reading a stream that
 *   does not exist yields nothing. Read failures are thrown as `LedgerError`s.
 */
export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): TaskEither<LedgerError, AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /**
   * Releases files, locks or connections. Further calls fail with `STORE_CLOSED`. May reject when
   * the release's own work fails (the file store cutting off the zeros of `preallocateBytes`, a
   * client's disconnection); the file store then still releases its lock and file, and nothing
   * acknowledged is lost either way.
   */
  close(): Promise<void>;
}
