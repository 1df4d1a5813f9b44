/**
 * The write side's jobs of issue 15's benchmark, each in its own process (`run.ts` calls
 * {@link writeRows}; this file is also the job that runs in the child):
 *
 * - `open-record`: open the N-event store for writing, record one event, close: the time and
 *   peak RSS of a ledger's first `record` on a store it did not write. Run twice on a copy of
 *   the generated store and the files derived from it: the first run after the copy finds no
 *   valid writer index for the copy's new bytes only when there is none beside the original
 *   (it then scans the whole file and saves one); the second is what every later open costs.
 * - `append-batches-100`, `append-batches-2000`: durable appends through `ledger.recordAll`
 *   of the synthetic history on a fresh store, in batches of 100 and 2 000, each call awaited
 *   before the next.
 * - `append-batches-100-pipelined`, `append-batches-2000-pipelined`: the same with
 *   {@link pipelinedCallsInFlight} calls kept in flight, as a bulk import does (the ledger checks
 *   the next batches while one is made durable); `append-batches-100-pipelined-8` keeps 8.
 *
 * - Any append job with `-calling-thread` after its name (`append-batches-100-calling-thread`,
 *   before any `-warm-W`) opens its store with `durableWriteThread: 'calling-thread'`: a call
 *   awaited alone is written on the main thread instead of through the thread pool, as the
 *   `finsam` CLI opens its store; `-preallocated` after that (or after the name) with
 *   `preallocateBytes` of 4 MiB: each append writes over zeros written ahead of it instead of
 *   extending the file (docs/benchmarks.md, "The eleventh write-side session").
 *
 * - Any append job with `-warm-W` after it (`append-batches-100-pipelined-warm-40000`) first
 *   records W events untimed into another fresh store, closes and removes it, then times the
 *   same job as without: the sustained rate of a process that is already running (a bulk import
 *   past its first seconds, a service), without the one-time work of the first batches: V8
 *   compiling the hot functions (about 10 µs of its helper threads' CPU per event over the first
 *   40 000 events, a third of the process's CPU) and the first growth of the heap. The jobs
 *   without it keep measuring a fresh process, the first events it records.
 *
 * - `durable-write-floor-B` (B a batch size, `count` events, `bytesPerEvent` as a fourth
 *   argument): the floor under the append jobs, one synchronised write (`O_DSYNC`, as the store
 *   opens its file) of a batch's bytes after another through libuv's thread pool, as the store
 *   writes, each awaited, and nothing else: no event made, checked, encoded or hashed. The
 *   events per second it gives are what batches of B each awaited cannot pass on this disk
 *   whatever the CPU costs; the append jobs print their store's bytes per event for it.
 *   `durable-write-floor-B-busy-U` first keeps the main thread busy for U µs before each write,
 *   as an awaited append's own work does (checking, numbering, encoding the batch): on this
 *   machine's virtual disk a write right after such work takes longer than one after another
 *   write, so this floor, with U the append job's main-thread µs per batch, is the one an awaited
 *   append meets (docs/benchmarks.md, "The tenth write-side session").
 *
 *   node --import tsx --conditions=finsam-source bench/annualReport/writeJobs.ts \
 *     <job> <directory> [count] [bytesPerEvent]
 *   node --import tsx --conditions=finsam-source bench/annualReport/writeJobs.ts \
 *     rows <directory of a generated size> <size>
 */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, write } from 'node:fs';
import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  openFileEventStore,
  type FileEventStore,
  type FileEventStoreOptions,
} from '@finsam-ledger/adapter-file';
import { createLedger } from '@finsam-ledger/core';
import {
  processCpuSecondsNow as cpuSecondsNow,
  threadSecondsBetween,
  threadSecondsNow,
} from '../cpuClocks.js';
import { syntheticHistory } from './syntheticHistory.js';

const storeName = 'store.finsam.jsonl';
/** The `recordAll` calls the pipelined jobs keep in flight (chosen by measurement). */
const pipelinedCallsInFlight = 16;
const metadata = { recordedAt: '2026-01-15T08:00:00.000Z', recordedBy: 'bench@finsam' };

