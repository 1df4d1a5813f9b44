import { copyFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type { NewEvent } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import {
  appendOk,
  collect,
  lineRanges,
  openOk,
  savedWriterIndexOf,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { sealLine } from './hashChain.js';
import { verifyFileEventStore } from './verify.js';
import { writerHeadPath } from './writerHeadFile.js';
import { encodeWriterIndex, writerIndexPath } from './writerIndexFile.js';

// Opening for writing trusts the writer index saved beside the store (STORE.ids) only after
// checking it, reads only the records after its head, and ends with the same writer as a scan of
// the whole file; an index that is altered, stale or of another file is rebuilt, never trusted.

interface Appended {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

/** Appends the batches, closing and reopening the store where `reopen` says. */
async function writeStore(
  path: string,
  batches: readonly { streamIndex: number; size: number; reopen: boolean }[],
): Promise<Appended[]> {
  const appended: Appended[] = [];
  let store = await openOk(path);
  for (const { streamIndex, size, reopen } of batches) {
    const streamId = `stream-${streamIndex}`;
    const events = makeTestEvents(size);
    await appendOk(store, streamId, events);
    appended.push({ streamId, events });
    if (reopen) {
      await store.close();
      store = await openOk(path);
    }
  }
  await store.close();
  return appended;
}

/** The writer index a scan of the whole file builds: open without one, close. */
async function rebuiltIndex(t: ExecutionContext, path: string): Promise<Buffer> {
  const directory = await temporaryDirectory(t);
  const copy = join(directory, 'copy.jsonl');
  await copyFile(path, copy);
  const store = await openOk(copy);
  await store.close();
  return readFile(writerIndexPath(copy));
}

test('property: the writer index saved by appends and reopenings is byte for byte the one a scan of the whole file builds, and a writer opened from it behaves as one opened by a scan', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          streamIndex: fc.integer({ min: 0, max: 2 }),
          size: fc.integer({ min: 1, max: 4 }),
          reopen: fc.boolean(),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      fc.nat(),
      async (batches, pick) => {
        const directory = await temporaryDirectory(t);
        const path = join(directory, 'store.jsonl');
        const appended = await writeStore(path, batches);
        const saved = await readFile(writerIndexPath(path));
        t.true(saved.equals(await rebuiltIndex(t, path)), 'the same bytes as a scan builds');
        const verified = await verifyFileEventStore({ path })();
        t.true(E.isRight(verified) && verified.right.derived?.eventIds === 'ok');

        // From the index: a retry of any earlier batch is already stored, a reused id with other
        // content is a conflict, and the head is the file's.
        const store = await openOk(path);
        const earlier = appended[pick % appended.length]!;
        const retry = await appendOk(store, earlier.streamId, earlier.events);
        t.true(retry.alreadyStored);
        const reused = await store.appendToStream(earlier.streamId, [
          { ...makeTestEvents(1)[0]!, eventId: earlier.events[0]!.eventId },
        ])();
        t.true(E.isLeft(reused) && reused.left.code === 'EVENT_ID_CONFLICT');
        const total = appended.reduce((sum, batch) => sum + batch.events.length, 0);
        t.is(store.head().eventCount, total);
        t.is((await collect(store.readAll())).length, total);
        await store.close();
      },
    ),
    { numRuns: 12 },
  );
});

test('with a sound index, opening for writing reads only the records after its head; verify still checks every record', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  await writeStore(path, [
    { streamIndex: 0, size: 3, reopen: false },
    { streamIndex: 1, size: 2, reopen: false },
  ]);
  // A record before the index's head rewritten with a new checksum, same length: opening trusts
  // the index for it (that is what makes opening cheap); verify walks the chain and finds it.
  const bytes = await readFile(path);
  const second = lineRanges(bytes)[2]!;
  const line = bytes.subarray(second.start, second.end).toString('utf8');
  const record = JSON.parse(line) as Record<string, unknown>;
  delete record['hash'];
  record['type'] = String(record['type']).replace('Test', 'Tset');
  const forged = sealLine(JSON.stringify(record)).bytes;
  t.is(forged.length, second.end - second.start + 1);
  await writeFile(
    path,
    Buffer.concat([bytes.subarray(0, second.start), forged, bytes.subarray(second.end + 1)]),
  );
  const store = await openOk(path);
  t.is(store.head().eventCount, 5);
  await store.close();
  const verified = await verifyFileEventStore({ path })();
  t.true(E.isRight(verified) && !verified.right.ok);
  if (E.isRight(verified)) t.is(verified.right.problem?.lineNumber, 4);
  // Without the index, opening for writing scans and refuses the file.
  await rm(writerIndexPath(path));
  const scanned = await openFileEventStore({ path, onWarning: () => undefined })();
  t.true(E.isLeft(scanned) && scanned.left.code === 'STORE_TAMPERED');
});

