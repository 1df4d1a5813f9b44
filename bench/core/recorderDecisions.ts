/**
 * The write side's recorder alone: issue 15's synthetic history (bench/annualReport), made into
 * events by the catalog before any clock starts, recorded in batches through the recorder the
 * ledger builds (the bookkeeping decider, its undo, the checkpoints of the year closes) on a
 * store that acknowledges every append at once and keeps checkpoints in memory. What is left is
 * the decision path of `recordAll` after the catalog: the rules, posting, numbering, the fold,
 * the batch's undo, the envelopes handed to the store, and each year close's checkpoint
 * (serialised, sealed, hashed), with the garbage collection of what they allocate.
 * `ledgerAlone.ts` measures the ledger with the catalog's checks and without checkpoints.
 *
 *   node --import tsx --conditions=finsam-source bench/core/recorderDecisions.ts [events] [rounds]
 *   node --import tsx --conditions=finsam-source bench/core/recorderDecisions.ts 40000 12
 *
 * Each round records the same events on a new recorder and store. Prints, of the rounds after the
 * first two (V8 still compiling), the median main-thread CPU microseconds per event
 * (`/proc/thread-self/schedstat`: a single short reading is coarse, a round of 40 000 events is
 * not) and the bytes allocated per event (the heap's growth between V8's collections, counted by
 * `v8.GCProfiler`: every byte, not a sample; `ArrayBuffer` contents, outside the heap, are not
 * counted). On a shared machine compare two versions round by round in one process, or as
 * interleaved runs, never two runs far apart.
 */
import * as E from 'fp-ts/Either';
import v8 from 'node:v8';
import {
  bookkeepingCatalog,
  defaultChart,
  type BookkeepingEvent,
  type EventStore,
} from '@finsam-ledger/core';
import { createBookkeepingDecider, createEventRecorder } from '@finsam-ledger/core/testing';
// Not exported: the ledger builds it for a store with checkpoint storage.
import { bookkeepingRecorderCheckpoints } from '../../packages/core/src/checkpoints/bookkeepingRecorderCheckpoints.js';
import { syntheticHistory } from '../annualReport/syntheticHistory.js';
import { threadSecondsBetween, threadSecondsNow } from '../cpuClocks.js';

const eventCount = Number(process.argv[2] ?? 40_000);
const rounds = Math.max(3, Number(process.argv[3] ?? 12));
const streamId = 'bokforing-bench';

/** A store that acknowledges every append at once, with checkpoint storage kept in memory. */
function acknowledgingStore(): EventStore {
  let revision = -1;
  const saved = new Map<string, string>();
  const store = {
    appendToStream: (_streamId: string, events: readonly unknown[]) => async () => {
      revision += events.length;
      return E.right({ nextExpectedRevision: revision, alreadyStored: false });
    },
    readStream: async function* () {},
    readAll: async function* () {},
    close: async () => {},
    checkpoints: {
      chainHashAt: async () => '0'.repeat(64),
      list: async () => [...saved.keys()],
      read: async (name: string) => saved.get(name),
      write: async (name: string, content: string) => void saved.set(name, content),
      remove: async (name: string) => void saved.delete(name),
    },
  };
  return store as unknown as EventStore;
}

/** The history's batches as the catalog makes them (`recordAll`'s first step). */
function createdBatches(): BookkeepingEvent[][] {
  return [...syntheticHistory(eventCount, 100)].map((batch) => {
    const created = bookkeepingCatalog.createAll(batch.map((entry) => entry.event));
    if (E.isLeft(created)) throw created.left;
    return created.right as BookkeepingEvent[];
  });
}

/** Bytes the heap grew by while `gcs` ran, from `used` at the start to `usedAtEnd`. */
function allocatedBytes(
  usedAtStart: number,
  gcs: v8.GCProfilerResult['statistics'],
  usedAtEnd: number,
): number {
  let allocated = 0;
  let used = usedAtStart;
  for (const gc of gcs) {
    allocated += gc.beforeGC.heapStatistics.usedHeapSize - used;
    used = gc.afterGC.heapStatistics.usedHeapSize;
  }
  return allocated + usedAtEnd - used;
}

/** One round: main-thread CPU µs and bytes allocated, per event. */
async function round(batches: readonly BookkeepingEvent[][]) {
  const store = acknowledgingStore();
  const recorder = createEventRecorder({
    store,
    streamId,
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(defaultChart),
    checkpoints: bookkeepingRecorderCheckpoints(store, streamId, defaultChart)!,
  });
  const gcProfiler = new v8.GCProfiler();
  const usedAtStart = v8.getHeapStatistics().used_heap_size;
  gcProfiler.start();
  const started = threadSecondsNow();
  for (const batch of batches) {
    const result = await recorder.record(batch, { validated: true })();
    if (E.isLeft(result)) throw result.left;
  }
  const thread = threadSecondsBetween(started, threadSecondsNow());
  const usedAtEnd = v8.getHeapStatistics().used_heap_size;
  const { statistics } = gcProfiler.stop();
  return {
    cpu: thread === undefined ? Number.NaN : (thread.cpu * 1e6) / eventCount,
    bytes: allocatedBytes(usedAtStart, statistics, usedAtEnd) / eventCount,
  };
}

const median = (values: readonly number[]): number =>
  [...values].sort((left, right) => left - right)[values.length >> 1]!;

const batches = createdBatches();
const measured: { cpu: number; bytes: number }[] = [];
for (let index = 0; index < rounds; index += 1) measured.push(await round(batches));
const counted = measured.slice(2);
console.log(
  JSON.stringify({
    events: eventCount,
    rounds: counted.length,
    mainThreadCpuMicrosecondsPerEvent: Number(median(counted.map((m) => m.cpu)).toFixed(3)),
    bytesAllocatedPerEvent: Math.round(median(counted.map((m) => m.bytes))),
    eachRound: counted.map((m) => [Number(m.cpu.toFixed(2)), Math.round(m.bytes)]),
  }),
);
