/**
 * The live report of issue 15: after the first replay, how long one newly recorded event takes
 * to update every statement of the open year (2026, after the history's last close).
 *
 *   node --import tsx --conditions=finsam-source bench/annualReport/jobs.ts live <directory> \
 *     [eventCount=200]
 *
 * Works on a copy of the generated store with its checkpoints, seek index and writer's index of
 * event ids (derived files the copy shares, since its content and chain hashes are the same; the
 * ids spare the writer a check of the whole file at open), so that the first replay starts
 * from the checkpoint of the last closed year when there is one. This process appends, one event
 * per durable append, straight to the store (the ledger's write side has its own jobs); the live
 * report runs in a process of its own on a read-only store, as `finsam report --watch` does, so
 * that its heap is the projection's and not the writer's. Two measurements, each over
 * `eventCount` events:
 *
 * - `update`: what a live projection does per new event, timed in the watcher: read the stream
 *   after its position, fold the new event, derive every statement of the open year
 *   (`AnnualReportFold.apply` and `report`), in wall-clock and CPU milliseconds (user and
 *   system of the whole process: V8's compiler and collector threads and libuv's file-system
 *   threads included), and the main thread's own CPU time and wait for a core (`updateThreadCpu`,
 *   `updateWaited`, from Linux's schedstat: the steadiest figures on a machine shared with other
 *   work); the rest of its wall-clock time the main thread was blocked (`updateBlocked`: on a
 *   file read's trip through libuv's thread pool, a lock), and `updatesThatBlocked` counts the
 *   updates in which it left its core to wait (voluntary context switches). `updateSlowest…` split
 *   the slowest update into the three.
 * - `watch`: end to end through `watchAnnualReport`: from the append's call in this process to
 *   the watcher's message that it has the new report (the durable append with its fsync, the
 *   file's notification, the update, the message back); `afterAppend` is the part after the
 *   append's promise resolved in this process (about zero, or even below: the watcher may have
 *   the report before this process runs again). `appendToNotified` is from the append's call to
 *   the store's watch telling the watcher (the write through the writer's thread pool, inotify),
 *   and `notifiedToReported` from there to the new report (the watcher's whole path: the tail
 *   read, the fold, every statement), with its main thread's CPU time and wait for a core.
 *
 * Each is reported as p50, p99 and max; the update's after the watcher's first 20 (which compile
 * its code). Every report is checked: årets resultat of 2026 must be minus the sum of the costs
 * appended so far. The watcher's garbage collections are placed beside both: how many updates
 * (`updateSlow`) and reports (`afterAppendSlow`) took 10 ms or more, how many of those a pause fell
 * in, the longest pause inside one, and the pauses by kind; each slow one is printed on standard
 * error with its pauses and its main thread's CPU and wait. `FINSAM_BENCH_WATCHER_FLAGS` gives the
 * watcher Node flags of its own, e.g. `--trace-gc`:
 *
 *   FINSAM_BENCH_WATCHER_FLAGS=--trace-gc node --import tsx --conditions=finsam-source \
 *     bench/annualReport/jobs.ts live <directory> 1000
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PerformanceObserver, constants as performanceConstants } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openFileEventStore, type FileEventStore } from '@finsam-ledger/adapter-file';
import {
  createLedger,
  foldAnnualReport,
  newEventId,
  rowOf,
  watchAnnualReport,
  type AnnualReport,
  type AnnualReportFold,
} from '@finsam-ledger/core';
import { historyYears } from './syntheticHistory.js';

const openYear = historyYears.last + 1;
const costOre = 123_450;
/** Updates not sampled: the watcher's first ones, while its code is compiled. */
const warmUpEvents = 20;
const metadata = { recordedAt: '2027-01-15T08:00:00.000Z', recordedBy: 'bench@finsam' };

/** Öre as kronor with two decimals (exact: the sums stay far below 2^53 öre). */
const kronor = (ore: number): string => {
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
};

const yearResult = (report: AnnualReport): string =>
  rowOf(report.resultaträkning, 'årets-resultat').amounts[0]!.toString();

/** Percentiles of a sample, in milliseconds. */
function summary(name: string, samplesMs: number[]): Record<string, number> {
  const sorted = [...samplesMs].sort((left, right) => left - right);
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  return {
    [`${name}P50Ms`]: at(0.5),
    [`${name}P99Ms`]: at(0.99),
    [`${name}MaxMs`]: sorted[sorted.length - 1]!,
  };
}

