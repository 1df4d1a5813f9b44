import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { sha256Hex } from './hashChain.js';
import type { WalkedRecord, WalkStart } from './StoreWalker.js';

let temporaryCount = 0;
/** A temporary file's path beside `target`, unique to this process and call (saves may race). */
export const temporaryPathFor = (target: string): string =>
  `${target}.${process.pid}.${(temporaryCount += 1)}.tmp`;

/**
 * Where a stream's batch starts in the file: enough to start a walk there (offset, line, global
 * position, the hash of the line before) and to check that the walk landed where the entry says
 * (the stream and revision of the batch's first record).
 */
export interface SeekEntry {
  readonly revision: number;
  readonly position: number;
  readonly offsetBytes: number;
  readonly lineNumber: number;
  readonly prevHash: string;
}

/**
 * The file store's seek index (the "year index"): per stream, a batch start every
 * {@link seekIndexLimits}.revisionsPerEntry revisions, so that a reader starts a walk near a
 * revision (the first event after a year's checkpoint) instead of at the first record. Saved
 * beside the store as `STORE.index`; derived data, rebuilt from the file when lost, and never
 * trusted: every walk from an entry checks that its first record is the one the entry names.
 */
export interface SeekIndex {
  readonly storeId: string;
  readonly headerHash: string;
  readonly entries: Map<string, SeekEntry[]>;
  /** The last batch start seen of each stream in this process (not saved): a live reader's. */
  readonly tails: Map<string, SeekEntry>;
  /**
   * The last batch starts seen of each stream in this process (not saved), in revision order, at
   * least {@link seekIndexLimits}.recentStartsMax of them: a checkpoint saved at a year close
   * asks for the chain hash there after the writer has appended the next batches, and a walk from
   * the close's own batch reads one batch instead of up to a thousand revisions from the last
   * entry (during a bulk load, the store read a second time).
   */
  readonly recent: Map<string, SeekEntry[]>;
  /** True when entries were added since the index was saved or loaded. */
  dirty: boolean;
}

/** Limits of the seek index. */
export const seekIndexLimits = {
  /** A stream gets an entry at the first batch this many revisions after its last entry. */
  revisionsPerEntry: 1024,
  /**
   * Batch starts kept per stream in {@link SeekIndex}.recent: more than the appends a writer
   * keeps in flight, so that a close's batch is still there when its checkpoint is saved.
   */
  recentStartsMax: 64,
  /** The index file is read whole; anything longer is not ours. */
  indexFileBytesMax: 64 * 1024 * 1024,
} as const;

/** The value of the index file's `format` member. */
export const seekIndexFormat = 'finsam-ledger/file-store-index';

/** An empty index for a store. */
export const emptySeekIndex = (storeId: string, headerHash: string): SeekIndex => ({
  storeId,
  headerHash,
  entries: new Map(),
  tails: new Map(),
  recent: new Map(),
  dirty: false,
});

/** The index file of a store file. */
export const seekIndexPath = (storePath: string): string => `${storePath}.index`;

/** Notes a complete batch: an entry when its stream is due one, and the stream's tail. */
export function noteBatch(index: SeekIndex, batch: readonly WalkedRecord[]): void {
  const first = batch[0];
  if (first === undefined) return;
  const { record } = first;
  noteSeekEntry(index, record.streamId, {
    revision: record.streamRevision,
    position: record.position,
    offsetBytes: first.offsetBytes,
    lineNumber: first.lineNumber,
    prevHash: record.prev,
  });
}

/** Notes the start of a stream's batch (see {@link noteBatch}). */
export function noteSeekEntry(index: SeekIndex, streamId: string, entry: SeekEntry): void {
  const tail = index.tails.get(streamId);
  if (tail === undefined || tail.revision < entry.revision) {
    index.tails.set(streamId, entry);
    noteRecentStart(index.recent, streamId, entry);
  }
  const entries = index.entries.get(streamId) ?? [];
  const last = entries[entries.length - 1];
  if (last !== undefined && entry.revision - last.revision < seekIndexLimits.revisionsPerEntry)
    return;
  entries.push(entry);
  index.entries.set(streamId, entries);
  index.dirty = true;
}

/**
 * Keeps a stream's batch start among its recent ones, dropping the oldest half once there are
 * twice {@link seekIndexLimits}.recentStartsMax (one copy per so many batches, not one per batch).
 */
function noteRecentStart(
  recent: Map<string, SeekEntry[]>,
  streamId: string,
  entry: SeekEntry,
): void {
  const starts = recent.get(streamId);
  if (starts === undefined) {
    recent.set(streamId, [entry]);
    return;
  }
  starts.push(entry);
  if (starts.length >= 2 * seekIndexLimits.recentStartsMax)
    starts.splice(0, starts.length - seekIndexLimits.recentStartsMax);
}

/**
 * The nearest known batch start of the stream at or before `revision`, if any: the latest of
 * the stream's tail, its recent starts and its saved entries. Each alone can be far behind: a
 * reader that has walked only a stream's first batch has it as its tail and its only recent
 * start, while the entries loaded from the index file reach the stream's end.
 */
export function seekEntryAtOrBefore(
  index: SeekIndex,
  streamId: string,
  revision: number,
): SeekEntry | undefined {
  const tail = index.tails.get(streamId);
  const candidates = [
    tail !== undefined && tail.revision <= revision ? tail : undefined,
    lastAtOrBefore(index.recent.get(streamId) ?? [], revision),
    lastAtOrBefore(index.entries.get(streamId) ?? [], revision),
  ];
  let nearest: SeekEntry | undefined;
  for (const candidate of candidates)
    if (candidate !== undefined && (nearest === undefined || candidate.revision > nearest.revision))
      nearest = candidate;
  return nearest;
}

