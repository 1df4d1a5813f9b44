import test from 'ava';
import { makeTestEvent, registerEventStoreConformance } from '../testing/eventStoreConformance.js';
import { collectAsync } from '../util/asyncIterable.js';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';

registerEventStoreConformance(
  (name, run) =>
    test(name, async (t) => {
      await run();
      t.pass();
    }),
  { create: async () => getInMemoryEventStore() },
);

test('events read back are frozen copies: mutating the input or the output cannot change history', async (t) => {
  const store = getInMemoryEventStore();
  const event = makeTestEvent({ data: { amount: '100.00' } });
  await store.appendToStream('s', [event])();
  (event.data as { amount: string }).amount = '999.00';
  const [stored] = await collectAsync(store.readStream('s'));
  t.is((stored!.data as { amount: string }).amount, '100.00');
  t.throws(() => {
    (stored!.data as { amount: string }).amount = '1.00';
  });
});

test('a closed store refuses appends with STORE_CLOSED', async (t) => {
  const store = getInMemoryEventStore();
  await store.close();
  const result = await store.appendToStream('s', [makeTestEvent()])();
  t.is(result._tag, 'Left');
  t.is(result._tag === 'Left' ? result.left.code : undefined, 'STORE_CLOSED');
});

test('the in-memory store stamps each batch with its clock, never earlier than the last stamp', async (t) => {
  let now = new Date('2021-04-20T07:30:00.000Z');
  const store = getInMemoryEventStore({ clock: () => now });
  await store.appendToStream('a', [makeTestEvent(), makeTestEvent()])();
  now = new Date('2021-04-19T00:00:00.000Z');
  await store.appendToStream('b', [makeTestEvent()])();
  now = new Date('2021-05-01T12:00:00.000Z');
  await store.appendToStream('a', [makeTestEvent()])();
  const stamps: (string | undefined)[] = [];
  for await (const event of store.readAll()) stamps.push(event.storedAt);
  t.deepEqual(stamps, [
    '2021-04-20T07:30:00.000Z',
    '2021-04-20T07:30:00.000Z',
    '2021-04-20T07:30:00.000Z',
    '2021-05-01T12:00:00.000Z',
  ]);
});