async function copyStore(directory: string): Promise<string> {
  const source = join(directory, 'store.finsam.jsonl');
  // Named by this process: two runs on one directory never share a copy.
  const copy = join(directory, `live-${process.pid}.finsam.jsonl`);
  await removeStore(copy);
  await copyFile(source, copy);
  await copyFile(`${source}.index`, `${copy}.index`).catch(() => undefined);
  // The writer's index of event ids: without it the writer below checks the whole file at open.
  await copyFile(`${source}.ids`, `${copy}.ids`).catch(() => undefined);
  await cp(`${source}.checkpoints`, `${copy}.checkpoints`, { recursive: true }).catch(
    () => undefined,
  );
  return copy;
}

async function removeStore(path: string): Promise<void> {
  for (const derived of ['', '.lock', '.index', '.ids', '.head', '.checkpoints'])
    await rm(`${path}${derived}`, { recursive: true, force: true });
}

/** Appends one cost of 2026 paid from the bank, as its next revision. */
function appendCost(
  store: FileEventStore,
  streamId: string,
  sequence: number,
  expectedRevision: number,
): Promise<void> {
  return store
    .appendToStream(
      streamId,
      [
        {
          eventId: newEventId(),
          type: 'KostnadBokförd',
          schemaVersion: 1,
          data: {
            datum: `${openYear}-02-01`,
            område: 'operativa',
            post: 'MIA vidare',
            belopp: kronor(costOre),
            moms: '0.00',
            text: `Live ${sequence}`,
            betalning: { sätt: 'bank' },
          },
          metadata,
        },
      ],
      { expectedRevision },
    )()
    .then((appended) => {
      if (appended._tag === 'Left') throw appended.left;
    });
}

function check(report: AnnualReport, costs: number): void {
  const expected = kronor(-costOre * costs);
  if (yearResult(report) !== expected)
    throw new Error(`årets resultat ${yearResult(report)} after ${costs} costs, not ${expected}`);
}

/** What the writer tells the watcher, and what the watcher answers. */
type ToWatcher = { readonly kind: 'update'; readonly costs: number } | { readonly kind: 'watch' };
type FromWatcher =
  | { readonly kind: 'ready'; readonly revision: number; readonly firstFoldSeconds: number }
  | {
      readonly kind: 'updated';
      readonly wallMs: number;
      readonly cpuMs: number;
      /** The main thread's own CPU time and its time waiting for a core ({@link threadTimes}). */
      readonly threadCpuMs: number;
      readonly waitedMs: number;
      /** How often the main thread blocked, and its major page faults ({@link threadTimes}). */
      readonly blockings: number;
      readonly majorFaults: number;
      /** When the update started (see {@link epochMs}). */
      readonly startMs: number;
    }
  | { readonly kind: 'collections'; readonly collections: readonly Collection[] }
  | {
      readonly kind: 'reported';
      readonly costs: number;
      readonly atMs: number;
      /**
       * When the store's watch first told of a change since the last report, and the main
       * thread's CPU time and wait for a core from then to this report.
       */
      readonly notifiedAtMs: number;
      readonly threadCpuMs: number;
      readonly waitedMs: number;
    };

/**
 * Milliseconds on the machine's monotonic clock (`process.hrtime`): a clock both processes share,
 * so that the watcher's collections and reports can be placed beside the writer's appends.
 */
const epochMs = (): number => Number(process.hrtime.bigint()) / 1e6;
/** {@link epochMs} at this process's `performance.now()` zero. */
const performanceZeroMs = epochMs() - performance.now();

/** One garbage collection of the watcher's, as Node's performance timeline tells of it. */
interface Collection {
  readonly startMs: number;
  readonly durationMs: number;
  readonly kind: string;
}

const collectionKinds = new Map<number, string>([
  [performanceConstants.NODE_PERFORMANCE_GC_MINOR, 'scavenge'],
  [performanceConstants.NODE_PERFORMANCE_GC_MAJOR, 'mark-compact'],
  [performanceConstants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental marking'],
  [performanceConstants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
]);

/** Keeps every garbage collection of this process from now on (their pauses, not their steps). */
function observeCollections(): Collection[] {
  const collections: Collection[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as { detail?: { kind?: number } };
      const kind = detail?.kind ?? 0;
      collections.push({
        startMs: performanceZeroMs + entry.startTime,
        durationMs: entry.duration,
        kind: collectionKinds.get(kind) ?? String(kind),
      });
    }
  }).observe({ entryTypes: ['gc'] });
  return collections;
}

