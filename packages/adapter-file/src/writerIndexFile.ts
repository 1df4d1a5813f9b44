import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { readRecordAt } from './readRecordAt.js';
import { eventIdEntryBytes } from './eventIdIndex.js';
import { sha256Hex } from './hashChain.js';
import { temporaryPathFor } from './seekIndex.js';
import type { WalkStart } from './StoreWalker.js';

/** Where the acknowledged appends ended when the writer's index was saved. */
export interface SavedHead {
  readonly eventCount: number;
  readonly endBytes: number;
  readonly nextLineNumber: number;
  /** The chain hash of the last record (the header's hash for an empty store). */
  readonly lastHash: string;
  /** Where the last record starts, re-read and checked when the index is used. */
  readonly lastRecordOffsetBytes: number;
  readonly lastStoredAt?: string;
}

/** What the writer knows of one stream at the saved head. */
export interface SavedStream {
  readonly streamId: string;
  readonly lastRevision: number;
  readonly first: WalkStart & { readonly prevHash: string };
}

/**
 * The writer's index as saved beside the store (`STORE.ids`): the head it covers, each stream's
 * first batch and last revision, the walk starts every few thousand events, and every event id
 * up to the head, sorted (see `EventIdIndex`). Derived data: opening for writing uses it only
 * after checking it (its digests, its store, the last record it names), and rebuilds it from the
 * file otherwise; `verify` compares it with one rebuilt from the records.
 */
export interface SavedWriterIndex {
  readonly storeId: string;
  readonly headerHash: string;
  readonly head: SavedHead;
  readonly streams: readonly SavedStream[];
  readonly checkpoints: readonly WalkStart[];
  /** The streams the entries name by ordinal. */
  readonly entryStreams: readonly string[];
  readonly entries: Buffer;
}

/** Why a saved writer index was not used. */
export type WriterIndexDefect = 'missing' | 'malformed' | 'digest-mismatch' | 'other-store';

/** The value of the index file's `format` member. */
export const writerIndexFormat = 'finsam-ledger/file-store-event-ids';

/** The writer's index file of a store file. */
export const writerIndexPath = (storePath: string): string => `${storePath}.ids`;

type StartTuple = [number, number, number, string];
type StreamTuple = [string, number, ...StartTuple];

const startTuple = (start: WalkStart): StartTuple => [
  start.offsetBytes,
  start.lineNumber,
  start.position,
  start.prevHash ?? '',
];

const startOf = ([offsetBytes, lineNumber, position, prevHash]: StartTuple) => ({
  offsetBytes,
  lineNumber,
  position,
  prevHash,
});

/** The file's bytes: a JSON line (the head, streams, walk starts, digests), then the entries. */
export function encodeWriterIndex(index: SavedWriterIndex): Buffer {
  const body = JSON.stringify({
    format: writerIndexFormat,
    formatVersion: 1,
    storeId: index.storeId,
    headerHash: index.headerHash,
    head: index.head,
    streams: index.streams.map((stream): StreamTuple => [
      stream.streamId,
      stream.lastRevision,
      ...startTuple(stream.first),
    ]),
    checkpoints: index.checkpoints.map(startTuple),
    entryStreams: index.entryStreams,
    entryCount: index.entries.length / eventIdEntryBytes,
    entriesDigest: sha256Hex(index.entries),
  });
  const line = Buffer.from(`{"body":${body},"digest":"${sha256Hex(body)}"}\n`, 'utf8');
  return Buffer.concat([line, index.entries]);
}

interface Body {
  format?: unknown;
  formatVersion?: unknown;
  storeId?: unknown;
  headerHash?: unknown;
  head: SavedHead;
  streams: StreamTuple[];
  checkpoints: StartTuple[];
  entryStreams: string[];
  entryCount: number;
  entriesDigest: string;
}

/** Reads the file's bytes: both digests, the format and the store, or why it is not used. */
export function decodeWriterIndex(
  bytes: Buffer,
  storeId: string,
  headerHash: string,
): SavedWriterIndex | WriterIndexDefect {
  const newline = bytes.indexOf(0x0a);
  if (newline === -1) return 'malformed';
  let parsed: { body?: Body; digest?: unknown };
  try {
    parsed = JSON.parse(bytes.toString('utf8', 0, newline)) as typeof parsed;
  } catch {
    return 'malformed';
  }
  const body = parsed.body;
  if (body?.format !== writerIndexFormat || body.formatVersion !== 1) return 'malformed';
  if (sha256Hex(JSON.stringify(body)) !== parsed.digest) return 'digest-mismatch';
  if (body.storeId !== storeId || body.headerHash !== headerHash) return 'other-store';
  const entries = bytes.subarray(newline + 1);
  if (entries.length !== body.entryCount * eventIdEntryBytes) return 'malformed';
  if (sha256Hex(entries) !== body.entriesDigest) return 'digest-mismatch';
  return {
    storeId,
    headerHash,
    head: body.head,
    streams: body.streams.map(([streamId, lastRevision, ...start]) => ({
      streamId,
      lastRevision,
      first: startOf(start),
    })),
    checkpoints: body.checkpoints.map(startOf),
    entryStreams: body.entryStreams,
    entries,
  };
}

