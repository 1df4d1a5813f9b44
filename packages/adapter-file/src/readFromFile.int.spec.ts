import { existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { isLedgerError } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { readHeader } from './readHeader.js';
import { loadSeekIndex, seekIndexPath } from './seekIndex.js';

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
