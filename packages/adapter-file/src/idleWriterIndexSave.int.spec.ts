import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import {
  appendOk,
  childScriptOfFile,
  collect,
  lineRanges,
  openOk,
  startChild,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { writerHeadPath } from './writerHeadFile.js';
import { sealLine } from './hashChain.js';
import type { FileStoreWarning } from './lock.js';
import { seekIndexPath } from './seekIndex.js';
import { verifyFileEventStore } from './verify.js';
import { writerIndexFileSeam, writerIndexPath } from './writerIndexFile.js';
import { quietTimerSeam, writerIndexSaveQuietMs } from './idleWriterIndexSave.js';

// A writer saves its index (STORE.ids) when it is idle once `writerIndexSaveEvents` events were
// appended since the last save, so that the next open after a crash walks at most about that many
// lines; the save never fails the writer, never loses an append made meanwhile, and close() waits
// for it. The tests that replace the save's file operations (writerIndexFileSeam) run one at a
// time, and so does the rest of this file.

/** The event count of the head of the index saved beside the store, or `undefined`. */
/** The event count of the head the writer's head file records (`STORE.head`), or -1 without one. */
async function headFileEventCount(path: string): Promise<number> {
  const text = await readFile(writerHeadPath(path), 'utf8').catch(() => undefined);
  if (text === undefined) return -1;
  return (JSON.parse(text) as { body: { head: { eventCount: number } } }).body.head.eventCount;
}

async function savedHeadEventCount(path: string): Promise<number | undefined> {
  try {
    const bytes = await readFile(writerIndexPath(path));
    const line = JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(0x0a))) as {
      body: { head: { eventCount: number } };
    };
    return line.body.head.eventCount;
  } catch {
    return undefined;
  }
}

/** Waits until `condition` holds (polled), failing after `timeoutMs`: no timing is asserted. */
async function eventually(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Waits for `promise` with the event loop kept alive: the writer's quiet timer is unref'd (it never
 * keeps a process alive), so a test awaiting only a promise would otherwise end with nothing left
 * to run before the save starts.
 */
async function keptAlive<Value>(promise: Promise<Value>): Promise<Value> {
  const timer = setInterval(() => undefined, 50);
  try {
    return await promise;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Holds the ends of the writer's quiet periods for the test to run (through `quietTimerSeam`), so
 * that whether a save was asked for is a fact, not a race with a 250 ms timer; restored after the
 * test.
 */
function quietPeriodsHeld(t: ExecutionContext): (() => void)[] {
  const ends: (() => void)[] = [];
  const originalAfter = quietTimerSeam.after;
  quietTimerSeam.after = (quietMs, then) => {
    t.is(quietMs, writerIndexSaveQuietMs);
    ends.push(then);
  };
  t.teardown(() => (quietTimerSeam.after = originalAfter));
  return ends;
}

/** A few turns of the event loop with nothing to do: the writer's idle moments. */
const idleMoments = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setTimeout(resolve, 2));
};

const childScript = childScriptOfFile(test);

test.serial(
  'given 100 as writerIndexSaveEvents, when 60 events are appended the writer does not save its index while idle; when 60 more are, the saved index covers all 120, byte for byte as a scan builds it',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const path = join(directory, 'store.jsonl');
    const quietPeriods = quietPeriodsHeld(t);
    const store = await openOk(path, { writerIndexSaveEvents: 100 });
    t.is(await savedHeadEventCount(path), 0, 'the open saved the index of the new store');
    await appendOk(store, 'förbund-2020', makeTestEvents(60));
    await idleMoments();
    t.is(
      quietPeriods.length,
      0,
      'fewer than 100 events since the last save: no save is waited for',
    );
    t.is(await savedHeadEventCount(path), 0);
    await appendOk(store, 'förbund-2021', makeTestEvents(60));
    t.is(quietPeriods.length, 1, 'a save is due: a quiet period is waited for');
    quietPeriods.shift()!();
    await eventually(async () => (await savedHeadEventCount(path)) === 120, 'the index covers 120');

    // A copy of the store without its index: its open scans the file and saves what it built.
    const copy = join(directory, 'copy.jsonl');
    await copyFile(path, copy);
    const saved = await readFile(writerIndexPath(path));
    const rebuilt = await openOk(copy);
    t.true(saved.equals(await readFile(writerIndexPath(copy))), 'the same bytes as a scan builds');
    await rebuilt.close();
    await store.close();
    const verified = await verifyFileEventStore({ path })();
    t.true(E.isRight(verified) && verified.right.ok && verified.right.derived?.eventIds === 'ok');
  },
);

