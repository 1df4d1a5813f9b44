/**
 * The ledger alone, without a store's work or garbage: issue 15's synthetic history
 * (bench/annualReport) through `ledger.recordAll`, in batches, on a store that takes every append
 * without a check and keeps nothing. What is left is the catalog's checks (zod, the event id),
 * the decider's rules, posting and fold, the recorder and its undo, and the garbage collection of
 * what they allocate: `ledgerRecordAll.ts` subtracts the in-memory store's CPU time, but not the
 * collection of the store's garbage, which lands in the ledger's time there.
 *
 *   node --import tsx --conditions=finsam-source bench/core/ledgerAlone.ts [events] [batch size]
 *   node --import tsx --conditions=finsam-source bench/core/ledgerAlone.ts 40000 100
 *
 * A warm-up run of 10 000 events on its own ledger first; the batches are built before the clock
 * starts. Prints the CPU microseconds per event: of the whole process (`process.cpuUsage`, V8's
 * helper threads included) and of the main thread alone (`/proc/thread-self/schedstat`, where
 * the system has it). With `--allocations` as the third argument it also prints the bytes the
 * ledger allocates per event (V8's sampling heap profiler, objects collected since included).
 */
import * as E from 'fp-ts/Either';
import { createLedger, type EventStore, type EventToRecord } from '@finsam-ledger/core';
import { startAllocationSampling } from '../allocationSampling.js';
import { syntheticHistory } from '../annualReport/syntheticHistory.js';
import {
  processCpuSecondsNow as cpuSecondsNow,
  threadSecondsBetween,
  threadSecondsNow,
} from '../cpuClocks.js';

const eventCount = Number(process.argv[2] ?? 40_000);
const batchSize = Number(process.argv[3] ?? 100);
const measureAllocations = process.argv[4] === '--allocations';

/** A store that takes every append and keeps nothing: only its revision. */
function acceptingStore(): EventStore {
  let revision = -1;
  return {
    appendToStream: (_streamId, events) => async () => {
      revision += events.length;
      return E.right({ nextExpectedRevision: revision, alreadyStored: false });
    },
    readStream: async function* () {},
    readAll: async function* () {},
    close: async () => {},
  };
}

async function cpuMicrosecondsPerEvent(count: number) {
  const batches: (readonly EventToRecord[])[] = [...syntheticHistory(count, batchSize)].map(
    (batch) => batch.map((entry) => entry.event),
  );
  const ledger = createLedger({ store: acceptingStore(), förbundId: 'bench' });
  const stopSampling = measureAllocations ? await startAllocationSampling() : undefined;
  const mainThreadStarted = threadSecondsNow();
  const cpuStarted = cpuSecondsNow();
  for (const batch of batches) {
    const result = await ledger.recordAll(batch)();
    if (E.isLeft(result)) throw result.left;
  }
  const cpuSeconds = cpuSecondsNow() - cpuStarted;
  const mainThread = threadSecondsBetween(mainThreadStarted, threadSecondsNow());
  const allocatedBytes = await stopSampling?.();
  return {
    microseconds: (cpuSeconds / count) * 1e6,
    mainThreadMicroseconds: mainThread === undefined ? undefined : (mainThread.cpu / count) * 1e6,
    allocatedBytesPerEvent: allocatedBytes === undefined ? undefined : allocatedBytes / count,
  };
}

await cpuMicrosecondsPerEvent(10_000);
const { microseconds, mainThreadMicroseconds, allocatedBytesPerEvent } =
  await cpuMicrosecondsPerEvent(eventCount);
console.log(
  JSON.stringify({
    batchSize,
    events: eventCount,
    ledgerCpuMicrosecondsPerEvent: Number(microseconds.toFixed(1)),
    // Numbers, as every other figure (not `toFixed`'s strings).
    mainThreadCpuMicrosecondsPerEvent:
      mainThreadMicroseconds === undefined ? undefined : Number(mainThreadMicroseconds.toFixed(1)),
    allocatedBytesPerEvent:
      allocatedBytesPerEvent === undefined ? undefined : Math.round(allocatedBytesPerEvent),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
