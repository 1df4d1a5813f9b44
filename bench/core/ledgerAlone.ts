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
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as E from 'fp-ts/Either';
import { createLedger, type EventStore, type EventToRecord } from '@finsam-ledger/core';
import { syntheticHistory } from '../annualReport/syntheticHistory.js';

const eventCount = Number(process.argv[2] ?? 40_000);
const batchSize = Number(process.argv[3] ?? 100);
const measureAllocations = process.argv[4] === '--allocations';

const cpuSecondsNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** The main thread's CPU time in seconds (Linux), or undefined where the system does not say. */
const mainThreadCpuSecondsNow = (): number | undefined => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return undefined;
  }
};

interface SamplingHeapProfileNode {
  readonly id: number;
  readonly children: readonly SamplingHeapProfileNode[];
}

/** Starts V8's sampling heap profiler, counting what is collected before the end too. */
async function startAllocationSampling(): Promise<() => Promise<number>> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  return async () => {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
      profile: { head: SamplingHeapProfileNode; samples: readonly { size: number }[] };
    };
    session.disconnect();
    return profile.samples.reduce((sum, sample) => sum + sample.size, 0);
  };
}

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
  const mainThreadStarted = mainThreadCpuSecondsNow();
  const cpuStarted = cpuSecondsNow();
  for (const batch of batches) {
    const result = await ledger.recordAll(batch)();
    if (E.isLeft(result)) throw result.left;
  }
  const cpuSeconds = cpuSecondsNow() - cpuStarted;
  const mainThreadEnded = mainThreadCpuSecondsNow();
  const allocatedBytes = await stopSampling?.();
  return {
    microseconds: (cpuSeconds / count) * 1e6,
    mainThreadMicroseconds:
      mainThreadStarted === undefined || mainThreadEnded === undefined
        ? undefined
        : ((mainThreadEnded - mainThreadStarted) / count) * 1e6,
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
    mainThreadCpuMicrosecondsPerEvent: mainThreadMicroseconds?.toFixed(1),
    allocatedBytesPerEvent: allocatedBytesPerEvent?.toFixed(0),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
