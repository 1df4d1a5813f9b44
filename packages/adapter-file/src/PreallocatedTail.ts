import { fstatSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { assert } from '@finsam-ledger/core/store';
import { fileSystemSeam } from './fileSystemSeam.js';
import { writerFileFlags } from './writerFileFlags.js';

/**
 * The most zero bytes one fill writes (one trip through the thread pool). Each fill's
 * synchronisation competes with the appends' for the disk: on the project's VM, awaited batches
 * of 100 (some 65 KB a write) with 4 MiB kept ahead made a median 42 511 events/s with fills of
 * 256 KiB, 39 680 with 64 KiB (a fill per append), 43 405 with 128 KiB (1 MiB ahead) and about
 * 42 500 with 1 MiB, against 39 082 without the option (6 runs each, alternated).
 */
const fillBytesMax = 256 * 1024;

/**
 * Zero bytes the writer keeps written and synchronised ahead of its last append (the option
 * `preallocateBytes`), so that an append writes over bytes the file already has: on ext4 a
 * synchronised write that extends a file commits the journal (the new size, the new blocks),
 * one over written bytes only writes its data, about 0.2 ms less a group on the project's VM.
 * Unwritten extents (`fallocate`) do not help: the journal still records their conversion.
 *
 * The zeros are written on a descriptor of their own, a chunk at a time through the thread
 * pool, while the main thread does other work. The rule that keeps every record safe: a fill
 * never starts below the end of what an append writes or has written (`dataEnd`, raised before
 * the append's write starts), and an append whose bytes reach into a fill in flight waits for it
 * first. Readers stop at the zeros (a record line never holds a zero byte, see `readLines.ts`);
 * `close()` cuts them off, and the next writer cuts what a crash left at its first append.
 */
export class PreallocatedTail {
  /** Where the zeros written and synchronised so far end (or the data, when it went further). */
  private filledEnd: number;
  /** Where the bytes of the appends written, or being written, end: no fill starts below it. */
  private dataEnd: number;
  /** The fill in flight, and the bytes it writes. */
  private fill:
    { readonly from: number; readonly to: number; readonly done: Promise<void> } | undefined;
  /** Set at close, or after a fill or an append failed: no fill starts any more. */
  private stopped = false;
  /** Where the furthest fill started so far ends: a failed one may have written part of it. */
  private fillsMayReach = 0;
  /** True once a fill failed: the file may end anywhere up to {@link fillsMayReach}. */
  private fillFailed = false;
  /** True once a fill has started: only then has the file anything for `close()` to cut. */
  private filledAny = false;
  private readonly zeros: Buffer;
  private constructor(
    private readonly file: FileHandle,
    private readonly aheadBytes: number,
    endBytes: number,
    /** True when `file` was opened with flags that make each write durable. */
    private readonly writesAreDurable: boolean,
  ) {
    this.filledEnd = endBytes;
    this.dataEnd = endBytes;
    this.zeros = Buffer.alloc(Math.min(fillBytesMax, aheadBytes));
  }

  /**
   * Opens the store file a second time for the fills, and checks it is the writer's file (the
   * path may name another by now); `undefined` when it is not, and nothing is preallocated.
   */
  static async open(
    path: string,
    writerFile: FileHandle,
    aheadBytes: number,
    endBytes: number,
  ): Promise<PreallocatedTail | undefined> {
    assert(Number.isSafeInteger(aheadBytes) && aheadBytes > 0, 'preallocateBytes is positive');
    const { openFlags, writesAreDurable } = writerFileFlags;
    const file = await open(path, openFlags);
    const own = fstatSync(file.fd);
    const writers = fstatSync(writerFile.fd);
    if (own.dev === writers.dev && own.ino === writers.ino)
      return new PreallocatedTail(file, aheadBytes, endBytes, writesAreDurable);
    await file.close();
    return undefined;
  }

  /**
   * Claims `[endBytes, endBytes + length)` for an append before it writes: no fill starts below
   * its end from now on. Returns the fill in flight to wait for when it writes into these bytes.
   */
  claim(endBytes: number, length: number): Promise<void> | undefined {
    assert(endBytes === this.dataEnd, 'an append claims the bytes after the last one');
    this.dataEnd = endBytes + length;
    const fill = this.fill;
    return fill !== undefined && fill.from < this.dataEnd ? fill.done : undefined;
  }

  /** The claimed append is written: what it wrote counts as filled, and the next fill is due. */
  written(): void {
    this.filledEnd = Math.max(this.filledEnd, this.dataEnd);
    this.fillIfDue();
  }

  /**
   * The claimed append failed and was cut off at `endBytes`: the fill in flight is waited for and
   * no other starts (a failing disk gets no more writes than without the option); the caller
   * cuts the file at `endBytes` again, as the fill may have written past it since.
   */
  async failed(endBytes: number): Promise<void> {
    this.stopped = true;
    await this.fill?.done;
    this.dataEnd = endBytes;
    this.filledEnd = endBytes;
  }

  /**
   * True when the file's size fits what was written: at least the acknowledged end, and exactly
   * the end of the zeros (or of the data) when no fill is in flight, or after a fill that failed
   * having written part of its zeros, anywhere up to where that fill would have ended.
   */
  sizeFits(size: number, endBytes: number): boolean {
    if (size < endBytes) return false;
    if (this.fill !== undefined) return true;
    const exactBytes = Math.max(endBytes, this.filledEnd);
    return size === exactBytes || (this.fillFailed && size <= this.fillsMayReach);
  }

  /**
   * Stops filling, waits for the fill in flight, cuts the zeros off (synchronised) and closes the
   * fills' descriptor: a closed store's file ends where its last write of records does, as
   * without the option. A file no fill wrote to is left as it is (a torn tail found at open and
   * never cut, say).
   */
  async close(writerFile: FileHandle): Promise<void> {
    this.stopped = true;
    try {
      await this.fill?.done;
      if (this.filledAny) {
        await writerFile.truncate(this.dataEnd);
        await writerFile.datasync();
      }
    } finally {
      await this.file.close();
    }
  }

  /** Starts a fill when the zeros ahead of the data are fewer than asked for. */
  private fillIfDue(): void {
    if (this.stopped || this.fill !== undefined) return;
    const from = Math.max(this.filledEnd, this.dataEnd);
    if (from - this.dataEnd >= this.aheadBytes) return;
    const to = from + this.zeros.length;
    this.filledAny = true;
    this.fillsMayReach = Math.max(this.fillsMayReach, to);
    const done = this.writeZeros(from, to).then(
      () => {
        this.filledEnd = Math.max(this.filledEnd, to);
        this.fill = undefined;
        this.fillIfDue();
      },
      () => {
        // Only a speed-up is lost (a full disk, say): the appends extend the file as without one.
        // What the fill did write is zeros past the data, which readers stop at and close cuts.
        this.stopped = true;
        this.fillFailed = true;
        this.fill = undefined;
      },
    );
    this.fill = { from, to, done };
  }

  /**
   * Writes zeros over `[from, to)` and makes them durable, through the seam appends write
   * through (tests hold a fill back with it).
   */
  private async writeZeros(from: number, to: number): Promise<void> {
    for (let at = from; at < to;) {
      const written = await fileSystemSeam.writeAt(this.file.fd, this.zeros, 0, to - at, at);
      assert(written > 0, 'a write makes progress');
      at += written;
    }
    if (!this.writesAreDurable) await this.file.datasync();
  }
}
