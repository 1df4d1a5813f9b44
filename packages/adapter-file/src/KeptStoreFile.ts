import { fstatSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { closedError, ioError } from './fileStoreState.js';

/** Which file a path named: its device and inode. */
interface FileIdentity {
  readonly device: number;
  readonly inode: number;
}

const identityOf = (stats: Stats): FileIdentity => ({ device: stats.dev, inode: stats.ino });

/** One opened file and the walks reading it now. */
interface OpenedFile {
  readonly handle: FileHandle;
  readonly identity: FileIdentity;
  leases: number;
}

/** A walk's use of the kept file: read through `handle`, then `release` it, once. */
export interface FileLease {
  readonly handle: FileHandle;
  release(): Promise<void>;
}

/**
 * The store file, opened once for reading and kept open while the store is open, so that a read
 * of the store's tail (a live report's, after each append) is one read of the file: opening and
 * closing it for every read took two more trips through libuv's thread pool, whose threads wait
 * for a core on a busy machine.
 *
 * Each lease first compares the file the path names now with the one kept open (one `stat` on
 * the calling thread): when the path names another file (the store was replaced, say by a copy
 * renamed over it), the new file is opened and read instead, exactly as a read that opened the
 * path would, and the walk's checks (the seek entry it must land on, the hash chain from the
 * header) refuse it if it is not this store. A truncated file is the same file: the walk reads
 * what is there, as before. A replaced file is closed once no walk reads it.
 *
 * {@link close} closes every file at once, those walks still hold included: a walk that was left
 * unfinished (an iterator neither run to its end nor returned) would otherwise keep its file open
 * after the store's `close()`, until garbage collection closed it with a warning. A walk's next
 * read of a closed handle fails (its descriptor is -1, see `fileSystemSeam.readAt`), and the
 * store ends the walk with `STORE_CLOSED`.
 */
export class KeptStoreFile {
  private current: OpenedFile | undefined;
  /** Every file opened and not closed yet: the current one, and replaced ones walks still read. */
  private readonly openFiles = new Set<OpenedFile>();
  private opening: Promise<OpenedFile> | undefined;
  private closed = false;

  /**
   * `adopted` is a handle the store already opened on `path` (a reader's, for the header): it is
   * kept instead of opening the file again. Without one, the file is opened at the first lease.
   */
  constructor(
    private readonly path: string,
    adopted?: FileHandle,
  ) {
    if (adopted !== undefined) {
      this.current = {
        handle: adopted,
        identity: identityOf(fstatSync(adopted.fd)),
        leases: 0,
      };
      this.openFiles.add(this.current);
    }
  }

  /** The file the path names now, kept open until {@link close}; release the lease when done. */
  async lease(): Promise<FileLease> {
    if (this.closed) throw closedError(this.path);
    const opened = await this.currentFile();
    // A close() while the file was looked up or opened closed it: a closed handle is not lent, as
    // its reader would fail with whatever a read of descriptor -1 throws (a RangeError).
    if (this.closed) throw closedError(this.path);
    opened.leases += 1;
    let released = false;
    return {
      handle: opened.handle,
      release: async () => {
        if (released) return;
        released = true;
        opened.leases -= 1;
        // After close() there is nothing left to close: it closed every file.
        if (opened.leases === 0 && !this.closed && opened !== this.current)
          await this.closeFile(opened).catch(() => undefined);
      },
    };
  }

  /** Closes every file now, those walks still read included (see {@link KeptStoreFile}). */
  async close(): Promise<void> {
    this.closed = true;
    this.current = undefined;
    const files = [...this.openFiles];
    await Promise.all(files.map((file) => this.closeFile(file)));
  }

  /** Closes one file and forgets it. */
  private closeFile(file: OpenedFile): Promise<void> {
    this.openFiles.delete(file);
    return file.handle.close();
  }

  /** The opened file the path names now: the kept one, or the path's new file, opened. */
  private async currentFile(): Promise<OpenedFile> {
    let named: FileIdentity;
    try {
      named = identityOf(statSync(this.path));
    } catch (error) {
      throw ioError(this.path, 'open the store for reading', error);
    }
    const kept = this.current;
    if (kept !== undefined && sameFile(kept.identity, named)) return kept;
    this.opening ??= this.openNamed().finally(() => (this.opening = undefined));
    return this.opening;
  }

  /** Opens the file the path names and keeps it instead of the one kept before. */
  private async openNamed(): Promise<OpenedFile> {
    const handle = await open(this.path, 'r').catch((error: unknown) => {
      throw ioError(this.path, 'open the store for reading', error);
    });
    if (this.closed) {
      await handle.close();
      throw closedError(this.path);
    }
    const opened: OpenedFile = { handle, identity: identityOf(fstatSync(handle.fd)), leases: 0 };
    this.openFiles.add(opened);
    const replaced = this.current;
    this.current = opened;
    if (replaced !== undefined && replaced.leases === 0)
      await this.closeFile(replaced).catch(() => undefined);
    return opened;
  }
}

const sameFile = (left: FileIdentity, right: FileIdentity): boolean =>
  left.device === right.device && left.inode === right.inode;
