import test from 'ava';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { isLedgerError, type NewEvent } from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { makeTestEvent, makeTestEvents } from '@finsam-ledger/core/testing';
import {
  startEventStoreDBEmulator,
  type EventStoreDBEmulator,
} from '@finsam-ledger/eventstoredb-emulator';
import * as E from 'fp-ts/Either';
import {
  getEventStoreDBEventStore,
  type EventStoreDBEventStore,
  type EventStoreDBEventStoreOptions,
} from './index.js';

/**
 * What the adapter promises beyond the shared suite: the stored shape (the documented
 * mapping), idempotency between independent writers, paging, filtering of `$all`, decoding
 * of foreign events. Runs against the emulator, or unchanged against a real server when
 * FINSAM_ESDB_CONNECTION_STRING is set.
 */
const realServer = process.env['FINSAM_ESDB_CONNECTION_STRING'];
let emulator: EventStoreDBEmulator | undefined;

test.before(async () => {
  if (realServer === undefined) emulator = await startEventStoreDBEmulator();
});
test.after.always(async () => {
  await emulator?.stop();
});

const connectionString = (): string => realServer ?? emulator!.connectionString;
const newPrefix = (): string => `finsamtest${globalThis.crypto.randomUUID().slice(0, 8)}.`;
const open = (options: Partial<EventStoreDBEventStoreOptions> = {}): EventStoreDBEventStore =>
  getEventStoreDBEventStore({
    connectionString: connectionString(),
    streamPrefix: newPrefix(),
    retry: { attemptsMax: 3, backoffMsInitial: 10, backoffMsMax: 50 },
    ...options,
  });

const appendOk = async (
  store: EventStoreDBEventStore,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: 'any' | number = 'any',
) => {
  const result = await store.appendToStream(streamId, events, { expectedRevision })();
  if (E.isLeft(result)) throw result.left;
  return result.right;
};
const ids = (events: readonly { eventId: string }[]): string[] =>
  events.map((event) => event.eventId);

test('stores the documented shape: stream <prefix><streamId>, our eventId as the event id, JSON data, metadata with $correlationId/$causationId', async (t) => {
  const store = open();
  const event = makeTestEvent({
    type: 'KostnadBokförd',
    schemaVersion: 2,
    data: { beloppKr: '1200.50' },
    metadata: {
      recordedAt: '2021-02-01T10:00:00.000Z',
      recordedBy: 'ekonom',
      correlationId: 'import-7',
      causationId: 'cmd-9',
    },
  });
  await appendOk(store, 'shape', [event]);
  const raw = [];
  for await (const resolved of store.client.readStream(`${store.streamMapping.streamPrefix}shape`))
    raw.push(resolved.event);
  t.is(raw.length, 1);
  t.like(raw[0], {
    streamId: `${store.streamMapping.streamPrefix}shape`,
    id: event.eventId,
    type: 'KostnadBokförd',
    isJson: true,
    data: { beloppKr: '1200.50' },
    revision: 0n,
  });
  t.deepEqual(raw[0]!.metadata, {
    schemaVersion: 2,
    recordedAt: '2021-02-01T10:00:00.000Z',
    recordedBy: 'ekonom',
    $correlationId: 'import-7',
    $causationId: 'cmd-9',
  });
  await store.close();
});

test('two independent writers appending the same batch at once with "any": exactly one copy, both succeed', async (t) => {
  const first = open();
  const second = open({ streamPrefix: first.streamMapping.streamPrefix });
  await appendOk(first, 'twice', makeTestEvents(2));
  const batch = makeTestEvents(3);
  const results = await Promise.all([
    appendOk(first, 'twice', batch),
    appendOk(second, 'twice', batch),
  ]);
  // The loser of the race either finds the batch on its check (alreadyStored: true), or its
  // conditional write meets the winner's identical batch right after the revision it
  // checked, which EventStoreDB itself acknowledges as an idempotent success that the
  // protocol does not tell apart from a write (alreadyStored: false). Either way: one copy.
  t.true(
    results.some((result) => !result.alreadyStored),
    'someone wrote it',
  );
  t.true(results.every((result) => result.nextExpectedRevision === 4));
  const read = await collectAsync(first.readStream('twice'));
  t.is(read.length, 5);
  t.deepEqual(ids(read.slice(2)), ids(batch));
  await first.close();
  await second.close();
});

test('two independent writers appending different batches at once with "any": both land, each once, contiguous', async (t) => {
  const first = open();
  const second = open({ streamPrefix: first.streamMapping.streamPrefix });
  const left = makeTestEvents(2);
  const right = makeTestEvents(2);
  await Promise.all([appendOk(first, 'both', left), appendOk(second, 'both', right)]);
  const read = await collectAsync(first.readStream('both'));
  t.deepEqual(ids(read).sort(), ids([...left, ...right]).sort());
  t.deepEqual(
    read.map((event) => event.streamRevision),
    [0, 1, 2, 3],
  );
  await first.close();
  await second.close();
});

test('concurrent appends through one store to a stream its index does not know yet: every batch lands once, contiguous (their catch-ups read the same pages at once)', async (t) => {
  const writer = open();
  const store = open({ streamPrefix: writer.streamMapping.streamPrefix, readPageSize: 50 });
  await appendOk(writer, 'shared', makeTestEvents(300));
  const batches = Array.from({ length: 10 }, () => makeTestEvents(7));
  await Promise.all(batches.map((batch) => appendOk(store, 'shared', batch)));
  const read = await collectAsync(store.readStream('shared'));
  t.is(read.length, 370);
  t.deepEqual(
    read.map((event) => event.streamRevision),
    Array.from({ length: 370 }, (_, revision) => revision),
  );
  t.deepEqual(ids(read.slice(300)).sort(), ids(batches.flat()).sort());
  await writer.close();
  await store.close();
});

