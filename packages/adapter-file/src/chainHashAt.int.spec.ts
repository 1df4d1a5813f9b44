import { join } from 'node:path';
import test from 'ava';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';
import { fileSystemSeam } from './fileSystemSeam.js';

// A checkpoint saved at an event a fold has just read takes the chain hash there from the batch
// that walk yielded (issue 15: the writer's fold at close read up to a whole batch again for
// each checkpoint). Whatever was read last, the chain hash of every revision is the one a walk
// of a freshly opened store finds.

test('the chain hash at every revision is the same after any read as from a fresh store', async (t) => {
  const path = join(await temporaryDirectory(t), 'chain.jsonl');
  const writer = await openOk(path);
  await appendOk(writer, 'books', makeTestEvents(5));
  await appendOk(writer, 'other', makeTestEvents(3));
  await appendOk(writer, 'books', makeTestEvents(4));
  await appendOk(writer, 'books', makeTestEvents(1));
  await writer.close();

  const fresh = async (streamId: string, revision: number) => {
    const store = await openOk(path, { mode: 'read-only' });
    try {
      return await store.checkpoints.chainHashAt(streamId, revision);
    } finally {
      await store.close();
    }
  };
  const expected = new Map<string, string | undefined>();
  for (const [streamId, revisions] of [
    ['books', 10],
    ['other', 3],
  ] as const)
    for (let revision = 0; revision <= revisions; revision += 1)
      expected.set(`${streamId}@${revision}`, await fresh(streamId, revision));
  t.is(expected.get('books@10'), undefined, 'no event at revision 10');
  t.is(new Set(expected.values()).size, 14, 'every event has its own hash');

  for (const mode of ['read-write', 'read-only'] as const) {
    const store = await openOk(path, { mode });
    // After reading each stream from each revision (the last batch a walk yielded differs),
    // every revision's chain hash is asked.
    for (const [readStreamId, fromRevision] of [
      ['books', 0],
      ['books', 6],
      ['books', 9],
      ['other', 1],
    ] as const) {
      await collect(store.readStream(readStreamId, { fromRevision }));
      for (const [key, hash] of expected) {
        const [streamId, revision] = key.split('@') as [string, string];
        t.is(
          await store.checkpoints.chainHashAt(streamId, Number(revision)),
          hash,
          `${mode}: ${key} after reading ${readStreamId} from ${fromRevision}`,
        );
      }
    }
    await store.close();
  }
});

// The writer reads the chain hash at a revision it appended from that record's own line, found
// from the start of the batch that holds it, instead of walking (and decoding) the batch up to
// it: a checkpoint saved at a bulk load's year close read up to 800 records a close. The hash
// must be the walk's whatever the batches, the streams between them and the seek index's state.
test('the writer reads the chain hash at a revision it appended as a walk finds it', async (t) => {
  const path = join(await temporaryDirectory(t), 'appended.jsonl');
  const writer = await openOk(path);
  const asked: [string, number, string | undefined][] = [];
  // Appends in flight together share an fsync (one group in the file); two streams interleave,
  // and each hash is asked for as soon as its append is acknowledged.
  const appends: Promise<unknown>[] = [];
  for (let round = 0; round < 12; round += 1)
    for (const [streamId, count] of [
      ['books', 7],
      ['other', 2],
    ] as const)
      appends.push(
        appendOk(writer, streamId, makeTestEvents(count)).then(async (result) => {
          const last = Number(result.nextExpectedRevision);
          for (const revision of [last - count + 1, last])
            asked.push([
              streamId,
              revision,
              await writer.checkpoints.chainHashAt(streamId, revision),
            ]);
        }),
      );
  await Promise.all(appends);
  await writer.close();

  // Reopened, the writer knows no batch start in this process: it starts from the saved seek
  // index's entries, whose next lines may be another stream's, and falls back to the walk.
  const reopened = await openOk(path);
  const reader = await openOk(path, { mode: 'read-only' });
  try {
    t.is(asked.length, 48);
    for (const [streamId, revision, hash] of asked) {
      const walked = await reader.checkpoints.chainHashAt(streamId, revision);
      t.is(typeof walked, 'string', `${streamId}@${revision} is stored`);
      t.is(hash, walked, `${streamId}@${revision} as the writer asked it`);
      t.is(await reopened.checkpoints.chainHashAt(streamId, revision), walked, 'reopened');
    }
    t.is(await reopened.checkpoints.chainHashAt('books', 84), undefined, 'no revision 84');
  } finally {
    await reader.close();
    await reopened.close();
  }
});

// A year close's checkpoint asks for the chain hash at the close right after its batch is
// acknowledged: the writer knows where each record of its last group lies, and reads that one
// record (one small read on the calling thread), not the batch from its start.
test('the chain hash at a record of the last group appended is read from that record alone', async (t) => {
  const path = join(await temporaryDirectory(t), 'last-group.jsonl');
  const writer = await openOk(path);
  await appendOk(writer, 'books', makeTestEvents(40));
  await appendOk(writer, 'other', makeTestEvents(3));
  await appendOk(writer, 'books', makeTestEvents(60));
  const reads: { wanted: number; offset: number }[] = [];
  const readAt = fileSystemSeam.readAt;
  t.teardown(() => (fileSystemSeam.readAt = readAt));
  fileSystemSeam.readAt = (file, chunk, wanted, offset, syncReadBytesMax) => {
    reads.push({ wanted, offset });
    return readAt(file, chunk, wanted, offset, syncReadBytesMax);
  };
  const asked = new Map<number, string | undefined>();
  for (const revision of [40, 41, 77, 99])
    asked.set(revision, await writer.checkpoints.chainHashAt('books', revision));
  const readsOfLastGroup = reads.length;
  fileSystemSeam.readAt = readAt;
  // An older batch's record: read from its batch's start, as before.
  const older = await writer.checkpoints.chainHashAt('books', 39);
  await writer.close();

  t.is(readsOfLastGroup, 4, 'one read for each record asked');
  t.true(reads.every(({ wanted }) => wanted <= 4096));
  t.deepEqual(
    reads.map(({ offset }) => offset),
    [...new Set(reads.map(({ offset }) => offset))].sort((left, right) => left - right),
    'each at its own record, in the order of the records',
  );
  const reader = await openOk(path, { mode: 'read-only' });
  try {
    for (const [revision, hash] of asked) {
      t.is(typeof hash, 'string');
      t.is(hash, await reader.checkpoints.chainHashAt('books', revision), `books@${revision}`);
    }
    t.is(older, await reader.checkpoints.chainHashAt('books', 39));
  } finally {
    await reader.close();
  }
});
