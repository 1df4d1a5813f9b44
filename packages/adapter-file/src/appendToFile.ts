import * as E from 'fp-ts/Either';
import {
  ledgerError,
  type AppendOptions,
  type AppendResult,
  type LedgerError,
  type NewEvent,
} from '@finsam-ledger/core';
import {
  assert,
  decideAppend,
  eventFingerprint,
  nextStoredAt,
  validateAppend,
} from '@finsam-ledger/core/store';
import { decodeEventRecordLine, encodeEventRecord, fileStoreLimits } from './format.js';
import { noteSeekEntry } from './seekIndex.js';
import {
  addCheckpointIfDue,
  closedError,
  eventIdKey,
  fingerprintHash,
  ioError,
  streamIndexFor,
  type Committed,
  type FileStoreState,
  type Writer,
} from './fileStoreState.js';
import { describeTornTail } from './StoreWalker.js';
import type { RepairReport } from './adapter.js';

/** A batch ready to write: its encoded lines and the hash of its last line. */
interface EncodedBatch {
  readonly bytes: Buffer;
  readonly lastHash: string;
  /** The one stamp of every record of the batch. */
  readonly storedAt: string;
}

/** A batch the core's rules accepted as new, and where it goes. */
interface NewBatch {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly firstRevision: number;
}

/**
 * One append of the writer: the core's rules decide (new, already stored, refused), the
 * batch is encoded and checked, a torn tail is cut off, the bytes are written and fsync'd,
 * and only then is the writer's index updated. Runs inside the writer's queue.
 */
export async function appendNow(
  state: FileStoreState,
  writer: Writer,
  streamId: unknown,
  events: readonly NewEvent[],
  options: AppendOptions | undefined,
): Promise<E.Either<LedgerError, AppendResult>> {
  if (state.closed) return E.left(closedError(state.path));
  if (writer.failure !== undefined) return E.left(writer.failure);
  const decided = decide(writer, streamId, events, options);
  if (E.isLeft(decided)) return decided;
  const batch = decided.right;
  if ('nextExpectedRevision' in batch) return E.right(batch);
  const storedAt = nextStoredAt(writer.clock, writer.committed.lastStoredAt);
  const encoded = encodeBatch(writer.committed, batch, storedAt);
  if (E.isLeft(encoded)) return encoded;
  if (writer.tornTail !== undefined) {
    try {
      await repairNow(state, writer);
    } catch (error) {
      writer.failure = ioError(state.path, 'cut off the torn tail', error);
      return E.left(writer.failure);
    }
  }
  const written = await writeDurably(state.path, writer, encoded.right.bytes);
  if (E.isLeft(written)) return written;
  const lastRevision = recordAcknowledged(state, writer, batch, encoded.right);
  const { size } = await writer.file.stat();
  assert(
    size === writer.committed.endBytes,
    'the file ends where the last acknowledged append ends',
    {
      size,
      endBytes: writer.committed.endBytes,
    },
  );
  return E.right({ nextExpectedRevision: lastRevision, alreadyStored: false });
}

/** The core's decision: refused, already stored (its result), or a new batch to write. */
function decide(
  writer: Writer,
  streamId: unknown,
  events: readonly NewEvent[],
  options: AppendOptions | undefined,
): E.Either<LedgerError, AppendResult | NewBatch> {
  const valid = validateAppend(streamId, events, options?.expectedRevision);
  if (E.isLeft(valid)) return valid;
  const { streamId: id, expectedRevision, events: batch } = valid.right;
  const stream = writer.streams.get(id);
  const byId = new Map(batch.map((event) => [event.eventId, event]));
  // The index keeps only a hash of each fingerprint. When the hashes agree, the stored
  // fingerprint is the new event's own; when they differ, any other string makes
  // decideAppend report the conflict, exactly as if the full fingerprint were kept.
  const decision = decideAppend(id, batch, expectedRevision, stream?.lastRevision, (eventId) => {
    const storedHash = stream?.fingerprintHashByEventId.get(eventIdKey(eventId));
    if (storedHash === undefined) return undefined;
    const event = byId.get(eventId)!;
    return fingerprintHash(event) === storedHash ? eventFingerprint(event) : `stored:${storedHash}`;
  });
  if (E.isLeft(decision)) return decision;
  if (decision.right.action === 'already-stored') return E.right(decision.right.result);
  return E.right({ streamId: id, events: batch, firstRevision: decision.right.firstRevision });
}

/** Encodes every record of the batch, refusing a record or a batch over its size limit. */
function encodeBatch(
  committed: Committed,
  batch: NewBatch,
  storedAt: string,
): E.Either<LedgerError, EncodedBatch> {
  const lines: Buffer[] = [];
  let prev = committed.lastHash;
  let batchBytes = 0;
  for (let index = 0; index < batch.events.length; index += 1) {
    const event = batch.events[index]!;
    const sealed = encodeEventRecord(
      {
        position: committed.nextPosition + index,
        streamId: batch.streamId,
        streamRevision: batch.firstRevision + index,
        batchIndex: index,
        batchSize: batch.events.length,
        prev,
        storedAt,
      },
      event,
    );
    batchBytes += sealed.bytes.length;
    const tooLarge = sizeRefusal(index, sealed.bytes.length, batchBytes);
    if (tooLarge !== undefined) return E.left(tooLarge);
    // The pair of the reader's check: every line is decoded before it is written.
    const decoded = decodeEventRecordLine(sealed.bytes.subarray(0, sealed.bytes.length - 1));
    assert(
      E.isRight(decoded) &&
        decoded.right.eventId === event.eventId &&
        decoded.right.hash === sealed.hash,
      'an encoded record decodes to itself',
      { index },
    );
    lines.push(sealed.bytes);
    prev = sealed.hash;
  }
  return E.right({ bytes: Buffer.concat(lines), lastHash: prev, storedAt });
}

