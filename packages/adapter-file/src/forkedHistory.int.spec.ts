import { readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { followStream, isLedgerError, type StoredEvent } from '@finsam-ledger/core';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import {
  appendOk,
  collect,
  lineRanges,
  openOk,
  temporaryDirectory,
} from './fileStore.testSupport.js';
import type { FileEventStore } from './adapter.js';
import { writerHeadPath } from './writerHeadFile.js';

// A store that has served a record must never serve another at the same position: when the file
// is cut back and other events are written at the revisions already read (a forked history), a
// reader tailing the file would otherwise fold them as if they continued what it folded. The
// reader refuses the next read with STORE_TAMPERED instead and delivers none of them.

const revisions = (events: readonly StoredEvent[]): number[] =>
  events.map((event) => event.streamRevision);

/** A store of stream `s` written in `batchSizes` appends, and the path of its file. */
async function storeOf(t: ExecutionContext, batchSizes: readonly number[]) {
  const path = join(await temporaryDirectory(t), 'store.jsonl');
  const writer = await openOk(path);
  for (const size of batchSizes) await appendOk(writer, 's', makeTestEvents(size));
  await writer.close();
  return path;
}

/**
 * Cuts the file back to the end of revision `keptRevision` of stream `s` (its only stream; the
 * revision ends a batch, so the cut leaves no torn tail) and appends `count` other events there
 * through a new writer. The writer's head file is removed first, as a person accepting the cut
 * would: it records the head the cut removed, and a writer refuses to write on without that.
 */
async function fork(path: string, keptRevision: number, count: number): Promise<StoredEvent[]> {
  // Line 1 is the header; revision r of the only stream is on line r + 2.
  const ranges = lineRanges(await readFile(path));
  await truncate(path, ranges[keptRevision + 1]!.end + 1);
  await rm(writerHeadPath(path));
  const writer = await openOk(path);
  await appendOk(writer, 's', makeTestEvents(count), keptRevision);
  const forked = await collect(writer.readStream('s', { fromRevision: keptRevision + 1 }));
  await writer.close();
  return forked;
}

const isTampered = (error: unknown): boolean =>
  isLedgerError(error) && error.code === 'STORE_TAMPERED';

/** Reads of the reader from `fromRevision` on: the events, or the error that refused them. */
async function readFrom(reader: FileEventStore, fromRevision: number) {
  try {
    return { events: await collect(reader.readStream('s', { fromRevision })) };
  } catch (error) {
    return { error };
  }
}

/**
 * Follows stream `s` of the reader from revision 0, polling every 20 ms, until `signal` aborts;
 * `delivered` grows with each delivery, and `afterDelivery` sees it after each.
 */
function followFromStart(
  reader: FileEventStore,
  signal: AbortSignal,
  afterDelivery: (delivered: readonly StoredEvent[]) => void,
) {
  const delivered: StoredEvent[] = [];
  const follow = (async () => {
    for await (const events of followStream(reader, 's', {
      fromRevision: 0,
      signal,
      pollIntervalMs: 20,
    })) {
      delivered.push(...events);
      afterDelivery(delivered);
    }
  })();
  return { delivered, follow };
}

// Each fork: the appends, the revision kept, and the other events written after it. The first
// cuts at the start of the last batch (the seek index's tail entry still lands there: same
// position, same prev); the second cuts inside the history and writes one larger batch; the third
// writes a history exactly as long as the one served, so a tail read finds nothing new to serve.
const forks = [
  { batchSizes: [1, 1, 1, 1, 1, 1], keptRevision: 4, count: 2 },
  { batchSizes: [2, 2, 2], keptRevision: 1, count: 5 },
  { batchSizes: [1, 2, 3], keptRevision: 0, count: 5 },
] as const;

for (const { batchSizes, keptRevision, count } of forks) {
  test(`a reader refuses a history forked after revision ${keptRevision} of batches ${batchSizes.join(',')}`, async (t) => {
    const path = await storeOf(t, batchSizes);
    const reader = await openOk(path, { mode: 'read-only' });
    const served = await collect(reader.readStream('s'));
    const lastServed = served.length - 1;
    const forked = await fork(path, keptRevision, count);
    t.true(keptRevision + count >= lastServed, 'the forked history reaches every served revision');
    t.notDeepEqual(
      forked.map((event) => event.eventId),
      served.slice(keptRevision + 1).map((event) => event.eventId),
    );
    const next = await readFrom(reader, lastServed + 1);
    t.true(isTampered(next.error), String(next.error));
    t.is(next.events, undefined, 'none of the forked events is delivered');
    // Read again, and from the start: still refused, never the other history.
    t.true(isTampered((await readFrom(reader, lastServed + 1)).error));
    t.true(isTampered((await readFrom(reader, 0)).error));
    await reader.close();
  });
}

test('a follower refuses a forked history and delivers none of its events', async (t) => {
  const path = await storeOf(t, [1, 1, 1, 1, 1, 1]);
  const reader = await openOk(path, { mode: 'read-only' });
  const following = new AbortController();
  let forked: Promise<StoredEvent[]> | undefined;
  const { delivered, follow } = followFromStart(reader, following.signal, (soFar) => {
    // Every revision 0..5 is folded: the history forks after revision 3, grown to 0..7.
    if (soFar.length === 6) forked ??= fork(path, 3, 4);
  });
  const stopper = setTimeout(() => following.abort(), 10_000);
  const error = await t.throwsAsync(follow);
  clearTimeout(stopper);
  t.true(isTampered(error), String(error));
  const other = await forked!;
  t.deepEqual(revisions(delivered), [0, 1, 2, 3, 4, 5]);
  const otherIds = new Set(other.map((event) => event.eventId));
  t.false(
    delivered.some((event) => otherIds.has(event.eventId)),
    'no forked event is delivered',
  );
  await reader.close();
});

test('a follower of a history that only grows delivers every event once, in order', async (t) => {
  const path = await storeOf(t, [2, 1]);
  const reader = await openOk(path, { mode: 'read-only' });
  const writer = await openOk(path);
  const following = new AbortController();
  const { delivered, follow } = followFromStart(reader, following.signal, (soFar) => {
    if (soFar.length >= 11) following.abort();
  });
  for (const size of [3, 1, 4]) {
    await appendOk(writer, 's', makeTestEvents(size));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const appended = await collect(writer.readStream('s'));
  await follow;
  t.deepEqual(
    revisions(delivered),
    Array.from({ length: 11 }, (_, index) => index),
  );
  t.deepEqual(
    delivered.map((event) => event.eventId),
    appended.map((event) => event.eventId),
  );
  await writer.close();
  await reader.close();
});
