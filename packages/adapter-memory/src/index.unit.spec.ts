import test from 'ava';
import { getInMemoryEventStore as coreInMemoryEventStore } from '@finsam-ledger/core';
import { makeTestEvent } from '@finsam-ledger/core/testing';
import {
  getInMemoryEventStore,
  inMemoryEventStoreErrorCodes,
  isStoreClosedError,
} from './index.js';

// The store itself and its conformance run live in core (store/getInMemoryEventStore.ts);
// this package re-exports it, so what is checked here is the entry point.

test('the package hands out the in-memory store of core, not a copy of it', (t) => {
  t.is(getInMemoryEventStore, coreInMemoryEventStore);
});

test('a closed store refuses appends with STORE_CLOSED, which isStoreClosedError recognises', async (t) => {
  const store = getInMemoryEventStore();
  await store.close();
  const result = await store.appendToStream('s', [makeTestEvent()])();
  t.is(result._tag, 'Left');
  const error = result._tag === 'Left' ? result.left : undefined;
  t.true(isStoreClosedError(error));
  t.deepEqual(inMemoryEventStoreErrorCodes, ['STORE_CLOSED']);
  t.false(isStoreClosedError(new Error('STORE_CLOSED')));
});
