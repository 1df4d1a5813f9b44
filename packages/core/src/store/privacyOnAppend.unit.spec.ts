import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from './getInMemoryEventStore.js';
import { createLedger } from '../facade/createLedger.js';
import type { EventInput } from '../facade/EventInput.js';
import { bookkeepingStreamId } from '../bookkeeping/bookkeepingCatalog.js';
import { rowOf } from '../statements/Statement.js';
import { collectAsync } from '../util/asyncIterable.js';
import type { NewEvent, StoredEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';
import { copyEvents } from './copyEvents.js';

const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };
const opening = {
  datum: '2020-01-01',
  text: 'IB 2020',
  kassaOchBank: '1000.00',
  momsfordran: '0',
  balanseratResultat: '1000.00',
  öppnaPoster: [],
};
const cost = (text: string): EventInput<'KostnadBokförd'> => ({
  datum: '2020-03-31',
  område: 'operativa',
  post: 'Deltagarstöd',
  belopp: '100.00',
  text,
  betalning: { sätt: 'bank' },
});
// A KostnadBokförd written straight to a store, around the ledger's checks.
const handWritten = (text: string): NewEvent => ({
  eventId: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
  type: 'KostnadBokförd',
  schemaVersion: 1,
  data: { ...cost(text), moms: '0.00' },
  metadata,
});

async function must<T>(task: () => Promise<E.Either<{ code: string }, T>>): Promise<T> {
  const result = await task();
  if (E.isLeft(result)) throw new Error(result.left.code);
  return result.right;
}

test('issue 14 item 7: a store refuses a personnummer appended around the ledger, so the stream keeps recording and replaying', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await must(ledger.record('IngåendeBalansRegistrerad', opening, { metadata }));
  const streamId = bookkeepingStreamId('test');
  const appended = await store.appendToStream(streamId, [handWritten('Resa för 811218 - 9876')])();
  t.true(E.isLeft(appended));
  if (E.isLeft(appended)) {
    t.is(appended.left.code, 'PERSONNUMMER_REFUSED');
    t.deepEqual(
      appended.left.issues.map((issue) => [issue.path, issue.rule]),
      [['events[0].data.text', 'no-personnummer']],
    );
  }
  t.is((await collectAsync(store.readStream(streamId))).length, 1, 'nothing was appended');
  // The stream still decodes: the ledger records and replays as before.
  await must(ledger.record('KostnadBokförd', cost('Resa'), { metadata }));
  const { resultaträkning } = await ledger.statements(2020);
  t.is(rowOf(resultaträkning, 'verksamhetens-kostnader').amounts[0]!.toString(), '-100.00');
});

/** A store written before stores refused personnummer: it serves the events it was given. */
function storeWrittenBeforeTheCheck(events: readonly NewEvent[], streamId: string): EventStore {
  const stored: StoredEvent[] = events.map((event, index) => ({
    ...event,
    streamId,
    streamRevision: index,
    globalPosition: index,
  }));
  const memory = getInMemoryEventStore();
  return {
    ...memory,
    async *readStream(id) {
      yield* stored.filter((event) => event.streamId === id);
    },
    async *readAll() {
      yield* stored;
    },
  };
}

test('issue 14 item 7: a stream that holds a personnummer from before the check is rewritten into a new store by copyEvents, as docs/stores.md tells the operator', async (t) => {
  const streamId = bookkeepingStreamId('test');
  const openingEvent: NewEvent = {
    eventId: '0b6f9f7e-4a51-4c1e-9b43-2f5a3c3d8e11',
    type: 'IngåendeBalansRegistrerad',
    schemaVersion: 1,
    data: opening,
    metadata,
  };
  const old = storeWrittenBeforeTheCheck(
    [openingEvent, handWritten('Resa för 811218-9876')],
    streamId,
  );
  const oldLedger = createLedger({ store: old, förbundId: 'test' });
  // Every replay of the stream fails, naming the event and the rule.
  const refused = await oldLedger.statements(2020).then(
    () => undefined,
    (thrown: unknown) => thrown as { code: string; details: Record<string, unknown> },
  );
  t.is(refused?.code, 'PERSONNUMMER_REFUSED');
  t.is(refused?.details['eventId'], '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b');
  t.is(refused?.details['streamRevision'], 1);

  // A plain copy is refused too: no store takes the number again.
  const plainCopy = await copyEvents(old, getInMemoryEventStore());
  t.true(E.isLeft(plainCopy) && plainCopy.left.code === 'PERSONNUMMER_REFUSED');

  // The way out: copy into a new store, rewriting that one event's text.
  const target = getInMemoryEventStore();
  const copied = await copyEvents(old, target, {
    rewrite: (event) =>
      event.eventId === '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b'
        ? {
            data: { ...(event.data as object), text: 'Resa för [borttaget]' },
            metadata: event.metadata,
          }
        : event,
  });
  t.deepEqual(copied, E.right({ readCount: 2, writtenCount: 2, alreadyStoredCount: 0 }));
  const ledger = createLedger({ store: target, förbundId: 'test' });
  const { resultaträkning } = await ledger.statements(2020);
  t.is(rowOf(resultaträkning, 'verksamhetens-kostnader').amounts[0]!.toString(), '-100.00');
  await must(ledger.record('KostnadBokförd', cost('Resa 2'), { metadata }));
  const texts = (await collectAsync(target.readStream(streamId))).map(
    (event) => (event.data as { text: string }).text,
  );
  t.deepEqual(texts, ['IB 2020', 'Resa för [borttaget]', 'Resa 2']);
});
