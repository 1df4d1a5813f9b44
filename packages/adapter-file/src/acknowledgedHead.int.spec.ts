import { copyFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import {
  appendOk,
  collect,
  fileHash,
  lineRanges,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { verifyFileEventStore } from './verify.js';
import { writerIndexPath } from './writerIndexFile.js';

// A file cut back at the end of a batch is a consistent chain: nothing in the file shows the
// events that are gone. The writer's saved index (STORE.ids) records the head it acknowledged, so
// verify and a writer's open hold the file to it: a file that no longer passes through that head
// lost acknowledged events and is refused, the index kept as the evidence, until a person removes
// the index to accept a restore made on purpose.

/** A store of three batches of two events each, closed (its index saved at 6 events). */
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

test('given a file cut back below the head its saved index records, verify fails naming the lost events and keeps the index', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const indexBefore = await fileHash(writerIndexPath(path));
  await cutBackToBatch(path, 2);

  const verified = await verifyFileEventStore({ path })();

  if (E.isLeft(verified)) return t.fail(verified.left.message);
  const report = verified.right;
  t.false(report.ok);
  t.is(report.eventCount, 4);
  t.is(report.problem?.kind, 'acknowledged-events-removed');
  t.is(report.problem?.code, 'STORE_TAMPERED');
  t.is(report.problem?.position, 4);
  t.regex(report.problem!.message, /holds 4 events, fewer than the 6 its writer acknowledged/);
  t.true(report.problem!.message.includes(`remove ${writerIndexPath(path)}`));
  t.is(report.derived, undefined, 'the derived files are not put right over a loss');
  t.is(await fileHash(writerIndexPath(path)), indexBefore, 'the evidence is kept');
});

test('given a file cut back below the head its saved index records, a writer refuses to open it and a reader serves what is left', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const batches = await storeOfSixEvents(path);
  const indexBefore = await fileHash(writerIndexPath(path));
  const fileBefore = await cutBackToBatch(path, 1).then(() => fileHash(path));

  const opened = await openFileEventStore({ path })();

  if (E.isRight(opened)) {
    await opened.right.close();
    return t.fail('a writer opened a file that lost acknowledged events');
  }
  t.is(opened.left.code, 'STORE_TAMPERED');
  t.is(opened.left.details.kind, 'acknowledged-events-removed');
  t.regex(opened.left.message, /holds 2 events, fewer than the 6 its writer acknowledged/);
  t.is(await fileHash(writerIndexPath(path)), indexBefore);
  t.is(await fileHash(path), fileBefore);
  const reader = await openOk(path, { mode: 'read-only' });
  const served = await collect(reader.readStream('stream-0'));
  t.deepEqual(
    served.map((event) => event.eventId),
    batches[0]!.map((event) => event.eventId),
  );
  await reader.close();
});

test('given a file cut back and its saved index removed on purpose, verify passes and a writer opens it and indexes it again', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  await cutBackToBatch(path, 2);

  await rm(writerIndexPath(path));

  const verified = await verifyFileEventStore({ path })();
  t.true(E.isRight(verified) && verified.right.ok && verified.right.eventCount === 4);
  const store = await openOk(path);
  t.is(store.head().eventCount, 4);
  await appendOk(store, 'stream-0', makeTestEvents(1));
  await store.close();
  const again = await verifyFileEventStore({ path })();
  t.true(E.isRight(again) && again.right.ok && again.right.derived?.eventIds === 'ok');
});

test('given a file cut back and written on, then given back the index of its first history, verify and a writer name the changed history', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const firstIndex = join(directory, 'first.ids');
  await copyFile(writerIndexPath(path), firstIndex);
  await cutBackToBatch(path, 2);
  await rm(writerIndexPath(path));
  const forked = await openOk(path);
  await appendOk(forked, 'stream-0', makeTestEvents(2));
  await forked.close();

  await copyFile(firstIndex, writerIndexPath(path));

  const verified = await verifyFileEventStore({ path })();
  if (E.isLeft(verified)) return t.fail(verified.left.message);
  t.is(verified.right.problem?.kind, 'acknowledged-history-changed');
  t.is(verified.right.problem?.position, 5, 'named at the head the index records');
  t.regex(
    verified.right.problem!.message,
    /does not pass through the head its writer acknowledged/,
  );
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

test('given an altered saved index, it records no head: a cut-back file verifies and opens as before', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await storeOfSixEvents(path);
  const bytes = await readFile(writerIndexPath(path));
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
  await writeFile(writerIndexPath(path), bytes);
  await cutBackToBatch(path, 2);

  const verified = await verifyFileEventStore({ path })();

  t.true(E.isRight(verified) && verified.right.ok && verified.right.derived?.eventIds === 'wrong');
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
    /fewer than the 6 its writer acknowledged \(as its open writer knows it\)/,
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