test.serial(
  'given a save due, when events are appended before the writer has been quiet for the quiet period, it does not save then but waits for another quiet period, and saves after one without appends',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    const ends: (() => void)[] = [];
    const originalAfter = quietTimerSeam.after;
    quietTimerSeam.after = (quietMs, then) => {
      t.is(quietMs, writerIndexSaveQuietMs);
      ends.push(then);
    };
    try {
      const store = await openOk(path, { writerIndexSaveEvents: 50 });
      await appendOk(store, 'förbund-2020', makeTestEvents(60));
      t.is(ends.length, 1, 'a quiet period is waited for once the save is due');
      await appendOk(store, 'förbund-2020', makeTestEvents(10));
      t.is(ends.length, 1, 'one wait at a time');
      ends.shift()!();
      await eventually(() => ends.length === 1, 'another quiet period is waited for');
      t.is(await savedHeadEventCount(path), 0, 'no save: 10 events were appended in the wait');
      ends.shift()!();
      await eventually(async () => (await savedHeadEventCount(path)) === 70, 'saved after quiet');
      t.is(ends.length, 0, 'nothing more is waited for once saved');
      await store.close();
    } finally {
      quietTimerSeam.after = originalAfter;
    }
  },
);

test.serial(
  'given a writer killed without close after an idle save, the next open uses the saved index and walks only the lines after it',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const path = join(directory, 'store.jsonl');
    const child = startChild(childScript(), 'serve', '', {
      FINSAM_TEST_WRITER_INDEX_SAVE_EVENTS: '16',
    });
    const acknowledged: string[] = [];
    const send = async (command: string, reply: string): Promise<void> => {
      const before = child.lines().length;
      child.process.stdin!.write(`${command}\n`);
      const line = await child.waitForLine(
        (candidate) => child.lines().indexOf(candidate) >= before && candidate.startsWith(reply),
      );
      if (line.startsWith('ack ')) acknowledged.push(...line.slice(4).split(','));
    };
    await send(`open ${path}`, 'ready');
    await send('append 40', 'ack');
    await eventually(async () => (await savedHeadEventCount(path)) === 40, 'the child saved 40');
    // The head file is written after the index is renamed, outside the writer's queue.
    await eventually(
      async () => (await headFileEventCount(path)) === 40,
      'the idle save recorded the head it covers',
    );
    await send('append 5', 'ack');
    child.process.kill('SIGKILL');
    t.is((await child.exited).signal, 'SIGKILL');
    t.is(await savedHeadEventCount(path), 40, 'no save after the last 5 (fewer than 16)');
    t.is(await headFileEventCount(path), 40, 'and none after the last 5');

    // A record before the saved head rewritten (sealed anew, same length): the open does not read
    // it, so it used the saved index; one after the head is read and refused.
    const bytes = await readFile(path);
    const forgedCopy = async (name: string, recordNumber: number): Promise<string> => {
      const range = lineRanges(bytes)[recordNumber + 1]!;
      const record = JSON.parse(bytes.toString('utf8', range.start, range.end)) as Record<
        string,
        unknown
      >;
      delete record['hash'];
      record['type'] = String(record['type']).replace('Krasch', 'Krosch');
      const forged = sealLine(JSON.stringify(record)).bytes;
      t.is(forged.length, range.end - range.start + 1);
      const copy = join(directory, name);
      await writeFile(
        copy,
        Buffer.concat([bytes.subarray(0, range.start), forged, bytes.subarray(range.end + 1)]),
      );
      await copyFile(writerIndexPath(path), writerIndexPath(copy));
      await copyFile(seekIndexPath(path), seekIndexPath(copy));
      return copy;
    };
    const beforeHead = await openOk(await forgedCopy('before-head.jsonl', 1));
    t.is(beforeHead.head().eventCount, 45);
    await beforeHead.close();
    const afterHead = await openFileEventStore({
      path: await forgedCopy('after-head.jsonl', 42),
      onWarning: () => undefined,
    })();
    t.true(E.isLeft(afterHead) && afterHead.left.code === 'STORE_TAMPERED');

    const warnings: FileStoreWarning[] = [];
    const store = await openOk(path, { warnings });
    t.deepEqual(
      warnings.map((warning) => warning.code),
      ['STALE_LOCK_TAKEN_OVER'],
    );
    t.is(store.head().eventCount, 45);
    const stored = await collect(store.readAll());
    t.deepEqual(
      stored.map((event) => event.eventId),
      acknowledged,
    );
    await store.close();
  },
);

