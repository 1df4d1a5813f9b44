import { open, type FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { assert, ledgerError, toLedgerError, type LedgerError } from '@finsam-ledger/core';
import { storeProblem, type StoreProblem } from './error.js';
import type { FileEventStore } from './adapter.js';
import type { Header } from './format.js';
import { readHeader } from './readHeader.js';
import { StoreWalker, type TornTail, type WalkedRecord } from './StoreWalker.js';

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

/** Options of {@link FileEventStore.verify}. */
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
  /** True when every complete record is intact and in its place (a torn tail does not make it false: it was never acknowledged). */
  readonly ok: boolean;
  readonly path: string;
  readonly storeId?: string;
  /** Events in complete batches, up to the first problem. */
  readonly eventCount: number;
  /** The head after those events. */
  readonly head: StoreHead;
  /** The unacknowledged bytes at the end, if any. They are never served. */
  readonly tornTail?: TornTail;
  /** The first record found altered, removed, reordered or inserted. */
  readonly problem?: StoreProblem;
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
  );
  const lastRevisionByStream = new Map<string, number>();
  const anchor = options.expectedHead;
  let eventCount = 0;
  let lastHash = headerHash;
  let problem: StoreProblem | undefined;
  if (anchor !== undefined && anchor.eventCount === 0 && anchor.hash !== headerHash) {
    problem = storeProblem(
      'anchor-mismatch',
      'the header is not the one the expected head was taken from',
      { lineNumber: 1, offsetBytes: 0 },
    );
  }
  if (problem === undefined) {
    for await (const batch of walker.batches()) {
      const first = batch[0]!.record;
      const lastRevision = lastRevisionByStream.get(first.streamId);
      const expectedRevision = lastRevision === undefined ? 0 : lastRevision + 1;
      if (first.streamRevision !== expectedRevision) {
        problem = storeProblem(
          'stream-revision-mismatch',
          `the record has revision ${first.streamRevision} in ${first.streamId}, where revision ${expectedRevision} comes next`,
          {
            lineNumber: batch[0]!.lineNumber,
            offsetBytes: batch[0]!.offsetBytes,
            eventId: first.eventId,
            position: first.position,
          },
        );
        break;
      }
      for (const walked of batch) {
        eventCount += 1;
        if (
          anchor !== undefined &&
          eventCount === anchor.eventCount &&
          walked.record.hash !== anchor.hash
        ) {
          problem = storeProblem(
            'anchor-mismatch',
            `the hash chain does not pass through the expected head after ${anchor.eventCount} events: a record up to here was changed`,
            {
              lineNumber: walked.lineNumber,
              offsetBytes: walked.offsetBytes,
              eventId: walked.record.eventId,
              position: walked.record.position,
            },
          );
          break;
        }
      }
      if (problem !== undefined) break;
      problem = options.visit?.(batch);
      if (problem !== undefined) break;
      lastRevisionByStream.set(first.streamId, batch[batch.length - 1]!.record.streamRevision);
      lastHash = batch[batch.length - 1]!.record.hash;
    }
  }
  if (problem !== undefined) {
    return {
      header,
      headerHash,
      eventCount,
      head: { eventCount, hash: lastHash },
      committedEndBytes: 0,
      nextLineNumber: 0,
      problem,
    };
  }
  const end = walker.result;
  if (end.problem !== undefined)
    return {
      header,
      headerHash,
      eventCount,
      head: { eventCount, hash: lastHash },
      committedEndBytes: 0,
      nextLineNumber: 0,
      problem: end.problem,
    };
  assert(
    end.lastHash === lastHash && end.nextPosition === eventCount,
    'the walker and the scan agree on the head',
    { walkerPosition: end.nextPosition, eventCount },
  );
  if (anchor !== undefined && eventCount < anchor.eventCount) {
    problem = storeProblem(
      'truncated',
      `the store holds ${eventCount} events, fewer than the ${anchor.eventCount} of the expected head: events were removed from the end`,
      {
        lineNumber: end.nextLineNumber,
        offsetBytes: end.committedEndBytes,
        position: eventCount,
      },
    );
  }
  return {
    header,
    headerHash,
    eventCount,
    head: { eventCount, hash: lastHash },
    committedEndBytes: end.committedEndBytes,
    nextLineNumber: end.nextLineNumber,
    ...(end.tornTail === undefined ? {} : { tornTail: end.tornTail }),
    ...(problem === undefined ? {} : { problem }),
  };
}

/** Turns a scan into a report. */
export function scanToReport(path: string, scan: ScanResult): VerifyReport {
  return {
    ok: scan.problem === undefined,
    path,
    ...(scan.header === undefined ? {} : { storeId: scan.header.storeId }),
    eventCount: scan.eventCount,
    head: scan.head,
    ...(scan.tornTail === undefined ? {} : { tornTail: scan.tornTail }),
    ...(scan.problem === undefined ? {} : { problem: scan.problem }),
  };
}

/**
 * Verifies a store file without opening it as a store (no lock, nothing written): walks
 * it from the header to the end and reports the first record that was altered, removed,
 * reordered or inserted, by line number, byte offset and event id. Only failures to read
 * the file at all are a `Left`; what is wrong in the file is in the report.
 *
 * A writer in another process may be appending while this runs: its unfinished batch then
 * shows as a torn tail, which is harmless.
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
        return scanToReport(path, await scanStore(file, options));
      } finally {
        await file.close();
      }
    },
    (thrown) => toLedgerError(thrown),
  );
}