/**
 * The calling thread's time on a core and its time waiting for one (runnable, not running), in
 * milliseconds, from Linux's `/proc/thread-self/schedstat`; zeros where there is none. Unlike
 * `process.cpuUsage`, which counts every thread of the process (V8's compiler and collector
 * threads among them), this is the update's own thread, and the wait is the machine's other work.
 */
interface ThreadTimes {
  readonly cpuMs: number;
  readonly waitedMs: number;
  /** Times the thread left its core to wait on something (voluntary context switches). */
  readonly blockings: number;
  /** Page faults that read from a disk. */
  readonly majorFaults: number;
}

function threadTimes(): ThreadTimes {
  try {
    const [onCpuNs, waitingNs] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    const status = readFileSync('/proc/thread-self/status', 'utf8');
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // The fields after the command's closing parenthesis start at field 3; majflt is field 12.
    const majorFaults = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[12 - 3];
    return {
      cpuMs: Number(onCpuNs) / 1e6,
      waitedMs: Number(waitingNs) / 1e6,
      blockings: Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0),
      majorFaults: Number(majorFaults ?? 0),
    };
  } catch {
    return { cpuMs: 0, waitedMs: 0, blockings: 0, majorFaults: 0 };
  }
}

/** Marks a phase of the watcher among `--trace-gc`'s lines, when it runs with that flag. */
const tracePhase = (phase: string): void => {
  if (process.execArgv.includes('--trace-gc'))
    process.stdout.write(`watcher, ${performance.now().toFixed(0)} ms: ${phase}\n`);
};

/**
 * The watcher, in a process of its own on a read-only store (as `finsam report --watch` runs):
 * folds the open year through checkpoints, then times each update it is asked for (read after
 * its position, fold, derive every statement), then follows the store through
 * `watchAnnualReport` and tells of each new report.
 */
async function runWatcher(path: string, eventCount: number): Promise<void> {
  const messages: ToWatcher[] = [];
  let wake: (() => void) | undefined;
  process.on('message', (message: ToWatcher) => {
    messages.push(message);
    wake?.();
  });
  const nextMessage = async (): Promise<ToWatcher> => {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return messages.shift()!;
  };
  const opened = await openFileEventStore({ path, mode: 'read-only' })();
  if (opened._tag === 'Left') throw opened.left;
  const store = opened.right;
  const { streamId } = createLedger({ store, förbundId: 'bench' });
  const collections = observeCollections();
  const started = performance.now();
  const fold = await foldAnnualReport(store, streamId, openYear);
  check(fold.report(), 0);
  tracePhase('the first fold done; timed updates follow');
  send({
    kind: 'ready',
    revision: fold.revision,
    firstFoldSeconds: (performance.now() - started) / 1000,
  });
  await timeUpdates(store, streamId, fold, nextMessage);
  tracePhase('the updates done; watchAnnualReport follows');
  await followReports(store, streamId, eventCount);
  tracePhase('the watch done');
  send({ kind: 'collections', collections });
  await store.close();
  process.disconnect();
}

const send = (message: FromWatcher): void => void process.send!(message);

/** The watcher's timed updates, one for each message asking for one (see {@link runWatcher}). */
async function timeUpdates(
  store: FileEventStore,
  streamId: string,
  fold: AnnualReportFold,
  nextMessage: () => Promise<ToWatcher>,
): Promise<void> {
  for (
    let message = await nextMessage();
    message.kind === 'update';
    message = await nextMessage()
  ) {
    const threadBefore = threadTimes();
    const cpuBefore = process.cpuUsage();
    const startMs = epochMs();
    const before = performance.now();
    for await (const stored of store.readStream(streamId, { fromRevision: fold.revision + 1 }))
      fold.apply(stored);
    const report = fold.report();
    const wallMs = performance.now() - before;
    const cpu = process.cpuUsage(cpuBefore);
    const threadAfter = threadTimes();
    check(report, message.costs);
    send({
      kind: 'updated',
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      threadCpuMs: threadAfter.cpuMs - threadBefore.cpuMs,
      waitedMs: threadAfter.waitedMs - threadBefore.waitedMs,
      blockings: threadAfter.blockings - threadBefore.blockings,
      majorFaults: threadAfter.majorFaults - threadBefore.majorFaults,
      startMs,
    });
  }
}

