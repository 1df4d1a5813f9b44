import test from 'ava';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import type { EventStore } from '../store/EventStore.js';
import { serialiseBookkeepingState } from './bookkeepingStateCheckpoint.js';
import {
  checkpointingMemoryStore,
  type CheckpointingMemoryStore,
} from './memoryCheckpointStorage.testSupport.js';
import { ok } from './ok.testSupport.js';
import { costOnCredit, options, recordOpeningBalance, stateText } from './payables.testSupport.js';

/**
 * A writer on a store that keeps checkpoints compacts its own state at each year close it saw
 * stored (`RecorderCheckpoints.dropStored`): it forgets the correctable events up to the close
 * and keeps the items settled by then as id, kind and opening event. These specs hold what that
 * is for, memory, which no figure shows: at every close, not only the first; on a catch-up past a
 * close another writer stored, not only at the writer's own next batch; and with nothing else
 * (the checkpoint serialiser's order of the last save) keeping the items in full alive.
 */

const förbundId = 'compaction';

/** Payable `postId` opened and paid in full in `year`. */
async function settledPayable(ledger: Ledger, year: number, postId: string): Promise<void> {
  await ok(
    ledger.record('KostnadBokförd', costOnCredit(`${year}-03-01`, postId, '400.00'), options),
  );
  await ok(
    ledger.record(
      'LeverantörsskuldBetald',
      { datum: `${year}-03-20`, postId, belopp: '400.00' },
      options,
    ),
  );
}

test('a writer compacts at every year close it saw stored, not only the first: the items settled in each closed year are kept as id and kind', async (t) => {
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId });
  await recordOpeningBalance(ledger);
  await settledPayable(ledger, 2024, 'LF-1');
  await ok(ledger.closeYear(2024, '2025-01-15', options));
  await settledPayable(ledger, 2025, 'LF-2');
  await ok(ledger.closeYear(2025, '2026-01-15', options));
  await ok(ledger.record('KostnadBokförd', costOnCredit('2026-02-01', 'LF-3', '100.00'), options));
  const state = await ok(ledger.state());
  t.deepEqual([...state.openItems.keys()], ['LF-3'], 'only the item still open is held in full');
  t.deepEqual(
    [...state.settledItems.items()].map(({ postId }) => postId),
    ['LF-1', 'LF-2'],
  );
  await store.idle();
  t.is(await stateText(ledger), await stateText(createLedger({ store: store.plain, förbundId })));
});

/** `store`, with the `maxCount` of every read of the stream noted in `reads`. */
function readsNoted(store: CheckpointingMemoryStore, reads: (number | undefined)[]) {
  const noted: EventStore & Pick<CheckpointingMemoryStore, 'checkpoints'> = {
    ...store.plain,
    readStream: (streamId, readOptions) => {
      reads.push(readOptions?.maxCount);
      return store.readStream(streamId, readOptions);
    },
    checkpoints: store.checkpoints,
  };
  return noted;
}

test('a writer that catches up past a year close another writer stored forgets the correctable events before it at once: state() then reads them from the store', async (t) => {
  const store = checkpointingMemoryStore();
  const writer = createLedger({ store, förbundId });
  await recordOpeningBalance(writer);
  await settledPayable(writer, 2024, 'LF-1');
  const reads: (number | undefined)[] = [];
  // Folded from the first event (no checkpoint yet), before the close.
  const reader = createLedger({ store: readsNoted(store, reads), förbundId });
  await ok(reader.state());
  t.false(
    reads.some((maxCount) => maxCount !== undefined),
    'holding every correctable event, state() copies them',
  );
  await ok(writer.closeYear(2024, '2025-01-15', options));
  await ok(writer.record('KostnadBokförd', costOnCredit('2025-02-01', 'LF-2', '100.00'), options));
  await store.idle();
  reads.length = 0;
  // The catch-up alone, with no batch of its own after it, passes the stored close.
  const state = await ok(reader.state());
  t.true(
    reads.some((maxCount) => maxCount !== undefined),
    'the writer forgot the correctable events before the close: state() read them back',
  );
  t.deepEqual([...state.openItems.keys()], ['LF-2'], 'and keeps LF-1 compactly');
  t.is(
    JSON.stringify(serialiseBookkeepingState(state)),
    await stateText(createLedger({ store: store.plain, förbundId })),
  );
  t.deepEqual(
    [...state.correctableEvents.keys()],
    [
      ...(
        await ok(createLedger({ store: store.plain, förbundId }).state())
      ).correctableEvents.keys(),
    ],
  );
});

/** The garbage collector, which the spec's process was not started with. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * A weak reference to the writer's item `postId` as `state()` answers it (the answer's map is a
 * copy, its items the writer's own): in a function of its own, so that no variable of the caller
 * holds the answer.
 */
async function weakItem(ledger: Ledger, postId: string): Promise<WeakRef<object>> {
  const item = (await ok(ledger.state())).openItems.get(postId);
  if (item === undefined) throw new TypeError(`${postId} is held in full`);
  return new WeakRef(item);
}

test('once it has compacted, the writer keeps no item settled before the close alive in full: not even in the order its checkpoint saves keep', async (t) => {
  const collectGarbage = garbageCollector();
  const store = checkpointingMemoryStore();
  const ledger = createLedger({ store, förbundId });
  await recordOpeningBalance(ledger);
  await settledPayable(ledger, 2024, 'LF-1');
  await ok(ledger.closeYear(2024, '2025-01-15', options));
  await store.idle();
  // The close's save listed LF-1 in full; the writer holds it in full until its next call.
  const lf1 = await weakItem(ledger, 'LF-1');
  await ok(ledger.record('KostnadBokförd', costOnCredit('2025-02-01', 'LF-2', '100.00'), options));
  t.deepEqual([...(await ok(ledger.state())).openItems.keys()], ['LF-2']);
  // A turn of the event loop first: a weak reference keeps its target until its job has ended.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  t.is(lf1.deref(), undefined, 'LF-1 in full was collected');
});
