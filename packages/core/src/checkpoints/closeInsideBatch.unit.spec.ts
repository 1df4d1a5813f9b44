import test from 'ava';
import * as E from 'fp-ts/Either';
import { createLedger, type EventToRecord } from '../facade/createLedger.js';
import { openCheckpoint } from '../store/checkpointEnvelope.js';
import { serialiseBookkeepingState } from './bookkeepingStateCheckpoint.js';
import type { CheckpointNotice } from './checkpointShelf.js';
import { checkpointingMemoryStore } from './memoryCheckpointStorage.testSupport.js';
import { ok } from './ok.testSupport.js';
import { costByBank } from './payables.testSupport.js';

// A year close in the middle of one recordAll batch is checkpointed from the state at the close,
// not from the state after the batch (which already holds the next year's bookings).

const metadata = { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'test' };

const cost = (datum: string, belopp: string): EventToRecord => ({
  type: 'KostnadBokförd',
  data: costByBank(datum, belopp),
  options: { metadata },
});

/** The opening balance, then one batch: a 2024 cost, the 2024 close, two 2025 bookings. */
const history: EventToRecord[][] = [
  [
    {
      type: 'IngåendeBalansRegistrerad',
      data: {
        datum: '2024-01-01',
        text: 'IB',
        kassaOchBank: '5000.00',
        momsfordran: '0',
        balanseratResultat: '5000.00',
        öppnaPoster: [],
      },
      options: { metadata },
    },
  ],
  [
    cost('2024-05-01', '300.00'),
    {
      type: 'RäkenskapsårStängt',
      data: { år: 2024, datum: '2025-02-15', åretsResultat: '-300.00' },
      options: { metadata },
    },
    cost('2025-03-01', '120.00'),
    {
      type: 'MedlemsbidragMottaget',
      data: {
        datum: '2025-03-02',
        medlem: 'Staten',
        medlemskategori: 'staten',
        period: '2025',
        belopp: '900.00',
      },
      options: { metadata },
    },
  ],
];

test('a year close inside a recordAll batch saves the write side’s checkpoint at the close, and a writer resumes from it to the same state', async (t) => {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'batch' });
  for (const batch of history) await ok(ledger.recordAll(batch));
  await store.idle();
  const name = 'bookkeeping-decider.v2.bokforing-batch.2024.json';
  t.true(store.files.has(name), 'the close in the middle of the batch was checkpointed');
  const opened = await openCheckpoint(store.files.get(name)!);
  if (E.isLeft(opened)) return t.fail(opened.left.message);
  t.is(opened.right.revision, 2, 'at the close: revision 2 of the stream');
  // The state at the close: 2024's result, and nothing of 2025 yet.
  const state = opened.right.state as { yearResults: [number, string][]; closedYears: number[] };
  t.deepEqual(state.closedYears, [2024]);
  t.deepEqual(state.yearResults, [[2024, '-300.00']]);

  // Folded up to the close alone, the books give the very same serialised state.
  const upToClose = checkpointingMemoryStore();
  const upToCloseLedger = createLedger({ store: upToClose.plain, förbundId: 'batch' });
  await ok(upToCloseLedger.recordAll(history[0]!));
  await ok(upToCloseLedger.recordAll(history[1]!.slice(0, 2)));
  t.deepEqual(
    opened.right.state,
    JSON.parse(JSON.stringify(serialiseBookkeepingState(await ok(upToCloseLedger.state())))),
  );

  // A new writer resumes from it, reads only the two events after it, and has the full state.
  const notices: CheckpointNotice[] = [];
  const { bookkeepingRecorderCheckpoints } = await import('./bookkeepingRecorderCheckpoints.js');
  const resumedCheckpoints = bookkeepingRecorderCheckpoints(
    store,
    'bokforing-batch',
    ledger.chart,
    (notice) => notices.push(notice),
  );
  const loaded = await resumedCheckpoints!.resume();
  t.is(loaded?.revision, 2);
  t.like(notices[0], { kind: 'used', year: 2024, revision: 2 });
  const resumed = await ok(createLedger({ store, förbundId: 'batch' }).state());
  const folded = await ok(createLedger({ store: store.plain, förbundId: 'batch' }).state());
  t.is(
    JSON.stringify(serialiseBookkeepingState(resumed)),
    JSON.stringify(serialiseBookkeepingState(folded)),
  );
  t.is(resumed.yearResults.get(2025)?.toString(), '780.00');
});

test('a batch refused after its year close saves no checkpoint of the close', async (t) => {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId: 'refused' });
  await ok(ledger.recordAll(history[0]!));
  const refused = await ledger.recordAll([
    ...history[1]!.slice(0, 2),
    // Booked in the year the batch has just closed: refused, and the whole batch with it.
    cost('2024-12-01', '10.00'),
  ])();
  t.true(E.isLeft(refused));
  await store.idle();
  t.false(store.files.has('bookkeeping-decider.v2.bokforing-refused.2024.json'));
  const state = await ok(ledger.state());
  t.false(state.closedYears.has(2024));
});

test('a year close’s checkpoint save is kept open with the store until its file is written, so that a close of the store waits for it', async (t) => {
  const memory = checkpointingMemoryStore();
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let writing = false;
  const kept: { settled: boolean }[] = [];
  const store = {
    ...memory,
    checkpoints: {
      ...memory.checkpoints,
      // The write side's save waits here until released: a slow disk.
      write: async (name: string, content: string, bytes?: Uint8Array) => {
        if (name.startsWith('bookkeeping-decider')) {
          writing = true;
          await released;
        }
        return memory.checkpoints.write(name, content, bytes);
      },
      keepOpenFor: (work: Promise<unknown>) => {
        const entry = { settled: false };
        kept.push(entry);
        void work.finally(() => (entry.settled = true)).catch(() => undefined);
      },
    },
  };
  const ledger = createLedger({ store, förbundId: 'batch' });
  for (const batch of history) await ok(ledger.recordAll(batch));
  // Everything else is done: the readers' fold after the close, which is kept open too.
  await memory.idle();
  t.true(writing, 'the save is writing its file');
  t.true(
    kept.some((entry) => !entry.settled),
    'what a close of the store waits for is not over while the file is written',
  );
  release();
  await memory.idle();
  t.true(kept.every((entry) => entry.settled));
  t.true(memory.files.has('bookkeeping-decider.v2.bokforing-batch.2024.json'));
});
