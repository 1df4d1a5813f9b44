import test from 'ava';
import * as E from 'fp-ts/Either';
import { createLedger } from '../facade/createLedger.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import { registrationDateOf } from './verifikationRegistration.js';
import { replayVerifikationslista } from './Verifikationslista.js';

// BFL 5 kap. 7 §: a verifikation's registration date is when it was entered into the books.
// The writer's `recordedAt` is whatever the writer's clock (or hand) said; the store's stamp
// `storedAt` is when the books took it in.

const recordedAt = '2021-02-12T08:00:00.000Z';
const storedAt = '2021-02-15T09:30:00.000Z';

async function booksStoredOn(clockInstant: string) {
  const store = getInMemoryEventStore({ clock: () => new Date(clockInstant) });
  const ledger = createLedger({ store, förbundId: 'test' });
  const recorded = await ledger.record(
    'FinansiellKostnadBokförd',
    { datum: '2021-02-10', belopp: '25.00', text: 'Bankavgift januari' },
    { metadata: { recordedAt, recordedBy: 'ekonom@test' } },
  )();
  if (E.isLeft(recorded)) throw recorded.left;
  return { store, ledger };
}

test('a verifikation read from a stamping store is registered when the store stored it, not when the writer says', async (t) => {
  const { store, ledger } = await booksStoredOn(storedAt);
  const [verifikation] = await collectAsync(ledger.verifikationer(2021));
  t.is(verifikation?.registrerad, recordedAt);
  t.is(verifikation?.storedAt, storedAt);
  t.is(registrationDateOf(verifikation!), storedAt);
  const list = await replayVerifikationslista(store.readStream(ledger.streamId), 2021);
  t.deepEqual(
    list.verifikationer.map((post) => [post.nummer, post.registrerad, post.registreradAv]),
    [['2021-1', storedAt, 'ekonom@test']],
  );
});

test('an event without a store stamp (a store that did not stamp, or events not read from a store) is registered at its recordedAt', async (t) => {
  const { store, ledger } = await booksStoredOn(storedAt);
  const unstamped = (await collectAsync(store.readStream(ledger.streamId))).map(
    ({ storedAt: _stamp, ...event }) => event,
  );
  const list = await replayVerifikationslista(unstamped, 2021);
  t.deepEqual(
    list.verifikationer.map((post) => [post.nummer, post.registrerad]),
    [['2021-1', recordedAt]],
  );
});
