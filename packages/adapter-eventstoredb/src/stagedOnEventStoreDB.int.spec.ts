import test from 'ava';
import { getStagedEventStore } from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { makeTestEvents } from '@finsam-ledger/core/testing';
import { startEventStoreDBEmulator } from '@finsam-ledger/eventstoredb-emulator';
import * as E from 'fp-ts/Either';
import { getEventStoreDBEventStore } from './index.js';

// The staged store (core) reads its base only from revisions and from positions the base gave:
// on a server that refuses $all positions inside a record, as EventStoreDB does, a dry run works.
test('a staged store on EventStoreDB that reads $all only from record boundaries: appends staged after the base, the base left as it was', async (t) => {
  const emulator = await startEventStoreDBEmulator({ allPositionCheck: 'strict' });
  const store = getEventStoreDBEventStore({ connectionString: emulator.connectionString });
  t.teardown(async () => {
    await store.close();
    await emulator.stop();
  });
  const stored = makeTestEvents(5);
  for (const batch of [stored.slice(0, 2), stored.slice(2)]) {
    const appended = await store.appendToStream('bokforing-staged', batch)();
    t.true(E.isRight(appended));
  }
  const staged = getStagedEventStore(store);
  const result = await staged.appendToStream('bokforing-staged', makeTestEvents(2), {
    expectedRevision: 4,
  })();
  t.deepEqual(result, E.right({ nextExpectedRevision: 6, alreadyStored: false }));
  const reused = await staged.appendToStream('bokforing-staged', [
    { ...stored[1]!, data: { changed: true } },
  ])();
  t.is(E.isLeft(reused) ? reused.left.code : undefined, 'EVENT_ID_CONFLICT');
  const all = await collectAsync(staged.readAll());
  t.deepEqual(
    all.map((event) => event.streamRevision),
    [0, 1, 2, 3, 4, 5, 6],
  );
  const resumed = await collectAsync(staged.readAll({ fromPosition: all[4]!.globalPosition + 1 }));
  t.deepEqual(
    resumed.map((event) => event.streamRevision),
    [5, 6],
  );
  await staged.close();
  t.is((await collectAsync(store.readStream('bokforing-staged'))).length, 5);
});
