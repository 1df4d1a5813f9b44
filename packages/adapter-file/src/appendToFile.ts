import { fstatSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import {
  ledgerError,
  toLedgerError,
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
import { decodeEventRecordLine, fileStoreLimits, RecordBatchEncoder } from './format.js';
import { noteSeekEntry } from './seekIndex.js';
import { eventIdKeyWords, writeEventIdKeyWords } from './eventIdIndex.js';
import {
  addCheckpointIfDue,
  closedError,
  ioError,
  serialise,
  streamIndexFor,
  type AppendedLines,
  type Committed,
  type FileStoreState,
  type Writer,
} from './fileStoreState.js';
import { readRecordAt } from './readRecordAt.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import type { PreallocatedTail } from './PreallocatedTail.js';
import { discardWriterIndex } from './writerIndexFile.js';
import { saveWriterIndexWhenIdle } from './idleWriterIndexSave.js';
import { describeTornTail } from './StoreWalker.js';
import type { RepairReport } from './adapter.js';

/** A batch ready to write: its encoded lines and the hash of its last line. */
interface EncodedBatch {
  readonly bytes: Buffer;
  /** Where each record starts, from the batch's first byte. */
  readonly lineOffsets: readonly number[];
  readonly lastHash: string;
  /** The one stamp of every record of the batch. */
  readonly storedAt: string;
  /** The whole buffer `bytes` lies at the start of, to encode a later group's batch into. */
  readonly room: Buffer;
}

/** A batch the core's rules accepted as new, and where it goes. */
interface NewBatch {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  /** Each event's data as JSON text, as the core's rules measured it. */
  readonly dataJson: readonly string[];
  /** The keys of the events' ids in the writer's event-id index, four words an event. */
  readonly eventKeys: Uint32Array;
  readonly firstRevision: number;
}

/** One caller's append, waiting for its group. */
interface AppendRequest {
  readonly streamId: unknown;
  readonly events: readonly NewEvent[];
  readonly options: AppendOptions | undefined;
  readonly resolve: (result: E.Either<LedgerError, AppendResult>) => void;
}

/** The appends that arrived since the writer's last group was taken, per writer. */
const waitingAppends = new WeakMap<Writer, AppendRequest[]>();

/**
 * The buffer the writer's last group encoded its first batch into, once that group is written:
 * the next group encodes into it rather than into a new one (some 100 KB for a batch of 100,
 * allocated outside the heap, where each counts towards the collector's next full collection).
 * The groups of a writer run one at a time, and nothing holds a group's bytes once it is written.
 */
const encodeRooms = new WeakMap<Writer, Buffer>();

/** The largest buffer kept for the next group: one batch of very large records is not kept. */
const encodeRoomBytesMax = 1024 * 1024;

/**
 * One append of the writer, with group commit: appends that arrive while the writer is busy
 * (writing or waiting for its fsync) wait together and are then decided in call order, written
 * in one write and made durable by one fsync. Each append still resolves only after the fsync
 * that covers its bytes, and each is decided by the core's rules against the ones before it
 * exactly as if it came alone: atomic, in order, with its own result.
 */
export function appendGrouped(
  state: FileStoreState,
  writer: Writer,
  streamId: unknown,
  events: readonly NewEvent[],
  options: AppendOptions | undefined,
): Promise<E.Either<LedgerError, AppendResult>> {
  return new Promise((resolve) => {
    const waiting = waitingAppends.get(writer);
    if (waiting !== undefined) {
      waiting.push({ streamId, events, options, resolve });
      return;
    }
    waitingAppends.set(writer, [{ streamId, events, options, resolve }]);
    // The group is taken when its turn in the writer's queue comes; what arrives until then joins.
    void serialise(state, async () => {
      const group = waitingAppends.get(writer) ?? [];
      waitingAppends.delete(writer);
      const results = await appendGroupNow(state, writer, group).catch((thrown: unknown) =>
        group.map(() => E.left(toLedgerError(thrown))),
      );
      group.forEach((request, index) => request.resolve(results[index]!));
      saveWriterIndexWhenIdle(state, writer);
    });
  });
}

/**
 * Decides each append of the group against the writer's index and the group's earlier appends,
 * encodes the accepted ones one after the other, cuts off a torn tail, writes them in one
 * write, fsyncs once, and only then updates the writer's index. Runs inside the writer's queue.
 */
async function appendGroupNow(
  state: FileStoreState,
  writer: Writer,
  group: readonly AppendRequest[],
): Promise<E.Either<LedgerError, AppendResult>[]> {
  if (state.closed) return group.map(() => E.left(closedError(state.path)));
  if (writer.failure !== undefined) return group.map(() => E.left(writer.failure!));
  const view = new GroupView(writer);
  const results: E.Either<LedgerError, AppendResult>[] = [];
  const accepted: { batch: NewBatch; encoded: EncodedBatch }[] = [];
  // Taken out while the group uses it: its first batch encodes into it, the others into their own.
  let room = encodeRooms.get(writer);
  encodeRooms.delete(writer);
  for (const request of group) {
    const decided = await decide(state.path, view, request);
    if (E.isLeft(decided) || 'nextExpectedRevision' in decided.right) {
      results.push(decided as E.Either<LedgerError, AppendResult>);
      continue;
    }
    const batch = decided.right;
    const storedAt = nextStoredAt(writer.clock, view.committed.lastStoredAt);
    const encoded = encodeBatch(view.committed, batch, storedAt, room);
    room = undefined;
    if (E.isLeft(encoded)) {
      results.push(encoded);
      continue;
    }
    view.add(batch, encoded.right);
    accepted.push({ batch, encoded: encoded.right });
    results.push(
      E.right({ nextExpectedRevision: view.lastRevision(batch.streamId)!, alreadyStored: false }),
    );
  }
  if (accepted.length === 0) return results;
  const written = await writeGroupNotingIds(
    state,
    writer,
    accepted,
    onCallingThread(writer, group),
  );
  // Nothing of the group is stored: what was decided against its batches (a retry found in
  // them, a conflict with them) fails with it too, and the caller tries again.
  if (E.isLeft(written)) return results.map((result) => (E.isLeft(result) ? result : written));
  const groupLines: AppendedLines[] = [];
  for (const { batch, encoded } of accepted)
    groupLines.push(recordAcknowledged(state, writer, batch, encoded));
  writer.lastGroupLines = groupLines;
  // The group's bytes are written: its first buffer is free for the next group.
  if (accepted[0]!.encoded.room.length <= encodeRoomBytesMax)
    encodeRooms.set(writer, accepted[0]!.encoded.room);
  // Synchronous: one system call on an open descriptor (1.0-1.3 µs of CPU in a loop, 12-23 µs a
  // group in place, right after the synchronised write), where the promise's round trip through
  // the thread pool cost the main thread some 15 µs a group more.
  const { size } = fstatSync(writer.file.fd);
  assert(
    writer.preallocatedTail === undefined
      ? size === writer.committed.endBytes
      : writer.preallocatedTail.sizeFits(size, writer.committed.endBytes),
    'the file ends where the last acknowledged append ends (or its preallocated zeros do)',
    { size, endBytes: writer.committed.endBytes },
  );
  return results;
}

/**
 * True when the group is written on the calling thread: the writer was opened so, and every
 * caller in the group awaits its append with nothing else to do (a thread-pool write would leave
 * the event loop idle anyway, then pay for waking it).
 */
function onCallingThread(writer: Writer, group: readonly AppendRequest[]): boolean {
  if (writer.durableWriteThread !== 'calling-thread') return false;
  for (const request of group) if (request.options?.awaitedAlone !== true) return false;
  return true;
}

/**
 * Writes the group ({@link writeGroup}) and, while the write is under way (the main thread would
 * otherwise wait for it), adds the group's events to the writer's event-id index as pending: no
 * lookup finds them until the write is durable, and a failed write takes them out again, so the
 * index still changes, for whoever looks an id up, only once the bytes are durable.
 */
async function writeGroupNotingIds(
  state: FileStoreState,
  writer: Writer,
  accepted: readonly { batch: NewBatch; encoded: EncodedBatch }[],
  callingThread: boolean,
): Promise<E.Either<LedgerError, void>> {
  const writing = writeGroup(
    state,
    writer,
    accepted.map((entry) => entry.encoded.bytes),
    callingThread,
  );
  let broken: unknown;
  try {
    addPendingEventIds(writer, accepted);
  } catch (error) {
    broken = error;
  }
  let written: E.Either<LedgerError, void> | undefined;
  try {
    written = await writing;
  } finally {
    // The pending ids are found only after a durable write; anything else takes them out.
    if (broken === undefined && written !== undefined && E.isRight(written))
      writer.eventIds.commitPending();
    else writer.eventIds.discardPending();
  }
  if (broken !== undefined) {
    // A broken invariant of the index, with the write made: the file holds bytes no append
    // acknowledged, so the writer refuses every later append until the store is reopened.
    writer.failure = toLedgerError(broken);
    throw broken;
  }
  return written;
}

/** Adds the events of the group's batches to the writer's event-id index as pending. */
function addPendingEventIds(
  writer: Writer,
  accepted: readonly { batch: NewBatch; encoded: EncodedBatch }[],
): void {
  let offsetBytes = writer.committed.endBytes;
  for (const { batch, encoded } of accepted) {
    writer.eventIds.putPendingBatch(
      batch.streamId,
      batch.eventKeys,
      offsetBytes,
      encoded.lineOffsets,
      batch.firstRevision,
    );
    offsetBytes += encoded.bytes.length;
  }
}

/**
 * Cuts off a torn tail, then writes the group's bytes and fsyncs them, on the calling thread when
 * `callingThread` (over preallocated zeros, after any fill in flight it would write into).
 */
async function writeGroup(
  state: FileStoreState,
  writer: Writer,
  parts: readonly Buffer[],
  callingThread: boolean,
): Promise<E.Either<LedgerError, void>> {
  if (writer.tornTail !== undefined || writer.unusedTail !== undefined) {
    try {
      await repairNow(state, writer);
    } catch (error) {
      writer.failure = ioError(state.path, 'cut off the torn tail', error);
      return E.left(writer.failure);
    }
  }
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const tail = writer.preallocatedTail;
  return tail === undefined
    ? writeDurably(state.path, writer, bytes, callingThread)
    : writeOverTail(state.path, writer, tail, bytes, callingThread);
}

/**
 * Writes the group over the writer's preallocated zeros ({@link PreallocatedTail}): its bytes
 * are claimed first, so that no fill starts below their end, and a fill in flight that would
 * write into them is waited for. A failed write stops the filling and is cut off again, as a
 * fill may have written past the cut.
 */
async function writeOverTail(
  path: string,
  writer: Writer,
  tail: PreallocatedTail,
  bytes: Buffer,
  callingThread: boolean,
): Promise<E.Either<LedgerError, void>> {
  const endBytes = writer.committed.endBytes;
  const fillInTheWay = tail.claim(endBytes, bytes.length);
  if (fillInTheWay !== undefined) await fillInTheWay;
  const written = await writeDurably(path, writer, bytes, callingThread);
  if (E.isRight(written)) {
    tail.written();
    return written;
  }
  await tail.failed(endBytes);
  if (writer.failure !== undefined) return written;
  try {
    await writer.file.truncate(endBytes);
    await writer.file.datasync();
  } catch (error) {
    writer.failure = ioError(path, 'cut off the failed write; reopen the store', error);
  }
  return written;
}

/**
 * The writer's index as a group's earlier appends leave it: their streams' revisions, their
 * event ids, and where the file will end. The writer's own index changes only after the fsync.
 */
class GroupView {
  readonly committed: Committed;
  private readonly revisions = new Map<string, number>();
  /** The group's accepted batches so far; their events by id only once a later append asks. */
  private readonly batches: NewBatch[] = [];
  private eventsByIdOf: Map<string, Map<string, NewEvent>> | undefined;

  constructor(private readonly writer: Writer) {
    this.committed = { ...writer.committed };
  }

  lastRevision(streamId: string): number | undefined {
    return this.revisions.get(streamId) ?? this.writer.streams.get(streamId)?.lastRevision;
  }

  /**
   * False if neither the group nor the writer's index has the id in the stream; `keys` holds the
   * id's key from word `at` on.
   */
  mayHold(streamId: string, eventId: string, keys: Uint32Array, at: number): boolean {
    return (
      (this.batches.length > 0 && this.eventsById().get(streamId)?.has(eventId) === true) ||
      this.writer.eventIds.findByKey(streamId, keys, at) !== undefined
    );
  }

  /**
   * The events of the group's accepted batches, by stream and id: built when an append after the
   * first asks (most groups are one append, whose own ids are checked by the core's rules), then
   * kept up to date as batches are added.
   */
  private eventsById(): Map<string, Map<string, NewEvent>> {
    if (this.eventsByIdOf === undefined) {
      this.eventsByIdOf = new Map();
      for (const batch of this.batches) addEventsById(this.eventsByIdOf, batch);
    }
    return this.eventsByIdOf;
  }

  /**
   * The fingerprint of the event stored (or written by this group) under the id in the stream:
   * the writer's event-id index says where it is, and the record there is read and must be it.
   */
  async storedFingerprint(
    path: string,
    streamId: string,
    eventId: string,
  ): Promise<string | undefined> {
    const inGroup =
      this.batches.length > 0 ? this.eventsById().get(streamId)?.get(eventId) : undefined;
    if (inGroup !== undefined) return eventFingerprint(inGroup);
    const place = this.writer.eventIds.find(streamId, eventId);
    if (place === undefined) return undefined;
    const found = await readRecordAt(
      this.writer.file,
      place.offsetBytes,
      this.writer.committed.endBytes,
    );
    if (found?.record.eventId === eventId && found.record.streamId === streamId)
      return eventFingerprint(found.record);
    // The index is derived data and points elsewhere: nothing it says can be trusted any more.
    await discardWriterIndex(path);
    this.writer.failure = ledgerError(
      'STORE_CORRUPTED',
      `${path}: the event-id index beside the store does not match the store (event ${eventId}); it was removed, reopen the store to rebuild it`,
      { details: { path, eventId, streamId } },
    );
    throw this.writer.failure;
  }

  add(batch: NewBatch, encoded: EncodedBatch): void {
    this.revisions.set(batch.streamId, batch.firstRevision + batch.events.length - 1);
    this.batches.push(batch);
    if (this.eventsByIdOf !== undefined) addEventsById(this.eventsByIdOf, batch);
    this.committed.endBytes += encoded.bytes.length;
    this.committed.nextLineNumber += batch.events.length;
    this.committed.nextPosition += batch.events.length;
    this.committed.lastHash = encoded.lastHash;
    this.committed.lastStoredAt = encoded.storedAt;
  }
}

/** Adds a batch's events to a map of events by stream and id. */
function addEventsById(eventsById: Map<string, Map<string, NewEvent>>, batch: NewBatch): void {
  let byId = eventsById.get(batch.streamId);
  if (byId === undefined) {
    byId = new Map();
    eventsById.set(batch.streamId, byId);
  }
  for (const event of batch.events) byId.set(event.eventId, event);
}

/** The core's decision: refused, already stored (its result), or a new batch to write. */
async function decide(
  path: string,
  view: GroupView,
  request: AppendRequest,
): Promise<E.Either<LedgerError, AppendResult | NewBatch>> {
  const valid = validateAppend(request.streamId, request.events, request.options?.expectedRevision);
  if (E.isLeft(valid)) return valid;
  const { streamId: id, expectedRevision, events: batch, dataJson } = valid.right;
  // Only an id the stream already has (a retry, or a reused id) costs a read of its record;
  // a new id (nearly every one) is looked up without waiting for anything.
  const stored = new Map<string, string>();
  // Each id's key is worked out once, to look it up here and to add it once the batch is durable.
  const eventKeys = new Uint32Array(batch.length * eventIdKeyWords);
  for (let index = 0; index < batch.length; index += 1) {
    const event = batch[index]!;
    writeEventIdKeyWords(event.eventId, eventKeys, index * eventIdKeyWords);
    if (!view.mayHold(id, event.eventId, eventKeys, index * eventIdKeyWords)) continue;
    const fingerprint = await view.storedFingerprint(path, id, event.eventId);
    if (fingerprint !== undefined) stored.set(event.eventId, fingerprint);
  }
  const decision = decideAppend(id, batch, expectedRevision, view.lastRevision(id), (eventId) =>
    stored.get(eventId),
  );
  if (E.isLeft(decision)) return decision;
  if (decision.right.action === 'already-stored') return E.right(decision.right.result);
  return E.right({
    streamId: id,
    events: batch,
    dataJson,
    eventKeys,
    firstRevision: decision.right.firstRevision,
  });
}

/**
 * Encodes every record of the batch, refusing a record or a batch over its size limit. The pair
 * of the reader's check: every record is built from values the core validated, each asserted to
 * be of the type the reader's codec demands, and the batch's last line is decoded in full before
 * anything is written (docs/decisions.md, "The writer's self-check").
 */
function encodeBatch(
  committed: Committed,
  batch: NewBatch,
  storedAt: string,
  room: Buffer | undefined,
): E.Either<LedgerError, EncodedBatch> {
  const encoder = new RecordBatchEncoder(
    {
      firstPosition: committed.nextPosition,
      streamId: batch.streamId,
      firstRevision: batch.firstRevision,
      batchSize: batch.events.length,
      prev: committed.lastHash,
      storedAt,
    },
    room,
  );
  let batchBytes = 0;
  for (let index = 0; index < batch.events.length; index += 1) {
    const recordBytes = encoder.add(batch.events[index]!, batch.dataJson[index]);
    batchBytes += recordBytes;
    const tooLarge = sizeRefusal(index, recordBytes, batchBytes);
    if (tooLarge !== undefined) return E.left(tooLarge);
  }
  const encoded = encoder.finish();
  const lastOffset = encoded.lineOffsets.at(-1)!;
  const decoded = decodeEventRecordLine(
    encoded.bytes.subarray(lastOffset, encoded.bytes.length - 1),
  );
  assert(
    E.isRight(decoded) &&
      decoded.right.eventId === batch.events.at(-1)!.eventId &&
      decoded.right.hash === encoded.lastHash &&
      decoded.right.position === committed.nextPosition + batch.events.length - 1,
    'an encoded record decodes to itself',
    { streamId: batch.streamId },
  );
  return E.right({ ...encoded, storedAt, room: encoder.room });
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
 * Writes the batch after the last acknowledged append and makes it durable: the write itself
 * where the file was opened with synchronised writes (`writerFileFlags.ts`: it returns only once
 * the bytes are on disk), an fsync after it otherwise. A failed write is cut off again; a failed
 * fsync (or a failed cut) leaves the file unknown, so the writer refuses every later append until
 * the store is reopened. On the calling thread when `callingThread`, else through the thread pool.
 */
async function writeDurably(
  path: string,
  writer: Writer,
  bytes: Buffer,
  callingThread: boolean,
): Promise<E.Either<LedgerError, void>> {
  const endBytes = writer.committed.endBytes;
  const { fd } = writer.file;
  try {
    let written = 0;
    while (written < bytes.length) {
      const length = bytes.length - written;
      const position = endBytes + written;
      const bytesWritten = callingThread
        ? fileSystemSeam.writeAtNow(fd, bytes, written, length, position)
        : await fileSystemSeam.writeAt(fd, bytes, written, length, position);
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
  if (writer.writesAreDurable) return E.right(undefined);
  try {
    if (callingThread) fileSystemSeam.datasyncNow(fd);
    else await fileSystemSeam.datasync(writer.file);
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

/**
 * Updates the writer's index after an acknowledged append (its event ids are in already, see
 * {@link writeGroupNotingIds}); returns where the batch's records lie.
 */
function recordAcknowledged(
  state: FileStoreState,
  writer: Writer,
  batch: NewBatch,
  encoded: EncodedBatch,
): AppendedLines {
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
  // The events' ids were added to the event-id index while the write was under way.
  stream.lastRevision = batch.firstRevision + batch.events.length - 1;
  committed.lastRecordOffsetBytes = start.offsetBytes + encoded.lineOffsets.at(-1)!;
  committed.endBytes += encoded.bytes.length;
  committed.nextLineNumber += batch.events.length;
  committed.nextPosition += batch.events.length;
  committed.lastHash = encoded.lastHash;
  committed.lastStoredAt = encoded.storedAt;
  return {
    streamId: batch.streamId,
    firstRevision: batch.firstRevision,
    offsetBytes: start.offsetBytes,
    lineOffsets: encoded.lineOffsets,
  };
}

/**
 * Cuts off the torn tail, if there is one, and reports it; the zeros a crashed writer left after
 * it (or after the records) go with it, without a warning of their own.
 */
export async function repairNow(state: FileStoreState, writer: Writer): Promise<RepairReport> {
  const { tornTail, unusedTail } = writer;
  if (tornTail === undefined && unusedTail === undefined) return {};
  assert(
    (tornTail ?? unusedTail)!.offsetBytes === writer.committed.endBytes,
    'a torn tail starts where the acknowledged appends end',
  );
  await writer.file.truncate(writer.committed.endBytes);
  await writer.file.datasync();
  writer.tornTail = undefined;
  writer.unusedTail = undefined;
  if (tornTail === undefined) return {};
  writer.onWarning({
    code: 'TORN_TAIL_REPAIRED',
    message: `${state.path}: cut off ${tornTail.sizeBytes} bytes that no acknowledged append wrote (${describeTornTail(tornTail)})`,
    details: { path: state.path, ...tornTail },
  });
  return { dropped: tornTail };
}
