import { existsSync } from 'node:fs';
import { copyFile, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import { checkWriterHead } from './checkWriterHead.js';
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

// A file cut back at the end of a batch is a consistent chain: nothing in the file shows the
// events that are gone. A writer records the head it held when it closes (and at its idle index
// saves) in STORE.head, so verify and a writer's open hold the file to it: a file that no longer
// passes through that head lost events a writer held and is refused, until a person removes the
// head file to accept a restore made on purpose. Verify never writes the head file.

/** A store of three batches of two events each, closed (its head recorded at 6 events). */
async function storeOfSixEvents(path: string) {
  const store = await openOk(path);
  const batches = [makeTestEvents(2), makeTestEvents(2), makeTestEvents(2)];
  for (const events of batches) await appendOk(store, 'stream-0', events);
  await store.close();
  return batches;
}

/** Cuts the store back to the end of its `batchCount`th batch of two events. */
async function cutBackToBatch(path: string, batchCount: number): Promise<void> {
  const ranges = lineRanges(await readFile(path));
  await truncate(path, ranges[batchCount * 2]!.end + 1);
}

test('given a file cut back below the head its writer recorded, verify fails naming the lost events and leaves the head file', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const indexBefore = await fileHash(writerHeadPath(path));
  await cutBackToBatch(path, 2);

  const verified = await verifyFileEventStore({ path })();

  if (E.isLeft(verified)) return t.fail(verified.left.message);
  const report = verified.right;
  t.false(report.ok);
  t.is(report.eventCount, 4);
  t.is(report.problem?.kind, 'acknowledged-events-removed');
  t.is(report.problem?.code, 'STORE_TAMPERED');
  t.is(report.problem?.position, 4);
  t.regex(report.problem!.message, /holds 4 events, fewer than the 6 its writer held/);
  t.true(report.problem!.message.includes(`remove ${writerHeadPath(path)}`));
  t.is(report.derived, undefined, 'the derived files are not put right over a loss');
  t.is(await fileHash(writerHeadPath(path)), indexBefore, 'the evidence is kept');
});

test('given a file cut back below the head its writer recorded, a writer refuses to open it and a reader serves what is left', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const batches = await storeOfSixEvents(path);
  const indexBefore = await fileHash(writerHeadPath(path));
  const fileBefore = await cutBackToBatch(path, 1).then(() => fileHash(path));

  const opened = await openFileEventStore({ path })();

  if (E.isRight(opened)) {
    await opened.right.close();
    return t.fail('a writer opened a file that lost acknowledged events');
  }
  t.is(opened.left.code, 'STORE_TAMPERED');
  t.is(opened.left.details.kind, 'acknowledged-events-removed');
  t.regex(opened.left.message, /holds 2 events, fewer than the 6 its writer held/);
  t.is(await fileHash(writerHeadPath(path)), indexBefore);
  t.is(await fileHash(path), fileBefore);
  const reader = await openOk(path, { mode: 'read-only' });
  const served = await collect(reader.readStream('stream-0'));
  t.deepEqual(
    served.map((event) => event.eventId),
    batches[0]!.map((event) => event.eventId),
  );
  await reader.close();
});

test('given a file cut back and its head file removed on purpose, verify passes and a writer opens it and records its head again', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  await cutBackToBatch(path, 2);

  await rm(writerHeadPath(path));

  const verified = await verifyFileEventStore({ path })();
  t.true(E.isRight(verified) && verified.right.ok && verified.right.eventCount === 4);
  const store = await openOk(path);
  t.is(store.head().eventCount, 4);
  await appendOk(store, 'stream-0', makeTestEvents(1));
  await store.close();
  const again = await verifyFileEventStore({ path })();
  t.true(E.isRight(again) && again.right.ok && again.right.derived?.eventIds === 'ok');
  await cutBackToBatch(path, 2);
  const cutAgain = await verifyFileEventStore({ path })();
  t.true(E.isRight(cutAgain) && cutAgain.right.problem?.kind === 'acknowledged-events-removed');
});

