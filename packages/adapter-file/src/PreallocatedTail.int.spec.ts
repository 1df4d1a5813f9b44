import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import type { NewEvent } from '@finsam-ledger/core';
import { makeTestEvent, makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore, type FileEventStore } from './adapter.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import type { FileStoreWarning } from './lock.js';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { verifyFileEventStore } from './verify.js';

// The seam is replaced in some tests: they run one at a time.

/** Every record gets this stamp, so that two stores given the same appends hold the same bytes. */
const clock = (): Date => new Date('2026-01-01T00:00:00.000Z');

/** An event whose data holds `bytes` bytes of text. */
const eventOf = (bytes: number): NewEvent => makeTestEvent({ data: { text: 'x'.repeat(bytes) } });

/** Two copies of one new, empty store (one header, one store id): `plain` and `preallocated`. */
async function twinStores(t: ExecutionContext): Promise<{ plain: string; preallocated: string }> {
  const directory = await temporaryDirectory(t);
  const plain = join(directory, 'plain.jsonl');
  const preallocated = join(directory, 'preallocated.jsonl');
  await (await openOk(plain)).close();
  await copyFile(plain, preallocated);
  return { plain, preallocated };
}

/** Makes the appends on a new store at `path`, `inFlight` at a time, and closes it. */
async function appendAll(
  path: string,
  appends: readonly (readonly NewEvent[])[],
  options: { preallocateBytes?: number; inFlight?: number },
  whileOpen: (store: FileEventStore) => Promise<void> = async () => undefined,
): Promise<void> {
  const store = await openOk(path, { clock, ...options });
  const inFlight = options.inFlight ?? 1;
  for (let next = 0; next < appends.length; next += inFlight)
    await Promise.all(
      appends.slice(next, next + inFlight).map((events) => appendOk(store, 's', events)),
    );
  await whileOpen(store);
  await store.close();
}

/** The store file's size once it is larger than `bytes` (a fill has landed). */
async function sizeOnceOver(path: string, bytes: number): Promise<number> {
  for (;;) {
    const { size } = await stat(path);
    if (size > bytes) return size;
    await nextTurn();
  }
}

/** The end of the last record: the byte after the file's last newline. */
const recordsEnd = (bytes: Buffer): number => bytes.lastIndexOf(0x0a) + 1;

test.serial(
  'a closed store written with preallocateBytes is byte for byte the one written without it, with an append larger than the zeros and many appends in flight',
  async (t) => {
    const { plain, preallocated } = await twinStores(t);
    const appends = [
      ...Array.from({ length: 30 }, (_, index) => makeTestEvents(1 + (index % 7))),
      // Over the 8 KiB of zeros kept ahead: written past their end, extending the file.
      Array.from({ length: 40 }, () => eventOf(1_000)),
      [eventOf(20_000)],
      ...Array.from({ length: 60 }, (_, index) => makeTestEvents(1 + (index % 3))),
    ];
    await appendAll(plain, appends, { inFlight: 16 });
    let zerosWhileOpen = 0;
    await appendAll(preallocated, appends, { preallocateBytes: 8_192, inFlight: 16 }, async () => {
      const written = await readFile(preallocated);
      const end = recordsEnd(written);
      const size = await sizeOnceOver(preallocated, end);
      const bytes = await readFile(preallocated);
      t.true(bytes.subarray(recordsEnd(bytes), size).every((byte) => byte === 0));
      zerosWhileOpen = size - recordsEnd(bytes);
    });
    t.true(zerosWhileOpen > 0, 'the writer kept zeros ahead while open');
    t.deepEqual(await readFile(preallocated), await readFile(plain));
  },
);

/**
 * Holds back every write of zeros (a fill) until `release` lets the oldest one go; the appends'
 * writes go through, but the next `failAppends` of them fail with `ENOSPC`.
 */
