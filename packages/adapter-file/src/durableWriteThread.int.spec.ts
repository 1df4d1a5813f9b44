import { existsSync } from 'node:fs';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import type { NewEvent } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore, type DurableWriteThread } from './adapter.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';

/**
 * `durableWriteThread: 'calling-thread'` (issue 15): an append whose caller awaits it alone is
 * written on the calling thread (`fileSystemSeam.writeAtNow`), every other append through the
 * thread pool (`fileSystemSeam.writeAt`), and either way it is durable, atomic and in order.
 */

/** Counts the writes made through each of the seam's two write calls while the test runs. */
function countWrites(t: ExecutionContext): { pool: number; callingThread: number } {
  const counted = { pool: 0, callingThread: 0 };
  const { writeAt, writeAtNow } = fileSystemSeam;
  t.teardown(() => Object.assign(fileSystemSeam, { writeAt, writeAtNow }));
  fileSystemSeam.writeAt = (...args) => {
    counted.pool += 1;
    return writeAt(...args);
  };
  fileSystemSeam.writeAtNow = (...args) => {
    counted.callingThread += 1;
    return writeAtNow(...args);
  };
  return counted;
}

async function storeWith(t: ExecutionContext, durableWriteThread?: DurableWriteThread) {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const store = await openOk(path, durableWriteThread === undefined ? {} : { durableWriteThread });
  t.teardown(() => store.close());
  return { path, store };
}

const append = (
  store: Awaited<ReturnType<typeof storeWith>>['store'],
  events: readonly NewEvent[],
  awaitedAlone?: boolean,
) => store.appendToStream('a', events, awaitedAlone === undefined ? {} : { awaitedAlone })();

test.serial(
  "issue 15: given 'calling-thread', when appends are awaited alone one after another, then each is written on the calling thread, and a reopened store reads them all in order",
  async (t) => {
    const { path, store } = await storeWith(t, 'calling-thread');
    const counted = countWrites(t);
    const batches = [makeTestEvents(3), makeTestEvents(2), makeTestEvents(4)];
    for (const events of batches) t.true(E.isRight(await append(store, events, true)));
    t.deepEqual(counted, { pool: 0, callingThread: 3 });
    await store.close();
    const reopened = await openOk(path, { mode: 'read-only' });
    t.deepEqual(
      (await collect(reopened.readStream('a'))).map((event) => event.eventId),
      batches.flat().map((event) => event.eventId),
    );
    await reopened.close();
  },
);

test.serial(
  "issue 15: given 'calling-thread', an append not said to be awaited alone goes through the thread pool",
  async (t) => {
    const { store } = await storeWith(t, 'calling-thread');
    const counted = countWrites(t);
    t.true(E.isRight(await append(store, makeTestEvents(2))));
    t.true(E.isRight(await append(store, makeTestEvents(2), false)));
    t.deepEqual(counted, { pool: 2, callingThread: 0 });
  },
);

test.serial(
  'issue 15: by default every append goes through the thread pool, also one awaited alone',
  async (t) => {
    const { store } = await storeWith(t);
    const counted = countWrites(t);
    t.true(E.isRight(await append(store, makeTestEvents(2), true)));
    t.deepEqual(counted, { pool: 1, callingThread: 0 });
  },
);

test.serial(
  "issue 15: given 'calling-thread', appends that arrive together form one group, written on the calling thread only when every one of them is awaited alone",
  async (t) => {
    const { store } = await storeWith(t, 'calling-thread');
    const counted = countWrites(t);
    // Appends made in one turn of the event loop wait together for the writer's queue.
    const mixed = await Promise.all([
      append(store, makeTestEvents(1), true),
      append(store, makeTestEvents(2)),
      append(store, makeTestEvents(3), true),
    ]);
    t.true(mixed.every(E.isRight));
    t.deepEqual(counted, { pool: 1, callingThread: 0 });
    const alone = await Promise.all([
      append(store, makeTestEvents(1), true),
      append(store, makeTestEvents(2), true),
    ]);
    t.deepEqual(
      alone.map((result) => (E.isRight(result) ? result.right.nextExpectedRevision : -1)),
      [6, 8],
    );
    t.deepEqual(counted, { pool: 1, callingThread: 1 });
  },
);

test.serial(
  "issue 15: given 'calling-thread', a write that fails on the calling thread (ENOSPC) is IO_ERROR, leaves the file as the last acknowledged append left it, and the next append is stored",
  async (t) => {
    const { path, store } = await storeWith(t, 'calling-thread');
    const first = makeTestEvents(2);
    t.true(E.isRight(await append(store, first, true)));
    const sizeBytes = (await stat(path)).size;
    const { writeAtNow } = fileSystemSeam;
    t.teardown(() => (fileSystemSeam.writeAtNow = writeAtNow));
    fileSystemSeam.writeAtNow = (fd, bytes, offset, length, position) => {
      // Part of the batch reaches the file before the disk is full.
      writeAtNow(fd, bytes, offset, Math.min(length, 100), position);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const failed = await append(store, makeTestEvents(3), true);
    t.is(E.isLeft(failed) ? failed.left.code : 'appended', 'IO_ERROR');
    t.is((await stat(path)).size, sizeBytes);
    fileSystemSeam.writeAtNow = writeAtNow;
    const second = makeTestEvents(3);
    t.deepEqual(
      await append(store, second, true),
      E.right({ nextExpectedRevision: 4, alreadyStored: false }),
    );
    t.deepEqual(
      (await collect(store.readStream('a'))).map((event) => event.eventId),
      [...first, ...second].map((event) => event.eventId),
    );
  },
);

test('issue 15: an unknown durableWriteThread is refused naming the option and the rule, and no file is made', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const opened = await openFileEventStore({
    path,
    durableWriteThread: 'main' as DurableWriteThread,
  })();
  if (E.isRight(opened)) {
    await opened.right.close();
    return t.fail('opened');
  }
  t.is(opened.left.code, 'VALIDATION_FAILED');
  t.deepEqual(
    opened.left.issues.map((issue) => [issue.path, issue.rule]),
    [['options.durableWriteThread', 'one-of']],
  );
  t.false(existsSync(path));
});

test.serial(
  "issue 15: given 'calling-thread' and preallocateBytes, appends awaited alone are written on the calling thread over the zeros, and the closed file is byte for byte the one the default store writes",
  async (t) => {
    const directory = await temporaryDirectory(t);
    const plain = join(directory, 'plain.jsonl');
    const both = join(directory, 'both.jsonl');
    const clock = (): Date => new Date('2026-01-01T00:00:00.000Z');
    await (await openOk(plain)).close();
    await copyFile(plain, both);
    // Larger than one fill in all: some appends wait for a fill in flight or pass the zeros.
    const batches = Array.from({ length: 40 }, () => makeTestEvents(20));
    const written = await openOk(plain, { clock });
    for (const events of batches) t.true(E.isRight(await append(written, events)));
    await written.close();
    const counted = countWrites(t);
    const store = await openOk(both, {
      clock,
      durableWriteThread: 'calling-thread',
      preallocateBytes: 64 * 1024,
    });
    for (const events of batches) t.true(E.isRight(await append(store, events, true)));
    t.is(counted.callingThread, batches.length);
    t.true(counted.pool > 0, 'the zeros are written through the thread pool');
    await store.close();
    t.deepEqual(await readFile(both), await readFile(plain));
  },
);