/**
 * The watcher's reports through `watchAnnualReport`, each told of with when the store's watch
 * told of the change (see {@link runWatcher}).
 */
async function followReports(
  store: FileEventStore,
  streamId: string,
  eventCount: number,
): Promise<void> {
  // No polling: only the store's own notification (the file's watch) wakes the live report. The
  // watch is the store's, with the time of the first notification since the last report noted.
  let notified: { readonly atMs: number; readonly thread: ThreadTimes } | undefined;
  const watched: FileEventStore = {
    ...store,
    watch: (listener) =>
      store.watch(() => {
        notified ??= { atMs: epochMs(), thread: threadTimes() };
        listener();
      }),
  };
  let costs = eventCount;
  for await (const report of watchAnnualReport(watched, streamId, openYear, {
    pollIntervalMs: 600_000,
  })) {
    const atMs = epochMs();
    const thread = threadTimes();
    check(report, costs);
    send({
      kind: 'reported',
      costs,
      atMs,
      notifiedAtMs: notified?.atMs ?? atMs,
      threadCpuMs: thread.cpuMs - (notified?.thread.cpuMs ?? thread.cpuMs),
      waitedMs: thread.waitedMs - (notified?.thread.waitedMs ?? thread.waitedMs),
    });
    notified = undefined;
    costs += 1;
    if (costs > 2 * eventCount) break;
  }
}

/**
 * Node's flags for the watcher alone, from `FINSAM_BENCH_WATCHER_FLAGS` (e.g. `--trace-gc`, to see
 * its collections without the writer's in the same output).
 */
const watcherFlags = (process.env['FINSAM_BENCH_WATCHER_FLAGS'] ?? '').split(' ').filter(Boolean);

