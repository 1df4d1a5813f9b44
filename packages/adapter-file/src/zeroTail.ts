import { fstatSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { storeProblem, type StoreProblem } from './error.js';
import { fileStoreLimits } from './format.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { readLinesLimits } from './readLines.js';

/**
 * Zero bytes after the last record, which `verify` reports (`unusedTail`). A writer opened with
 * `preallocateBytes` keeps them written ahead of its appends (`PreallocatedTail.ts`); a crash
 * leaves them. They are no records and no torn append; the next writer cuts them off at its
 * first append (or `repair()`).
 */
export interface UnusedTail {
  /** Where the zeros start. */
  readonly offsetBytes: number;
  readonly sizeBytes: number;
}

/**
 * The zeros from `offsetBytes` (a zero byte a walk stopped at) to the end of the file (or over
 * `limitBytes`, of which the size then says only what was read), or the
 * problem of a byte after them that is not zero: a writer's zeros are followed by nothing, so
 * such a byte was put there (or a power loss wrote a later page of an unacknowledged append but
 * not an earlier one; that append is lost either way, and the file is refused rather than cut
 * without a person looking). `undefined` when the first zero byte is one no more: a writer in
 * another process appended over it while the walk read, and the walk's view holds.
 */
export async function unusedTailFrom(
  file: FileHandle,
  offsetBytes: number,
  lineNumber: number,
  limitBytes = Number.POSITIVE_INFINITY,
): Promise<{ unusedTail: UnusedTail } | { problem: StoreProblem } | undefined> {
  const chunk = Buffer.allocUnsafe(Math.min(fileStoreLimits.readChunkBytes, limitBytes));
  const zeros = Buffer.alloc(chunk.length);
  for (let at = offsetBytes; ;) {
    // A glance (`limitBytes`) is one read on the calling thread, as a live tail's reads are.
    const bytesRead =
      at - offsetBytes >= limitBytes
        ? 0
        : await fileSystemSeam.readAt(
            file,
            chunk,
            chunk.length,
            at,
            readLinesLimits.syncReadBytesMax,
          );
    if (bytesRead === 0) {
      // A glance read only some of the zeros: a writer's run to the end of the file, so the
      // file's last bytes are zeros too. Records there mean these zeros are damage in the middle
      // of the file (a block the disk lost, say), never to be taken for the end of the records.
      const nonZeroAt = at - offsetBytes < limitBytes ? undefined : await nonZeroAtEnd(file, at);
      if (nonZeroAt === undefined)
        return { unusedTail: { offsetBytes, sizeBytes: at - offsetBytes } };
      return nonZeroAfterZeros(file, offsetBytes, nonZeroAt, lineNumber);
    }
    if (!chunk.subarray(0, bytesRead).equals(zeros.subarray(0, bytesRead)))
      return nonZeroAfterZeros(
        file,
        offsetBytes,
        at + chunk.findIndex((byte) => byte !== 0),
        lineNumber,
      );
    at += bytesRead;
  }
}

/** The bytes at the end of the file that {@link nonZeroAtEnd} reads: one small read. */
const endGlanceBytes = 4096;

/** Where a byte that is not zero lies in the file's last bytes after `fromBytes`, if any. */
async function nonZeroAtEnd(file: FileHandle, fromBytes: number): Promise<number | undefined> {
  const { size } = fstatSync(file.fd);
  const startBytes = Math.max(fromBytes, size - endGlanceBytes);
  if (startBytes >= size) return undefined;
  const last = Buffer.alloc(size - startBytes);
  const bytesRead = await fileSystemSeam.readAt(
    file,
    last,
    last.length,
    startBytes,
    readLinesLimits.syncReadBytesMax,
  );
  const index = last.subarray(0, bytesRead).findIndex((byte) => byte !== 0);
  return index === -1 ? undefined : startBytes + index;
}

/**
 * The problem of a byte that is not zero after the zeros from `offsetBytes`; `undefined` when
 * the first of those zeros is one no more (a writer in another process appended over it while the
 * walk read, and the walk's view holds).
 */
async function nonZeroAfterZeros(
  file: FileHandle,
  offsetBytes: number,
  nonZeroAt: number,
  lineNumber: number,
): Promise<{ problem: StoreProblem } | undefined> {
  const first = Buffer.alloc(1);
  await file.read(first, 0, 1, offsetBytes);
  if (first[0] !== 0) return undefined;
  return {
    problem: storeProblem(
      'not-a-record-prefix',
      `byte ${nonZeroAt} is not zero, after the zeros from byte ${offsetBytes} that end the records: a writer's preallocated zeros are followed by nothing else`,
      { lineNumber, offsetBytes: nonZeroAt },
    ),
  };
}
