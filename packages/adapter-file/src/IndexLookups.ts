import { open } from 'node:fs/promises';
import { EventIdIndex } from './eventIdIndex.js';
import { closedError, streamStart, type FileStoreState } from './fileStoreState.js';
import { decodeEventRecordLine, fileStoreLimits } from './format.js';
import { readLines } from './readLines.js';
import { readRecordAt, type RecordAt } from './readRecordAt.js';
import { headHolds, loadWriterIndex, type SavedHead } from './writerIndexFile.js';

/**
 * A reader's copy of the writer's index: the ids up to `head`, which the file still holds, and
 * each stream's length there.
 */
interface ReaderIndex {
  readonly eventIds: EventIdIndex;
  readonly head: SavedHead;
  readonly streamLengths: ReadonlyMap<string, number>;
}

/** Where a search of the file for an id starts: a line's byte offset and its line number. */
interface SearchStart {
  readonly offsetBytes: number;
  readonly lineNumber: number;
}

/**
 * What the file store answers from its indexes instead of decoding a stream: an event's revision
 * by its id, and a stream's length. A writer asks its own index. A reader loads the index the
 * writer saved beside the store (`STORE.ids`) at its first lookup, and uses it only when its
 * digests hold, it is this store's and the file still has the head it names (the check a writer
 * makes before it trusts the same file); ids it does not hold are searched for in the records
 * after that head only. Without a sound saved index, a reader searches the file's bytes for each
 * id. Every place an index gives is read and must be the event asked for: an index pointing
 * elsewhere costs a search, never a wrong answer.
 */
export class IndexLookups {
  private readerIndex: Promise<ReaderIndex | undefined> | undefined;

  constructor(private readonly state: FileStoreState) {}

  /**
   * True when {@link revisionOf} answers through an index (about one small read an id) rather
   * than a search of the file an id: what a caller with many ids decides by.
   */
  async indexed(): Promise<boolean> {
    return this.state.writer !== undefined || (await this.loadReaderIndex()) !== undefined;
  }

  /**
   * The events of `streamId` as the index knows them: exact for a writer; for a reader, as of the
   * saved index's head (events appended since are not counted), or `undefined` without one. A
   * hint: the caller reads the stream at it to confirm.
   */
  async streamLength(streamId: string): Promise<number | undefined> {
    const writer = this.state.writer;
    if (writer !== undefined) return (writer.streams.get(streamId)?.lastRevision ?? -1) + 1;
    return (await this.loadReaderIndex())?.streamLengths.get(streamId);
  }

  /** The revision of the event `eventId` of `streamId`, or `undefined` when it is not stored. */
  async revisionOf(streamId: string, eventId: string): Promise<number | undefined> {
    if (this.state.closed) throw closedError(this.state.path);
    const writer = this.state.writer;
    if (writer !== undefined) {
      const place = writer.eventIds.find(streamId, eventId);
      if (place === undefined) return undefined;
      const found = await readRecordAt(writer.file, place.offsetBytes, writer.committed.endBytes);
      return (
        revisionIfEvent(found, streamId, eventId) ??
        this.search(streamId, eventId, this.state.recordsStart)
      );
    }
    return this.revisionOfReader(streamId, eventId);
  }

  /** {@link revisionOf} for a reader: through the saved index while the file holds its head. */
  private async revisionOfReader(streamId: string, eventId: string): Promise<number | undefined> {
    const loading = this.loadReaderIndex();
    const saved = await loading;
    if (saved === undefined) return this.search(streamId, eventId, this.state.recordsStart);
    const place = saved.eventIds.find(streamId, eventId);
    if (place !== undefined) {
      const found = await this.readRecordOfReader(place.offsetBytes, saved.head.endBytes);
      const revision = revisionIfEvent(found, streamId, eventId);
      if (revision !== undefined) return revision;
    } else if (await this.headStillHolds(saved)) {
      const afterHead = { offsetBytes: saved.head.endBytes, lineNumber: saved.head.nextLineNumber };
      return this.search(streamId, eventId, afterHead);
    }
    // The index points elsewhere, or the file no longer has its head (cut back, or replaced,
    // since the index was loaded): it no longer says what is stored where. Loaded again at the
    // next lookup, unless another lookup has loaded it again already.
    if (this.readerIndex === loading) this.readerIndex = undefined;
    return this.search(streamId, eventId, this.state.recordsStart);
  }

