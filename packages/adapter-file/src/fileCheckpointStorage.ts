import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { ledgerError } from '@finsam-ledger/core';
import { assert, type CheckpointStorage } from '@finsam-ledger/core/store';
import { streamStart, type FileStoreState, type Writer } from './fileStoreState.js';
import { IndexLookups } from './IndexLookups.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { decodeEventRecordLine, fileStoreLimits } from './format.js';
import { readLines, readLinesLimits } from './readLines.js';
import { seekEntryAtOrBefore, temporaryPathFor } from './seekIndex.js';
import { hashInLastBatch, seekBatches } from './readFromFile.js';

/** The directory of a store file's checkpoints: `STORE.checkpoints/`. */
export const checkpointDirectoryPath = (storePath: string): string => `${storePath}.checkpoints`;

/** A checkpoint's name is a file name in the directory, never a path out of it. */
function fileOf(directory: string, name: string): string {
  if (!/^[^/\\]+$/.test(name) || name.startsWith('.'))
    throw ledgerError('VALIDATION_FAILED', `A checkpoint name must be a plain file name: ${name}`, {
      issues: [{ path: 'name', rule: 'plain-file-name', message: 'must be a plain file name' }],
    });
  return join(directory, name);
}

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** The chain hash of the record at `revision` of `streamId`, walking from the nearest entry. */
async function chainHashAt(
  state: FileStoreState,
  streamId: string,
  revision: number,
): Promise<string | undefined> {
  const from = streamStart(state, streamId);
  if (from === undefined || revision > from.lastRevision) return undefined;
  const justRead = hashInLastBatch(state, streamId, revision);
  if (justRead !== undefined) return justRead;
  // A read that fails here (the writer's file closed after a failed write) leaves it to the walk,
  // which reads the store as any reader does and reports what it finds.
  const appended = await hashInAppendedBatch(state, streamId, revision).catch(() => undefined);
  if (appended !== undefined) return appended;
  for await (const batch of seekBatches(state, streamId, revision, from.start)) {
    for (const { record } of batch) {
      if (record.streamId !== streamId) continue;
      if (record.streamRevision === revision) return record.hash;
      if (record.streamRevision > revision) return undefined;
    }
  }
  return undefined;
}

/**
 * The chain hash of the record at `revision` of `streamId` read from the line the writer appended
 * it on, without a walk: the writer notes the start of every batch it appends (the seek index's
 * recent starts), and a batch is one stream's consecutive revisions on consecutive lines, so the
 * record is the `revision - start`-th line after the start of the batch that holds it. Only that
 * line is decoded (its checksum checked), and it must be the record asked for; `undefined` when
 * it is not (a start that is not the batch's own, a reader), and the caller walks instead. A
 * checkpoint saved at a close the writer has just appended asked for this: the walk from the
 * batch's start checked and decoded every record before the close, up to the whole group of
 * appends an fsync made durable together (800 records of a bulk load with 16 calls in flight),
 * and a bulk load read the store a second time for the checkpoints.
 */
async function hashInAppendedBatch(
  state: FileStoreState,
  streamId: string,
  revision: number,
): Promise<string | undefined> {
  const writer = state.writer;
  if (writer === undefined) return undefined;
  const justAppended = hashInLastGroup(writer, streamId, revision);
  if (justAppended !== undefined) return justAppended;
  const start = seekEntryAtOrBefore(state.seekIndex, streamId, revision);
  if (start === undefined) return undefined;
  let linesBefore = revision - start.revision;
  // The writer's own file: the records it acknowledged, not a file renamed over its path since.
  for await (const lines of readLines(writer.file, {
    offsetBytes: start.offsetBytes,
    lineNumber: start.lineNumber,
    endOffsetBytes: () => writer.committed.endBytes,
    lineBytesMax: fileStoreLimits.recordBytesMax,
    chunkBytes: fileStoreLimits.readChunkBytes,
    syncReadBytesMax: readLinesLimits.syncReadBytesMax,
  })) {
    const line = lines[linesBefore];
    if (line === undefined) {
      linesBefore -= lines.length;
      continue;
    }
    if (!line.terminated || line.tooLong) return undefined;
    const decoded = decodeEventRecordLine(line.bytes);
    const record = E.isRight(decoded) ? decoded.right : undefined;
    return record?.streamId === streamId && record.streamRevision === revision
      ? record.hash
      : undefined;
  }
  return undefined;
}

/** The bytes read of a record the writer has just appended: most records are shorter. */
const appendedRecordReadBytes = 4096;

