import type { FileHandle } from 'node:fs/promises';
import { storeProblem, type StoreProblem } from './error.js';
import { fileStoreLimits } from './format.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { readLinesLimits } from './readLines.js';

/**
 * Zero bytes after the last record, which `verify` reports (`unusedTail`). A writer opened with
 * `preallocateBytes` keeps them written ahead of its appends (`PreallocatedTail.ts`); a crash
 * leaves them. They are no records and no torn append; the next writer's open cuts them off.
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
    if (bytesRead === 0) return { unusedTail: { offsetBytes, sizeBytes: at - offsetBytes } };
    if (!chunk.subarray(0, bytesRead).equals(zeros.subarray(0, bytesRead))) {
      const nonZeroAt = at + chunk.findIndex((byte) => byte !== 0);
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
    at += bytesRead;
  }
}
