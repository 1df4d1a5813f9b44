import type { FileHandle } from 'node:fs/promises';

/**
 * The one file-system call through which the store writes its lock record and a new
 * store's header. Tests replace `writeAll` to inject a fault a real disk gives only rarely
 * (`ENOSPC` on a full disk) and check that nothing is left behind; nothing else changes it.
 */
export const fileSystemSeam = {
  writeAll: (file: FileHandle, bytes: Uint8Array | string): Promise<void> => file.writeFile(bytes),
};