function holdFills(t: ExecutionContext): {
  held: () => number;
  release: () => void;
  failAppends: (count: number) => void;
} {
  const writeAt = fileSystemSeam.writeAt;
  t.teardown(() => (fileSystemSeam.writeAt = writeAt));
  const waiting: (() => void)[] = [];
  let failing = 0;
  fileSystemSeam.writeAt = async (fd, bytes, offset, length, position) => {
    if (bytes.subarray(offset, offset + length).every((byte) => byte === 0))
      await new Promise<void>((resolve) => waiting.push(resolve));
    else if (failing > 0) {
      failing -= 1;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return writeAt(fd, bytes, offset, length, position);
  };
  return {
    held: () => waiting.length,
    release: () => waiting.shift()?.(),
    failAppends: (count) => (failing = count),
  };
}

test.serial(
  'an append that would write into a fill in flight waits for it, and no fill starts below what an append writes',
  async (t) => {
    const { plain, preallocated } = await twinStores(t);
    const small = makeTestEvents(2);
    const large = Array.from({ length: 8 }, () => eventOf(1_000));
    const last = makeTestEvents(2);
    await appendAll(plain, [small, large, last], {});

    const fills = holdFills(t);
    const store = await openOk(preallocated, { clock, preallocateBytes: 4_096 });
    await appendOk(store, 's', small);
    // The first fill, of the 4 KiB after the small append, is in flight and held.
    while (fills.held() === 0) await nextTurn();
    let largeDone = false;
    const largeAppend = appendOk(store, 's', large).then(() => (largeDone = true));
    // The large append writes into the held fill's bytes: it must wait for it, so it does not
    // end while the fill is held, however long the loop lets it run.
    for (let turn = 0; turn < 50; turn += 1) await nextTurn();
    t.false(largeDone, 'the append waits for the fill in flight that its bytes reach into');
    // The fill let go starts the next one, held, past the append's bytes: the append needs no
    // more. Were the next one to start below the append's end, it would land after the append
    // once let go below, and zeros would replace acknowledged records.
    fills.release();
    await largeAppend;
    await releasingFills(fills, appendOk(store, 's', last));
    const read = await collect(store.readStream('s'));
    t.is(read.length, small.length + large.length + last.length);
    await releasingFills(fills, store.close());
    t.deepEqual(await readFile(preallocated), await readFile(plain));
  },
);

test.serial(
  'a failed append over the zeros stops the filling and is cut off, the fill in flight past it too',
  async (t) => {
    const { plain, preallocated } = await twinStores(t);
    const first = makeTestEvents(2);
    const failing = makeTestEvents(3);
    const next = makeTestEvents(4);
    await appendAll(plain, [first, next], {});

    const fills = holdFills(t);
    const store = await openOk(preallocated, { clock, preallocateBytes: 4_096 });
    await appendOk(store, 's', first);
    while (fills.held() === 0) await nextTurn();
    fills.failAppends(1);
    const failed = await releasingFills(fills, store.appendToStream('s', failing)());
    t.is(E.isLeft(failed) ? failed.left.code : 'appended', 'IO_ERROR');
    t.is(fills.held(), 0);
    // No fill starts any more: the next append extends the file, and its size fits.
    await appendOk(store, 's', next);
    t.is(fills.held(), 0);
    t.is((await collect(store.readStream('s'))).length, first.length + next.length);
    await store.close();
    t.deepEqual(await readFile(preallocated), await readFile(plain));
  },
);

/** Lets the held fills go, one a turn of the event loop, until `work` has settled. */
async function releasingFills<Value>(
  fills: { release: () => void },
  work: Promise<Value>,
): Promise<Value> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  while (!settled) {
    fills.release();
    await nextTurn();
  }
  return done;
}

