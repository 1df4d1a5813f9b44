import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import {
  appendOk,
  collect,
  fileHash,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { writerHeadPath } from './writerHeadFile.js';
import { writerIndexPath } from './writerIndexFile.js';

// A writer records the head it holds (STORE.head) as durable. What it read at open may be bytes
// not yet on disk (a file just copied into place), so the open makes the file durable before it
// hands the writer out; an open whose fdatasync fails is refused, since after a failed fsync the
// page cache may hold bytes the disk never will. The tests replace the seam's fdatasync, which is
// shared by the whole file: serial.

/** A store of two batches of two events, closed (its head recorded at 4 events). */
async function storeOfFourEvents(path: string): Promise<void> {
  const store = await openOk(path);
  for (const events of [makeTestEvents(2), makeTestEvents(2)])
    await appendOk(store, 'stream-0', events);
  await store.close();
}

/** Replaces the seam's `datasync` with `replacement` for the test. */
function replaceDatasync(t: ExecutionContext, replacement: typeof fileSystemSeam.datasync): void {
  const { datasync } = fileSystemSeam;
  t.teardown(() => (fileSystemSeam.datasync = datasync));
  fileSystemSeam.datasync = replacement;
}

for (const [opening, removeIndex] of [
  ['from its saved index', false],
  ['by a scan of the whole file (no saved index)', true],
] as const)
  test.serial(
    `a writer's open ${opening} makes the file durable before it hands the writer out`,
    async (t) => {
      const directory = await temporaryDirectory(t);
      const path = join(directory, 'store.jsonl');
      await storeOfFourEvents(path);
      if (removeIndex) await rm(writerIndexPath(path));
      let datasyncCount = 0;
      let openSettled = false;
      replaceDatasync(t, async (file) => {
        t.false(openSettled, 'every fdatasync of the open comes before it settles');
        datasyncCount += 1;
        await file.datasync();
      });

      const store = await openOk(path);
      openSettled = true;

      t.is(datasyncCount, 1);
      t.is(store.head().eventCount, 4);
      await store.close();
    },
  );

test.serial(
  "a writer's open whose fdatasync fails is refused, releases its lock and records no head",
  async (t) => {
    const directory = await temporaryDirectory(t);
    const path = join(directory, 'store.jsonl');
    await storeOfFourEvents(path);
    const [fileBefore, headBefore] = [await fileHash(path), await fileHash(writerHeadPath(path))];
    const failure = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    const { datasync } = fileSystemSeam;
    replaceDatasync(t, () => Promise.reject(failure));

    const refused = await openFileEventStore({ path })();

    if (E.isRight(refused)) {
      await refused.right.close();
      return t.fail('a writer was handed out over a file its open could not make durable');
    }
    t.is(refused.left.code, 'IO_ERROR');
    t.regex(refused.left.message, /EIO/);
    t.is(await fileHash(path), fileBefore);
    t.is(await fileHash(writerHeadPath(path)), headBefore, 'no head recorded');

    // Then, with fdatasync working again: the lock was released, and a writer opens.
    fileSystemSeam.datasync = datasync;
    const store = await openOk(path);
    t.is((await collect(store.readAll())).length, 4);
    await store.close();
  },
);