test.serial(
  'given an idle save whose write waits, appends made meanwhile are acknowledged in order and none is lost, and close() waits for the save and then saves them',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const path = join(directory, 'store.jsonl');
    const quietPeriods = quietPeriodsHeld(t);
    const store = await openOk(path, { writerIndexSaveEvents: 50 });
    const originalWrite = writerIndexFileSeam.writeDurably;
    const originalRename = writerIndexFileSeam.rename;
    let entered!: () => void;
    const saveEntered = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Only the idle save's write waits (close()'s own save does not), and the order of the file
    // operations is kept: close() must save after the idle save's rename, not beside it.
    const operations: string[] = [];
    writerIndexFileSeam.writeDurably = async (temporary, bytes) => {
      operations.push('write');
      if (operations.length === 1) {
        entered();
        await released;
      }
      return originalWrite(temporary, bytes);
    };
    writerIndexFileSeam.rename = async (from, to) => {
      operations.push('rename');
      return originalRename(from, to);
    };
    try {
      const first = makeTestEvents(60);
      await appendOk(store, 'förbund-2020', first);
      quietPeriods.shift()!();
      await keptAlive(saveEntered);
      // The save's write waits: appends go on, some in flight together, some awaited one by one.
      const together = [0, 1, 2, 3, 4].map((index) => ({
        streamId: `förbund-${2021 + (index % 2)}`,
        events: makeTestEvents(3),
      }));
      const results = await Promise.all(
        together.map(({ streamId, events }) => store.appendToStream(streamId, events)()),
      );
      t.true(results.every(E.isRight));
      const alone = makeTestEvents(4);
      for (const event of alone) await appendOk(store, 'förbund-2020', [event]);
      t.is(await savedHeadEventCount(path), 0, 'the save has not renamed its file yet');
      let closeResolved = false;
      const closing = store.close().then(() => (closeResolved = true));
      await idleMoments();
      t.false(closeResolved, 'close() waits for the save under way');
      release();
      await closing;
      const expected = [...first, ...together.flatMap(({ events }) => events), ...alone].map(
        (event) => event.eventId,
      );
      t.deepEqual(operations, ['write', 'rename', 'write', 'rename'], 'close() saved after it');
      t.is(await savedHeadEventCount(path), 79, 'close() saved after the idle save of 60');
      const reopened = await openOk(path);
      t.deepEqual(
        (await collect(reopened.readAll())).map((event) => event.eventId),
        expected,
      );
      const retry = await appendOk(reopened, 'förbund-2020', alone.slice(0, 1));
      t.true(retry.alreadyStored, 'the reopened index has the events appended during the save');
      await reopened.close();
    } finally {
      writerIndexFileSeam.writeDurably = originalWrite;
      writerIndexFileSeam.rename = originalRename;
    }
  },
);

