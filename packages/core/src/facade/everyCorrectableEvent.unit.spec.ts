import test from 'ava';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { checkpointingMemoryStore } from '../checkpoints/memoryCheckpointStorage.testSupport.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger, type EventToRecord, type Ledger } from './createLedger.js';
import { must } from './must.testSupport.js';

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

const cost = (datum: string, text: string): EventToRecord => ({
  type: 'KostnadBokförd',
  data: {
    datum,
    område: 'operativa',
    post: 'Post',
    belopp: '100.00',
    moms: '0.00',
    text,
    betalning: { sätt: 'bank' },
  },
  options: { metadata, eventId: `00000000-0000-4000-8000-00000000000${text}` },
});

const opening: EventToRecord = {
  type: 'IngåendeBalansRegistrerad',
  data: {
    datum: '2024-01-01',
    text: 'IB',
    kassaOchBank: '50000.00',
    momsfordran: '0',
    balanseratResultat: '50000.00',
    öppnaPoster: [],
  },
  options: { metadata, eventId: '00000000-0000-4000-8000-000000000000' },
};

/** 2024 booked and closed (a 2025 cost recorded before the close), then more of 2025. */
async function history(ledger: Ledger): Promise<void> {
  await must(ledger.recordAll([opening, cost('2024-03-01', '1'), cost('2024-04-01', '2')]));
  await must(ledger.recordAll([cost('2025-01-10', '3')]));
  await must(
    ledger.closeYear(2024, '2025-01-15', {
      metadata,
      eventId: '00000000-0000-4000-8000-000000000009',
    }),
  );
  await must(ledger.recordAll([cost('2025-02-01', '4')]));
  await must(ledger.recordAll([cost('2025-03-01', '5')]));
}

/** The correctable events of `state()`, in order, as id, type and fingerprint. */
async function correctables(ledger: Ledger) {
  const state: BookkeepingState = await must(ledger.state());
  return [...state.correctableEvents].map(([id, { type, fingerprint }]) => [id, type, fingerprint]);
}

test("state()'s correctable events are the same whatever checkpoints the store keeps: those of every event, as a full replay folds them", async (t) => {
  const plain: EventStore = getInMemoryEventStore();
  const keeping = checkpointingMemoryStore();
  const replayed = createLedger({ store: plain, förbundId: 'f' });
  const live = createLedger({ store: keeping, förbundId: 'f' });
  await history(replayed);
  await history(live);
  await keeping.idle();
  const expected = await correctables(replayed);
  t.is(expected.length, 5, 'the five costs');
  t.deepEqual(await correctables(live), expected, 'the writer that closed the year');
  const resumed = createLedger({ store: keeping, förbundId: 'f' });
  t.deepEqual(await correctables(resumed), expected, 'a writer resumed from the close');
  t.deepEqual(await correctables(createLedger({ store: keeping.plain, förbundId: 'f' })), expected);
});
