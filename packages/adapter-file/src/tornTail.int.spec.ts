import { readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { isLedgerError } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import type { FileStoreWarning } from './lock.js';
import {
  appendOk,
  collect,
  fileHash,
  lineRanges,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { verifyFileEventStore } from './verify.js';
import { writerHeadPath } from './writerHeadFile.js';
import { writerIndexPath } from './writerIndexFile.js';

interface Fixture {
  readonly path: string;
  readonly bytes: Buffer;
  /** File size before the last append. */
  readonly committedBytes: number;
  readonly earlierIds: readonly string[];
  readonly lastBatchIds: readonly string[];
}

/** A store whose last append is a batch of `lastBatchSize` events to stream `c`. */
async function makeFixture(t: ExecutionContext, lastBatchSize: number): Promise<Fixture> {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const store = await openOk(path);
  const earlier = [...makeTestEvents(2), ...makeTestEvents(1)];
  await appendOk(store, 'a', earlier.slice(0, 2), 'no_stream');
  await appendOk(store, 'b', earlier.slice(2), 'no_stream');
  await store.close();
  const committedBytes = (await stat(path)).size;
  // A torn append was never acknowledged, so no head its writer recorded counts it: the head file
  // and the index saved before it are put back after the last append, as a crash during that
  // append leaves them.
  const headBeforeLast = await readFile(writerHeadPath(path));
  const indexBeforeLast = await readFile(writerIndexPath(path));
  const writer = await openOk(path);
  const last = makeTestEvents(lastBatchSize);
  await appendOk(writer, 'c', last, 'no_stream');
  await writer.close();
  await writeFile(writerHeadPath(path), headBeforeLast);
  await writeFile(writerIndexPath(path), indexBeforeLast);
  return {
    path,
    bytes: await readFile(path),
    committedBytes,
    earlierIds: earlier.map((event) => event.eventId),
    lastBatchIds: last.map((event) => event.eventId),
  };
}

const ids = async (iterable: AsyncIterable<{ eventId: string }>): Promise<string[]> =>
  (await collect(iterable as never)).map((event) => event.eventId);

test('a record cut in the middle is never served, and the next append cuts it off with a warning', async (t) => {
  const fixture = await makeFixture(t, 1);
  const cut =
    fixture.committedBytes + Math.floor((fixture.bytes.length - fixture.committedBytes) / 2);
  await truncate(fixture.path, cut);
  const before = await fileHash(fixture.path);

  const warnings: FileStoreWarning[] = [];
  const store = await openOk(fixture.path, { warnings });
  t.deepEqual(
    warnings.map((warning) => warning.code),
    ['TORN_TAIL_FOUND'],
  );
  t.deepEqual(await ids(store.readAll()), fixture.earlierIds);
  t.deepEqual(await ids(store.readStream('c')), []);
  const verified = await store.verify()();
  t.true(E.isRight(verified) && verified.right.ok);
  t.is(
    E.isRight(verified) ? verified.right.tornTail?.sizeBytes : undefined,
    cut - fixture.committedBytes,
  );
  t.is(await fileHash(fixture.path), before, 'open, reads and verify write nothing');

  const next = makeTestEvents(1);
  // The torn event never existed: stream c does not exist yet.
  t.deepEqual(await appendOk(store, 'c', next, 'no_stream'), {
    nextExpectedRevision: 0,
    alreadyStored: false,
  });
  t.deepEqual(
    warnings.map((warning) => warning.code),
    ['TORN_TAIL_FOUND', 'TORN_TAIL_REPAIRED'],
  );
  t.is(warnings[1]!.details['sizeBytes'], cut - fixture.committedBytes);
  t.is(warnings[1]!.details['partialLineBytes'], cut - fixture.committedBytes);
  t.regex(warnings[1]!.message, new RegExp(`cut off ${cut - fixture.committedBytes} bytes`));
  await store.close();

  const reopened = await openOk(fixture.path);
  t.deepEqual(await ids(reopened.readAll()), [...fixture.earlierIds, next[0]!.eventId]);
  const report = await reopened.verify()();
  t.true(E.isRight(report) && report.right.ok && report.right.tornTail === undefined);
  await reopened.close();
  t.deepEqual(
    (await readFile(fixture.path)).subarray(0, fixture.committedBytes),
    fixture.bytes.subarray(0, fixture.committedBytes),
    'every earlier byte is intact',
  );
});

test('a batch cut anywhere is served whole or not at all, and verify names what is torn', async (t) => {
  const batchSize = 5;
  const fixture = await makeFixture(t, batchSize);
  const ends = lineRanges(fixture.bytes)
    .map(({ end }) => end + 1)
    .filter((end) => end > fixture.committedBytes);
  t.is(ends.length, batchSize);
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'cut.jsonl');
  let cuts = 0;
  for (
    let cut = fixture.committedBytes;
    cut <= fixture.bytes.length;
    cut += cut + 3 < fixture.bytes.length ? 3 : 1
  ) {
    await writeFile(path, fixture.bytes.subarray(0, cut));
    const before = await fileHash(path);
    const reader = await openOk(path, { mode: 'read-only' });
    const served = await ids(reader.readAll());
    if (cut === fixture.bytes.length) {
      t.deepEqual(served, [...fixture.earlierIds, ...fixture.lastBatchIds]);
    } else {
      t.deepEqual(served, fixture.earlierIds, `cut at ${cut}`);
      t.deepEqual(await ids(reader.readStream('c')), []);
    }
    const report = await verifyFileEventStore({ path })();
    if (E.isLeft(report)) throw report.left;
    t.true(report.right.ok, `cut at ${cut}: ${report.right.problem?.message}`);
    const completeRecords = ends.filter((end) => end <= cut).length;
    if (cut === fixture.committedBytes || cut === fixture.bytes.length) {
      t.is(report.right.tornTail, undefined);
    } else {
      t.is(report.right.tornTail?.offsetBytes, fixture.committedBytes);
      t.is(report.right.tornTail?.sizeBytes, cut - fixture.committedBytes);
      if (completeRecords === 0) t.is(report.right.tornTail?.incompleteBatch, undefined);
      else
        t.deepEqual(report.right.tornTail?.incompleteBatch, {
          streamId: 'c',
          firstPosition: 3,
          firstEventId: fixture.lastBatchIds[0],
          recordCount: completeRecords,
          batchSize,
        });
    }
    await reader.close();
    t.is(await fileHash(path), before, 'a reader writes nothing');
    cuts += 1;
  }
  t.true(cuts > 100);
  t.log(`${cuts} cuts of a batch of ${batchSize}, each served whole or not at all`);
});

test('repair cuts off an incomplete batch at a line boundary, and says which batch', async (t) => {
  const fixture = await makeFixture(t, 5);
  const secondRecordEnd = lineRanges(fixture.bytes)
    .map(({ end }) => end + 1)
    .filter((end) => end > fixture.committedBytes)[1]!;
  await truncate(fixture.path, secondRecordEnd);
  const warnings: FileStoreWarning[] = [];
  const store = await openOk(fixture.path, { warnings });
  const repaired = await store.repair()();
  if (E.isLeft(repaired)) throw repaired.left;
  t.deepEqual(repaired.right.dropped?.incompleteBatch, {
    streamId: 'c',
    firstPosition: 3,
    firstEventId: fixture.lastBatchIds[0],
    recordCount: 2,
    batchSize: 5,
  });
  t.is(repaired.right.dropped?.partialLineBytes, 0);
  t.deepEqual(
    warnings.map((warning) => warning.code),
    ['TORN_TAIL_FOUND', 'TORN_TAIL_REPAIRED'],
  );
  t.regex(warnings[1]!.message, /2 of 5 records of a batch to c/);
  t.is((await stat(fixture.path)).size, fixture.committedBytes);
  t.deepEqual(await readFile(fixture.path), fixture.bytes.subarray(0, fixture.committedBytes));
  const again = await store.repair()();
  t.deepEqual(again, E.right({}), 'a second repair has nothing to do');
  t.is((await appendOk(store, 'a', makeTestEvents(1), 1)).nextExpectedRevision, 2);
  await store.close();
});

test('a whole last record without its newline is torn (never acknowledged) and is not served', async (t) => {
  const fixture = await makeFixture(t, 1);
  await truncate(fixture.path, fixture.bytes.length - 1);
  const warnings: FileStoreWarning[] = [];
  const store = await openOk(fixture.path, { warnings });
  t.deepEqual(await ids(store.readAll()), fixture.earlierIds);
  t.is(warnings[0]?.code, 'TORN_TAIL_FOUND');
  await store.close();
});

test('a read-only store serves what is complete and refuses to append or repair', async (t) => {
  const fixture = await makeFixture(t, 3);
  await truncate(fixture.path, fixture.bytes.length - 10);
  const before = await fileHash(fixture.path);
  const reader = await openOk(fixture.path, { mode: 'read-only' });
  t.deepEqual(await ids(reader.readAll()), fixture.earlierIds);
  const appended = await reader.appendToStream('a', makeTestEvents(1))();
  t.true(E.isLeft(appended) && appended.left.code === 'ACCESS_DENIED');
  const repaired = await reader.repair()();
  t.true(E.isLeft(repaired) && repaired.left.code === 'ACCESS_DENIED');
  await reader.close();
  t.is(await fileHash(fixture.path), before);
});

test('damage in the middle of the file is an error naming its place, never skipped', async (t) => {
  const fixture = await makeFixture(t, 2);
  const ranges = lineRanges(fixture.bytes);
  const fourth = ranges[3]!;
  const damaged = Buffer.concat([
    fixture.bytes.subarray(0, fourth.start),
    Buffer.from('not a record\n'),
    fixture.bytes.subarray(fourth.end + 1),
  ]);
  await writeFile(fixture.path, damaged);

  const opened = await (
    await import('./adapter.js')
  ).openFileEventStore({ path: fixture.path, onWarning: () => undefined })();
  t.true(E.isLeft(opened));
  if (E.isLeft(opened)) {
    t.is(opened.left.code, 'STORE_CORRUPTED');
    t.is(opened.left.details['lineNumber'], 4);
    t.is(opened.left.details['offsetBytes'], fourth.start);
  }
  // A reader gets the events before the damage, then the error: it never skips to the events after
  // it.
  const reader = await openOk(fixture.path, { mode: 'read-only' });
  const served: string[] = [];
  const error = await t.throwsAsync(async () => {
    for await (const event of reader.readAll()) served.push(event.eventId);
  });
  t.true(isLedgerError(error, 'STORE_CORRUPTED'));
  t.is(
    (error as unknown as { details: Record<string, unknown> } | undefined)?.details['lineNumber'],
    4,
  );
  t.deepEqual(served, fixture.earlierIds.slice(0, 2));
  await reader.close();
});
