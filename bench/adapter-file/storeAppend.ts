/**
 * The file store's append path alone (issue 15, "durable batched appends ≥ 50 000 events/s"):
 * the synthetic history's events, as the ledger makes them (recorded once into an in-memory
 * store, then read back), go through `appendToStream` of a fresh file store in batches, each
 * append durable before the next starts. Only the file store's time is measured.
 *
 *   node --import tsx --conditions=finsam-source bench/adapter-file/storeAppend.ts \
 *     [events=40000] [batchSize=100] [--as-handed] [--allocated[=FILE]] [--profile=FILE]
 *
 * By default the events are plain objects again, as a caller of `appendToStream` builds them, and
 * the store checks them in full. With `--as-handed` they are the very objects the ledger handed
 * its store (the catalog's frozen data, see core's store/catalogCertificate.ts), as `recordAll`
 * appends them.
 *
 * Prints one JSON line: wall seconds, CPU seconds, events/s, events per CPU second and
 * microseconds of CPU per event; `mainThreadCpuMicrosecondsPerEvent` is the main thread's own
 * (Linux's `/proc/thread-self/schedstat`), without V8's helper threads (parallel scavenges) and
 * libuv's (the write and fsync calls). With `--allocated`, V8's sampling heap profiler runs over
 * the loop, keeping the objects collected since (`allocatedBytesPerEvent`: every byte allocated,
 * estimated from the samples; it slows the loop, so its CPU figures are not comparable). With
 * `--profile=FILE`, a CPU profile of the loop alone (not of recording the history first) is
 * written to FILE, for Chrome's DevTools.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { createLedger, type NewEvent } from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { handedEventsStore } from '../../packages/core/src/store/handedEventsStore.testSupport.js';
import { startAllocationSampling } from '../allocationSampling.js';
import { syntheticHistory } from '../annualReport/syntheticHistory.js';
import {
  processCpuSecondsNow as cpuSecondsNow,
  threadSecondsBetween,
  threadSecondsNow,
} from '../cpuClocks.js';

const asHanded = process.argv.includes('--as-handed');
const allocatedArgument = process.argv.find((argument) => argument.startsWith('--allocated'));
const measureAllocated = allocatedArgument !== undefined;
/** With `--allocated=FILE`, the sampled allocations are written to FILE (a `.heapprofile`). */
const allocatedProfilePath = allocatedArgument?.split('=')[1];
const profilePath = process.argv.find((argument) => argument.startsWith('--profile='))?.slice(10);
const [eventCount = 40_000, batchSize = 100] = process.argv
  .slice(2)
  .filter((argument) => !argument.startsWith('--'))
  .map(Number);

/** The history's events as the ledger hands them to a store: envelope, data and metadata. */
async function ledgerEvents(count: number): Promise<NewEvent[]> {
  const { store, memory, handed } = handedEventsStore();
  const ledger = createLedger({ store, förbundId: 'bench' });
  for (const batch of syntheticHistory(count, 2_000)) {
    const recorded = await ledger.recordAll(batch.map((entry) => entry.event))();
    if (recorded._tag === 'Left') throw recorded.left;
  }
  if (asHanded) return handed;
  const stored = await collectAsync(memory.readAll());
  // Plain objects again (the memory store freezes what it keeps), as a caller would build them.
  return stored.map(({ eventId, type, schemaVersion, data, metadata }) =>
    structuredClone({ eventId, type, schemaVersion, data, metadata }),
  );
}

/** Starts V8's CPU profiler; the function it returns stops it and writes the profile. */
async function startCpuProfile(path: string): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(path, JSON.stringify(profile));
    session.disconnect();
  };
}

const events = await ledgerEvents(eventCount);
const directory = await mkdtemp(join(tmpdir(), 'finsam-store-append-'));
try {
  const opened = await openFileEventStore({ path: join(directory, 'store.finsam.jsonl') })();
  if (opened._tag === 'Left') throw opened.left;
  const store = opened.right;
  const stopSampling = measureAllocated
    ? await startAllocationSampling(allocatedProfilePath)
    : undefined;
  const stopProfile = profilePath === undefined ? undefined : await startCpuProfile(profilePath);
  const mainThreadStarted = threadSecondsNow();
  const cpuStarted = cpuSecondsNow();
  const started = performance.now();
  for (let first = 0; first < events.length; first += batchSize) {
    const appended = await store.appendToStream(
      'bokforing-bench',
      events.slice(first, first + batchSize),
    )();
    if (appended._tag === 'Left') throw appended.left;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsNow() - cpuStarted;
  const mainThreadNanoseconds =
    (threadSecondsBetween(mainThreadStarted, threadSecondsNow())?.cpu ?? 0) * 1e9;
  const allocatedBytes = await stopSampling?.();
  await stopProfile?.();
  await store.close();
  console.log(
    JSON.stringify({
      job: `store-append-batches-${batchSize}${asHanded ? '-as-handed' : ''}`,
      events: events.length,
      seconds,
      cpuSeconds,
      eventsPerSecond: Math.round(events.length / seconds),
      eventsPerCpuSecond: Math.round(events.length / cpuSeconds),
      cpuMicrosecondsPerEvent: Number(((cpuSeconds * 1e6) / events.length).toFixed(1)),
      mainThreadCpuMicrosecondsPerEvent: Number(
        (mainThreadNanoseconds / 1e3 / events.length).toFixed(1),
      ),
      ...(allocatedBytes === undefined
        ? {}
        : { allocatedBytesPerEvent: Math.round(allocatedBytes / events.length) }),
    }),
  );
} finally {
  await rm(directory, { recursive: true, force: true });
}