test.serial(
  'a reader and verify beside an open writer stop at its zeros: every event, no error, no torn tail',
  async (t) => {
    const { plain } = await twinStores(t);
    const writer = await openOk(plain, { preallocateBytes: 65_536 });
    await appendOk(writer, 's', makeTestEvents(5));
    const bytes = await readFile(plain);
    await sizeOnceOver(plain, recordsEnd(bytes));

    const reader = await openOk(plain, { mode: 'read-only' });
    t.is((await collect(reader.readAll())).length, 5);
    const report = await verifyFileEventStore({ path: plain })();
    t.true(E.isRight(report));
    if (E.isLeft(report)) return;
    t.true(report.right.ok, report.right.problem?.message);
    t.is(report.right.eventCount, 5);
    t.is(report.right.tornTail, undefined);
    t.is(report.right.unusedTail?.offsetBytes, recordsEnd(bytes));
    t.true((report.right.unusedTail?.sizeBytes ?? 0) > 0);
    const ownReport = await writer.verify()();
    t.true(E.isRight(ownReport) && ownReport.right.ok && ownReport.right.eventCount === 5);

    // Each append lands over the zeros, where the reader stopped: it reads on from there.
    for (let round = 1; round <= 4; round += 1) {
      await appendOk(writer, 's', makeTestEvents(round));
      const fresh = await collect(reader.readStream('s', { fromRevision: 5 }));
      t.is(fresh.length, (round * (round + 1)) / 2);
    }
    await reader.close();
    await writer.close();
  },
);

test.serial(
  'the next writer cuts the zeros a crashed writer left at its first append, without a warning, and nothing is lost',
  async (t) => {
    for (const withSavedIndex of [true, false]) {
      const { plain, preallocated } = await twinStores(t);
      const events = makeTestEvents(6);
      const later = makeTestEvents(2);
      await appendAll(plain, [events, later], {});
      await appendAll(preallocated, [events], {});
      // What a writer killed with zeros ahead leaves: the records, then zeros.
      const records = await readFile(preallocated);
      await writeZerosAfter(preallocated, records.length, 10_000);
      if (!withSavedIndex) await removeSavedIndex(preallocated);

      const reopened = await openOk(preallocated, { clock });
      t.is((await collect(reopened.readAll())).length, 6);
      const report = await reopened.verify()();
      t.true(E.isRight(report) && report.right.ok && report.right.tornTail === undefined);
      if (E.isRight(report))
        t.deepEqual(report.right.unusedTail, { offsetBytes: records.length, sizeBytes: 10_000 });
      await appendOk(reopened, 's', later);
      await reopened.close();
      t.deepEqual(await readFile(preallocated), await readFile(plain));
    }
  },
);

test.serial(
  "a writer that closes without appending cuts the zeros a crashed writer left, without a warning, but leaves a torn record before zeros to the next append's report",
  async (t) => {
    const { plain, preallocated } = await twinStores(t);
    const events = makeTestEvents(3);
    await appendAll(plain, [events, makeTestEvents(4)], {});
    await appendAll(preallocated, [events], {});
    const records = await readFile(preallocated);
    await writeZerosAfter(preallocated, records.length, 10_000);
    const warnings: FileStoreWarning[] = [];
    await (await openOk(preallocated, { clock, warnings })).close();
    t.deepEqual(warnings, []);
    t.deepEqual(await readFile(preallocated), records);

    // A torn record before the zeros: close cuts nothing, the next writer reports the tear.
    const tornBytes = (await readFile(plain)).subarray(records.length, records.length + 700);
    await writeBytesAt(preallocated, records.length, tornBytes);
    await writeZerosAfter(preallocated, records.length + 700, 10_000);
    const torn = await readFile(preallocated);
    await (await openOk(preallocated, { clock, warnings })).close();
    t.deepEqual(
      warnings.map((warning) => warning.code),
      ['TORN_TAIL_FOUND'],
    );
    t.deepEqual(await readFile(preallocated), torn);
  },
);

/** Writes `sizeBytes` zeros at `offsetBytes` of the file. */
const writeZerosAfter = (path: string, offsetBytes: number, sizeBytes: number) =>
  writeBytesAt(path, offsetBytes, Buffer.alloc(sizeBytes));

