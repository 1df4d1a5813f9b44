import { fdatasyncSync, readSync, write, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The file-system calls through which the store writes its lock record, a new store's header
 * (`writeAll`) and its appends (`writeAt`, or `writeAtNow` on the calling thread), and reads
 * its lines (`readAt`), and the fsync after an append where the file has no synchronised
 * writes (`datasync`, `datasyncNow`; see `writerFileFlags.ts`). Tests replace them to inject a
 * fault a real disk gives only rarely (`ENOSPC` on a full disk, `EIO` on a read or an fsync) and
 * check that nothing is left behind, or to count the trips to the disk; nothing else changes
 * them.
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
  /**
   * {@link fileSystemSeam.writeAt} on the calling thread: returns once the bytes are written (and,
   * on a descriptor opened with `O_DSYNC`, durable), blocking the event loop meanwhile; throws
   * what the write fails with. For a writer whose caller has nothing else to do until its append
   * is acknowledged (`durableWriteThread: 'calling-thread'`).
   */
  writeAtNow: (
    fd: number,
    bytes: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): number => writeSync(fd, bytes, offset, length, position),
  /** `fdatasync` through the thread pool: after `writeAt` on a descriptor without `O_DSYNC`. */
  datasync: (file: FileHandle): Promise<void> => file.datasync(),
  /** `fdatasync` on the calling thread: after `writeAtNow` on a descriptor without `O_DSYNC`. */
  datasyncNow: (fd: number): void => fdatasyncSync(fd),
  /**
   * Reads `wanted` bytes at `offset` into the start of `chunk`: on the calling thread when they
   * are at most `syncReadBytesMax`, else through the thread pool. A small read of a file just
   * written (a live report's tail) is served from the page cache in microseconds, while a trip
   * through the thread pool waits for one of its threads to get a core, then for the main thread
   * to be told.
   */
  readAt: (
    file: FileHandle,
    chunk: Buffer,
    wanted: number,
    offset: number,
    syncReadBytesMax: number,
  ): number | Promise<number> =>
    // A closed handle's descriptor is -1, never a number another file was given since.
    wanted <= syncReadBytesMax
      ? readSync(file.fd, chunk, 0, wanted, offset)
      : file.read(chunk, 0, wanted, offset).then(({ bytesRead }) => bytesRead),
};
