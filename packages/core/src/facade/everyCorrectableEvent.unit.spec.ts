import test from 'ava';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { checkpointingMemoryStore } from '../checkpoints/memoryCheckpointStorage.testSupport.js';
import type { EventStore, ReadStreamOptions } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger, type EventToRecord, type Ledger } from './createLedger.js';
import { must } from './must.testSupport.js';

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

/** A cost of 100 kr from the bank, or with `postId` booked as an invoice owed (an open item). */
const cost = (datum: string, text: string, postId?: string): EventToRecord => ({
  type: 'KostnadBokförd',
  data: {
    datum,
    område: 'operativa',
    post: 'Post',
    belopp: '100.00',
    moms: '0.00',
    text,
    betalning: postId === undefined ? { sätt: 'bank' } : { sätt: 'leverantörsskuld', postId },
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

/**
 * `store` with a count of the reads of a whole stream started through it (a catch-up reads only
 * what follows its revision).
 */
function countingReads<Store extends EventStore>(
  store: Store,
): { store: Store; reads: () => number } {
  let reads = 0;
  const counting = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'readStream' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (((args[1] as ReadStreamOptions | undefined)?.fromRevision ?? 0) === 0) reads += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counting, reads: () => reads };
}

test('state() reads the stream only once the writer has forgotten correctable events: not before a stored year close and a batch after it', async (t) => {
  const keeping = checkpointingMemoryStore();
  const counted = countingReads(keeping);
  const ledger = createLedger({ store: counted.store, förbundId: 'f' });
  await must(ledger.recordAll([opening, cost('2024-03-01', '1'), cost('2024-04-01', '2')]));
  await must(ledger.state());
  const beforeState = counted.reads();
  t.is((await correctables(ledger)).length, 2);
  t.is(counted.reads(), beforeState, "nothing forgotten: the writer's state as it is");
  await must(
    ledger.closeYear(2024, '2025-01-15', {
      metadata,
      eventId: '00000000-0000-4000-8000-000000000009',
    }),
  );
  await keeping.idle();
  await must(ledger.recordAll([cost('2025-02-01', '4')]));
  const afterForgetting = counted.reads();
  t.is((await correctables(ledger)).length, 3, 'the two of 2024 read back, and the one after');
  t.is(counted.reads(), afterForgetting + 1, 'forgotten ones: one read of the stream');
});

test('state() reads the stream only up to its own revision: an event another writer appends between the state being taken and the read is not among its correctable events', async (t) => {
  const keeping = checkpointingMemoryStore();
  await history(createLedger({ store: keeping, förbundId: 'f' }));
  await keeping.idle();
  const other = createLedger({ store: keeping, förbundId: 'f' });
  const late = cost('2025-04-01', '6');
  // The first read of the whole stream appends `late` through the other writer before reading:
  // a store that reads to the live end then holds it.
  let armed = false;
  const racing = new Proxy(keeping, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'readStream' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const read = () =>
          (value as (...a: unknown[]) => AsyncIterable<unknown>).apply(target, args);
        if (!armed || ((args[1] as ReadStreamOptions | undefined)?.fromRevision ?? 0) !== 0)
          return read();
        armed = false;
        return (async function* () {
          await must(other.recordAll([late]));
          yield* read();
        })();
      };
    },
  });
  const resumed = createLedger({ store: racing, förbundId: 'f' });
  await must(resumed.state());
  armed = true;
  const state = await must(resumed.state());
  t.false(armed, 'the read of the whole stream was started after the state was taken');
  t.false(state.correctableEvents.has(late.options.eventId!), 'not in the state that was taken');
  t.is(state.correctableEvents.size, 5, 'the five costs of the state');
  t.is((await correctables(resumed)).length, 6, 'the next state() has it');
});

test('state() is the state at the call: calls after it change none of its collections', async (t) => {
  for (const store of [getInMemoryEventStore(), checkpointingMemoryStore()]) {
    const ledger = createLedger({ store, förbundId: 'f' });
    await history(ledger);
    const taken = await must(ledger.state());
    const before = JSON.stringify(summaryOf(taken));
    // A cost with an open invoice, another year's close, and one more cost: every collection a
    // later call can change (balances, open items, correctable events, closed years, results)
    // changes in the writer's own state.
    await must(ledger.recordAll([cost('2025-04-01', '6', 'F-6')]));
    await must(
      ledger.closeYear(2025, '2026-01-10', {
        metadata,
        eventId: '00000000-0000-4000-8000-000000000019',
      }),
    );
    await must(ledger.recordAll([cost('2026-02-01', '7')]));
    const after = await must(ledger.state());
    t.not(JSON.stringify(summaryOf(after)), before, 'the later calls changed the books');
    t.is(JSON.stringify(summaryOf(taken)), before, 'and not the state taken before them');
  }
});

/** What a test can compare of a state: each collection as plain data. */
function summaryOf(state: BookkeepingState) {
  return {
    closedYears: [...state.closedYears],
    yearResults: [...state.yearResults].map(([year, result]) => [year, String(result)]),
    balances: [...state.balances].map(([key, balance]) => [key, String(balance)]),
    openItems: [...state.openItems],
    correctableEvents: [...state.correctableEvents.keys()],
    correctedEventIds: [...state.correctedEventIds],
  };
}
