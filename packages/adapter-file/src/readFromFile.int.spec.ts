import { existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { isLedgerError } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { isIoError } from './error.js';
import { fileSystemSeam } from './fileSystemSeam.js';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { readHeader } from './readHeader.js';
import { loadSeekIndex, seekIndexPath, type SeekEntry } from './seekIndex.js';

// A walk that learnt seek-index entries saves the index for the next reader, but a read does not
// wait for that save (a write and a rename through libuv's thread pool, which a live report's read
// after each append would wait for every 1 024 revisions of a stream); close() does.

test('a read returns before the seek index it learnt is saved, and close saves it', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const writer = await openOk(path);
  for (let batch = 0; batch < 3; batch += 1) await appendOk(writer, 's', makeTestEvents(2));
  await writer.close();
  await rm(seekIndexPath(path));

  const reader = await openOk(path, { mode: 'read-only' });
  t.is((await collect(reader.readStream('s'))).length, 6);
  t.false(existsSync(seekIndexPath(path)), 'the read did not wait for the save');
  await reader.close();
  const file = await open(path, 'r');
  const header = await readHeader(file);
  await file.close();
  if (header._tag === 'Left') return t.fail(header.left.message);
  const saved = await loadSeekIndex(path, reader.storeId, header.right.hash);
  if (typeof saved === 'string') return t.fail(`no seek index after close: ${saved}`);
  t.deepEqual(
    saved.entries.get('s')?.map((entry) => entry.revision),
    [0],
  );
});

test('a read from a seek entry that the store closes under ends with STORE_CLOSED and leaves the seek index as it was', async (t) => {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const writer = await openOk(path);
  for (let batch = 0; batch < 25; batch += 1) await appendOk(writer, 's', makeTestEvents(100));
  await writer.close();
  const savedRevisions = async (): Promise<number[] | string> => {
    const file = await open(path, 'r');
    const header = await readHeader(file);
    await file.close();
    if (header._tag === 'Left') return header.left.message;
    const saved = await loadSeekIndex(path, writer.storeId, header.right.hash);
    return typeof saved === 'string'
      ? saved
      : (saved.entries.get('s') ?? []).map((e) => e.revision);
  };
  t.deepEqual(await savedRevisions(), [0, 1100, 2200]);

  for (const mode of ['read-only', 'read-write'] as const) {
    const store = await openOk(path, { mode });
    // Far into the store: the read starts at the entry of revision 2200.
    const events = store.readAll({ fromPosition: 2400 })[Symbol.asyncIterator]();
    const first = events.next();
    await store.close();
    const error = await t.throwsAsync(first);
    t.true(isLedgerError(error, 'STORE_CLOSED'), String(error));
    // The close is no sign that the entry was wrong: the index is not discarded for it.
    t.deepEqual(await savedRevisions(), [0, 1100, 2200], mode);
  }
});

/** What Node throws for a read the disk fails. */
const eio = Object.assign(new Error('EIO: i/o error, read'), {
  code: 'EIO',
  errno: -5,
  syscall: 'read',
});

/** The seek index saved beside the store at `path`: each stream's entries, or why there is none. */
async function savedEntries(
  path: string,
  storeId: string,
): Promise<Map<string, SeekEntry[]> | string> {
  const file = await open(path, 'r');
  const header = await readHeader(file);
  await file.close();
  if (header._tag === 'Left') return header.left.message;
  const saved = await loadSeekIndex(path, storeId, header.right.hash);
  return typeof saved === 'string' ? saved : saved.entries;
}

test.serial(
  'a read from a seek entry that fails to read the file (EIO) before it lands throws the failure and leaves the seek index as it was',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    const writer = await openOk(path);
    for (const stream of ['s', 't'])
      for (let batch = 0; batch < 25; batch += 1)
        await appendOk(writer, stream, makeTestEvents(100));
    await writer.close();
    const revisions = async () => {
      const entries = await savedEntries(path, writer.storeId);
      return typeof entries === 'string'
        ? entries
        : [...entries].map(([stream, each]) => [stream, each.map((entry) => entry.revision)]);
    };
    const everyEntry = [
      ['s', [0, 1100, 2200]],
      ['t', [0, 1100, 2200]],
    ];
    t.deepEqual(await revisions(), everyEntry);
    const entries = await savedEntries(path, writer.storeId);
    if (typeof entries === 'string') return t.fail(entries);
    // The first read of the walk from t's entry of revision 2200.
    const entryOffset = entries.get('t')![2]!.offsetBytes;
    const { readAt } = fileSystemSeam;
    t.teardown(() => (fileSystemSeam.readAt = readAt));

    for (const mode of ['read-only', 'read-write'] as const) {
      const store = await openOk(path, { mode });
      let failed = 0;
      fileSystemSeam.readAt = (file, chunk, wanted, offset, syncReadBytesMax) => {
        if (offset !== entryOffset || failed > 0)
          return readAt(file, chunk, wanted, offset, syncReadBytesMax);
        failed += 1;
        throw eio;
      };
      const thrown = await t.throwsAsync(collect(store.readStream('t', { fromRevision: 2400 })));
      t.true(isIoError(thrown), `${mode}: the read's failure, not a read from the first record`);
      t.like(thrown, { details: { path, errno: 'EIO' }, cause: eio }, mode);
      t.is(failed, 1);
      fileSystemSeam.readAt = readAt;
      t.is((await collect(store.readStream('t', { fromRevision: 2400 }))).length, 100);
      await store.close();
      // An I/O failure is no sign that the entry was wrong: no stream's entries are discarded.
      t.deepEqual(await revisions(), everyEntry, mode);
    }
  },
);

test.serial(
  'a read that fails to read the file (EIO) throws IO_ERROR naming the path and the errno, as the EventStore contract says read failures are thrown',
  async (t) => {
    const path = join(await temporaryDirectory(t), 'store.jsonl');
    const writer = await openOk(path);
    await appendOk(writer, 's', makeTestEvents(3));
    await writer.close();
    const { readAt } = fileSystemSeam;
    t.teardown(() => (fileSystemSeam.readAt = readAt));
    for (const mode of ['read-only', 'read-write'] as const) {
      const store = await openOk(path, { mode });
      fileSystemSeam.readAt = () => {
        throw eio;
      };
      for (const read of [collect(store.readStream('s')), collect(store.readAll())]) {
        const thrown = await t.throwsAsync(read);
        t.true(isIoError(thrown), `${mode}: ${String(thrown)}`);
        t.like(thrown, { details: { path, errno: 'EIO' }, cause: eio }, mode);
      }
      fileSystemSeam.readAt = readAt;
      t.is((await collect(store.readStream('s'))).length, 3, `${mode}: the next read reads`);
      await store.close();
    }
  },
);
