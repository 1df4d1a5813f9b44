import type { EventStore } from './EventStore.js';

/**
 * Where a store keeps checkpoints: derived projection states saved beside its events (the file
 * store keeps them in a directory beside its file). A checkpoint is never the source of truth:
 * the storage may lose, keep stale or hand back altered checkpoints, and the core verifies each
 * one before it trusts it (its digest, its code version, and the store's chain hash at its
 * position), and rebuilds it from the events when it is missing or wrong.
 */
export interface CheckpointStorage {
  /**
   * The hash of the store's content up to and including the event at `revision` of `streamId`
   * (the file store's chain hash of that record), or `undefined` when there is no such event.
   */
  chainHashAt(streamId: string, revision: number): Promise<string | undefined>;
  /**
   * The revision of the event `eventId` in `streamId`, found without folding the stream
   * (`undefined` when it is not stored); optional, the core scans the stream without it.
   */
  revisionOfEvent?(streamId: string, eventId: string): Promise<number | undefined>;
  /**
   * True when {@link revisionOfEvent} answers through an index (about one small read an id: a file
   * store's writer, or a reader beside a sound saved index), false when it searches the store's
   * records for each id. A caller with many ids looks each up in the first case and reads the
   * stream once in the second. Optional: without it, a search is assumed.
   */
  eventIdsIndexed?(): Promise<boolean>;
  /**
   * How many events `streamId` holds as the store's index knows them, without reading the stream
   * (`undefined` when it does not know): a hint that may lag behind appends made since, which the
   * caller confirms by reading the stream at it. Optional.
   */
  streamLengthHint?(streamId: string): Promise<number | undefined>;
  /** The names of the checkpoints saved. */
  list(): Promise<readonly string[]>;
  /** A checkpoint's text, or `undefined` when there is none by that name. */
  read(name: string): Promise<string | undefined>;
  /**
   * Saves a checkpoint atomically: a reader sees the old text, the new one, or none. `bytes`,
   * when given, is `content` in UTF-8 already (the core hashed it while sealing), which a
   * storage that writes bytes may write instead of encoding `content` again.
   */
  write(name: string, content: string, bytes?: Uint8Array): Promise<void>;
  /** Discards a checkpoint (nothing happens when there is none). */
  remove(name: string): Promise<void>;
  /**
   * Keeps the store's close waiting until `work` ends: work on checkpoints that a writer starts
   * and does not wait for (a fold that saves the readers' checkpoints after a year close), so
   * that a process that closes its store leaves them behind. Optional.
   */
  keepOpenFor?(work: Promise<unknown>): void;
}

/** A store that keeps checkpoints (see {@link CheckpointStorage}). */
export interface CheckpointingStore {
  readonly checkpoints: CheckpointStorage;
}

/**
 * A store that says when new events may have been stored, so that a live projection reads
 * only what came after its position instead of polling.
 */
export interface WatchableStore {
  /** Calls `listener` after events may have been appended; returns the function that stops it. */
  watch(listener: () => void): () => void;
}

/** The store's checkpoint storage, when it keeps checkpoints (the file store does). */
export const checkpointStorageOf = (store: EventStore): CheckpointStorage | undefined =>
  (store as Partial<CheckpointingStore>).checkpoints;

/** The store's watch, when it has one (file and in-memory stores do). */
export const storeWatchOf = (store: EventStore): WatchableStore['watch'] | undefined => {
  const watch = (store as Partial<WatchableStore>).watch;
  return watch === undefined ? undefined : watch.bind(store);
};