/** The refusal of a record or a batch that is too large on disk, if it is. */
function sizeRefusal(
  index: number,
  recordBytes: number,
  batchBytes: number,
): LedgerError | undefined {
  if (recordBytes > fileStoreLimits.recordBytesMax) {
    return ledgerError(
      'INVALID_EVENT',
      `events[${index}] takes ${recordBytes} bytes on disk; the limit is ${fileStoreLimits.recordBytesMax}`,
      {
        issues: [
          { path: `events[${index}]`, rule: 'record-bytes-max', message: `${recordBytes} bytes` },
        ],
      },
    );
  }
  if (batchBytes > fileStoreLimits.batchBytesMax) {
    return ledgerError(
      'INVALID_EVENT',
      `the append takes more than ${fileStoreLimits.batchBytesMax} bytes on disk; split it`,
      {
        issues: [
          {
            path: 'events',
            rule: 'batch-bytes-max',
            message: `more than ${fileStoreLimits.batchBytesMax} bytes`,
          },
        ],
      },
    );
  }
  return undefined;
}

/**
 * Writes the batch after the last acknowledged append and fsyncs it. A failed write is cut
 * off again; a failed fsync (or a failed cut) leaves the file unknown, so the writer refuses
 * every later append until the store is reopened.
 */
async function writeDurably(
  path: string,
  writer: Writer,
  bytes: Buffer,
): Promise<E.Either<LedgerError, void>> {
  const endBytes = writer.committed.endBytes;
  try {
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await writer.file.write(
        bytes,
        written,
        bytes.length - written,
        endBytes + written,
      );
      assert(bytesWritten > 0, 'a write makes progress');
      written += bytesWritten;
    }
  } catch (error) {
    // Nothing of this batch is acknowledged; cut off what did reach the file so that
    // the next append continues from the last acknowledged one.
    try {
      await writer.file.truncate(endBytes);
      await writer.file.datasync();
    } catch {
      writer.failure = ioError(
        path,
        'write, and then cut off the failed write; reopen the store',
        error,
      );
      return E.left(writer.failure);
    }
    return E.left(ioError(path, 'write the append', error));
  }
  try {
    await writer.file.datasync();
  } catch (error) {
    // After a failed fsync the kernel may have dropped the dirty pages and forgotten the
    // error: the file's content is unknown. Only a reopen (which checks the file) is safe.
    writer.failure = ioError(
      path,
      'make the append durable (fsync failed); reopen the store',
      error,
    );
    return E.left(writer.failure);
  }
  return E.right(undefined);
}

/** Updates the writer's index after an acknowledged append; returns the stream's last revision. */
function recordAcknowledged(
  state: FileStoreState,
  writer: Writer,
  batch: NewBatch,
  encoded: EncodedBatch,
): number {
  const committed = writer.committed;
  const start = {
    offsetBytes: committed.endBytes,
    lineNumber: committed.nextLineNumber,
    position: committed.nextPosition,
    prevHash: committed.lastHash,
  };
  addCheckpointIfDue(writer.checkpoints, start);
  if (start.position === 0) state.recordsStart = writer.checkpoints[0]!;
  const stream = streamIndexFor(writer.streams, batch.streamId, start);
  noteSeekEntry(state.seekIndex, batch.streamId, { ...start, revision: batch.firstRevision });
  for (const event of batch.events)
    stream.fingerprintHashByEventId.set(eventIdKey(event.eventId), fingerprintHash(event));
  stream.lastRevision = batch.firstRevision + batch.events.length - 1;
  committed.endBytes += encoded.bytes.length;
  committed.nextLineNumber += batch.events.length;
  committed.nextPosition += batch.events.length;
  committed.lastHash = encoded.lastHash;
  committed.lastStoredAt = encoded.storedAt;
  return stream.lastRevision;
}

/** Cuts off the torn tail, if there is one, and reports it. */
export async function repairNow(state: FileStoreState, writer: Writer): Promise<RepairReport> {
  const tornTail = writer.tornTail;
  if (tornTail === undefined) return {};
  assert(
    tornTail.offsetBytes === writer.committed.endBytes,
    'a torn tail starts where the acknowledged appends end',
  );
  await writer.file.truncate(writer.committed.endBytes);
  await writer.file.datasync();
  writer.tornTail = undefined;
  writer.onWarning({
    code: 'TORN_TAIL_REPAIRED',
    message: `${state.path}: cut off ${tornTail.sizeBytes} bytes that no acknowledged append wrote (${describeTornTail(tornTail)})`,
    details: { path: state.path, ...tornTail },
  });
  return { dropped: tornTail };
}