  /**
   * The saved index, loaded and checked once (again after it was found not to describe the file,
   * or after a load that failed); `undefined` when there is none to trust.
   */
  private loadReaderIndex(): Promise<ReaderIndex | undefined> {
    if (this.state.closed) throw closedError(this.state.path);
    if (this.readerIndex === undefined) {
      const loading: Promise<ReaderIndex | undefined> = this.readerIndexOfFile().catch(() => {
        if (this.readerIndex === loading) this.readerIndex = undefined;
        return undefined;
      });
      this.readerIndex = loading;
    }
    return this.readerIndex;
  }

  private async readerIndexOfFile(): Promise<ReaderIndex | undefined> {
    const { path, storeId } = this.state;
    const saved = await loadWriterIndex(path, storeId, this.state.seekIndex.headerHash);
    if (typeof saved === 'string' || !(await this.headStillHolds(saved))) return undefined;
    return {
      eventIds: new EventIdIndex(saved.entries, [...saved.entryStreams]),
      head: saved.head,
      streamLengths: new Map(
        saved.streams.map((stream) => [stream.streamId, stream.lastRevision + 1]),
      ),
    };
  }

  /**
   * True when the file the store's path names now still holds the head of the index (one small
   * read): a reader holds no lock, and the file may be cut back or replaced under it.
   */
  private async headStillHolds(saved: { readonly head: SavedHead }): Promise<boolean> {
    const headerHash = this.state.seekIndex.headerHash;
    const records = { offsetBytes: this.state.recordsStart.offsetBytes, headerHash };
    const lease = await this.state.readFile.lease();
    try {
      const { size } = await lease.handle.stat();
      return size >= saved.head.endBytes && (await headHolds(lease.handle, saved.head, records));
    } finally {
      await lease.release();
    }
  }

  private async readRecordOfReader(offsetBytes: number, endBytes: number) {
    const lease = await this.state.readFile.lease();
    try {
      return await readRecordAt(lease.handle, offsetBytes, endBytes);
    } finally {
      await lease.release();
    }
  }

  /**
   * The revision of an event, by id, found by searching the file's lines from `start` on for the
   * id's bytes; only a line that holds them is decoded.
   */
  private async search(
    streamId: string,
    eventId: string,
    start: SearchStart,
  ): Promise<number | undefined> {
    const from = this.searchStart(streamId, start);
    if (from === undefined) return undefined;
    const needle = Buffer.from(`"eventId":${JSON.stringify(eventId)}`, 'utf8');
    const writer = this.state.writer;
    const file = await open(this.state.path, 'r');
    try {
      for await (const lines of readLines(file, {
        offsetBytes: from.offsetBytes,
        lineNumber: from.lineNumber,
        endOffsetBytes: () =>
          writer === undefined ? Number.POSITIVE_INFINITY : writer.committed.endBytes,
        lineBytesMax: fileStoreLimits.recordBytesMax,
        chunkBytes: fileStoreLimits.readChunkBytes,
      })) {
        for (const line of lines) {
          if (!line.terminated || line.bytes.indexOf(needle) === -1) continue;
          const decoded = decodeEventRecordLine(line.bytes);
          if (decoded._tag === 'Right' && decoded.right.streamId === streamId)
            if (decoded.right.eventId === eventId) return decoded.right.streamRevision;
        }
      }
    } finally {
      await file.close();
    }
    return undefined;
  }

  /**
   * Where a search for an event of `streamId` starts: `start`, or the stream's first batch when
   * the writer knows it to be later; `undefined` when the writer knows the stream is empty.
   */
  private searchStart(streamId: string, start: SearchStart): SearchStart | undefined {
    const stream = streamStart(this.state, streamId);
    if (stream === undefined) return undefined;
    return stream.start.offsetBytes > start.offsetBytes ? stream.start : start;
  }
}

/** The revision of the record read at an index's place, if it is the event asked for. */
const revisionIfEvent = (
  found: RecordAt | undefined,
  streamId: string,
  eventId: string,
): number | undefined =>
  found?.record.eventId === eventId && found.record.streamId === streamId
    ? found.record.streamRevision
    : undefined;