test('pages through a stream and through $all with small pages, honouring fromRevision, fromPosition and maxCount', async (t) => {
  const store = open({ readPageSize: 7 });
  const a = makeTestEvents(30);
  const b = makeTestEvents(11);
  await appendOk(store, 'a', a.slice(0, 15));
  await appendOk(store, 'b', b);
  await appendOk(store, 'a', a.slice(15));
  t.deepEqual(ids(await collectAsync(store.readStream('a'))), ids(a));
  t.deepEqual(
    ids(await collectAsync(store.readStream('a', { fromRevision: 6, maxCount: 15 }))),
    ids(a.slice(6, 21)),
  );
  t.deepEqual(
    ids(await collectAsync(store.readStream('a', { fromRevision: 28, maxCount: 15 }))),
    ids(a.slice(28)),
  );
  const all = await collectAsync(store.readAll());
  t.deepEqual(ids(all), ids([...a.slice(0, 15), ...b, ...a.slice(15)]));
  const middle = all[20]!;
  t.deepEqual(
    ids(await collectAsync(store.readAll({ fromPosition: middle.globalPosition, maxCount: 9 }))),
    ids(all.slice(20, 29)),
  );
  t.deepEqual(
    ids(await collectAsync(store.readAll({ fromPosition: all.at(-1)!.globalPosition + 1 }))),
    [],
  );
  await store.close();
});

test("readAll returns only our events: not system events, not other applications' streams, not another prefix", async (t) => {
  const store = open();
  const other = open();
  const ours = makeTestEvents(2);
  await appendOk(store, 'mine', ours);
  await appendOk(other, 'theirs', makeTestEvents(2));
  await store.client.appendToStream(`not-finsam-${globalThis.crypto.randomUUID().slice(0, 8)}`, [
    jsonEvent({ type: 'Foreign', data: { x: 1 } }),
  ]);
  t.deepEqual(ids(await collectAsync(store.readAll())), ids(ours));
  await store.close();
  await other.close();
});

test('an event under our prefix that is not a ledger envelope is refused with STORE_CORRUPTED (io-ts decoding), on reads and appends', async (t) => {
  const store = open();
  await store.client.appendToStream(`${store.streamMapping.streamPrefix}foreign`, [
    jsonEvent({ type: 'Foreign', data: { x: 1 }, metadata: { schemaVersion: 'one' } }),
  ]);
  const error = await t.throwsAsync(collectAsync(store.readStream('foreign')));
  t.true(isLedgerError(error, 'STORE_CORRUPTED'), String(error));
  t.regex(error!.message, /schemaVersion/);
  const append = await store.appendToStream('foreign', makeTestEvents(1))();
  t.is(E.isLeft(append) ? append.left.code : undefined, 'STORE_CORRUPTED');
  await store.close();
});

test('a closed store refuses with STORE_CLOSED, and leaves a client it was given open', async (t) => {
  const client = EventStoreDBClient.connectionString(connectionString());
  const store = getEventStoreDBEventStore({ client, streamPrefix: newPrefix() });
  await appendOk(store, 'c', makeTestEvents(1));
  await store.close();
  const result = await store.appendToStream('c', makeTestEvents(1))();
  t.is(E.isLeft(result) ? result.left.code : undefined, 'STORE_CLOSED');
  const error = await t.throwsAsync(collectAsync(store.readStream('c')));
  t.true(isLedgerError(error, 'STORE_CLOSED'));
  // The caller's client still works.
  const raw = [];
  for await (const resolved of client.readStream(`${store.streamMapping.streamPrefix}c`))
    raw.push(resolved);
  t.is(raw.length, 1);
  await client.dispose();
});

test('an index smaller than the streams still gives the same answers (streams are re-read when forgotten)', async (t) => {
  const store = open({ eventIdIndexEventsMax: 3 });
  const first = makeTestEvents(4);
  await appendOk(store, 'big', first);
  const second = makeTestEvents(2);
  await appendOk(store, 'big', second, 3);
  t.true((await appendOk(store, 'big', first)).alreadyStored);
  const changed = await store.appendToStream('big', [{ ...first[1]!, data: { changed: true } }])();
  t.is(E.isLeft(changed) ? changed.left.code : undefined, 'EVENT_ID_CONFLICT');
  t.is((await collectAsync(store.readStream('big'))).length, 6);
  await store.close();
});

test('storedAt is the server stamp (created), and stored verifikation numbers round-trip in the metadata', async (t) => {
  const store = open();
  const before = Date.now();
  const event = makeTestEvent({
    metadata: {
      recordedAt: '2019-01-01T00:00:00.000Z',
      recordedBy: 'ekonom',
      verifikationsnummer: ['2021-4', '2021-5'],
    },
  });
  await appendOk(store, 'stamped', [event]);
  const after = Date.now();
  const [stored] = await collectAsync(store.readStream('stamped'));
  const [fromAll] = (await collectAsync(store.readAll())).filter(
    (candidate) => candidate.eventId === event.eventId,
  );
  await store.close();
  t.deepEqual(stored!.metadata, event.metadata);
  t.is(fromAll!.storedAt, stored!.storedAt);
  // The writer's recordedAt says 2019; the server's clock says now. A real server's clock may
  // differ from this machine's by a little, so it is checked only against the emulator.
  const storedMs = Date.parse(stored!.storedAt!);
  if (realServer === undefined)
    t.true(storedMs >= before - 1 && storedMs <= after, stored!.storedAt);
  else t.true(storedMs > Date.parse('2020-01-01T00:00:00.000Z'));
});
