import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import { makeTestEvents } from '../testing/eventStoreConformance.js';
import { copyEvents } from './copyEvents.js';
import { createLedger } from '../facade/createLedger.js';
import { auditStore } from '../audit/auditStore.js';
import { replayVerifikationslista } from '../statements/Verifikationslista.js';
import type { StoredEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';

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

  const strip = (events: readonly StoredEvent[]) =>
    events.map((event) => ({
      id: event.eventId,
      stream: event.streamId,
      revision: event.streamRevision,
      data: event.data,
      metadata: event.metadata,
    }));
  // The metadata is the source's, with where each event was first stored.
  const sourceEvents = await collectAsync(source.readAll());
  t.deepEqual(
    strip(await collectAsync(target.readAll())),
    strip(
      sourceEvents.map((event) => ({
        ...event,
        metadata: {
          ...event.metadata,
          copiedFrom: { storedAt: event.storedAt!, globalPosition: event.globalPosition },
        },
      })),
    ),
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

const clockAt = (instant: string) => () => new Date(instant);

test('a copy keeps where each event was first stored: the verifikationslista registers it then, the audit sees no drift, and a copy of the copy keeps the first store', async (t) => {
  const first = getInMemoryEventStore({ clock: clockAt('2021-03-01T10:00:00.000Z') });
  const ledger = createLedger({ store: first, förbundId: 'test' });
  const metadata = { recordedAt: '2021-03-01T09:59:00.000Z', recordedBy: 'ekonom@test' };
  const fee = { datum: '2021-02-28', belopp: '25.00', text: 'Bankavgift februari' };
  const recorded = await ledger.record('FinansiellKostnadBokförd', fee, { metadata })();
  if (E.isLeft(recorded)) return t.fail(recorded.left.message);

  const copy = getInMemoryEventStore({ clock: clockAt('2026-11-30T12:00:00.000Z') });
  t.true(E.isRight(await copyEvents(first, copy)));
  const again = getInMemoryEventStore({ clock: clockAt('2026-12-01T12:00:00.000Z') });
  t.true(E.isRight(await copyEvents(copy, again)));

  const [copied] = await collectAsync(again.readAll());
  t.is(copied?.storedAt, '2026-12-01T12:00:00.000Z');
  t.deepEqual(copied?.metadata.copiedFrom, {
    storedAt: '2021-03-01T10:00:00.000Z',
    globalPosition: 0,
  });
  const registered = async (store: EventStore) =>
    (await replayVerifikationslista(store.readStream(ledger.streamId), 2021)).verifikationer.map(
      (post) => post.registrerad,
    );
  t.deepEqual(await registered(again), ['2021-03-01T10:00:00.000Z']);
  const audit = await auditStore({ store: again, förbundId: 'test' });
  t.true(audit.ok, JSON.stringify(audit.findings));
  t.deepEqual(audit.warnings, []);
});

test('an event from a store that did not stamp is copied without copiedFrom: there is no first stamp to keep', async (t) => {
  const [event] = makeTestEvents(1);
  const unstamped: StoredEvent = {
    ...event!,
    streamId: 'a',
    streamRevision: 0,
    globalPosition: 0,
  };
  const source = {
    ...getInMemoryEventStore(),
    readAll: async function* () {
      yield unstamped;
    },
  } as EventStore;
  const target = getInMemoryEventStore();
  t.true(E.isRight(await copyEvents(source, target)));
  const [copied] = await collectAsync(target.readAll());
  t.deepEqual(copied?.metadata, event!.metadata);
});
