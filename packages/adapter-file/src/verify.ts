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

/**
 * Reads a whole store from its header to its end and checks everything that can be
 * checked from the file alone: the header, each line's checksum and shape, the hash chain,
 * the global positions, batch boundaries, and that each stream's revisions continue
 * without gaps. Memory is bounded by one batch plus one number per stream.
 */
export async function scanStore(
  file: FileHandle,
  options: { expectedHead?: StoreHead; visit?: BatchVisitor } = {},
): Promise<ScanResult> {
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
  const scan = new BatchChecks(headerHash, options.expectedHead, options.visit);
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

/**
 * The checks of a whole-store scan that need more than one batch: each stream's revisions
 * continue without gaps, and the chain passes through the expected head (an anchor).
 */
class BatchChecks {
  private readonly lastRevisionByStream = new Map<string, number>();
  eventCount = 0;
  lastHash: string;

  constructor(
    private readonly headerHash: string,
    private readonly anchor: StoreHead | undefined,
    private readonly visit: BatchVisitor | undefined,
  ) {
    this.lastHash = headerHash;
  }

  /** An anchor taken before any event must be the header's own hash. */
  headerProblem(): StoreProblem | undefined {
    const { anchor } = this;
    if (anchor === undefined || anchor.eventCount !== 0 || anchor.hash === this.headerHash)
      return undefined;
    return storeProblem(
      'anchor-mismatch',
      'the header is not the one the expected head was taken from',
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

  /**
   * Fewer events than the anchor counted: events were removed from the end, or (when the file
   * ends in an unfinished append that would reach the anchor's count) the file was copied while
   * that append was being written, before the head was written down.
   */
  truncationProblem(
    lineNumber: number,
    offsetBytes: number,
    tornTail: TornTail | undefined,
  ): StoreProblem | undefined {
    const { anchor, eventCount } = this;
    if (anchor === undefined || eventCount >= anchor.eventCount) return undefined;
    const causes = [
      ...(reachesAnchor(tornTail, eventCount, anchor)
        ? [
            `the file was copied, or its writer stopped, while its last append was being written (${describeTornTail(tornTail)}), and the head was written down after that append`,
          ]
        : []),
      'events were removed from the end',
      "the head is not this store's",
    ];
    return storeProblem(
      'truncated',
      `the store holds ${eventsCounted(eventCount)}, fewer than the ${anchor.eventCount} of the expected head: ${causes.slice(0, -1).join(', ')}, or ${causes[causes.length - 1]}`,
      { lineNumber, offsetBytes, position: eventCount },
    );
  }

  private anchorProblem(walked: WalkedRecord): StoreProblem | undefined {
    const { anchor } = this;
    if (
      anchor === undefined ||
      this.eventCount !== anchor.eventCount ||
      walked.record.hash === anchor.hash
    )
      return undefined;
    return storeProblem(
      'anchor-mismatch',
      `the hash chain does not pass through the expected head after ${anchor.eventCount} events: a record up to here was changed, or the head is not this store's`,
      placeOf(walked),
    );
  }
}

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
        const scan = await scanStore(file, {
          ...options,
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
