import { constants } from 'node:fs';

/**
 * How the writer opens the store file: read-write and, where the platform has `O_DSYNC` (Linux,
 * macOS and the other Unixes), with every write synchronised: a write returns only once its bytes,
 * and the file size that reaches them, are on disk, as an `fdatasync` after it would make them
 * (POSIX's synchronised I/O data integrity completion). An append is then one call into the thread
 * pool instead of two (write, then fsync): on this project's Linux ext4 measurement it saved about
 * a third of the main thread's CPU of the two round trips and some of their wall time (see
 * docs/benchmarks.md, "The store's append path leaner"). Where there is no `O_DSYNC`
 * (Windows) the file is opened plainly and each write is followed by an fsync, as before.
 *
 * Read when a writer opens, never cached: a test on Linux opens a writer as on Windows
 * (`{ openFlags: 'r+', writesAreDurable: false }`) to check the fsync after each write
 * (`writerFileFlags.int.spec.ts`); nothing else changes them.
 */
export const writerFileFlags: {
  /** The flags `open` is given for the store file and the preallocated zeros' descriptor. */
  openFlags: number | string;
  /** True when {@link writerFileFlags.openFlags} make every write durable before it returns. */
  writesAreDurable: boolean;
} = {
  openFlags: constants.O_DSYNC === undefined ? 'r+' : constants.O_RDWR | constants.O_DSYNC,
  writesAreDurable: constants.O_DSYNC !== undefined,
};