test('given a file cut back and written on, then given back the head file of its first history, verify and a writer name the changed history', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const firstHead = join(directory, 'first.head');
  await copyFile(writerHeadPath(path), firstHead);
  await cutBackToBatch(path, 2);
  await rm(writerHeadPath(path));
  const forked = await openOk(path);
  await appendOk(forked, 'stream-0', makeTestEvents(2));
  await forked.close();

  await copyFile(firstHead, writerHeadPath(path));

  const verified = await verifyFileEventStore({ path })();
  if (E.isLeft(verified)) return t.fail(verified.left.message);
  t.is(verified.right.problem?.kind, 'acknowledged-history-changed');
  t.is(verified.right.problem?.position, 5, 'named at the head the index records');
  t.regex(verified.right.problem!.message, /does not pass through the head its writer held/);
  const opened = await openFileEventStore({ path })();
  t.true(E.isLeft(opened) && opened.left.details.kind === 'acknowledged-history-changed');
  if (E.isRight(opened)) await opened.right.close();
});

test('given an expected head and the index head, verify holds the file to both: the expected one first', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const atTwo = await headAfter(path, 2);
  const atSix = await headAfter(path, 6);
  await cutBackToBatch(path, 2);

  const older = await verifyFileEventStore({ path, expectedHead: atTwo })();
  const wrong = await verifyFileEventStore({
    path,
    expectedHead: { eventCount: 2, hash: atSix.hash },
  })();

  t.true(E.isRight(older) && older.right.problem?.kind === 'acknowledged-events-removed');
  t.true(E.isRight(wrong) && wrong.right.problem?.kind === 'anchor-mismatch');
});

test('given an altered head file, it records no head: a cut-back file verifies and opens', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const bytes = await readFile(writerHeadPath(path));
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
  await writeFile(writerHeadPath(path), bytes);
  await cutBackToBatch(path, 2);

  const verified = await verifyFileEventStore({ path })();

  t.true(E.isRight(verified) && verified.right.ok && verified.right.eventCount === 4);
  const store = await openOk(path);
  t.is(store.head().eventCount, 4);
  await store.close();
});

test('given a file cut under its open writer, the store verifies it against the writer head', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const store = await openOk(path);
  t.teardown(() => store.close().catch(() => undefined));

  await cutBackToBatch(path, 2);
  const verified = await store.verify()();

  if (E.isLeft(verified)) return t.fail(verified.left.message);
  t.is(verified.right.problem?.kind, 'acknowledged-events-removed');
  t.regex(
    verified.right.problem!.message,
    /fewer than the 6 its writer held \(as its open writer holds it\)/,
  );
});

/** The head of the store's first `eventCount` events, by verifying a copy cut back to them. */
async function headAfter(path: string, eventCount: number) {
  const copy = `${path}.copy-${eventCount}`;
  await copyFile(path, copy);
  await truncate(copy, lineRanges(await readFile(copy))[eventCount]!.end + 1);
  const verified = await verifyFileEventStore({ path: copy })();
  await rm(copy);
  if (E.isLeft(verified)) throw verified.left;
  return verified.right.head;
}

test('given a few events appended after a reopen of a bigger store (its index not saved again at close), a cut of them is still refused', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const first = await openOk(path);
  for (let batch = 0; batch < 12; batch += 1) await appendOk(first, 's', makeTestEvents(100));
  await first.close();
  const sizeAt1200 = (await readFile(path)).length;
  const indexAt1200 = await fileHash(writerIndexPath(path));
  const second = await openOk(path);
  await appendOk(second, 's', makeTestEvents(3));
  await second.close();
  t.is(await fileHash(writerIndexPath(path)), indexAt1200, 'the index was not due: 3 × 256 < 1200');

  await truncate(path, sizeAt1200);

  const verified = await verifyFileEventStore({ path })();
  t.true(E.isRight(verified) && verified.right.problem?.kind === 'acknowledged-events-removed');
  const opened = await openFileEventStore({ path })();
  t.true(E.isLeft(opened) && opened.left.details.kind === 'acknowledged-events-removed');
  if (E.isRight(opened)) await opened.right.close();
});

test('given an expected head and the recorded head at the same count, both missed, verify names the expected one', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const atSix = await headAfter(path, 6);
  await cutBackToBatch(path, 2);

  const verified = await verifyFileEventStore({ path, expectedHead: atSix })();

  t.true(E.isRight(verified) && verified.right.problem?.kind === 'truncated');
});