test.serial(
  'given idle saves that fail, the writer goes on appending, tries again after as many events, and close() saves the index',
  async (t) => {
    const directory = await temporaryDirectory(t);
    const path = join(directory, 'store.jsonl');
    const quietPeriods = quietPeriodsHeld(t);
    const store = await openOk(path, { writerIndexSaveEvents: 50 });
    const originalRename = writerIndexFileSeam.rename;
    let failedRenames = 0;
    writerIndexFileSeam.rename = async () => {
      failedRenames += 1;
      throw Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });
    };
    try {
      await appendOk(store, 'förbund-2020', makeTestEvents(60));
      quietPeriods.shift()!();
      await eventually(() => failedRenames === 1, 'a first save was tried');
      await appendOk(store, 'förbund-2020', makeTestEvents(20));
      await idleMoments();
      t.is(quietPeriods.length, 0, 'no new try before 50 more events');
      t.is(failedRenames, 1);
      await appendOk(store, 'förbund-2021', makeTestEvents(40));
      t.is(quietPeriods.length, 1, 'due again after 60 more');
      quietPeriods.shift()!();
      await eventually(() => failedRenames === 2, 'a second save was tried');
      t.is(await savedHeadEventCount(path), 0);
      t.deepEqual(
        (await readdir(directory)).filter((name) => name.endsWith('.tmp')),
        [],
        'no temporary file is left',
      );
    } finally {
      writerIndexFileSeam.rename = originalRename;
    }
    t.is(store.head().eventCount, 120);
    await store.close();
    t.is(await savedHeadEventCount(path), 120, 'close() saved what the failed saves did not');
    const reopened = await openOk(path);
    t.is((await collect(reopened.readAll())).length, 120);
    await reopened.close();
  },
);

test.serial(
  'given a store without its event-id index, when verify cannot write one (a read-only folder), it says the index was not rebuilt; when it can, that it was',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    const store = await openOk(path);
    await appendOk(store, 'förbund-2020', makeTestEvents(3));
    await store.close();
    await rm(writerIndexPath(path));
    const originalWrite = writerIndexFileSeam.writeDurably;
    writerIndexFileSeam.writeDurably = () => Promise.reject(new Error('EROFS: read-only'));
    try {
      const unwritable = await verifyFileEventStore({ path })();
      if (E.isLeft(unwritable)) return t.fail(unwritable.left.message);
      t.true(unwritable.right.ok);
      t.is(unwritable.right.derived?.eventIds, 'missing');
      t.false(unwritable.right.derived?.eventIdsRebuilt);
      t.is(await savedHeadEventCount(path), undefined, 'nothing was left beside the store');
    } finally {
      writerIndexFileSeam.writeDurably = originalWrite;
    }
    const writable = await verifyFileEventStore({ path })();
    if (E.isLeft(writable)) return t.fail(writable.left.message);
    t.is(writable.right.derived?.eventIds, 'missing');
    t.true(writable.right.derived?.eventIdsRebuilt);
    t.is(await savedHeadEventCount(path), 3);
  },
);

test('writerIndexSaveEvents must be a whole number of at least 1', async (t) => {
  const directory = await temporaryDirectory(t);
  for (const writerIndexSaveEvents of [0, 1.5, -3]) {
    const opened = await openFileEventStore({
      path: join(directory, 'store.jsonl'),
      writerIndexSaveEvents,
    })();
    t.true(
      E.isLeft(opened) &&
        opened.left.code === 'VALIDATION_FAILED' &&
        opened.left.message.includes('options.writerIndexSaveEvents'),
    );
  }
});