/** Writes `bytes` at `offsetBytes` of the file. */
async function writeBytesAt(path: string, offsetBytes: number, bytes: Buffer) {
  const { open } = await import('node:fs/promises');
  const file = await open(path, 'r+');
  await file.write(bytes, 0, bytes.length, offsetBytes);
  await file.close();
}

async function removeSavedIndex(path: string): Promise<void> {
  const { rm } = await import('node:fs/promises');
  await rm(`${path}.ids`, { force: true });
}

test.serial(
  'a torn record before the zeros is a torn tail: reported, cut with the zeros, nothing acknowledged lost',
  async (t) => {
    const { plain, preallocated } = await twinStores(t);
    const events = makeTestEvents(3);
    const torn = makeTestEvents(4);
    await appendAll(plain, [events, torn], {});
    await appendAll(preallocated, [events], {});
    const acknowledged = (await readFile(preallocated)).length;
    // A write of the second append cut short over the zeros: part of its bytes, then zeros.
    const whole = await readFile(plain);
    const { open } = await import('node:fs/promises');
    const file = await open(preallocated, 'r+');
    await file.write(whole, acknowledged, 700, acknowledged);
    await file.close();
    await writeZerosAfter(preallocated, acknowledged + 700, 5_000);

    const warnings: FileStoreWarning[] = [];
    const reopened = await openOk(preallocated, { clock, warnings });
    t.deepEqual(
      warnings.map((warning) => warning.code),
      ['TORN_TAIL_FOUND'],
    );
    const report = await reopened.verify()();
    t.true(E.isRight(report) && report.right.ok);
    if (E.isRight(report)) {
      t.is(report.right.tornTail?.offsetBytes, acknowledged);
      t.is(report.right.tornTail?.sizeBytes, 700);
      t.deepEqual(report.right.unusedTail, { offsetBytes: acknowledged + 700, sizeBytes: 5_000 });
    }
    await appendOk(reopened, 's', torn);
    await reopened.close();
    t.deepEqual(
      warnings.map((warning) => warning.code),
      ['TORN_TAIL_FOUND', 'TORN_TAIL_REPAIRED'],
    );
    t.deepEqual(await readFile(preallocated), await readFile(plain));
  },
);

test.serial(
  'bytes after the zeros are no preallocation: verify names them, and open refuses the file untouched',
  async (t) => {
    const { plain } = await twinStores(t);
    await appendAll(plain, [makeTestEvents(3)], {});
    const records = (await readFile(plain)).length;
    await writeZerosAfter(plain, records, 4_096);
    const { appendFile } = await import('node:fs/promises');
    await appendFile(plain, 'x');
    const before = await readFile(plain);

    const report = await verifyFileEventStore({ path: plain })();
    t.true(E.isRight(report));
    if (E.isRight(report)) {
      t.false(report.right.ok);
      // Named where the zeros start: read as any other bytes, they are no record's start.
      t.is(report.right.problem?.kind, 'not-a-record-prefix');
      t.is(report.right.problem?.offsetBytes, records);
    }
    const opened = await openFileEventStore({ path: plain, onWarning: () => undefined })();
    t.true(E.isLeft(opened) && opened.left.code === 'STORE_TAMPERED');
    t.deepEqual(await readFile(plain), before);
  },
);

test.serial(
  "a zero byte inside a writer's acknowledged records is damage, not the end of its records",
  async (t) => {
    const { plain } = await twinStores(t);
    const writer = await openOk(plain);
    await appendOk(writer, 's', makeTestEvents(4));
    const bytes = await readFile(plain);
    // Inside the third record, which the writer acknowledged.
    const third = bytes.indexOf(0x0a, bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1) + 1;
    await writeZerosAfter(plain, third + 20, 1);
    const walk = writer.readStream('s')[Symbol.asyncIterator]();
    const read = await walk.next().then(
      () => 'served',
      (error: { code?: string }) => error.code,
    );
    t.is(read, 'STORE_CORRUPTED');
    await writer.close();
  },
);

