// The package ships no types; these are the two calls the write lock uses (see lock.ts).
declare module 'fs-native-extensions' {
  /**
   * Takes an exclusive (or shared) lock on a byte range of an open file without waiting;
   * `false` when another holds it.
   */
  export function tryLock(
    fd: number,
    offset: number,
    length: number,
    options?: { shared?: boolean },
  ): boolean;
  /** Releases a lock on a byte range of an open file. */
  export function unlock(fd: number, offset: number, length: number): void;
}
