/**
 * The ledger's own share of a batched append: issue 15's synthetic history (bench/annualReport)
 * through `ledger.recordAll` on the in-memory store, in batches, with no file and no fsync.
 * What it measures is the catalog's validation (zod), the decider's rules and fold, the
 * recorder, and the in-memory store's append checks; the store's CPU time is measured around
 * each append, and the rest per event is printed as the ledger's share
 * (`ledgerCpuMicrosecondsPerEvent`, garbage collection included).
 *
 *   node --import tsx --conditions=finsam-source bench/core/ledgerRecordAll.ts [events] [sizes]
 *   node --import tsx --conditions=finsam-source bench/core/ledgerRecordAll.ts 40000 100,2000
 *
 * Each batch size runs on a fresh store, once to warm the code up (a tenth of the events) and
 * then measured; the batches are built before the clock starts.
 */
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { createLedger, type EventStore, type EventToRecord } from '@finsam-ledger/core';
import { endQuietlyOnClosedPipe } from '../../packages/cli/src/writeOutput.js';
import { syntheticHistory } from '../annualReport/syntheticHistory.js';
import {
  processCpuSecondsNow as cpuSecondsNow,
  threadSecondsBetween,
  threadSecondsNow,
} from '../cpuClocks.js';

// `| head -1` closes stdout after the first batch size's line: the tool ends quietly, as `cat`
// does (any other error of stdout is still thrown).
endQuietlyOnClosedPipe(process.stdout);
const eventCount = Number(process.argv[2] ?? 40_000);
const batchSizes = (process.argv[3] ?? '100,2000').split(',').map(Number);

async function recordAll(count: number, batchSize: number) {
  const batches: (readonly EventToRecord[])[] = [...syntheticHistory(count, batchSize)].map(
    (batch) => batch.map((entry) => entry.event),
  );
  const memory = getInMemoryEventStore();
  // The store's own CPU time, measured around each append (nothing else runs meanwhile: the
  // ledger waits for the append), so that the ledger's share is the rest.
  let storeCpuSeconds = 0;
  const store: EventStore = {
    ...memory,
    readStream: (streamId, options) => memory.readStream(streamId, options),
    appendToStream: (streamId, events, options) => async () => {
      const before = cpuSecondsNow();
      const appended = await memory.appendToStream(streamId, events, options)();
      storeCpuSeconds += cpuSecondsNow() - before;
      return appended;
    },
  };
  const ledger = createLedger({ store, förbundId: 'bench' });
  const mainThreadStarted = threadSecondsNow();
  const cpuStarted = cpuSecondsNow();
  const started = performance.now();
  for (const batch of batches) {
    const result = await ledger.recordAll(batch)();
    if (result._tag === 'Left') throw result.left;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsNow() - cpuStarted;
  const mainThreadCpuSeconds = threadSecondsBetween(mainThreadStarted, threadSecondsNow())?.cpu;
  return { seconds, cpuSeconds, storeCpuSeconds, mainThreadCpuSeconds };
}

for (const batchSize of batchSizes) {
  await recordAll(Math.max(100, Math.floor(eventCount / 10)), batchSize);
  const { seconds, cpuSeconds, storeCpuSeconds, mainThreadCpuSeconds } = await recordAll(
    eventCount,
    batchSize,
  );
  console.log(
    JSON.stringify({
      batchSize,
      events: eventCount,
      seconds: Number(seconds.toFixed(3)),
      cpuSeconds: Number(cpuSeconds.toFixed(3)),
      eventsPerSecond: Math.round(eventCount / seconds),
      eventsPerCpuSecond: Math.round(eventCount / cpuSeconds),
      cpuMicrosecondsPerEvent: Number(((cpuSeconds / eventCount) * 1e6).toFixed(1)),
      storeCpuMicrosecondsPerEvent: Number(((storeCpuSeconds / eventCount) * 1e6).toFixed(1)),
      ledgerCpuMicrosecondsPerEvent: Number(
        (((cpuSeconds - storeCpuSeconds) / eventCount) * 1e6).toFixed(1),
      ),
      // The main thread alone (ledger and store), without V8's helper threads.
      mainThreadCpuMicrosecondsPerEvent:
        mainThreadCpuSeconds === undefined
          ? undefined
          : Number(((mainThreadCpuSeconds / eventCount) * 1e6).toFixed(1)),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}
