import { randomUUID } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileSystemSeam } from './fileSystemSeam.js';
import { encodeHeader } from './format.js';

async function fsyncDirectory(directoryPath: string): Promise<void> {
  const directory = await open(directoryPath, fsConstants.O_RDONLY);
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Creates a new store file atomically: the header is written and fsync'd under a
 * temporary name, then linked to the real name (`link` never overwrites, so two creators
 * cannot both win), and the directory is fsync'd so that the new name survives a crash.
 * A reader never sees a store file without its complete header, and a failed write (a
 * full disk) leaves no temporary file behind.
 */
export async function createStoreFile(path: string): Promise<'created' | 'exists'> {
  const temporaryPath = `${path}.creating-${process.pid}-${randomUUID().slice(0, 8)}`;
  const header = encodeHeader(randomUUID(), new Date().toISOString());
  try {
    const file = await open(temporaryPath, 'wx');
    try {
      await fileSystemSeam.writeAll(file, header.bytes);
      await file.sync();
    } finally {
      await file.close();
    }
  } catch (error) {
    // A full disk fails the write after the name exists: nothing may be left behind.
    await unlink(temporaryPath).catch(() => undefined);
    throw error;
  }
  try {
    await link(temporaryPath, path);
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  } finally {
    await unlink(temporaryPath).catch(() => undefined);
    await fsyncDirectory(dirname(path));
  }
}
