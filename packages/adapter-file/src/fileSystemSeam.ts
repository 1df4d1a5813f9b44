import { write } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The file-system calls through which the store writes its lock record, a new store's header
 * (`writeAll`) and its appends (`writeAt`). Tests replace them to inject a fault a real disk gives
 * only rarely (`ENOSPC` on a full disk) and check that nothing is left behind, or to count the
 * trips to the disk; nothing else changes them.
 */
export const fileSystemSeam = {
  writeAll: (file: FileHandle, bytes: Uint8Array | string): Promise<void> => file.writeFile(bytes),
  /**
   * Writes `length` bytes of `bytes` from `offset` at `position` of the open descriptor `fd`;
   * resolves to the bytes written. Node's callback API rather than `FileHandle.write`: the
   * promise API's request allocates a typed array for file stats with every call, some 10 µs of
   * the main thread's CPU an append (docs/benchmarks.md). The caller keeps the file open until
   * the write settles (the writer's queue closes it only after its last append).
   */
  writeAt: (
    fd: number,
    bytes: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<number> =>
    new Promise((resolve, reject) =>
      write(fd, bytes, offset, length, position, (error, bytesWritten) =>
        error === null ? resolve(bytesWritten) : reject(error),
      ),
    ),
};