test('an altered, forged, stale or outrun writer index is not trusted: the file is read and the index rebuilt', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const appended = await writeStore(path, [
    { streamIndex: 0, size: 2, reopen: true },
    { streamIndex: 1, size: 3, reopen: false },
    { streamIndex: 0, size: 1, reopen: false },
  ]);
  const clean = await readFile(writerIndexPath(path));
  const reopen = async () => {
    const store = await openOk(path);
    const head = store.head();
    await store.close();
    return head;
  };

  // One flipped byte among the entries: the digest fails, the file is scanned, the index rebuilt.
  const flipped = Buffer.from(clean);
  flipped[flipped.length - 40] = flipped[flipped.length - 40]! ^ 0x01;
  await writeFile(writerIndexPath(path), flipped);
  t.is((await reopen()).eventCount, 6);
  t.deepEqual(await readFile(writerIndexPath(path)), clean);

  // Forged with good digests, but naming a head the file does not have.
  const index = await savedWriterIndexOf(path);
  await writeFile(
    writerIndexPath(path),
    encodeWriterIndex({ ...index, head: { ...index.head, lastHash: '0'.repeat(64) } }),
  );
  t.is((await reopen()).eventCount, 6);
  t.deepEqual(await readFile(writerIndexPath(path)), clean);

  // Forged with good digests, an event's entry moved to another record: a retry of that event
  // reads the record the index names, finds another event, refuses, and removes the index.
  const moved = Buffer.from(index.entries);
  moved.writeUIntBE(index.head.lastRecordOffsetBytes, 16 + 0 * 32, 6);
  moved.writeUIntBE(index.head.lastRecordOffsetBytes, 16 + 1 * 32, 6);
  moved.writeUIntBE(index.head.lastRecordOffsetBytes, 16 + 2 * 32, 6);
  moved.writeUIntBE(index.head.lastRecordOffsetBytes, 16 + 3 * 32, 6);
  moved.writeUIntBE(index.head.lastRecordOffsetBytes, 16 + 4 * 32, 6);
  moved.writeUIntBE(index.head.lastRecordOffsetBytes, 16 + 5 * 32, 6);
  await writeFile(writerIndexPath(path), encodeWriterIndex({ ...index, entries: moved }));
  const store = await openOk(path);
  const retried = await store.appendToStream(appended[1]!.streamId, appended[1]!.events)();
  t.true(E.isLeft(retried) && retried.left.code === 'STORE_CORRUPTED', 'never trusted');
  await store.close();
  const rebuilt = await openOk(path);
  t.true((await appendOk(rebuilt, appended[1]!.streamId, appended[1]!.events)).alreadyStored);
  await rebuilt.close();

  // Stale: an index saved before the last batches; they are read from the file and indexed.
  const older = join(directory, 'older.ids');
  await copyFile(writerIndexPath(path), older);
  const growing = await openOk(path);
  const later = makeTestEvents(2);
  await appendOk(growing, 'stream-2', later);
  await growing.close();
  await copyFile(older, writerIndexPath(path));
  const fromStale = await openOk(path);
  t.is(fromStale.head().eventCount, 8);
  t.true((await appendOk(fromStale, 'stream-2', later)).alreadyStored);
  await fromStale.close();

  // Outrun: the file cut back by its last batch; the index names a head past the end. The head
  // file, which records that head too, is removed, as by a person accepting the cut (without that
  // the open is refused: acknowledgedHead.int.spec.ts).
  const bytes = await readFile(path);
  const ranges = lineRanges(bytes);
  await truncate(path, ranges[ranges.length - 2]!.start);
  await rm(writerHeadPath(path));
  t.is((await reopen()).eventCount, 6);
  const verified = await verifyFileEventStore({ path })();
  t.true(E.isRight(verified) && verified.right.derived?.eventIds === 'ok');
});

test('the event-id index finds events by id: their revisions through the checkpoint storage, and nothing for an id the stream does not have', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const appended = await writeStore(path, [
    { streamIndex: 0, size: 3, reopen: true },
    { streamIndex: 1, size: 2, reopen: false },
    { streamIndex: 0, size: 2, reopen: true },
    { streamIndex: 0, size: 1, reopen: false },
  ]);
  const store = await openOk(path);
  const revisionOf = (streamId: string, eventId: string) =>
    store.checkpoints.revisionOfEvent!(streamId, eventId);
  t.is(await revisionOf('stream-0', appended[0]!.events[1]!.eventId), 1);
  t.is(await revisionOf('stream-0', appended[2]!.events[1]!.eventId), 4);
  t.is(await revisionOf('stream-0', appended[3]!.events[0]!.eventId), 5);
  t.is(await revisionOf('stream-1', appended[1]!.events[1]!.eventId), 1);
  t.is(await revisionOf('stream-1', appended[0]!.events[0]!.eventId), undefined);
  t.is(await revisionOf('stream-9', appended[0]!.events[0]!.eventId), undefined);
  await appendOk(store, 'stream-1', makeTestEvents(1));
  const appendedNow = makeTestEvents(1);
  await appendOk(store, 'stream-1', appendedNow);
  t.is(await revisionOf('stream-1', appendedNow[0]!.eventId), 3);
  await store.close();
});