/** What a job measured (the last line a job prints). */
export interface WriteMeasured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMb: number;
  readonly events?: number;
  readonly eventsPerSecond?: number;
  readonly eventsPerCpuSecond?: number;
  /**
   * CPU seconds of the main thread alone (the JavaScript; not V8's helper threads' garbage
   * collection nor libuv's write and fsync), where Linux tells it.
   */
  readonly mainThreadCpuSeconds?: number;
  /**
   * Seconds the main thread was runnable but waited for a core (other processes' load): with its
   * CPU seconds taken from the wall-clock time, what is left is the time it was idle.
   */
  readonly mainThreadWaitingForCoreSeconds?: number;
  /** CPU seconds of closing the store after the appends (the checkpoints folded at the end). */
  readonly closeCpuSeconds?: number;
  readonly mainThreadCpuMicrosecondsPerEvent?: number;
  /**
   * CPU microseconds per event of every thread but the main one: V8's compiler and collector
   * threads, libuv's thread pool (the writes and fsyncs).
   */
  readonly otherThreadsCpuMicrosecondsPerEvent?: number;
  /** Events the process recorded untimed into another store before the timed ones (`-warm-W`). */
  readonly warmUpEvents?: number;
  /** The store file's bytes per event after the appends (header included). */
  readonly bytesPerEvent?: number;
  /** The main thread's busy time before each write of a durable-write floor (`-busy-U`). */
  readonly busyMicrosecondsBeforeWrite?: number;
}

