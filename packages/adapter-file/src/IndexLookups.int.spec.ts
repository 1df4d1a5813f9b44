import { copyFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { findStoredEvent, getStagedEventStore } from '@finsam-ledger/core/store';
import type { FileEventStore } from './adapter.js';
import {
  appendOk,
  collect,
  lineRanges,
  openOk,
  savedWriterIndexOf,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import { eventIdEntryBytes } from './eventIdIndex.js';
import { writerHeadPath } from './writerHeadFile.js';
import { encodeWriterIndex, writerIndexPath, type SavedWriterIndex } from './writerIndexFile.js';

// A reader answers an event's revision by id, and a stream's length, from the index the writer
// saved beside the store (STORE.ids) when that index holds: what lets a dry run look up many ids
// one by one and find a stream's end in two reads. Events appended after the index's head are
// found in the records after it; an index that does not hold is never used.

/**
 * A store whose saved index is older than its file: streams 0 and 1 (3 and 2 events) as of the
 * index, then 2 more events of stream 1 and 1 of stream 2 appended after it was saved.
 */
async function storeWithOlderIndex(t: Parameters<typeof temporaryDirectory>[0]) {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const writer = await openOk(path);
  const zero = makeTestEvents(3);
  const one = makeTestEvents(2);
  await appendOk(writer, 'stream-0', zero);
  await appendOk(writer, 'stream-1', one);
  await writer.close();
  const older = join(directory, 'older.ids');
  await copyFile(writerIndexPath(path), older);
  const growing = await openOk(path);
  const oneLater = makeTestEvents(2);
  const two = makeTestEvents(1);
  await appendOk(growing, 'stream-1', oneLater);
  await appendOk(growing, 'stream-2', two);
  await growing.close();
  await copyFile(older, writerIndexPath(path));
  return { path, zero, one, oneLater, two };
}

const lookups = (store: FileEventStore) => ({
  revisionOf: (streamId: string, eventId: string) =>
    store.checkpoints.revisionOfEvent!(streamId, eventId),
  indexed: () => store.checkpoints.eventIdsIndexed!(),
  lengthOf: (streamId: string) => store.checkpoints.streamLengthHint!(streamId),
});

test("a reader finds ids through the writer's saved index, and those appended after its head in the records after it", async (t) => {
  const { path, zero, one, oneLater, two } = await storeWithOlderIndex(t);
  const reader = await openOk(path, { mode: 'read-only' });
  const { revisionOf, indexed, lengthOf } = lookups(reader);
  t.true(await indexed());
  t.is(await revisionOf('stream-0', zero[2]!.eventId), 2);
  t.is(await revisionOf('stream-1', one[0]!.eventId), 0);
  t.is(await revisionOf('stream-1', oneLater[1]!.eventId), 3, 'after the head');
  t.is(await revisionOf('stream-2', two[0]!.eventId), 0, 'a stream begun after the head');
  t.is(await revisionOf('stream-0', one[0]!.eventId), undefined, "another stream's id");
  t.is(await revisionOf('stream-1', makeTestEvents(1)[0]!.eventId), undefined);
  // Lengths as of the index's head: a hint, behind the file for stream 1, unknown for stream 2.
  t.is(await lengthOf('stream-0'), 3);
  t.is(await lengthOf('stream-1'), 2);
  t.is(await lengthOf('stream-2'), undefined);
  await reader.close();
});

test('a reader answers from the saved index, as a writer does: an id the index lacks before its head is not searched for there', async (t) => {
  const { path, zero } = await storeWithOlderIndex(t);
  // Good digests, one entry fewer: the index says nothing of one event before its head. A reader
  // that searched the whole file would still find it; one that answers from the index does not.
  const saved = await savedWriterIndexOf(path);
  const reader = await openOk(path, { mode: 'read-only' });
  const revisionOf = lookups(reader).revisionOf;
  t.is(await revisionOf('stream-0', zero[1]!.eventId), 1, 'with the whole index');
  await reader.close();
  const entries = saved.entries;
  for (let at = 0; at < entries.length; at += eventIdEntryBytes) {
    const fewer = Buffer.concat([
      entries.subarray(0, at),
      entries.subarray(at + eventIdEntryBytes),
    ]);
    await writeFile(writerIndexPath(path), encodeWriterIndex({ ...saved, entries: fewer }));
    const partial = await openOk(path, { mode: 'read-only' });
    const found = await Promise.all(
      zero.map((event) => lookups(partial).revisionOf('stream-0', event.eventId)),
    );
    await partial.close();
    if (found.includes(undefined)) {
      t.is(found.filter((revision) => revision === undefined).length, 1);
      return;
    }
  }
  t.fail('no entry of stream 0 was left out');
});

test('a reader whose file was cut back below the saved head and written on finds the events written since, and loads the index saved since', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const first = await openOk(path);
  for (let batch = 0; batch < 10; batch += 1) await appendOk(first, 's', makeTestEvents(1));
  await first.close();
  const reader = await openOk(path, { mode: 'read-only' });
  t.true(await reader.checkpoints.eventIdsIndexed!(), 'the index of 10 events is loaded');
  // Revisions 0 to 5 kept, then 8 other events: the index's head is gone from the file.
  await truncate(path, lineRanges(await readFile(path))[6]!.end + 1);
  // A writer refuses the cut file while its head file records the head it lost: removed, as a
  // person accepting the cut would.
  await rm(writerHeadPath(path));
  const writer = await openOk(path);
  const forked = makeTestEvents(8);
  await appendOk(writer, 's', forked);
  await writer.close();
  const read = await collect(reader.readStream('s'));
  t.is(read.find((event) => event.eventId === forked[1]!.eventId)?.streamRevision, 7);
  t.is(await reader.checkpoints.revisionOfEvent!('s', forked[1]!.eventId), 7);
  t.is((await findStoredEvent(reader, 's', forked[7]!.eventId))?.streamRevision, 13);
  // The old index was dropped; the one the second writer saved (14 events) is loaded instead.
  t.is(await reader.checkpoints.streamLengthHint!('s'), 14);
  await reader.close();
  const closed = await reader.checkpoints.revisionOfEvent!('s', forked[1]!.eventId).catch(
    (error: unknown) => error,
  );
  t.like(closed, { code: 'STORE_CLOSED' });
});

test('a staged store on a reader whose saved index lags continues each stream at its true end', async (t) => {
  const { path, one } = await storeWithOlderIndex(t);
  const reader = await openOk(path, { mode: 'read-only' });
  const staged = getStagedEventStore(reader);
  const next = makeTestEvents(1);
  t.deepEqual(
    await staged.appendToStream('stream-1', next)(),
    E.right({ nextExpectedRevision: 4, alreadyStored: false }),
    'the hint said 2 events; the stream has 4',
  );
  t.deepEqual(
    await staged.appendToStream('stream-0', makeTestEvents(1))(),
    E.right({ nextExpectedRevision: 3, alreadyStored: false }),
  );
  const again = await staged.appendToStream('stream-1', one.slice(0, 1))();
  t.true(E.isRight(again) && again.right.alreadyStored, 'a stored id, found through the index');
  await staged.close();
  await reader.close();
});

test('a reader beside no index, or one that does not hold, searches the file and gives no lengths', async (t) => {
  const { path, zero, oneLater } = await storeWithOlderIndex(t);
  const index = await readFile(writerIndexPath(path));
  const saved = await savedWriterIndexOf(path);
  const forgedHead: SavedWriterIndex = {
    ...saved,
    head: { ...saved.head, lastHash: '0'.repeat(64) },
  };
  const flipped = Buffer.from(index);
  flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 0x01;
  const cases: [string, Buffer | undefined][] = [
    ['none', undefined],
    ['a head the file does not have', encodeWriterIndex(forgedHead)],
    ['an entry altered', flipped],
  ];
  for (const [name, bytes] of cases) {
    if (bytes === undefined) await rm(writerIndexPath(path));
    else await writeFile(writerIndexPath(path), bytes);
    const reader = await openOk(path, { mode: 'read-only' });
    const { revisionOf, indexed, lengthOf } = lookups(reader);
    t.false(await indexed(), name);
    t.is(await revisionOf('stream-0', zero[1]!.eventId), 1, name);
    t.is(await revisionOf('stream-1', oneLater[0]!.eventId), 2, name);
    t.is(await lengthOf('stream-0'), undefined, name);
    await reader.close();
  }
});

test("a writer's index is exact: lengths of every stream, none for a stream it has not", async (t) => {
  const { path } = await storeWithOlderIndex(t);
  const writer = await openOk(path);
  const { indexed, lengthOf } = lookups(writer);
  t.true(await indexed());
  t.deepEqual(
    [await lengthOf('stream-0'), await lengthOf('stream-1'), await lengthOf('stream-2')],
    [3, 4, 1],
  );
  t.is(await lengthOf('stream-9'), 0);
  await writer.close();
});