test.serial(
  'a byte flipped to zero inside the records is damage to a read-only reader too, not the end of the records',
  async (t) => {
    const { plain } = await twinStores(t);
    await appendAll(plain, [makeTestEvents(3), makeTestEvents(3), makeTestEvents(3)], {});
    const bytes = await readFile(plain);
    // Inside the second batch: records follow it within a glance.
    const secondBatch = bytes.indexOf(0x0a, bytes.indexOf('"batchIndex":2') + 1) + 1;
    await writeZerosAfter(plain, secondBatch + 30, 1);
    const reader = await openOk(plain, { mode: 'read-only' });
    const served: number[] = [];
    const read = await (async () => {
      for await (const event of reader.readAll()) served.push(event.globalPosition);
      return 'served';
    })().catch((error: { code?: string }) => error.code);
    t.is(read, 'STORE_CORRUPTED');
    t.deepEqual(served, [0, 1, 2]);
    await reader.close();
  },
);

test.serial(
  'a fill that fails after writing part of its zeros (ENOSPC) costs only the speed-up: later appends are stored and acknowledged, and close leaves the records alone',
  async (t) => {
    const { plain, preallocated } = await twinStores(t);
    const appends = Array.from({ length: 8 }, () => makeTestEvents(3));
    await appendAll(plain, appends, {});
    const { writeAt } = fileSystemSeam;
    t.teardown(() => (fileSystemSeam.writeAt = writeAt));
    let failedFills = 0;
    fileSystemSeam.writeAt = async (fd, bytes, offset, length, position) => {
      const zerosOnly = bytes.subarray(offset, offset + length).every((byte) => byte === 0);
      if (!zerosOnly || failedFills > 0) return writeAt(fd, bytes, offset, length, position);
      failedFills += 1;
      // Part of the zeros reach the file before the disk is full.
      await writeAt(fd, bytes, offset, Math.floor(length / 2), position);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const store = await openOk(preallocated, { clock, preallocateBytes: 64 * 1024 });
    for (const events of appends) {
      const appended = await store.appendToStream('s', events)();
      t.true(E.isRight(appended), E.isLeft(appended) ? appended.left.message : '');
      // Each append's size check runs once its fill (if any) has settled.
      await nextTurn();
    }
    t.is(failedFills, 1);
    await store.close();
    t.deepEqual(await readFile(preallocated), await readFile(plain));
  },
);

test.serial(
  'a block of 4 KiB zeroed inside the records is damage to a read-only reader, not the end of the records',
  async (t) => {
    const { plain } = await twinStores(t);
    await appendAll(plain, [[eventOf(9_000)], [eventOf(9_000)], makeTestEvents(3)], {});
    const bytes = await readFile(plain);
    // A whole block of the first event's record, more than a glance after it: what a disk that
    // lost a block gives.
    const blockStart = 4096 * 1;
    t.true(bytes.indexOf(0x0a, blockStart) > blockStart + 4096, 'inside one record');
    await writeZerosAfter(plain, blockStart, 4096);
    const reader = await openOk(plain, { mode: 'read-only' });
    const read = await collect(reader.readAll()).then(
      (events) => `served ${events.length}`,
      (error: { code?: string }) => error.code,
    );
    t.is(read, 'STORE_CORRUPTED');
    await reader.close();
  },
);

test.serial('preallocateBytes must be a whole number of bytes, at most 1 GiB', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const refusals: [number, string][] = [
    [-1, 'whole-number-at-least-0'],
    [1.5, 'whole-number-at-least-0'],
    [Number.NaN, 'whole-number-at-least-0'],
    [2 ** 30 + 1, 'at-most'],
  ];
  for (const [preallocateBytes, rule] of refusals) {
    const opened = await openFileEventStore({ path, preallocateBytes })();
    t.true(E.isLeft(opened));
    if (E.isLeft(opened)) {
      t.is(opened.left.code, 'VALIDATION_FAILED');
      t.deepEqual(
        opened.left.issues?.map((issue) => [issue.path, issue.rule]),
        [['options.preallocateBytes', rule]],
      );
    }
  }
  await t.throwsAsync(stat(path));
});
