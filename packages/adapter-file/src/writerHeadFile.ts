import { open, readFile, rename, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sha256Hex } from './hashChain.js';
import { canonicalStorePath } from './lock.js';
import { temporaryPathFor } from './seekIndex.js';
import type { WriterHead } from './verify.js';
import { headHolds, type SavedHead } from './writerIndexFile.js';
import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import type { HeaderRead } from './readHeader.js';

/**
 * Where a store's writer records the head it held when it last closed or saved its index
 * (`STORE.head`): the store's path with `.head` appended. Read and written beside the store's
 * real path ({@link headFileOf}).
 */
export const writerHeadPath = (storePath: string): string => `${storePath}.head`;

/**
 * The head file of the store at `storePath`, beside its real path (symlinks resolved, as the
 * writer's lock is): every name of a store holds it to one head. `named` is how a message names
 * it: by the name the store was given, unless that name is another's link.
 */
async function headFileOf(storePath: string): Promise<{ path: string; named: string }> {
  const real = await canonicalStorePath(storePath);
  const path = writerHeadPath(real);
  return { path, named: real === resolve(storePath) ? writerHeadPath(storePath) : path };
}

const writerHeadFormat = 'finsam-writer-head';

/** The head file's content: the store it belongs to and the head. */
interface HeadBody {
  readonly format: string;
  readonly formatVersion: number;
  readonly storeId: string;
  readonly headerHash: string;
  readonly head: SavedHead;
}

/**
 * The file's bytes: one JSON line, `{"body":{format, formatVersion, storeId, headerHash, head},
 * "digest":"<SHA-256 of the body>"}`.
 */
export function encodeWriterHead(storeId: string, headerHash: string, head: SavedHead): Buffer {
  const body = JSON.stringify({
    format: writerHeadFormat,
    formatVersion: 1,
    storeId,
    headerHash,
    head,
  } satisfies HeadBody);
  return Buffer.from(`{"body":${body},"digest":"${sha256Hex(body)}"}\n`, 'utf8');
}

/**
 * Records the head the writer holds (`STORE.head`), atomically: written to a temporary file, made
 * durable, renamed over the old one. Only a writer calls it, and only with a head whose records
 * are durable (its acknowledged appends, and what it read at open after making the file durable).
 * Best effort: a failure leaves the older head, which the file still passes through. True when
 * saved.
 */
export async function saveWriterHead(
  storePath: string,
  storeId: string,
  headerHash: string,
  head: SavedHead,
): Promise<boolean> {
  const { path } = await headFileOf(storePath);
  const temporary = temporaryPathFor(path);
  try {
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(encodeWriterHead(storeId, headerHash, head));
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    return true;
  } catch {
    await unlink(temporary).catch(() => undefined);
    return false;
  }
}

/** A head the head file records: what the scan holds the file to, and the head as saved. */
export type RecordedWriterHead = WriterHead & { readonly saved: SavedHead };

/**
 * The head `STORE.head` records, when the file is sound and of this store (`undefined` when it is
 * missing, altered or another store's: then nothing is held to it). Its `headPath` names the
 * file, for the message that says how to accept a loss made on purpose.
 */
export async function loadWriterHead(
  storePath: string,
  storeId: string,
  headerHash: string,
): Promise<RecordedWriterHead | undefined> {
  const { path, named } = await headFileOf(storePath);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { body?: HeadBody; digest?: unknown };
    const body = parsed.body;
    if (body?.format !== writerHeadFormat || body.formatVersion !== 1) return undefined;
    if (sha256Hex(JSON.stringify(body)) !== parsed.digest) return undefined;
    if (body.storeId !== storeId || body.headerHash !== headerHash) return undefined;
    const { head } = body;
    return { eventCount: head.eventCount, hash: head.lastHash, headPath: named, saved: head };
  } catch {
    // Not JSON, or not of this shape: not written by this code, nothing to hold the file to.
    return undefined;
  }
}

/**
 * The head recorded for the store whose header was read: none when it did not read (the store's
 * own check names that).
 */
export async function loadWriterHeadOf(
  storePath: string,
  header: E.Either<unknown, HeaderRead>,
): Promise<RecordedWriterHead | undefined> {
  if (E.isLeft(header)) return undefined;
  return loadWriterHead(storePath, header.right.header.storeId, header.right.hash);
}

/** What the head file says of an open store file: see {@link checkRecordedHead}. */
export type RecordedHeadCheck =
  { readonly holds: true } | { readonly holds: false; readonly recorded: RecordedWriterHead };

/**
 * Whether the store file still holds the head its writer recorded (`STORE.head`): true when
 * there is no sound head file, or the record the head names is at its place (one small read).
 * Otherwise the recorded head is returned, for a scan of the whole file to hold it to (which
 * names the loss, or finds the file passes through the head after all). `eventCount`, when the
 * caller knows how many events the file holds, answers a head beyond them without a read.
 */
export async function checkRecordedHead(
  storePath: string,
  file: FileHandle,
  store: {
    readonly storeId: string;
    readonly headerHash: string;
    readonly recordsOffsetBytes: number;
  },
  eventCount?: number,
): Promise<RecordedHeadCheck> {
  const { storeId, headerHash, recordsOffsetBytes } = store;
  const recorded = await loadWriterHead(storePath, storeId, headerHash);
  if (recorded === undefined) return { holds: true };
  if (eventCount !== undefined && recorded.eventCount > eventCount)
    return { holds: false, recorded };
  const records = { offsetBytes: recordsOffsetBytes, headerHash };
  return (await headHolds(file, recorded.saved, records))
    ? { holds: true }
    : { holds: false, recorded };
}