/** The writer's end of the watcher process: its messages in order, as promises. */
function watcherProcess(path: string, eventCount: number) {
  const child = fork(fileURLToPath(import.meta.url), ['watcher', path, String(eventCount)], {
    execArgv: [...process.execArgv, ...watcherFlags],
  });
  const received: FromWatcher[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (message: FromWatcher) => {
    received.push(message);
    wake?.();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    send: (message: ToWatcher) => child.send(message),
    async next<Kind extends FromWatcher['kind']>(kind: Kind) {
      while (received.length === 0) {
        const woken = new Promise<void>((resolve) => (wake = resolve));
        if ((await Promise.race([woken.then(() => 'message'), exited])) !== 'message')
          throw new Error('the watcher exited');
      }
      const message = received.shift()!;
      if (message.kind !== kind) throw new Error(`expected ${kind}, got ${message.kind}`);
      return message as Extract<FromWatcher, { kind: Kind }>;
    },
    exited,
  };
}

/** Timed intervals of the watcher's: when each started (see {@link epochMs}), and how long. */
interface Intervals {
  readonly wallMs: number[];
  readonly cpuMs?: number[];
  readonly threadCpuMs?: number[];
  readonly waitedMs?: number[];
  readonly blockings?: number[];
  readonly majorFaults?: number[];
  readonly startMs: number[];
}

/**
 * What garbage collection did during the intervals named `name`: how many took 10 ms or more
 * (wall-clock) and how many of those a collection's pause fell in, the longest pause inside one,
 * and the collections of each kind that fell in one. Each slow interval is printed on standard
 * error with its pauses, the evidence of what made it slow. Incremental marking's steps are not
 * among the pauses (V8 does them inside allocations): `--trace-gc` in
 * `FINSAM_BENCH_WATCHER_FLAGS` shows them.
 */
function collectionsDuring(
  name: string,
  intervals: Intervals,
  collections: readonly Collection[],
): Record<string, number> {
  const counted = { slow: 0, slowWithPause: 0, pauseMaxMs: 0 };
  const byKind = new Map<string, number>();
  intervals.startMs.forEach((startMs, index) => {
    const wallMs = intervals.wallMs[index]!;
    const endMs = startMs + wallMs;
    const inside = collections.filter(
      (collection) =>
        collection.startMs < endMs && collection.startMs + collection.durationMs > startMs,
    );
    for (const collection of inside) {
      byKind.set(collection.kind, (byKind.get(collection.kind) ?? 0) + 1);
      counted.pauseMaxMs = Math.max(counted.pauseMaxMs, collection.durationMs);
    }
    if (wallMs < 10) return;
    counted.slow += 1;
    if (inside.length > 0) counted.slowWithPause += 1;
    process.stderr.write(`slow ${name}: ${describeInterval(intervals, index, inside)}\n`);
  });
  return {
    [`${name}Slow`]: counted.slow,
    [`${name}SlowWithPause`]: counted.slowWithPause,
    [`${name}PauseMaxMs`]: counted.pauseMaxMs,
    ...Object.fromEntries([...byKind].map(([kind, count]) => [`${name}Pauses ${kind}`, count])),
  };
}

/** One interval's times and the collections' pauses inside it, for a person. */
function describeInterval(
  intervals: Intervals,
  index: number,
  inside: readonly Collection[],
): string {
  const figure = (values: number[] | undefined, text: (value: number) => string): string => {
    const value = values?.[index];
    return value === undefined ? '' : text(value);
  };
  const pauses = inside.map(
    (collection) => `${collection.kind} ${collection.durationMs.toFixed(1)} ms`,
  );
  return (
    `${intervals.wallMs[index]!.toFixed(1)} ms wall` +
    figure(intervals.cpuMs, (value) => `, ${value.toFixed(1)} ms CPU`) +
    figure(intervals.threadCpuMs, (value) => ` (main thread ${value.toFixed(1)} ms)`) +
    figure(intervals.waitedMs, (value) => `, ${value.toFixed(1)} ms waiting for a core`) +
    figure(intervals.blockings, (value) => `, blocked ${value} times`) +
    figure(intervals.majorFaults, (value) => `, ${value} major page faults`) +
    `; pauses: ${pauses.join(', ') || 'none'}`
  );
}

/**
 * Each interval's time its main thread was neither on a core nor waiting for one: blocked, on a
 * file read through libuv's thread pool or anything else it waited on.
 */
const blockedMs = (intervals: Required<Pick<Intervals, 'wallMs' | 'threadCpuMs' | 'waitedMs'>>) =>
  intervals.wallMs.map(
    (wallMs, index) => wallMs - intervals.threadCpuMs[index]! - intervals.waitedMs[index]!,
  );

/**
 * The slowest interval (wall-clock) split into its main thread's CPU time, its wait for a core and
 * the rest (blocked): how much of the maximum is the machine's other work.
 */
function splitOfSlowest(
  name: string,
  intervals: Required<Pick<Intervals, 'wallMs' | 'threadCpuMs' | 'waitedMs'>>,
): Record<string, number> {
  let slowest = 0;
  intervals.wallMs.forEach((wallMs, index) => {
    if (wallMs > intervals.wallMs[slowest]!) slowest = index;
  });
  const wallMs = intervals.wallMs[slowest] ?? 0;
  const threadCpuMs = intervals.threadCpuMs[slowest] ?? 0;
  const waitedMs = intervals.waitedMs[slowest] ?? 0;
  return {
    [`${name}SlowestThreadCpuMs`]: threadCpuMs,
    [`${name}SlowestWaitedMs`]: waitedMs,
    [`${name}SlowestBlockedMs`]: wallMs - threadCpuMs - waitedMs,
  };
}

/** The live job: see the file's comment. */
export async function liveJob(
  directory: string,
  eventCount: number,
): Promise<Record<string, number>> {
  const path = await copyStore(directory);
  try {
    const opened = await openFileEventStore({ path, mode: 'read-write' })();
    if (opened._tag === 'Left') throw opened.left;
    const store = opened.right;
    const { streamId } = createLedger({ store, förbundId: 'bench' });
    const watcher = watcherProcess(path, eventCount);
    const { revision, firstFoldSeconds } = await watcher.next('ready');
    const update = await measureUpdates(store, streamId, watcher, revision, eventCount);
    const watch = await measureWatch(store, streamId, watcher, revision, eventCount);
    const { collections } = await watcher.next('collections');
    await watcher.exited;
    await store.close();
    return {
      seconds: firstFoldSeconds,
      events: eventCount - warmUpEvents,
      ...updateFigures(update),
      ...watchFigures(watch),
      ...collectionsDuring('update', update, collections),
      ...collectionsDuring('afterAppend', watch.afterAppend, collections),
      ...collectionsDuring('notifiedToReported', watch.notifiedToReported, collections),
    };
  } finally {
    await removeStore(path);
  }
}

type Watcher = ReturnType<typeof watcherProcess>;

/** Appends one cost at a time and has the watcher time its update after each (warm-up left out). */
async function measureUpdates(
  store: FileEventStore,
  streamId: string,
  watcher: Watcher,
  revision: number,
  eventCount: number,
) {
  const update = {
    wallMs: [] as number[],
    cpuMs: [] as number[],
    threadCpuMs: [] as number[],
    waitedMs: [] as number[],
    blockings: [] as number[],
    majorFaults: [] as number[],
    startMs: [] as number[],
  };
  for (let costs = 1; costs <= eventCount; costs += 1) {
    await appendCost(store, streamId, costs, revision + costs - 1);
    watcher.send({ kind: 'update', costs });
    const updated = await watcher.next('updated');
    const { wallMs, cpuMs, threadCpuMs, waitedMs, startMs } = updated;
    // The first updates compile the fold and the statements' code: a watcher's steady state
    // is what follows them.
    if (costs <= warmUpEvents) continue;
    update.wallMs.push(wallMs);
    update.cpuMs.push(cpuMs);
    update.threadCpuMs.push(threadCpuMs);
    update.waitedMs.push(waitedMs);
    update.blockings.push(updated.blockings);
    update.majorFaults.push(updated.majorFaults);
    update.startMs.push(startMs);
  }
  return update;
}

/** Appends one cost at a time while the watcher follows the store, and times each report. */
async function measureWatch(
  store: FileEventStore,
  streamId: string,
  watcher: Watcher,
  revision: number,
  eventCount: number,
) {
  watcher.send({ kind: 'watch' });
  await watcher.next('reported');
  const watchedMs: number[] = [];
  const afterAppend: Intervals = { wallMs: [], startMs: [] };
  const appendToNotifiedMs: number[] = [];
  const notifiedToReported = {
    wallMs: [] as number[],
    threadCpuMs: [] as number[],
    waitedMs: [] as number[],
    startMs: [] as number[],
  };
  for (let costs = eventCount + 1; costs <= 2 * eventCount; costs += 1) {
    const before = performance.now();
    const calledMs = epochMs();
    await appendCost(store, streamId, costs, revision + costs - 1);
    const appendedMs = epochMs();
    const reported = await watcher.next('reported');
    watchedMs.push(performance.now() - before);
    afterAppend.startMs.push(appendedMs);
    afterAppend.wallMs.push(reported.atMs - appendedMs);
    appendToNotifiedMs.push(reported.notifiedAtMs - calledMs);
    notifiedToReported.wallMs.push(reported.atMs - reported.notifiedAtMs);
    notifiedToReported.threadCpuMs.push(reported.threadCpuMs);
    notifiedToReported.waitedMs.push(reported.waitedMs);
    notifiedToReported.startMs.push(reported.notifiedAtMs);
  }
  return { watchedMs, afterAppend, appendToNotifiedMs, notifiedToReported };
}

/** The figures of the timed updates. */
function updateFigures(update: Awaited<ReturnType<typeof measureUpdates>>): Record<string, number> {
  return {
    ...summary('update', update.wallMs),
    ...summary('updateCpu', update.cpuMs),
    ...summary('updateThreadCpu', update.threadCpuMs),
    ...summary('updateWaited', update.waitedMs),
    ...summary('updateBlocked', blockedMs(update)),
    // Updates in which the main thread left its core to wait on something (a read's trip
    // through the thread pool, a lock), and those with a page fault that read a disk.
    updatesThatBlocked: update.blockings.filter((blockings) => blockings > 0).length,
    updatesWithMajorFaults: update.majorFaults.filter((faults) => faults > 0).length,
    ...splitOfSlowest('update', update),
  };
}

/** The figures of the watch's reports. */
function watchFigures({
  watchedMs,
  afterAppend,
  appendToNotifiedMs,
  notifiedToReported,
}: Awaited<ReturnType<typeof measureWatch>>): Record<string, number> {
  return {
    ...summary('watch', watchedMs),
    ...summary('afterAppend', afterAppend.wallMs),
    ...summary('appendToNotified', appendToNotifiedMs),
    ...summary('notifiedToReported', notifiedToReported.wallMs),
    ...summary('notifiedToReportedThreadCpu', notifiedToReported.threadCpuMs),
    ...summary('notifiedToReportedWaited', notifiedToReported.waitedMs),
    ...splitOfSlowest('notifiedToReported', notifiedToReported),
  };
}

if (process.argv[2] === 'watcher') await runWatcher(process.argv[3]!, Number(process.argv[4]));
