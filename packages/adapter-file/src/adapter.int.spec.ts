import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import type { NewEvent } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { openFileEventStore } from './adapter.js';
import { fileStoreLimits } from './format.js';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';

test('reads from a position or a revision deep in a large store give the same events to the writer, after a reopen, and to a reader', async (t) => {
  const path = join(await temporaryDirectory(t), 'large.jsonl');
  const store = await openOk(path);
  const byStream = new Map<string, NewEvent[]>();
  const all: NewEvent[] = [];
  const batchCount = 24;
  for (let batch = 0; batch < batchCount; batch += 1) {
    const streamId = `s${batch % 3}`;
    const events = makeTestEvents(batch % 4 === 0 ? 1 : 500);
    await appendOk(store, streamId, events);
    byStream.set(streamId, [...(byStream.get(streamId) ?? []), ...events]);
    all.push(...events);
  }
  t.true(
    all.length > 2 * fileStoreLimits.checkpointEveryEvents,
    'the store spans several checkpoints',
  );
  const head = store.head();
  t.is(head.eventCount, all.length);

  const check = async (label: string, reader: typeof store): Promise<void> => {
    for (const from of [
      0,
      1,
      fileStoreLimits.checkpointEveryEvents - 1,
      fileStoreLimits.checkpointEveryEvents + 7,
      all.length - 2,
      all.length,
    ]) {
      const read = await collect(reader.readAll({ fromPosition: from, maxCount: 3 }));
      t.deepEqual(
        read.map((event) => event.eventId),
        all.slice(from, from + 3).map((event) => event.eventId),
        `${label}: readAll from ${from}`,
      );
      t.deepEqual(
        read.map((event) => event.globalPosition),
        [from, from + 1, from + 2].filter((position) => position < all.length),
      );
    }
    for (const [streamId, events] of byStream) {
      const read = await collect(reader.readStream(streamId, { fromRevision: 600, maxCount: 2 }));
      t.deepEqual(
        read.map((event) => event.eventId),
        events.slice(600, 602).map((event) => event.eventId),
        `${label}: ${streamId} from 600`,
      );
      t.deepEqual(
        read.map((event) => event.streamRevision),
        [600, 601],
      );
    }
    const verified = await reader.verify({ expectedHead: head })();
    t.true(
      E.isRight(verified) && verified.right.ok && verified.right.eventCount === all.length,
      label,
    );
  };
  await check('writer', store);
  await store.close();
  const reopened = await openOk(path);
  await check('reopened writer', reopened);
  await reopened.close();
  const reader = await openOk(path, { mode: 'read-only' });
  await check('reader', reader);
  await reader.close();
});

test('a reader iterating while the writer appends never sees part of a batch', async (t) => {
  const path = join(await temporaryDirectory(t), 'live.jsonl');
  const writer = await openOk(path);
  await appendOk(writer, 'live', makeTestEvents(10));
  const reader = await openOk(path, { mode: 'read-only' });
  const batchSize = 200;
  const seen: number[] = [];
  const appending = (async () => {
    for (let batch = 0; batch < 20; batch += 1)
      await appendOk(writer, 'live', makeTestEvents(batchSize));
  })();
  for (let pass = 0; pass < 10; pass += 1) {
    const count = (await collect(reader.readAll())).length;
    seen.push(count);
    t.is((count - 10) % batchSize, 0, `a reader saw ${count} events: part of a batch`);
  }
  await appending;
  t.is((await collect(reader.readAll())).length, 10 + 20 * batchSize);
  await reader.close();
  await writer.close();
  t.log(`counts seen while appending: ${seen.join(', ')}`);
});

test("existing: 'refuse' makes a new store, and refuses one already there without touching it", async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'STORE.jsonl');
  const made = await openOk(path, { existing: 'refuse' });
  t.is(made.head().eventCount, 0);
  await appendOk(made, 's', makeTestEvents(2));
  await made.close();
  const bytes = await readFile(path);
  const files = (await readdir(directory)).sort();

  const again = await openFileEventStore({ path, existing: 'refuse' })();
  if (E.isRight(again)) return t.fail('a store already there was opened as new');
  t.is(again.left.code, 'IO_ERROR');
  t.like(again.left.details, { path, errno: 'EEXIST' });
  t.deepEqual(await readFile(path), bytes);
  t.deepEqual((await readdir(directory)).sort(), files, 'no file made or left');

  const opened = await openOk(path);
  t.is(opened.head().eventCount, 2, "the default, existing: 'open', opens it");
  await opened.close();
});

test('opens racing to create one new store: one writer, the others refused as locked or as existing, one header and no temporary file left', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'STORE.jsonl');
  const asked = ['open', 'refuse', 'open', 'refuse', 'open'] as const;
  // Started together, most find no file and go on to create it, and one link wins; one that
  // finds the winner's file instead meets its lock. The winner of the link takes the writer's
  // lock only after its file has a name, so an opener that finds the file may take it first:
  // then the creator is refused as locked. Whatever the order, exactly one writer, and a refuser
  // never opens a store another made.
  const results = await Promise.all(
    asked.map((existing) => openFileEventStore({ path, existing })()),
  );
  const writers = results.flatMap((result) => (E.isRight(result) ? [result.right] : []));
  t.is(writers.length, 1, 'exactly one writer');
  results.forEach((result, index) => {
    if (E.isRight(result)) return;
    if (asked[index] === 'open') t.is(result.left.code, 'STORE_LOCKED', 'a found store is locked');
    else if (result.left.code === 'STORE_LOCKED') t.regex(result.left.message, /open for writing/);
    else t.like(result.left, { code: 'IO_ERROR', details: { path, errno: 'EEXIST' } });
  });
  const refusedAsExisting = results.filter(
    (result) => E.isLeft(result) && result.left.code === 'IO_ERROR',
  ).length;
  const refusers = asked.filter((existing) => existing === 'refuse').length;
  t.true(
    refusedAsExisting >= refusers - 1,
    'at most one refuser made the file, the others found it',
  );
  await appendOk(writers[0]!, 's', makeTestEvents(1));
  await writers[0]!.close();
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
  t.is(lines.filter((line) => line.includes('"format":"finsam-ledger/file-store"')).length, 1);
  t.deepEqual(
    (await readdir(directory)).filter((name) => name.includes('.creating-')),
    [],
    'no temporary file left',
  );
  const reopened = await openOk(path);
  t.is(reopened.head().eventCount, 1);
  await reopened.close();
});

test('an existing option other than open or refuse is refused naming it', async (t) => {
  const path = join(await temporaryDirectory(t), 'STORE.jsonl');
  const options = { path, existing: 'overwrite' } as unknown as { path: string };
  const refused = await openFileEventStore(options)();
  if (E.isRight(refused)) return t.fail('an unknown existing was taken');
  t.is(refused.left.code, 'VALIDATION_FAILED');
  t.deepEqual(refused.left.issues?.[0]?.path, 'options.existing');
});
