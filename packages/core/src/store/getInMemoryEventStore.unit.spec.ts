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