/**
 * The chain hash of the record at `revision` of `streamId` when the writer's last group of
 * appends holds it (a year close whose batch was just acknowledged): the writer knows where its
 * line starts, and only that line is read, on the calling thread (one small read of a file just
 * written, served from the page cache), decoded and its checksum checked; it must be the record
 * asked for. `undefined` otherwise (an older batch, a record longer than the read), and the
 * caller reads the batch from its start instead, as every save did before: up to the whole batch
 * read and split into lines for the one record, in reads that doubled from 16 KiB, those after
 * the first through the thread pool.
 */
function hashInLastGroup(writer: Writer, streamId: string, revision: number): string | undefined {
  const batch = writer.lastGroupLines?.find(
    (lines) =>
      lines.streamId === streamId &&
      revision >= lines.firstRevision &&
      revision < lines.firstRevision + lines.lineOffsets.length,
  );
  if (batch === undefined) return undefined;
  const offsetBytes = batch.offsetBytes + batch.lineOffsets[revision - batch.firstRevision]!;
  const wanted = Math.min(appendedRecordReadBytes, writer.committed.endBytes - offsetBytes);
  if (wanted <= 0) return undefined;
  const bytes = Buffer.allocUnsafe(wanted);
  // At most `wanted` bytes: read on the calling thread, a number, not a promise.
  const readBytes = fileSystemSeam.readAt(writer.file, bytes, wanted, offsetBytes, wanted);
  assert(typeof readBytes === 'number', 'a small read is made on the calling thread');
  const newline = bytes.subarray(0, readBytes).indexOf(0x0a);
  if (newline === -1) return undefined;
  const decoded = decodeEventRecordLine(bytes.subarray(0, newline));
  const record = E.isRight(decoded) ? decoded.right : undefined;
  return record?.streamId === streamId && record.streamRevision === revision
    ? record.hash
    : undefined;
}

/**
 * The file store's checkpoint storage: one file per checkpoint in `STORE.checkpoints/`, written
 * atomically (a temporary file renamed over the old one), outside the writer's queue so that
 * no append waits for it. Checkpoints are derived data: the core verifies each before use.
 */
export function fileCheckpointStorage(
  state: FileStoreState,
): CheckpointStorage & { settle(): Promise<void> } {
  const directory = checkpointDirectoryPath(state.path);
  // Reads of the store in flight for a checkpoint (a save is not awaited by the writer that
  // starts it): closing the store waits for them, so that a save started just before is kept.
  const reads = new Set<Promise<unknown>>();
  const tracked = <Result>(read: Promise<Result>): Promise<Result> => {
    reads.add(read);
    void read.finally(() => reads.delete(read)).catch(() => undefined);
    return read;
  };
  const indexes = new IndexLookups(state);
  return {
    chainHashAt: (streamId, revision) => tracked(chainHashAt(state, streamId, revision)),
    revisionOfEvent: (streamId, eventId) => tracked(indexes.revisionOf(streamId, eventId)),
    eventIdsIndexed: () => tracked(indexes.indexed()),
    streamLengthHint: (streamId) => tracked(indexes.streamLength(streamId)),
    keepOpenFor(work) {
      void tracked(work.catch(() => undefined));
    },
    async settle() {
      while (reads.size > 0) await Promise.allSettled([...reads]);
    },
    async list() {
      try {
        return (await readdir(directory)).filter((name) => name.endsWith('.json'));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
    async read(name) {
      try {
        return await readFile(fileOf(directory, name), 'utf8');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async write(name, content, bytes) {
      const target = fileOf(directory, name);
      const temporary = temporaryPathFor(target);
      // The bytes the core hashed while sealing, when it passes them: no second encoding.
      const writeTemporary = () =>
        writeFile(temporary, bytes ?? content, bytes === undefined ? 'utf8' : undefined);
      // The directory is made when a write finds it missing (the first save, or one removed
      // since), not before every save: a year close's save made a trip through the thread pool
      // for a directory that was there.
      try {
        await writeTemporary().catch(async (error: unknown) => {
          // ENOTDIR: something else where the directory should be, which the mkdir then names.
          if (!isMissing(error) && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
          await mkdir(directory, { recursive: true });
          await writeTemporary();
        });
        await rename(temporary, target);
      } catch (error) {
        // A write cut short (a full disk) or a rename refused: no temporary file left behind,
        // which no listing shows and nothing would ever remove.
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
    },
    async remove(name) {
      await unlink(fileOf(directory, name)).catch((error: unknown) => {
        if (!isMissing(error)) throw error;
      });
    },
  };
}
