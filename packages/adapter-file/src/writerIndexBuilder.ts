import { EntryCollector } from './eventIdIndex.js';
import type { StoreProblem } from './error.js';
import { indexScannedBatch, type Committed, type StreamIndex } from './fileStoreState.js';
import type { WalkedRecord, WalkStart } from './StoreWalker.js';
import type { SavedHead, SavedWriterIndex } from './writerIndexFile.js';

/** Moves a writer's head past a complete batch read from the file. */
export function noteCommitted(committed: Committed, batch: readonly WalkedRecord[]): void {
  const last = batch[batch.length - 1]!;
  committed.lastStoredAt = last.record.storedAt ?? committed.lastStoredAt;
  committed.lastRecordOffsetBytes = last.offsetBytes;
  committed.lastHash = last.record.hash;
  committed.endBytes = last.offsetBytes + last.lengthBytes;
  committed.nextPosition = last.record.position + 1;
  committed.nextLineNumber = last.lineNumber + 1;
}

/**
 * The writer's index built from a scan of the whole file, batch by batch: what opening for
 * writing without a saved index builds, and what `verify` compares the saved index with.
 */
export class WriterIndexBuilder {
  readonly streams = new Map<string, StreamIndex>();
  readonly checkpoints: WalkStart[] = [];
  readonly collector = new EntryCollector();
  readonly committed: Committed;

  constructor(records: { readonly offsetBytes: number; readonly headerHash: string }) {
    this.committed = {
      endBytes: records.offsetBytes,
      nextLineNumber: 2,
      nextPosition: 0,
      lastHash: records.headerHash,
      lastRecordOffsetBytes: records.offsetBytes,
      lastStoredAt: undefined,
    };
  }

  /** Adds a complete, checked batch; a problem of the file when the batch does not fit. */
  visit(batch: readonly WalkedRecord[]): StoreProblem | undefined {
    noteCommitted(this.committed, batch);
    return indexScannedBatch(this, batch, (walked) => {
      this.collector.add(
        walked.record.streamId,
        walked.record.eventId,
        walked.offsetBytes,
        walked.record.streamRevision,
      );
      return true;
    });
  }

  /** The index as saved, at the batches visited so far, with `entries` sorted. */
  saved(storeId: string, headerHash: string, entries: Buffer): SavedWriterIndex {
    return savedWriterIndexFrom({
      storeId,
      headerHash,
      committed: this.committed,
      streams: this.streams,
      checkpoints: this.checkpoints,
      entryStreams: this.collector.streamIds,
      entries,
    });
  }
}

/** The head the acknowledged appends end at, as the writer's index and head file save it. */
export const savedHeadOf = (committed: Committed): SavedHead => ({
  eventCount: committed.nextPosition,
  endBytes: committed.endBytes,
  nextLineNumber: committed.nextLineNumber,
  lastHash: committed.lastHash,
  lastRecordOffsetBytes: committed.lastRecordOffsetBytes,
  ...(committed.lastStoredAt === undefined ? {} : { lastStoredAt: committed.lastStoredAt }),
});

/**
 * The saved shape of a writer's index: one function for the writer that saves its own index
 * and the scan that builds one to compare, so that the two can never disagree on a field.
 */
export function savedWriterIndexFrom(index: {
  readonly storeId: string;
  readonly headerHash: string;
  readonly committed: Committed;
  readonly streams: ReadonlyMap<string, StreamIndex>;
  readonly checkpoints: readonly WalkStart[];
  readonly entryStreams: Iterable<string>;
  readonly entries: Buffer;
}): SavedWriterIndex {
  const { committed } = index;
  return {
    storeId: index.storeId,
    headerHash: index.headerHash,
    head: savedHeadOf(committed),
    streams: [...index.streams].map(([streamId, stream]) => ({
      streamId,
      lastRevision: stream.lastRevision,
      first: {
        offsetBytes: stream.firstOffsetBytes,
        lineNumber: stream.firstLineNumber,
        position: stream.firstPosition,
        prevHash: stream.firstPrevHash,
      },
    })),
    checkpoints: [...index.checkpoints],
    entryStreams: [...index.entryStreams],
    entries: index.entries,
  };
}
