import type { FileHandle } from 'node:fs/promises';
import { assert } from '@finsam-ledger/core/store';
import { fileSystemSeam } from './fileSystemSeam.js';

/** One line of the file, without its newline. */
export interface Line {
  /**
   * The line's bytes. They may be a view into the reader's buffer: valid only until the
   * next chunk is asked for. Copy them to keep them.
   */
  readonly bytes: Buffer;
  /** Where the line starts, in bytes from the start of the file. */
  readonly offsetBytes: number;
  /** 1-based line number. */
  readonly lineNumber: number;
  /** False for the last line of the file when no newline follows it (a torn write, or damage). */
  readonly terminated: boolean;
  /** True when the line was longer than the limit; `bytes` then holds only its start. */
  readonly tooLong: boolean;
}

/** Limits of {@link readLines}. */
export const readLinesLimits = {
  /** The first read's chunk, in bytes: each read that fills the chunk doubles it. */
  firstChunkBytes: 16 * 1024,
  /**
   * The store's walks read at most this many bytes on the calling thread (see
   * {@link ReadLinesOptions.syncReadBytesMax}): the first read of each walk, which is all of a
   * live report's read of the store's tail; a replay's larger reads go through the thread pool.
   */
  syncReadBytesMax: 16 * 1024,
} as const;

/** Where and how far to read. */
export interface ReadLinesOptions {
  readonly offsetBytes: number;
  readonly lineNumber: number;
  /**
   * Read up to this offset (exclusive); asked again before every read, so it may grow. `Infinity`
   * reads to the end of the file. Either way the reading ends at the first zero byte (see
   * {@link ReadLinesOptions.onZeroByte}), unless `zeroBytesAreData`.
   */
  readonly endOffsetBytes: () => number;
  /** Lines longer than this (newline included) are reported as `tooLong` and end the reading. */
  readonly lineBytesMax: number;
  readonly chunkBytes: number;
  /**
   * Reads of at most this many bytes are made on the calling thread (`readSync`: one system call)
   * instead of through libuv's thread pool; 0, the default, makes every read asynchronous.
   */
  readonly syncReadBytesMax?: number;
  /**
   * Told where the reading stopped at a zero byte, if it did (see {@link readLines}): the start of
   * the zeros a writer keeps ahead of its appends (`PreallocatedTail.ts`).
   */
  readonly onZeroByte?: (offsetBytes: number) => void;
  /** True reads zero bytes as any other (the lines they are in are then damaged ones). */
  readonly zeroBytesAreData?: boolean;
}

/**
 * Reads a file line by line in fixed-size chunks, so that memory is bounded by the chunk
 * size and the longest line allowed, never by the file's size. Yields the lines of one
 * chunk at a time: one await per chunk rather than per line, which is most of the cost of
 * reading short lines.
 */
export async function* readLines(
  file: FileHandle,
  options: ReadLinesOptions,
): AsyncGenerator<readonly Line[]> {
  assert(options.chunkBytes > 0 && options.lineBytesMax > 0, 'read limits are positive');
  // The chunk starts small and doubles, up to the chunk size, while reads fill it: reading the
  // last few records (a live report's tail) then allocates 16 KiB, not a megabyte. V8 counts such
  // buffers as external memory, and a megabyte per read made a live report start a full
  // collection every few dozen updates.
  let chunk: Buffer = Buffer.allocUnsafe(
    Math.min(options.chunkBytes, readLinesLimits.firstChunkBytes),
  );
  let offset = options.offsetBytes;
  let lineStart = offset;
  let lineNumber = options.lineNumber;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // A read that returns fewer bytes than asked for has reached the end of the file: the lines it
  // read are the last, and no further read is made (reading the last few records, as a live
  // report does after each append, took a second trip through the file-system threads for none).
  for (let atEnd = false; !atEnd;) {
    const end = options.endOffsetBytes();
    if (offset >= end) break;
    const wanted = Math.min(chunk.length, end - offset);
    const readBytes = await fileSystemSeam.readAt(
      file,
      chunk,
      wanted,
      offset,
      options.syncReadBytesMax ?? 0,
    );
    if (readBytes === 0) break;
    const bytesRead = recordBytesIn(chunk, readBytes, offset, options);
    atEnd = bytesRead < wanted;
    let scan = 0;
    const lines: Line[] = [];
    for (;;) {
      const newline = chunk.indexOf(0x0a, scan);
      if (newline === -1 || newline >= bytesRead) break;
      const piece = chunk.subarray(scan, newline);
      const length = pendingBytes + piece.length;
      if (length + 1 > options.lineBytesMax) {
        lines.push(tooLongLine([...pending, piece], lineStart, lineNumber, options, true));
        yield lines;
        return;
      }
      const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      lines.push({ bytes, offsetBytes: lineStart, lineNumber, terminated: true, tooLong: false });
      lineNumber += 1;
      lineStart = offset + newline + 1;
      pending = [];
      pendingBytes = 0;
      scan = newline + 1;
    }
    if (lines.length > 0) yield lines;
    if (scan < bytesRead) {
      // The chunk buffer is reused, so the unfinished line is copied out of it.
      pending.push(Buffer.from(chunk.subarray(scan, bytesRead)));
      pendingBytes += bytesRead - scan;
      if (pendingBytes + 1 > options.lineBytesMax) {
        yield [tooLongLine(pending, lineStart, lineNumber, options, false)];
        return;
      }
    }
    offset += bytesRead;
    // The unfinished line was copied out of the chunk above, so a larger one can take its place.
    chunk = grownChunk(chunk, bytesRead, options.chunkBytes);
  }
  if (pendingBytes > 0)
    yield [
      {
        bytes: Buffer.concat(pending),
        offsetBytes: lineStart,
        lineNumber,
        terminated: false,
        tooLong: false,
      },
    ];
}

/**
 * How many of the bytes read are the store's: all, or those before the first zero byte. A record
 * never holds one (JSON escapes control characters): it is where a writer's preallocated zeros
 * start (`PreallocatedTail.ts`), and the records end there, as at the file's end.
 */
function recordBytesIn(
  chunk: Buffer,
  bytesRead: number,
  offset: number,
  options: ReadLinesOptions,
): number {
  if (options.zeroBytesAreData === true) return bytesRead;
  const zeroAt = chunk.subarray(0, bytesRead).indexOf(0);
  if (zeroAt === -1) return bytesRead;
  options.onZeroByte?.(offset + zeroAt);
  return zeroAt;
}

/** The chunk for the next read: twice as large when the last read filled it, up to the limit. */
const grownChunk = (chunk: Buffer, bytesRead: number, chunkBytes: number): Buffer =>
  bytesRead === chunk.length && chunk.length < chunkBytes
    ? Buffer.allocUnsafe(Math.min(chunkBytes, 2 * chunk.length))
    : chunk;

/** A line over the limit: only its start is kept, and it ends the reading. */
const tooLongLine = (
  parts: readonly Buffer[],
  offsetBytes: number,
  lineNumber: number,
  options: ReadLinesOptions,
  terminated: boolean,
): Line => ({
  bytes: Buffer.concat(parts).subarray(0, options.lineBytesMax),
  offsetBytes,
  lineNumber,
  terminated,
  tooLong: true,
});
