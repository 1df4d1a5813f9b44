import { join } from 'node:path';
import test from 'ava';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';

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
