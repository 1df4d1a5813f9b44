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
 */
export const writerOpenFlags: number | string =
  constants.O_DSYNC === undefined ? 'r+' : constants.O_RDWR | constants.O_DSYNC;

/** True when {@link writerOpenFlags} make every write durable before it returns. */
export const writerWritesAreDurable: boolean = constants.O_DSYNC !== undefined;
