import { open, type FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { ledgerError, toLedgerError, type LedgerError } from '@finsam-ledger/core';
import { assert } from '@finsam-ledger/core/store';
import { DerivedFilesCheck, type DerivedFilesReport } from './derivedFiles.js';
import { storeProblem, type StoreProblem } from './error.js';
import type { Header } from './format.js';
import { readHeader } from './readHeader.js';
import { describeTornTail, StoreWalker, type TornTail, type WalkedRecord } from './StoreWalker.js';
import { misplacedRecordText, traceMisplacedRecord } from './traceMisplacedRecord.js';
import { loadWriterHeadOf } from './writerHeadFile.js';
import type { UnusedTail } from './zeroTail.js';

/**
 * The head of the hash chain after a number of events: the hash of the last record (or of
 * the header, for 0 events). Write it down somewhere else (a board protocol, the annual
 * report, another machine): `verify` given that head proves that the first `eventCount`
 * events are exactly the ones that were there when it was written down.
 */
export interface StoreHead {
  readonly eventCount: number;
  readonly hash: string;
}

/** Options of `FileEventStore.verify`. */
export interface VerifyOptions {
  /** A head recorded earlier; the check fails if the chain no longer passes through it. */
  readonly expectedHead?: StoreHead;
}

/** Options of {@link verifyFileEventStore}: the store file, and what {@link VerifyOptions} says. */
export interface VerifyFileEventStoreOptions extends VerifyOptions {
  /** The store file to verify. */
  readonly path: string;
}

/** What `verify` found. */
export interface VerifyReport {
  /**
   * True when every complete record is intact and in its place (a torn tail does not make it false:
   * it was never acknowledged).
   */
  readonly ok: boolean;
  readonly path: string;
  readonly storeId?: string;
  /**
   * When the file was created, by its header: a record stamped (`storedAt`) before it was stamped
   * by a clock the writer was given, not when this file took it in (`finsam audit` warns).
   */
  readonly createdAt?: string;
  /** Events in complete batches, up to the first problem. */
  readonly eventCount: number;
  /** The head after those events. */
  readonly head: StoreHead;
  /** The unacknowledged bytes at the end, if any. They are never served. */
  readonly tornTail?: TornTail;
  /**
   * The zeros after the records (and after the torn tail), if any: the space a writer with
   * `preallocateBytes` keeps ahead of its appends, still open or left by a crash. No records.
   */
  readonly unusedTail?: UnusedTail;
  /** The first record found altered, removed, reordered or inserted. */
  readonly problem?: StoreProblem;
  /**
   * The seek index and checkpoints beside the store, checked against the file and put right
   * (`verifyFileEventStore` only; left out when the store itself has a problem).
   */
  readonly derived?: DerivedFilesReport;
}

/** What a scan of a whole store hands to its caller for each complete batch. */
export type BatchVisitor = (batch: readonly WalkedRecord[]) => StoreProblem | undefined;

/** The result of {@link scanStore}. */
export interface ScanResult {
  readonly header?: Header;
  readonly headerHash?: string;
  readonly eventCount: number;
  readonly head: StoreHead;
  /** Where the next append goes: the end of the last complete batch. */
  readonly committedEndBytes: number;
  readonly nextLineNumber: number;
  readonly tornTail?: TornTail;
  readonly unusedTail?: UnusedTail;
  readonly problem?: StoreProblem;
}

/** What a whole-store scan checks besides the file itself, and who sees each complete batch. */
export interface ScanOptions {
  /** A head the caller wrote down: the chain must pass through it. */
  readonly expectedHead?: StoreHead;
  /**
   * The head the store's writer held, as its head file (`STORE.head`) records it or the open
   * writer holds it: the chain must pass through it too. Found against it, a removal or a rewrite
   * is named as the loss of events a writer held (`acknowledged-events-removed`,
   * `acknowledged-history-changed`), with the head file named so that a restore made on purpose
   * can be accepted by removing it.
   */
  readonly writerHead?: WriterHead;
  readonly visit?: BatchVisitor;
}

/** The head a writer held, and the file that recorded it (none: an open writer's own head). */
export interface WriterHead extends StoreHead {
  readonly headPath?: string;
}

/**
 * Reads a whole store from its header to its end and checks everything that can be
 * checked from the file alone: the header, each line's checksum and shape, the hash chain,
 * the global positions, batch boundaries, and that each stream's revisions continue
 * without gaps. Memory is bounded by one batch plus one number per stream.
 */
export async function scanStore(file: FileHandle, options: ScanOptions = {}): Promise<ScanResult> {
  const headerRead = await readHeader(file);
  if (E.isLeft(headerRead)) {
    return {
      eventCount: 0,
      head: { eventCount: 0, hash: '' },
      committedEndBytes: 0,
      nextLineNumber: 1,
      problem: headerRead.left,
    };
  }
  const { header, hash: headerHash, recordsOffsetBytes } = headerRead.right;
  const walker = new StoreWalker(
    file,
    { offsetBytes: recordsOffsetBytes, lineNumber: 2, position: 0, prevHash: headerHash },
    () => Number.POSITIVE_INFINITY,
    { checkZeroTail: true },
  );
  const scan = new BatchChecks(headerHash, anchorsOf(options), options.visit);
  let problem = scan.headerProblem();
  if (problem === undefined) {
    for await (const batch of walker.batches()) {
      problem = scan.check(batch);
      if (problem !== undefined) break;
    }
  }
  const found = { header, headerHash, eventCount: scan.eventCount };
  const head = { eventCount: scan.eventCount, hash: scan.lastHash };
  const unfinished = { ...found, head, committedEndBytes: 0, nextLineNumber: 0 };
  if (problem !== undefined) return { ...unfinished, problem };
  const end = walker.result;
  if (end.problem !== undefined)
    return { ...unfinished, problem: await traced(file, recordsOffsetBytes, end.problem) };
  assert(
    end.lastHash === scan.lastHash && end.nextPosition === scan.eventCount,
    'the walker and the scan agree on the head',
    { walkerPosition: end.nextPosition, eventCount: scan.eventCount },
  );
  const truncated = scan.truncationProblem(end.nextLineNumber, end.committedEndBytes, end.tornTail);
  return {
    ...found,
    head,
    committedEndBytes: end.committedEndBytes,
    nextLineNumber: end.nextLineNumber,
    ...(end.tornTail === undefined ? {} : { tornTail: end.tornTail }),
    ...(end.unusedTail === undefined ? {} : { unusedTail: end.unusedTail }),
    ...(truncated === undefined ? {} : { problem: truncated }),
  };
}

/** A head the chain must pass through, and who wrote it down. */
interface Anchor extends WriterHead {
  /** `caller`: a head written down and given back; `writer`: the head its writer held. */
  readonly recordedBy: 'caller' | 'writer';
}

/** A scan's anchors: the caller's expected head first, then the writer's. */
function anchorsOf(options: ScanOptions): Anchor[] {
  const anchors: Anchor[] = [];
  if (options.expectedHead !== undefined)
    anchors.push({ ...options.expectedHead, recordedBy: 'caller' });
  if (options.writerHead !== undefined)
    anchors.push({ ...options.writerHead, recordedBy: 'writer' });
  return anchors;
}

/**
 * The checks of a whole-store scan that need more than one batch: each stream's revisions
 * continue without gaps, and the chain passes through every anchor (the expected head, the
 * writer's).
 */
class BatchChecks {
  private readonly lastRevisionByStream = new Map<string, number>();
  eventCount = 0;
  lastHash: string;

  constructor(
    private readonly headerHash: string,
    private readonly anchors: readonly Anchor[],
    private readonly visit: BatchVisitor | undefined,
  ) {
    this.lastHash = headerHash;
  }

  /** An anchor taken before any event must be the header's own hash. */
  headerProblem(): StoreProblem | undefined {
    const anchor = this.anchors.find(
      (candidate) => candidate.eventCount === 0 && candidate.hash !== this.headerHash,
    );
    if (anchor === undefined) return undefined;
    return storeProblem(
      anchor.recordedBy === 'caller' ? 'anchor-mismatch' : 'acknowledged-history-changed',
      `the header is not the one ${anchor.recordedBy === 'caller' ? 'the expected head' : `the head its writer held (${recordedText(anchor)})`} was taken from`,
      { lineNumber: 1, offsetBytes: 0 },
    );
  }

  /** Checks one complete batch and, when it is sound, hands it to the visitor. */
  check(batch: readonly WalkedRecord[]): StoreProblem | undefined {
    const first = batch[0]!;
    const lastRevision = this.lastRevisionByStream.get(first.record.streamId);
    const expectedRevision = lastRevision === undefined ? 0 : lastRevision + 1;
    if (first.record.streamRevision !== expectedRevision) {
      return storeProblem(
        'stream-revision-mismatch',
        `the record has revision ${first.record.streamRevision} in ${first.record.streamId}, where revision ${expectedRevision} comes next`,
        placeOf(first),
      );
    }
    for (const walked of batch) {
      this.eventCount += 1;
      const problem = this.anchorProblem(walked);
      if (problem !== undefined) return problem;
    }
    const visited = this.visit?.(batch);
    if (visited !== undefined) return visited;
    const last = batch[batch.length - 1]!.record;
    this.lastRevisionByStream.set(first.record.streamId, last.streamRevision);
    this.lastHash = last.hash;
    return undefined;
  }

  /** Fewer events than an anchor counted: the first such anchor's problem. */
  truncationProblem(
    lineNumber: number,
    offsetBytes: number,
    tornTail: TornTail | undefined,
  ): StoreProblem | undefined {
    const { eventCount } = this;
    const anchor = this.anchors.find((candidate) => eventCount < candidate.eventCount);
    if (anchor === undefined) return undefined;
    const place = { lineNumber, offsetBytes, position: eventCount };
    const torn = reachesAnchor(tornTail, eventCount, anchor) ? tornTail : undefined;
    return anchor.recordedBy === 'caller'
      ? storeProblem('truncated', shorterThanExpected(eventCount, anchor, torn), place)
      : storeProblem(
          'acknowledged-events-removed',
          shorterThanAcknowledged(eventCount, anchor, torn),
          place,
        );
  }

  private anchorProblem(walked: WalkedRecord): StoreProblem | undefined {
    for (const anchor of this.anchors) {
      if (this.eventCount !== anchor.eventCount || walked.record.hash === anchor.hash) continue;
      if (anchor.recordedBy === 'caller')
        return storeProblem(
          'anchor-mismatch',
          `the hash chain does not pass through the expected head after ${anchor.eventCount} events: a record up to here was changed, or the head is not this store's`,
          placeOf(walked),
        );
      return storeProblem(
        'acknowledged-history-changed',
        `the hash chain does not pass through the head its writer held after ${anchor.eventCount} events (${recordedText(anchor)}): events it held were replaced (the file was cut back and written on, or restored from another copy of this store), or a record up to here was changed and the chain recomputed${restoredAdvice(anchor)}`,
        placeOf(walked),
      );
    }
    return undefined;
  }
}

/**
 * Fewer events than the expected head counted: events were removed from the end, or (when the
 * file ends in an unfinished append that would reach the head's count) the file was copied while
 * that append was being written, before the head was written down.
 */
function shorterThanExpected(eventCount: number, anchor: Anchor, torn: TornTail | undefined) {
  const causes = [
    ...(torn === undefined
      ? []
      : [
          `the file was copied, or its writer stopped, while its last append was being written (${describeTornTail(torn)}), and the head was written down after that append`,
        ]),
    'events were removed from the end',
    "the head is not this store's",
  ];
  return `the store holds ${eventsCounted(eventCount)}, fewer than the ${anchor.eventCount} of the expected head: ${causes.slice(0, -1).join(', ')}, or ${causes[causes.length - 1]}`;
}

/**
 * Fewer events than the writer held: a loss, unless the file was copied while an append was being
 * written (and the head file after it), or restored or cut on purpose.
 */
function shorterThanAcknowledged(eventCount: number, anchor: Anchor, torn: TornTail | undefined) {
  const causes = [
    ...(torn === undefined || anchor.headPath === undefined
      ? []
      : [
          `the file was copied while its last append was being written (${describeTornTail(torn)}), and its head file after it`,
        ]),
    ...(anchor.headPath === undefined
      ? ['the file was cut back, or replaced by an older copy, while its writer had it open']
      : [
          'events were removed from the end',
          'the file was cut back and written on',
          `the file was restored from a copy older than ${anchor.headPath}`,
        ]),
  ];
  const listed =
    causes.length === 1 ? causes[0]! : `${causes.slice(0, -1).join(', ')}, or ${causes.at(-1)!}`;
  return `the store holds ${eventsCounted(eventCount)}, fewer than the ${anchor.eventCount} its writer held (${recordedText(anchor)}): ${listed}; that head vouches for none of them${restoredAdvice(anchor)}`;
}

/** Where the writer's head was found. */
const recordedText = (anchor: Anchor): string =>
  anchor.headPath === undefined
    ? 'as its open writer holds it'
    : `as ${anchor.headPath} records it`;

/** How a restore or cut made on purpose is accepted: the file that recorded the head is removed. */
const restoredAdvice = (anchor: Anchor): string =>
  anchor.headPath === undefined
    ? ''
    : `. If that was done on purpose, remove ${anchor.headPath} to accept the file as it is (the next writer to close records its head again)`;

/**
 * Whether an unfinished last append could hold every event the anchor counted beyond the complete
 * ones. An unfinished line alone (no complete record of its batch) does not tell the batch's
 * size, so it may.
 */
function reachesAnchor(
  tornTail: TornTail | undefined,
  eventCount: number,
  anchor: StoreHead,
): tornTail is TornTail {
  if (tornTail === undefined) return false;
  const batch = tornTail.incompleteBatch;
  if (batch === undefined) return tornTail.partialLineBytes > 0;
  return anchor.eventCount <= eventCount + batch.batchSize;
}

/**
 * A record out of place says only that something was removed, inserted or moved; the trace tells
 * which, by reading the file again (on failure only).
 */
async function traced(
  file: FileHandle,
  recordsOffsetBytes: number,
  problem: StoreProblem,
): Promise<StoreProblem> {
  const { record, eventId, position } = problem;
  if (problem.kind !== 'position-mismatch' || record === undefined) return problem;
  assert(eventId !== undefined && position !== undefined, 'a misplaced record has an id and place');
  const trace = await traceMisplacedRecord(file, recordsOffsetBytes, {
    lineNumber: problem.lineNumber,
    offsetBytes: problem.offsetBytes,
    expectedPosition: position,
    foundPosition: record.position,
    eventId,
  });
  return { ...problem, message: misplacedRecordText(record, record.position, position, trace) };
}

/** A count of events, in the singular for one. */
const eventsCounted = (count: number): string => (count === 1 ? '1 event' : `${count} events`);

const placeOf = (walked: WalkedRecord) => ({
  lineNumber: walked.lineNumber,
  offsetBytes: walked.offsetBytes,
  eventId: walked.record.eventId,
  position: walked.record.position,
  record: walked.record,
});

/** Turns a scan into a report. */
export function scanToReport(path: string, scan: ScanResult): VerifyReport {
  return {
    ok: scan.problem === undefined,
    path,
    ...(scan.header === undefined
      ? {}
      : { storeId: scan.header.storeId, createdAt: scan.header.createdAt }),
    eventCount: scan.eventCount,
    head: scan.head,
    ...(scan.tornTail === undefined ? {} : { tornTail: scan.tornTail }),
    ...(scan.unusedTail === undefined ? {} : { unusedTail: scan.unusedTail }),
    ...(scan.problem === undefined ? {} : { problem: scan.problem }),
  };
}

/**
 * Verifies a store file without opening it as a store (no lock; the store file is not written).
 * It walks the file from the header to the end and reports the first record that was altered,
 * removed, reordered or inserted, by line number, byte offset and event id. Only failures to read
 * the file at all are a `Left`; what is wrong in the file is in the report.
 *
 * A writer in another process may be appending while this runs: its unfinished batch then
 * shows as a torn tail, which is harmless, and the zeros it keeps ahead (`preallocateBytes`) as
 * `unusedTail`.
 *
 * The chain must also pass through the head its writer held when it last closed or saved its
 * index, as the head file beside the store (`STORE.head`) records it: a file cut back below it, or
 * cut back and written on, lost events a writer held, and the report says so
 * (`acknowledged-events-removed`, `acknowledged-history-changed`); verify never writes the head
 * file. A restore from an older copy made on purpose is accepted by removing it.
 *
 * When the store is intact, the files derived from it are checked too (`report.derived`): the
 * seek index is compared with one rebuilt from the records and rewritten when it is missing or
 * wrong, and each checkpoint's digest and chain hash are checked; one that fails is removed.
 *
 * ```ts
 * const report = await verifyFileEventStore({ path: 'roslagen.jsonl', expectedHead })();
 * ```
 */
export function verifyFileEventStore(
  options: VerifyFileEventStoreOptions,
): TE.TaskEither<LedgerError, VerifyReport> {
  const { path } = options;
  return TE.tryCatch(
    async () => {
      const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
        throw ledgerError('IO_ERROR', `Cannot open ${path} to verify it: ${error.message}`, {
          cause: error,
          details: { path, errno: error.code },
        });
      });
      try {
        const derived = await DerivedFilesCheck.prepare(path);
        const header = await readHeader(file);
        if (E.isRight(header))
          derived.start(
            header.right.header.storeId,
            header.right.hash,
            header.right.recordsOffsetBytes,
          );
        const writerHead = await loadWriterHeadOf(path, header);
        const scan = await scanStore(file, {
          ...(options.expectedHead === undefined ? {} : { expectedHead: options.expectedHead }),
          ...(writerHead === undefined ? {} : { writerHead }),
          visit: (batch) => {
            if (E.isRight(header))
              derived.visit(batch, header.right.header.storeId, header.right.hash);
            return undefined;
          },
        });
        const report = scanToReport(path, scan);
        if (
          scan.problem !== undefined ||
          scan.header === undefined ||
          scan.headerHash === undefined
        )
          return report;
        return { ...report, derived: await derived.finish(scan.header.storeId, scan.headerHash) };
      } finally {
        await file.close();
      }
    },
    (thrown) => toLedgerError(thrown),
  );
}
