import { appendFile, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { followStream, type NewEvent } from '@finsam-ledger/core';
import { makeTestEvent, makeTestEvents } from '@finsam-ledger/core/testing';
import { readLinesLimits } from './readLines.js';
import { fileStoreLimits } from './format.js';
import { appendOk, collect, openOk, temporaryDirectory } from './fileStore.testSupport.js';

// A live reader reads the store's tail after each append: the first 16 KiB of each read on the
// calling thread, the rest in chunks that double up to 1 MiB (readLines.ts). These tests hold a
// tail longer than the first chunk (a record of 40 KB, a batch of 60 KB, a record over 1 MiB) to
// what a short one gets: each append is delivered whole, once, whatever part of it is on disk
// when the reader reads, and the reader never stops short of a record it could read.

/** An event whose data holds `bytes` bytes of text. */
const eventOf = (bytes: number): NewEvent => makeTestEvent({ data: { text: 'x'.repeat(bytes) } });

/** The appends of the tests: over the first chunk, over the largest chunk, and small ones. */
const largeAppends = (): NewEvent[][] => [
  [eventOf(40_000)],
  Array.from({ length: 60 }, () => eventOf(1_000)),
  [eventOf(fileStoreLimits.readChunkBytes - 1_000)],
  makeTestEvents(2),
];

test('a read-only store tailing its file serves each append over 16 KiB whole, whatever prefix of it is on disk', async (t) => {
  const directory = await temporaryDirectory(t);
  const path = join(directory, 'store.jsonl');
  const writer = await openOk(path);
  await appendOk(writer, 's', makeTestEvents(3));
  await writer.close();
  const committedBytes = (await readFile(path)).length;
  // The same appends made to a copy: their bytes are then written into the store a piece at a
  // time, as a reader of the file can find an append in progress.
  const futurePath = join(directory, 'future.jsonl');
  await copyFile(path, futurePath);
  const future = await openOk(futurePath);
  const appends = largeAppends();
  const appendEnds: number[] = [];
  for (const events of appends) {
    await appendOk(future, 's', events);
    appendEnds.push((await readFile(futurePath)).length);
  }
  await future.close();
  const bytes = await readFile(futurePath);
  t.true(bytes.length - committedBytes > fileStoreLimits.readChunkBytes);

  // Pieces that end at each append's end and a byte before it, before, at and after each size the
  // reads take (the first chunk, the chunks it doubles to) from the reader's walk start, and
  // every 4 KiB or so besides.
  const ends = new Set<number>(appendEnds.flatMap((end) => [end - 1, end]));
  for (let end = committedBytes + 1; end < bytes.length; end += 4_099) ends.add(end);
  for (
    let size = readLinesLimits.firstChunkBytes;
    size <= 2 * fileStoreLimits.readChunkBytes;
    size *= 2
  )
    for (const delta of [-1, 0, 1]) ends.add(committedBytes + size + delta);
  const pieceEnds = [...ends].filter((end) => end <= bytes.length).sort((a, b) => a - b);

  const reader = await openOk(path, { mode: 'read-only' });
  t.is((await collect(reader.readStream('s'))).length, 3);
  let next = 3;
  let written = committedBytes;
  const served: number[] = [];
  for (const end of pieceEnds) {
    await appendFile(path, bytes.subarray(written, end));
    written = end;
    const events = await collect(reader.readStream('s', { fromRevision: next }));
    if (events.length === 0) continue;
    t.deepEqual(
      events.map((event) => event.streamRevision),
      Array.from({ length: events.length }, (_, index) => next + index),
    );
    served.push(events.length);
    next += events.length;
  }
  await reader.close();
  // Each append once, in order, and as soon as its last byte is on disk: a piece ends at each
  // append's end, and the read after it serves that append alone.
  t.deepEqual(
    served,
    appends.map((events) => events.length),
  );
});

test('a follower of a store gets each append over 16 KiB whole as the writer makes it', async (t) => {
  await followWhileWriting(t, 0);
});

test('a follower of a store gets each append whole as a writer with preallocateBytes makes it over its zeros', async (t) => {
  // The file no longer grows with each append: the follower must learn of each write over the
  // zeros (a change notification, or its poll) and stop at the zeros each time.
  await followWhileWriting(t, 65_536);
});

/** A follower on a read-only store while a writer (with `preallocateBytes`) makes the appends. */
async function followWhileWriting(t: ExecutionContext, preallocateBytes: number): Promise<void> {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const writer = await openOk(path, { preallocateBytes });
  await appendOk(writer, 's', makeTestEvents(3));
  const reader = await openOk(path, { mode: 'read-only' });
  const appends = [...largeAppends(), ...largeAppends()];
  // The revision after each append: a follower's items end at these, never inside an append.
  const appendEnds = new Set<number>([3]);
  let total = 3;
  for (const events of appends) appendEnds.add((total += events.length));

  const following = new AbortController();
  const itemEnds: number[] = [];
  let delivered = 0;
  const follow = (async () => {
    for await (const events of followStream(reader, 's', {
      fromRevision: 0,
      signal: following.signal,
      pollIntervalMs: 50,
    })) {
      delivered += events.length;
      itemEnds.push(delivered);
      if (delivered >= total) following.abort();
    }
  })();
  for (const events of appends) await appendOk(writer, 's', events);
  await follow;
  await writer.close();
  await reader.close();
  t.is(delivered, total);
  t.deepEqual(
    itemEnds.filter((end) => !appendEnds.has(end)),
    [],
    `items ended inside an append: ${itemEnds.join(', ')}`,
  );
}
