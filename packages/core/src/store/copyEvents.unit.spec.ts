import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import { makeTestEvents } from '../testing/eventStoreConformance.js';
import { copyEvents } from './copyEvents.js';

test('copies every event with id, metadata, stream and revision; copying twice changes nothing', async (t) => {
  const source = getInMemoryEventStore();
  const target = getInMemoryEventStore();
  const a = makeTestEvents(3);
  const b = makeTestEvents(2);
  await source.appendToStream('a', a.slice(0, 2))();
  await source.appendToStream('b', b)();
  await source.appendToStream('a', a.slice(2))();

  const first = await copyEvents(source, target);
  t.deepEqual(first, E.right({ readCount: 5, writtenCount: 5, alreadyStoredCount: 0 }));
  const second = await copyEvents(source, target);
  t.deepEqual(second, E.right({ readCount: 5, writtenCount: 0, alreadyStoredCount: 5 }));

  const strip = (events: Awaited<ReturnType<typeof collectAsync>>) =>
    events.map((event: any) => ({
      id: event.eventId,
      stream: event.streamId,
      revision: event.streamRevision,
      data: event.data,
      metadata: event.metadata,
    }));
  t.deepEqual(
    strip(await collectAsync(target.readAll())),
    strip(await collectAsync(source.readAll())),
  );
});

test('refuses to mix into a target whose stream has diverged', async (t) => {
  const source = getInMemoryEventStore();
  const target = getInMemoryEventStore();
  await source.appendToStream('a', makeTestEvents(2))();
  await target.appendToStream('a', makeTestEvents(1))();
  const result = await copyEvents(source, target);
  t.true(E.isLeft(result));
  t.is(E.isLeft(result) ? result.left.code : undefined, 'CONCURRENCY_CONFLICT');
  t.is((await collectAsync(target.readAll())).length, 1);
});