/** Reads the writer's index beside a store: the index, or why there is none to use. */
export async function loadWriterIndex(
  storePath: string,
  storeId: string,
  headerHash: string,
): Promise<SavedWriterIndex | WriterIndexDefect> {
  let bytes: Buffer;
  try {
    bytes = await readFile(writerIndexPath(storePath));
  } catch {
    return 'missing';
  }
  try {
    return decodeWriterIndex(bytes, storeId, headerHash);
  } catch {
    // A body of the right digest but the wrong shape was not written by this code.
    return 'malformed';
  }
}

/**
 * Saves the writer's index atomically: its bytes are written to a temporary file and made durable
 * ({@link writeWriterIndexTemporary}), then renamed over the old one. A crash never leaves a
 * broken index that is trusted: a torn or empty file fails its digests and the next open rebuilds
 * it; the fsync before the rename keeps a power loss from leaving the new name on unwritten
 * bytes (which would cost the next open a scan of the whole file). Best effort: it is derived
 * data, so a failure (a full disk, a read-only directory) is ignored and the next open for
 * writing reads the file instead. True when the index was saved.
 */
export async function saveWriterIndex(
  storePath: string,
  index: SavedWriterIndex,
): Promise<boolean> {
  const temporary = await writeWriterIndexTemporary(storePath, encodeWriterIndex(index));
  return temporary !== undefined && (await renameWriterIndex(storePath, temporary));
}

/**
 * The file operations of saving the writer's index. Tests replace them to make a save fail or
 * wait (the writer's idle save must neither fail nor stop the writer, nor lose an append made
 * meanwhile); nothing else changes them.
 */
export const writerIndexFileSeam = {
  /** Writes `bytes` to a new file at `path` and makes them durable before it resolves. */
  async writeDurably(path: string, bytes: Buffer): Promise<void> {
    const file = await open(path, 'wx');
    try {
      await file.writeFile(bytes);
      await file.datasync();
    } finally {
      await file.close();
    }
  },
  rename: (from: string, to: string): Promise<void> => rename(from, to),
};

/**
 * Writes the encoded index (`encodeWriterIndex`) to a temporary file beside the index and makes it
 * durable: its path, or `undefined` (and nothing left) when that failed.
 */
export async function writeWriterIndexTemporary(
  storePath: string,
  bytes: Buffer,
): Promise<string | undefined> {
  const temporary = temporaryPathFor(writerIndexPath(storePath));
  try {
    await writerIndexFileSeam.writeDurably(temporary, bytes);
    return temporary;
  } catch {
    await unlink(temporary).catch(() => undefined);
    return undefined;
  }
}

/** Renames a temporary file of {@link writeWriterIndexTemporary} over the index; true when done. */
export async function renameWriterIndex(storePath: string, temporary: string): Promise<boolean> {
  try {
    await writerIndexFileSeam.rename(temporary, writerIndexPath(storePath));
    return true;
  } catch {
    await unlink(temporary).catch(() => undefined);
    return false;
  }
}

/** Removes the writer's index (a wrong one was found): the next open rebuilds it. */
export async function discardWriterIndex(storePath: string): Promise<void> {
  await unlink(writerIndexPath(storePath)).catch(() => undefined);
}

/**
 * True when the file still holds the head the index names: the record that ends there is
 * whole, sealed, the last of its batch, at the position and with the chain hash the index says
 * (a file cut, rewritten or replaced since fails this).
 */
export async function headHolds(
  file: FileHandle,
  head: SavedHead,
  records: { readonly offsetBytes: number; readonly headerHash: string },
): Promise<boolean> {
  if (head.eventCount === 0)
    return (
      head.endBytes === records.offsetBytes &&
      head.lastHash === records.headerHash &&
      head.nextLineNumber === 2
    );
  const last = await readRecordAt(file, head.lastRecordOffsetBytes, head.endBytes);
  return (
    last !== undefined &&
    head.lastRecordOffsetBytes + last.lineBytes === head.endBytes &&
    last.record.hash === head.lastHash &&
    last.record.position === head.eventCount - 1 &&
    last.record.batchIndex === last.record.batchSize - 1
  );
}
