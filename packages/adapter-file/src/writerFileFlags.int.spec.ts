import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import type { DurableWriteThread } from './adapter.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { writerFileFlags } from './writerFileFlags.js';

/**
 * A writer on a platform without `O_DSYNC` (Windows) opens its file plainly and follows each write
 * with an `fdatasync` (`writerFileFlags.ts`): opened so here on Linux, each append must be followed
 * by exactly one, on whichever thread wrote it, and a failed one must stop the writer.
 */

/** Opens writers as on a platform without `O_DSYNC` until the test ends. */
function withoutSynchronisedWrites(t: ExecutionContext): void {
  const { openFlags, writesAreDurable } = writerFileFlags;
  t.teardown(() => Object.assign(writerFileFlags, { openFlags, writesAreDurable }));
  Object.assign(writerFileFlags, { openFlags: 'r+', writesAreDurable: false });
}

/** The seam's calls in order while the test runs: `write`, `sync` (pool) or `*Now` (calling). */
function traceCalls(t: ExecutionContext): string[] {
  const calls: string[] = [];
  const { writeAt, writeAtNow, datasync, datasyncNow } = fileSystemSeam;
  t.teardown(() => Object.assign(fileSystemSeam, { writeAt, writeAtNow, datasync, datasyncNow }));
  Object.assign(fileSystemSeam, {
    writeAt: (...args: Parameters<typeof writeAt>) => (calls.push('write'), writeAt(...args)),
    writeAtNow: (...args: Parameters<typeof writeAtNow>) => (
      calls.push('writeNow'),
      writeAtNow(...args)
    ),
    datasync: (...args: Parameters<typeof datasync>) => (calls.push('sync'), datasync(...args)),
    datasyncNow: (...args: Parameters<typeof datasyncNow>) => (
      calls.push('syncNow'),
      datasyncNow(...args)
    ),
  });
  return calls;
}

async function storeAt(t: ExecutionContext, durableWriteThread: DurableWriteThread) {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const store = await openOk(path, { durableWriteThread });
  t.teardown(() => store.close());
  return { path, store };
}

test.serial(
  'issue 15: given a writer without synchronised writes, each append is followed by one fdatasync on the thread that wrote it, and a reopened store reads every event',
  async (t) => {
    withoutSynchronisedWrites(t);
    const { path, store } = await storeAt(t, 'calling-thread');
    const calls = traceCalls(t);
    const batches = [makeTestEvents(3), makeTestEvents(2), makeTestEvents(4)];
    const awaitedAlone = [true, false, true];
    for (const [index, events] of batches.entries())
      t.true(
        E.isRight(
          await store.appendToStream('a', events, { awaitedAlone: awaitedAlone[index]! })(),
        ),
      );
    t.deepEqual(calls, ['writeNow', 'syncNow', 'write', 'sync', 'writeNow', 'syncNow']);
    await store.close();
    const reopened = await openOk(path, { mode: 'read-only' });
    t.teardown(() => reopened.close());
    t.deepEqual(
      (await collect(reopened.readStream('a'))).map((event) => event.eventId),
      batches.flat().map((event) => event.eventId),
    );
  },
);

for (const durableWriteThread of ['calling-thread', 'thread-pool'] as const)
  test.serial(
    `issue 15: given a writer without synchronised writes (${durableWriteThread}), a failed fdatasync is IO_ERROR, every later append is refused until a reopen, and the reopened store has the events acknowledged before it`,
    async (t) => {
      withoutSynchronisedWrites(t);
      const { path, store } = await storeAt(t, durableWriteThread);
      const first = makeTestEvents(2);
      t.true(E.isRight(await store.appendToStream('a', first, { awaitedAlone: true })()));
      const { datasync, datasyncNow } = fileSystemSeam;
      t.teardown(() => Object.assign(fileSystemSeam, { datasync, datasyncNow }));
      const eio = () => Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      Object.assign(fileSystemSeam, {
        datasync: () => Promise.reject(eio()),
        datasyncNow: () => {
          throw eio();
        },
      });
      const failed = await store.appendToStream('a', makeTestEvents(1), { awaitedAlone: true })();
      t.is(E.isLeft(failed) ? failed.left.code : 'appended', 'IO_ERROR');
      t.regex(E.isLeft(failed) ? failed.left.message : '', /fsync failed.*reopen the store/);
      Object.assign(fileSystemSeam, { datasync, datasyncNow });
      const later = await store.appendToStream('a', makeTestEvents(1), { awaitedAlone: true })();
      t.is(E.isLeft(later) ? later.left.code : 'appended', 'IO_ERROR');
      await store.close();
      // The failed append's bytes reached the file (only its fsync failed): the reopen keeps what
      // the file holds, and never loses the acknowledged events before it.
      const reopened = await openOk(path);
      t.teardown(() => reopened.close());
      const ids = (await collect(reopened.readStream('a'))).map((event) => event.eventId);
      t.deepEqual(
        ids.slice(0, 2),
        first.map((event) => event.eventId),
      );
      t.true(ids.length <= 3);
    },
  );
