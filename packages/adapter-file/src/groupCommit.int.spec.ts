import { open } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { fileSystemSeam } from './fileSystemSeam.js';
import { verifyFileEventStore } from './index.js';
import { collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';

/**
 * Counts the appends' writes (`fileSystemSeam.writeAt`) and the fsyncs (`datasync`) of every
 * file handle while `work` runs: each makes one trip to the disk when the store's writes are
 * synchronised (`writerFileFlags.ts`), each write and its fsync together otherwise.
 */
async function countingDiskCalls<Value>(
  directory: string,
  work: () => Promise<Value>,
): Promise<{ value: Value; writes: number; datasyncs: number }> {
  // The prototype of Node's FileHandle, reached through a handle of our own.
  const probe = await open(join(directory, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const { datasync } = prototype;
  const { writeAt } = fileSystemSeam;
  let writes = 0;
  let datasyncs = 0;
  fileSystemSeam.writeAt = (...args) => {
    writes += 1;
    return writeAt(...args);
  };
  prototype.datasync = function (this: unknown) {
    datasyncs += 1;
    return datasync.call(this);
  };
  try {
    return { value: await work(), writes, datasyncs };
  } finally {
    fileSystemSeam.writeAt = writeAt;
    prototype.datasync = datasync;
  }
}

test('concurrent appends share an fsync: each is stored whole, in call order, and resolves after it', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'group.jsonl');
  const store = await openOk(path);
  // The first append makes the file; the next forty arrive while it is being written.
  const batches = Array.from({ length: 41 }, (_unused, index) =>
    makeTestEvents(index % 3 === 0 ? 2 : 1),
  );
  const {
    value: results,
    writes,
    datasyncs,
  } = await countingDiskCalls(directory, () =>
    Promise.all(
      batches.map((events, index) =>
        store.appendToStream(`stream-${index % 4}`, events, {
          expectedRevision: 'any',
        })(),
      ),
    ),
  );
  t.true(results.every(E.isRight));
  t.true(
    writes >= 1 && writes <= 3 && datasyncs <= 3,
    `${batches.length} appends took ${writes} writes and ${datasyncs} fsyncs (one per group, not one per append)`,
  );
  // Call order is file order, and every append got its own revisions.
  const stored = await collect(store.readAll());
  t.deepEqual(
    stored.map((event) => event.eventId),
    batches.flat().map((event) => event.eventId),
  );
  const revisionsOfStream0 = results
    .filter((_result, index) => index % 4 === 0)
    .map((result) => (E.isRight(result) ? result.right.nextExpectedRevision : -1));
  let lastRevision = -1;
  const expectedRevisions = batches
    .filter((_events, index) => index % 4 === 0)
    .map((events) => (lastRevision += events.length));
  t.deepEqual(revisionsOfStream0, expectedRevisions);
  t.is(expectedRevisions.at(-1), 14);
  await store.close();
  const verified = await verifyFileEventStore({ path })();
  t.true(E.isRight(verified) && verified.right.ok);
  t.is(E.isRight(verified) ? verified.right.eventCount : 0, batches.flat().length);
});

test('the events of every append in a group are found where they lie: a retry of each, after the group, is already stored', async (t) => {
  // The writer adds a group's event ids to its index while the write is under way, each batch at
  // its place in the group's bytes; a retry looks its first event up there and reads it back.
  const directory = await temporaryDirectory(t);
  const store = await openOk(join(directory, 'places.jsonl'));
  const batches = [0, 1, 2, 3].map(() => makeTestEvents(2));
  const appended = await Promise.all(
    batches.map((events, index) =>
      store.appendToStream(`stream-${index}`, events, { expectedRevision: 'any' })(),
    ),
  );
  t.true(appended.every(E.isRight));
  for (const [index, events] of batches.entries()) {
    const retry = await store.appendToStream(`stream-${index}`, events, {
      expectedRevision: 'any',
    })();
    t.deepEqual(
      retry,
      E.right({ nextExpectedRevision: 1, alreadyStored: true }),
      `append ${index}`,
    );
  }
  await store.close();
});

test('in one group, an append is decided against the appends before it: one of two with the same expected revision wins, and a retry of an earlier one is already stored', async (t) => {
  const directory = await temporaryDirectory(t);
  const store = await openOk(join(directory, 'decide.jsonl'));
  const openingEvents = makeTestEvents(1);
  const first = makeTestEvents(1);
  const rival = makeTestEvents(1);
  const [opening, winner, loser, retry] = await Promise.all([
    store.appendToStream('books', openingEvents, { expectedRevision: 'no_stream' })(),
    store.appendToStream('books', first, { expectedRevision: 0 })(),
    store.appendToStream('books', rival, { expectedRevision: 0 })(),
    store.appendToStream('books', first, { expectedRevision: 0 })(),
  ]);
  t.deepEqual(opening, E.right({ nextExpectedRevision: 0, alreadyStored: false }));
  t.deepEqual(winner, E.right({ nextExpectedRevision: 1, alreadyStored: false }));
  t.is(E.isLeft(loser) ? loser.left.code : undefined, 'CONCURRENCY_CONFLICT');
  t.deepEqual(retry, E.right({ nextExpectedRevision: 1, alreadyStored: true }));
  const stored = await collect(store.readStream('books'));
  t.deepEqual(
    stored.map((event) => event.eventId),
    [...openingEvents, ...first].map((event) => event.eventId),
  );
  await store.close();
});