test("given a file cut back below its writer's recorded head, a read-only store's verify() fails as verify does", async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  await cutBackToBatch(path, 2);
  const reader = await openOk(path, { mode: 'read-only' });
  t.teardown(() => reader.close());

  const verified = await reader.verify()();

  if (E.isLeft(verified)) return t.fail(verified.left.message);
  t.is(verified.right.problem?.kind, 'acknowledged-events-removed');
  t.true(verified.right.problem!.message.includes(`as ${writerHeadPath(path)} records it`));
});

test('checkWriterHead passes a store that holds its recorded head and refuses one cut below it, as a writer would, without writing', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  t.deepEqual(await checkWriterHead(path)(), E.right(undefined));
  await cutBackToBatch(path, 2);
  const before = await fileHash(path);

  const checked = await checkWriterHead(path)();

  t.true(E.isLeft(checked) && checked.left.details.kind === 'acknowledged-events-removed');
  t.is(await fileHash(path), before);
  await rm(writerHeadPath(path));
  t.deepEqual(await checkWriterHead(path)(), E.right(undefined));
});

test('a read-only open asked to checkWriterHead refuses a store cut below its recorded head, as a writer would; without it the open reads the cut file', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const checkedOpen = () =>
    openFileEventStore({ path, mode: 'read-only', checkWriterHead: true })();
  const whole = await checkedOpen();
  if (E.isLeft(whole)) return t.fail(whole.left.message);
  t.is((await collect(whole.right.readAll())).length, 6);
  await whole.right.close();
  await cutBackToBatch(path, 2);
  const before = await fileHash(path);

  const refused = await checkedOpen();

  t.true(E.isLeft(refused) && refused.left.details.kind === 'acknowledged-events-removed');
  t.is(await fileHash(path), before);
  const unchecked = await openFileEventStore({ path, mode: 'read-only' })();
  if (E.isLeft(unchecked)) return t.fail(unchecked.left.message);
  t.is((await collect(unchecked.right.readAll())).length, 4);
  await unchecked.right.close();
  const notBoolean = await openFileEventStore({
    path,
    mode: 'read-only',
    checkWriterHead: 'yes' as unknown as boolean,
  })();
  t.true(E.isLeft(notBoolean) && notBoolean.left.issues?.[0]?.path === 'options.checkWriterHead');
});

test('given a store written by one name and cut, it is refused by any name: the head file is kept beside the real file', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const link = join(directory, 'link.jsonl');
  await symlink(path, link);
  const first = await openOk(path);
  await appendOk(first, 's', makeTestEvents(2));
  await first.close();
  const byLink = await openOk(link);
  await appendOk(byLink, 's', makeTestEvents(4));
  await byLink.close();
  t.false(existsSync(writerHeadPath(link)), 'not beside the link');

  await cutBackToBatch(path, 1);

  const opened = await openFileEventStore({ path })();
  t.true(E.isLeft(opened) && opened.left.details.kind === 'acknowledged-events-removed');
  const verified = await verifyFileEventStore({ path: link })();
  if (E.isLeft(verified)) return t.fail(verified.left.message);
  t.is(verified.right.problem?.kind, 'acknowledged-events-removed');
  t.true(verified.right.problem!.message.includes(`remove ${writerHeadPath(path)}`));
  if (E.isRight(opened)) await opened.right.close();
});

test("given another store's head file beside a store (same path, new file), it records nothing for it", async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const otherHead = await readFile(writerHeadPath(path));
  await rm(path);
  await rm(writerIndexPath(path));
  const store = await openOk(path);
  await appendOk(store, 's', makeTestEvents(2));
  await store.close();
  await writeFile(writerHeadPath(path), otherHead);

  const verified = await verifyFileEventStore({ path })();

  t.true(E.isRight(verified) && verified.right.ok && verified.right.eventCount === 2);
  t.deepEqual(await checkWriterHead(path)(), E.right(undefined));
  const reopened = await openOk(path);
  t.is(reopened.head().eventCount, 2);
  await reopened.close();
});