function runWriteJob(job: string, directory: string, count = 0, bytesPerEvent = 0): WriteMeasured {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      job,
      directory,
      String(count),
      String(bytesPerEvent),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`${job} failed:\n${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as WriteMeasured;
}

const seconds = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const time = (measured: WriteMeasured) =>
  `${seconds(measured.seconds)} s (CPU ${seconds(measured.cpuSeconds)} s), ${Math.round(measured.maxRssMb)} MB`;
const rate = (measured: WriteMeasured) =>
  `${Math.round(measured.eventsPerSecond!)} events/s (${Math.round(measured.eventsPerCpuSecond!)} per CPU second${mainThread(measured)}), ${Math.round(measured.maxRssMb)} MB${closing(measured)}`;
const mainThread = (measured: WriteMeasured) => {
  if (measured.mainThreadCpuSeconds === undefined) return '';
  const perEvent = (seconds: number) => ((seconds / measured.events!) * 1e6).toFixed(1);
  const waiting = measured.mainThreadWaitingForCoreSeconds ?? 0;
  const idle = measured.seconds - measured.mainThreadCpuSeconds - waiting;
  return `; main thread per event: ${perEvent(measured.mainThreadCpuSeconds)} µs CPU, ${perEvent(waiting)} µs waiting for a core, ${perEvent(idle)} µs idle`;
};
const floorRate = (floor: WriteMeasured) =>
  `one \`O_DSYNC\` write a batch, nothing else: ${Math.round(floor.eventsPerSecond!)} events/s`;
const closing = (measured: WriteMeasured) =>
  measured.closeCpuSeconds === undefined
    ? ''
    : `; then the close, folding the readers' checkpoints: CPU ${seconds(measured.closeCpuSeconds)} s`;

/**
 * Measures the write jobs on the store generated in `directory` (of `size` events) and hands
 * each Markdown row to `emit`. The store and its derived files are copied first, so that the
 * generated ones stay as they are.
 */
export async function writeRows(
  directory: string,
  size: number,
  emit: (row: string) => void,
): Promise<void> {
  const n = size.toLocaleString('sv-SE').replace(/\s/g, ' ');
  const copy = `${directory}-write-copy`;
  await rm(copy, { recursive: true, force: true });
  await mkdir(copy);
  for (const suffix of ['', '.index', '.ids', '.head', '.checkpoints'])
    if (existsSync(join(directory, `${storeName}${suffix}`)))
      await cp(join(directory, `${storeName}${suffix}`), join(copy, `${storeName}${suffix}`), {
        recursive: true,
      });
  try {
    const first = runWriteJob('open-record', copy);
    emit(
      `| open for writing, record one event: first open of the copy | ${n} | ${time(first)} | – | | |`,
    );
    const again = runWriteJob('open-record', copy);
    emit(
      `| open for writing, record one event (the writer index saved) | ${n} | ${time(again)} | – | | |`,
    );
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
  for (const batchSize of [100, 2_000]) {
    const appended = runWriteJob(`append-batches-${batchSize}`, directory, 20_000);
    const floor = runWriteJob(
      `durable-write-floor-${batchSize}`,
      directory,
      20_000,
      appended.bytesPerEvent,
    );
    emit(
      `| durable appends through \`ledger.recordAll\`, batches of ${batchSize.toLocaleString('sv-SE').replace(/\s/g, ' ')} | 20 000 | ${rate(appended)} | – | | ${floorRate(floor)} |`,
    );
  }
  for (const batchSize of [100, 2_000]) {
    const appended = runWriteJob(
      `append-batches-${batchSize}-calling-thread-preallocated`,
      directory,
      20_000,
    );
    emit(
      `| durable appends through \`ledger.recordAll\`, batches of ${batchSize.toLocaleString('sv-SE').replace(/\s/g, ' ')}, written on the calling thread over preallocated zeros (\`durableWriteThread\`, \`preallocateBytes\`) | 20 000 | ${rate(appended)} | – | | |`,
    );
  }
  for (const batchSize of [100, 2_000]) {
    const appended = runWriteJob(`append-batches-${batchSize}-pipelined`, directory, 20_000);
    emit(
      `| durable appends through \`ledger.recordAll\`, batches of ${batchSize.toLocaleString('sv-SE').replace(/\s/g, ' ')}, ${pipelinedCallsInFlight} calls in flight | 20 000 | ${rate(appended)} | – | | |`,
    );
  }
}

/** The store options an append job varies (`-calling-thread`, `-preallocated`). */
type StoreChoice = Pick<FileEventStoreOptions, 'durableWriteThread' | 'preallocateBytes'>;

/** The zeros `-preallocated` keeps ahead of the writer: FileEventStoreOptions' "some megabytes". */
const preallocatedBytes = 4 * 1024 * 1024;

async function openStore(path: string, choice: StoreChoice = {}): Promise<FileEventStore> {
  const opened = await openFileEventStore({ path, onWarning: () => undefined, ...choice })();
  if (opened._tag === 'Left') throw opened.left;
  return opened.right;
}

async function openRecord(directory: string): Promise<Omit<WriteMeasured, 'maxRssMb'>> {
  const cpuStarted = cpuSecondsNow();
  const started = performance.now();
  const store = await openStore(join(directory, storeName));
  const ledger = createLedger({ store, förbundId: 'bench' });
  const recorded = await ledger.record(
    'KostnadBokförd',
    {
      datum: '2026-01-20',
      område: 'operativa',
      post: 'MIA vidare',
      belopp: '1234.50',
      moms: '0.00',
      text: `Första ${Date.now()}`,
      betalning: { sätt: 'bank' },
    },
    { metadata },
  )();
  if (recorded._tag === 'Left') throw recorded.left;
  await store.close();
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsNow() - cpuStarted,
  };
}

/**
 * Records the batches through `ledger.recordAll`, keeping `callsInFlight` calls in flight: with
 * one, each call is awaited before the next; with more, the next call is made as soon as fewer
 * are in flight (the calls settle in call order, so the oldest is awaited).
 */
async function recordBatches(
  ledger: ReturnType<typeof createLedger>,
  batches: readonly Parameters<ReturnType<typeof createLedger>['recordAll']>[0][],
  callsInFlight: number,
): Promise<void> {
  if (callsInFlight === 1) {
    for (const batch of batches) {
      const result = await ledger.recordAll(batch)();
      if (result._tag === 'Left') throw result.left;
    }
    return;
  }
  const inFlight: ReturnType<ReturnType<ReturnType<typeof createLedger>['recordAll']>>[] = [];
  for (const batch of batches) {
    inFlight.push(ledger.recordAll(batch)());
    if (inFlight.length < callsInFlight) continue;
    const result = await inFlight.shift()!;
    if (result._tag === 'Left') throw result.left;
  }
  for (const settled of inFlight) {
    const result = await settled;
    if (result._tag === 'Left') throw result.left;
  }
}

const historyInBatches = (count: number, batchSize: number) =>
  [...syntheticHistory(count, batchSize)].map((batch) => batch.map((entry) => entry.event));

async function removeStore(path: string): Promise<void> {
  for (const suffix of ['', '.lock', '.index', '.ids', '.head'])
    await rm(`${path}${suffix}`, { force: true });
  await rm(`${path}.checkpoints`, { recursive: true, force: true });
}

/** Records `count` events into a fresh store named `name`, closes it and removes it. */
async function recordIntoFreshStore(
  directory: string,
  name: string,
  count: number,
  batchSize: number,
  callsInFlight: number,
  choice: StoreChoice,
): Promise<void> {
  const path = join(directory, `${name}.finsam.jsonl`);
  await removeStore(path);
  const store = await openStore(path, choice);
  await recordBatches(
    createLedger({ store, förbundId: 'bench' }),
    historyInBatches(count, batchSize),
    callsInFlight,
  );
  await store.close();
  await removeStore(path);
}

/**
 * Records `count` events of the synthetic history into a fresh store in `directory`. With
 * `warmUpEvents`, the process first records that many into another fresh store, closes it
 * (which waits for its checkpoint folds) and removes it: the timed events are the same as
 * without, only the process is already running.
 */
async function appendBatches(
  directory: string,
  count: number,
  batchSize: number,
  callsInFlight: number,
  warmUpEvents = 0,
  choice: StoreChoice = {},
): Promise<Omit<WriteMeasured, 'maxRssMb'>> {
  if (warmUpEvents > 0)
    await recordIntoFreshStore(
      directory,
      'warm-up',
      warmUpEvents,
      batchSize,
      callsInFlight,
      choice,
    );
  const path = join(directory, `append-${batchSize}.finsam.jsonl`);
  const remove = () => removeStore(path);
  await remove();
  const store = await openStore(path, choice);
  const ledger = createLedger({ store, förbundId: 'bench' });
  const batches = historyInBatches(count, batchSize);
  const profile = await cpuProfileStarted();
  const cpuStarted = cpuSecondsNow();
  const threadStarted = threadSecondsNow();
  const started = performance.now();
  await recordBatches(ledger, batches, callsInFlight);
  const elapsed = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsNow() - cpuStarted;
  // The main thread's own CPU, without V8's and libuv's helper threads, and its wait for a core.
  const thread = threadSecondsBetween(threadStarted, threadSecondsNow());
  // Written out after every clock is read: saving the profile is no part of the job.
  await profile.stop();
  const mainThread =
    thread === undefined
      ? {}
      : {
          mainThreadCpuSeconds: thread.cpu,
          mainThreadWaitingForCoreSeconds: thread.waitingForCore,
          mainThreadCpuMicrosecondsPerEvent: (thread.cpu / count) * 1e6,
          otherThreadsCpuMicrosecondsPerEvent: ((cpuSeconds - thread.cpu) / count) * 1e6,
        };
  // The close waits for the readers' checkpoints the writer folds once it is idle after the
  // load's year closes: reported apart, since a bulk load pays it once, at its end.
  const closeCpuStarted = cpuSecondsNow();
  await store.close();
  const closeCpuSeconds = cpuSecondsNow() - closeCpuStarted;
  const bytesPerEvent = (await stat(path)).size / count;
  await remove();
  return {
    seconds: elapsed,
    cpuSeconds,
    ...mainThread,
    closeCpuSeconds,
    events: count,
    ...(warmUpEvents > 0 ? { warmUpEvents } : {}),
    eventsPerSecond: count / elapsed,
    eventsPerCpuSecond: count / cpuSeconds,
    bytesPerEvent,
  };
}

/**
 * With `FINSAM_BENCH_CPU_PROFILE` set to a file name, a V8 CPU profile of the timed events
 * only (not the warm-up, the close or Node's start, which `node --cpu-prof` would mix in),
 * sampled every 100 µs, for Chrome's DevTools or `speedscope`. For one job run by itself: each
 * job of a whole run (`run.ts`) would write over the last one's. The profiler's sampling makes
 * the job slower, so a profiled run's figures are no measurement.
 */
async function cpuProfileStarted(): Promise<{ stop(): Promise<void> }> {
  const path = process.env['FINSAM_BENCH_CPU_PROFILE'];
  if (path === undefined || path === '') return { stop: async () => {} };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(path, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** One `write` through libuv's thread pool, as the store's `fileSystemSeam.writeAt` makes it. */
const writeAt = (fd: number, bytes: Uint8Array, position: number) =>
  new Promise<void>((resolve, reject) =>
    write(fd, bytes, 0, bytes.length, position, (error) =>
      error === null ? resolve() : reject(error),
    ),
  );

/**
 * The floor under awaited appends: `count / batchSize` synchronised writes of `batchSize ×
 * bytesPerEvent` bytes to a fresh file opened as the store opens its own (read-write, `O_DSYNC`),
 * one after another, each awaited.
 */
async function durableWriteFloor(
  directory: string,
  count: number,
  batchSize: number,
  bytesPerEvent: number,
  busyMicrosecondsBeforeWrite = 0,
): Promise<Omit<WriteMeasured, 'maxRssMb'>> {
  if (!(bytesPerEvent > 0)) throw new Error('durable-write-floor needs the bytes per event');
  const path = join(directory, `write-floor-${batchSize}.bin`);
  await rm(path, { force: true });
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_DSYNC, 0o644);
  const batch = Buffer.alloc(Math.round(batchSize * bytesPerEvent), '{"x":1}\n');
  const writes = Math.ceil(count / batchSize);
  const cpuStarted = cpuSecondsNow();
  const started = performance.now();
  try {
    for (let index = 0; index < writes; index++) {
      keepMainThreadBusy(busyMicrosecondsBeforeWrite);
      await writeAt(fd, batch, index * batch.length);
    }
  } finally {
    closeSync(fd);
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsNow() - cpuStarted;
  await rm(path, { force: true });
  return {
    seconds: elapsed,
    cpuSeconds,
    events: writes * batchSize,
    eventsPerSecond: (writes * batchSize) / elapsed,
    eventsPerCpuSecond: (writes * batchSize) / cpuSeconds,
    bytesPerEvent,
    ...(busyMicrosecondsBeforeWrite > 0 ? { busyMicrosecondsBeforeWrite } : {}),
  };
}

/** Spins on the clock for `microseconds`: CPU on the main thread and nothing else. */
function keepMainThreadBusy(microseconds: number): void {
  const until = performance.now() + microseconds / 1000;
  while (performance.now() < until);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'rows') {
  // The write rows alone, on a store generated by run.ts: `writeJobs.ts rows <directory> <size>`.
  await writeRows(process.argv[3]!, Number(process.argv[4]), (row) => console.log(row));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [job, directory, countText, bytesPerEventText] = process.argv.slice(2);
  const floorJob = /^durable-write-floor-(\d+)(?:-busy-(\d+))?$/.exec(job ?? '');
  const appendJob =
    /^append-batches-(\d+)(-pipelined(?:-(\d+))?)?(-calling-thread)?(-preallocated)?(?:-warm-(\d+))?$/.exec(
      job ?? '',
    );
  const callsInFlight =
    appendJob?.[2] === undefined ? 1 : Number(appendJob[3] ?? pipelinedCallsInFlight);
  const measured =
    job === 'open-record'
      ? await openRecord(directory!)
      : appendJob !== null
        ? await appendBatches(
            directory!,
            Number(countText),
            Number(appendJob[1]),
            callsInFlight,
            Number(appendJob[6] ?? 0),
            {
              ...(appendJob[4] === undefined ? {} : { durableWriteThread: 'calling-thread' }),
              ...(appendJob[5] === undefined ? {} : { preallocateBytes: preallocatedBytes }),
            },
          )
        : floorJob !== null
          ? await durableWriteFloor(
              directory!,
              Number(countText),
              Number(floorJob[1]),
              Number(bytesPerEventText),
              Number(floorJob[2] ?? 0),
            )
          : undefined;
  if (measured === undefined) throw new Error(`unknown job ${job}`);
  console.log(
    JSON.stringify({ job, ...measured, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
  );
}