/** The last of `entries` (in revision order) at or before `revision` (binary search). */
function lastAtOrBefore(entries: readonly SeekEntry[], revision: number): SeekEntry | undefined {
  let found: SeekEntry | undefined;
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (entries[middle]!.revision <= revision) {
      found = entries[middle]!;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * The latest known batch start of any stream at or before the global `position`, with its
 * stream: where a read of the whole store from that position can start its walk.
 */
export function seekEntryAtOrBeforePosition(
  index: SeekIndex,
  position: number,
): { readonly streamId: string; readonly entry: SeekEntry } | undefined {
  let found: { streamId: string; entry: SeekEntry } | undefined;
  const better = (streamId: string, entry: SeekEntry | undefined): void => {
    if (entry === undefined || entry.position > position) return;
    if (found === undefined || entry.position > found.entry.position) found = { streamId, entry };
  };
  for (const [streamId, tail] of index.tails) better(streamId, tail);
  for (const [streamId, entries] of index.entries) {
    let low = 0;
    let high = entries.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (entries[middle]!.position <= position) {
        better(streamId, entries[middle]);
        low = middle + 1;
      } else high = middle - 1;
    }
  }
  return found;
}

/** Where a walk from an entry starts. */
export const walkStartOf = (entry: SeekEntry): WalkStart => ({
  offsetBytes: entry.offsetBytes,
  lineNumber: entry.lineNumber,
  position: entry.position,
  prevHash: entry.prevHash,
});

/** True when a walk from `entry` landed on the batch it names. */
export const landedOn = (
  entry: SeekEntry,
  streamId: string,
  batch: readonly WalkedRecord[],
): boolean => {
  const first = batch[0]?.record;
  return (
    first !== undefined &&
    first.streamId === streamId &&
    first.streamRevision === entry.revision &&
    first.position === entry.position &&
    first.prev === entry.prevHash
  );
};

const entryTuple = (entry: SeekEntry) =>
  [entry.revision, entry.position, entry.offsetBytes, entry.lineNumber, entry.prevHash] as const;

/** The index file's text: its entries and a digest of them (SHA-256 of the body's JSON). */
export function encodeSeekIndex(index: SeekIndex): string {
  const body = JSON.stringify({
    format: seekIndexFormat,
    formatVersion: 1,
    storeId: index.storeId,
    headerHash: index.headerHash,
    streams: [...index.entries].map(([streamId, entries]) => [streamId, entries.map(entryTuple)]),
  });
  return `{"body":${body},"digest":"${sha256Hex(body)}"}\n`;
}

/** Why an index file was not accepted. */
export type SeekIndexDefect = 'missing' | 'malformed' | 'digest-mismatch' | 'other-store';

type EntryTuple = [number, number, number, number, string];

/** Reads an index file's text: its digest, its format and its store; `undefined` if it fails. */
export function decodeSeekIndex(
  text: string,
  storeId: string,
  headerHash: string,
): SeekIndex | SeekIndexDefect {
  let parsed: { body?: Record<string, unknown>; digest?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return 'malformed';
  }
  const body = parsed.body;
  if (body === undefined || body.format !== seekIndexFormat || body.formatVersion !== 1)
    return 'malformed';
  if (sha256Hex(JSON.stringify(body)) !== parsed.digest) return 'digest-mismatch';
  if (body.storeId !== storeId || body.headerHash !== headerHash) return 'other-store';
  const index = emptySeekIndex(storeId, headerHash);
  for (const [streamId, tuples] of body.streams as [string, EntryTuple[]][]) {
    index.entries.set(
      streamId,
      tuples.map(([revision, position, offsetBytes, lineNumber, prevHash]) => ({
        revision,
        position,
        offsetBytes,
        lineNumber,
        prevHash,
      })),
    );
  }
  return index;
}

/** Reads the index file beside a store: the index, or why there is none to use. */
export async function loadSeekIndex(
  storePath: string,
  storeId: string,
  headerHash: string,
): Promise<SeekIndex | SeekIndexDefect> {
  let text: string;
  try {
    text = await readFile(seekIndexPath(storePath), 'utf8');
  } catch {
    return 'missing';
  }
  if (text.length > seekIndexLimits.indexFileBytesMax) return 'malformed';
  return decodeSeekIndex(text, storeId, headerHash);
}

/**
 * Saves the index beside the store atomically (a temporary file renamed over the old one).
 * Best effort: the index is derived data, so a failure (a read-only directory) is ignored.
 */
export async function saveSeekIndex(storePath: string, index: SeekIndex): Promise<void> {
  const target = seekIndexPath(storePath);
  const temporary = temporaryPathFor(target);
  const text = encodeSeekIndex(index);
  // Clean as of the text taken now: an entry noted while the file is written makes it dirty
  // again, and stays to be saved (cleared after the write, it was forgotten until the next one).
  index.dirty = false;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  } catch {
    index.dirty = true;
    await unlink(temporary).catch(() => undefined);
  }
}

/** Forgets every entry (a wrong one was found) and removes the index file. */
export async function discardSeekIndex(storePath: string, index: SeekIndex): Promise<void> {
  index.entries.clear();
  index.tails.clear();
  index.recent.clear();
  index.dirty = true;
  await unlink(seekIndexPath(storePath)).catch(() => undefined);
}
