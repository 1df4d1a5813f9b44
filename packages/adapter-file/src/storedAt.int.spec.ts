import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { makeTestEvent } from '@finsam-ledger/core/testing';
import { collectAsync } from '@finsam-ledger/core/store';
import { verifyFileEventStore } from './verify.js';
import { appendOk, openOk, temporaryDirectory } from './fileStore.testSupport.js';

/** A clock that tells whatever instant the test set last. */
const settableClock = (start: string) => {
  let now = new Date(start);
  return {
    clock: () => now,
    set: (instant: string) => {
      now = new Date(instant);
    },
  };
};

test('each record is stamped with the store clock, one stamp per batch, never earlier than the last one, also across reopening', async (t) => {
  const path = join(await temporaryDirectory(t), 'stamped.jsonl');
  const time = settableClock('2021-04-20T07:30:00.000Z');
  const createdBefore = new Date().toISOString();
  const store = await openOk(path, { clock: time.clock });
  // The header's creation is the system's time, not the given clock's: events stamped before it
  // tell a history rebuilt into a new file (finsam audit warns, --as-of notes it).
  const { createdAt } = store;
  t.true(createdAt >= createdBefore && createdAt <= new Date().toISOString(), createdAt);
  await appendOk(store, 'a', [makeTestEvent(), makeTestEvent()]);
  time.set('2021-04-21T08:00:00.000Z');
  await appendOk(store, 'a', [makeTestEvent()]);
  // The clock steps back (NTP): the stamp stays at the last one, so stamps never decrease.
  time.set('2021-04-01T00:00:00.000Z');
  await appendOk(store, 'b', [makeTestEvent()]);
  await store.close();

  const reopened = await openOk(path, { clock: () => new Date('2020-01-01T00:00:00.000Z') });
  t.is(reopened.createdAt, createdAt, 'a writer reads the creation from the header');
  await appendOk(reopened, 'b', [makeTestEvent()]);
  const stamps = (await collectAsync(reopened.readAll())).map((event) => event.storedAt);
  t.deepEqual(stamps, [
    '2021-04-20T07:30:00.000Z',
    '2021-04-20T07:30:00.000Z',
    '2021-04-21T08:00:00.000Z',
    '2021-04-21T08:00:00.000Z',
    '2021-04-21T08:00:00.000Z',
  ]);
  await reopened.close();

  const text = await readFile(path, 'utf8');
  t.is((JSON.parse(text.split('\n')[0]!) as { createdAt: string }).createdAt, createdAt);
  const readOnly = await openOk(path, { mode: 'read-only' });
  t.is(readOnly.createdAt, createdAt, 'a reader reads it too');
  await readOnly.close();
  t.regex(text, /"metadata":\{[^}]*\},"storedAt":"2021-04-20T07:30:00\.000Z","prev":"/);
  const verified = await verifyFileEventStore({ path })();
  t.true(E.isRight(verified) && verified.right.ok && verified.right.eventCount === 5);
});

test('a store stamps with the system clock when given none', async (t) => {
  const path = join(await temporaryDirectory(t), 'system.jsonl');
  const before = new Date().toISOString();
  const store = await openOk(path);
  await appendOk(store, 'a', [makeTestEvent()]);
  const after = new Date().toISOString();
  const [stored] = await collectAsync(store.readAll());
  await store.close();
  t.true(stored!.storedAt! >= before && stored!.storedAt! <= after, stored!.storedAt);
});
