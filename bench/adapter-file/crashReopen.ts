/**
 * What a writer's crash costs the next open for writing: a child process opens a store, appends
 * `events` events in awaited batches of 100, pausing for longer than twice
 * `writerIndexSaveQuietMs` after every {@link batchesBetweenPauses} batches (a service's pace, not
 * a bulk load's; the writer looks once a quiet period, so a whole period of quiet lies within
 * two), and is killed with SIGKILL once the last is acknowledged; a fresh
 * process then opens the store for writing, timed. Run once with the writer's idle index saves
 * (every `saveEvents` events, by default the default `writerIndexSaveEvents`) and once without (a
 * bound larger than the run: the writer saves at open and close only, as before them).
 *
 *   node --import tsx --conditions=finsam-source bench/adapter-file/crashReopen.ts \
 *     [events=200000] [pairs=3] [saveEvents=65536]
 *
 * Prints one JSON line a run: the lines the open walked after the saved index's head, its wall
 * and CPU time, and the CPU per walked line; then, on the store of the last run, the cost of one
 * save of the writer's index (taking the bytes in the queue, and writing and fsyncing them) after
 * `saveEvents` more events. A smaller `saveEvents` runs the tool at small counts (its test).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileEventStore } from '../../packages/adapter-file/src/index.js';
import { writerIndexPath } from '../../packages/adapter-file/src/writerIndexFile.js';
import {
  writerIndexSaveEventsDefault,
  writerIndexSaveQuietMs,
} from '../../packages/adapter-file/src/idleWriterIndexSave.js';
import { endQuietlyOnClosedPipe } from '../../packages/cli/src/writeOutput.js';
import { benchEvent } from './benchEvent.js';

const batchSize = 100;
/** Batches appended one after another between two pauses: 5 000 events. */
const batchesBetweenPauses = 50;
const script = fileURLToPath(import.meta.url);
const [mode, ...rest] = process.argv.slice(2);

/**
 * The head's event count of the index saved beside the store (0 when there is none), from its
 * first line alone: the whole file is megabytes, and the save's cost is measured while this polls.
 */
async function savedHeadEventCount(path: string): Promise<number> {
  let file;
  try {
    file = await open(writerIndexPath(path), 'r');
  } catch {
    return 0;
  }
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    const { bytesRead } = await file.read(chunk, 0, chunk.length, 0);
    const newline = chunk.subarray(0, bytesRead).indexOf(0x0a);
    if (newline === -1) return 0;
    const line = JSON.parse(chunk.toString('utf8', 0, newline)) as {
      body: { head: { eventCount: number } };
    };
    return line.body.head.eventCount;
  } finally {
    await file.close();
  }
}

async function openForWriting(path: string, writerIndexSaveEvents?: number) {
  const opened = await openFileEventStore({
    path,
    onWarning: () => undefined,
    writerIndexSaveEvents,
  })();
  if (opened._tag === 'Left') throw opened.left;
  return opened.right;
}

/** The child that crashes: appends, then says `done` and waits to be killed. */
async function crashingWriter(path: string, events: number, saveEvents: number): Promise<void> {
  const store = await openForWriting(path, saveEvents);
  let sequence = 0;
  for (let batch = 0; sequence < events; batch += 1) {
    const batchEvents = Array.from({ length: batchSize }, () => benchEvent((sequence += 1)));
    const result = await store.appendToStream(`förbund-${batch % 10}`, batchEvents)();
    if (result._tag === 'Left') throw result.left;
    // A quiet moment, as a service has between its users' work.
    if ((batch + 1) % batchesBetweenPauses === 0)
      await new Promise((resolve) => setTimeout(resolve, 2 * writerIndexSaveQuietMs + 50));
  }
  process.send!('done');
  await new Promise(() => undefined);
}

/** The child that reopens: times the open for writing, in a fresh process. */
async function reopen(path: string): Promise<void> {
  const savedBefore = await savedHeadEventCount(path);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const store = await openForWriting(path);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const eventCount = store.head().eventCount;
  const walkedLines = eventCount - savedBefore;
  process.send!({
    eventCount,
    savedHeadBefore: savedBefore,
    walkedLines,
    openWallMs: Math.round(wallMs),
    openCpuMs: Math.round(cpuMs),
    cpuMicrosecondsPerWalkedLine:
      walkedLines > 0 ? Number(((cpuMs * 1000) / walkedLines).toFixed(1)) : null,
    rssMegabytes: Math.round(process.memoryUsage().rss / 1e6),
    bytesPerLine: Math.round((await stat(path)).size / eventCount),
  });
  // No close: its save would be no part of the open.
  process.exit(0);
}

/**
 * The cost of one idle save of the writer's index in its steady state: the store is opened and
 * closed (its index saved whole), then opened with the bound `saveEvents`, and as many events are
 * appended in batches of 100 without a pause; the process then idles until the saved index covers
 * them. The CPU and wall time of that window, where the process does nothing else, are the save's
 * (taking the bytes, sorting the recent events into the sorted part, writing, fsyncing, renaming).
 */
async function saveCost(path: string, saveEvents: number): Promise<void> {
  await (await openForWriting(path)).close();
  const store = await openForWriting(path, saveEvents);
  let sequence = 0;
  for (let batch = 0; sequence < saveEvents; batch += 1) {
    const size = Math.min(batchSize, saveEvents - sequence);
    const events = Array.from({ length: size }, () => benchEvent((sequence += 1)));
    const result = await store.appendToStream(`förbund-${batch % 10}`, events)();
    if (result._tag === 'Left') throw result.left;
  }
  const target = store.head().eventCount;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  while ((await savedHeadEventCount(path)) !== target)
    await new Promise((resolve) => setTimeout(resolve, 1));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  process.send!({
    events: target,
    saveWallMs: Math.round(wallMs),
    saveCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  });
  process.exit(0);
}

/** The children running, killed also when a closed pipe ends the tool. */
const running = new Set<ChildProcess>();

function runChild(
  args: string[],
  onMessage: (message: unknown, kill: () => void) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv: process.execArgv, stdio: 'inherit' });
    running.add(child);
    let last: unknown;
    child.on('message', (message) => {
      last = message;
      onMessage(message, () => child.kill('SIGKILL'));
    });
    child.on('error', reject);
    child.on('exit', () => {
      running.delete(child);
      resolve(last);
    });
  });
}

/** The store directory of the run under way, removed also when a closed pipe ends the tool. */
let directoryInUse: string | undefined;

function endRunsAtExit(): void {
  // `| head -1` closes stdout after the first line: the tool ends quietly, as `cat` does (any
  // other error of stdout is still thrown), its children killed and no store left behind.
  endQuietlyOnClosedPipe(process.stdout);
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
    if (directoryInUse !== undefined) rmSync(directoryInUse, { recursive: true, force: true });
  });
}

async function compare(events: number, pairs: number, saveEvents: number): Promise<void> {
  endRunsAtExit();
  for (let pair = 0; pair < pairs; pair += 1) {
    for (const [label, bound] of [
      ['idle saves', saveEvents],
      ['open and close only', 2 ** 40],
    ] as const) {
      const directory = await mkdtemp(join(tmpdir(), 'finsam-bench-crash-reopen-'));
      directoryInUse = directory;
      try {
        const path = join(directory, 'store.jsonl');
        await runChild(['writer', path, String(events), String(bound)], (message, kill) => {
          if (message === 'done') kill();
        });
        const opened = await runChild(['reopen', path], () => undefined);
        console.log(JSON.stringify({ pair, label, events, ...(opened as object) }));
        if (pair === pairs - 1 && label === 'open and close only')
          console.log(
            JSON.stringify({
              save: await runChild(['save-cost', path, String(saveEvents)], () => undefined),
            }),
          );
      } finally {
        await rm(directory, { recursive: true, force: true });
        directoryInUse = undefined;
      }
    }
  }
}

if (mode === 'writer') await crashingWriter(rest[0]!, Number(rest[1]), Number(rest[2]));
else if (mode === 'reopen') await reopen(rest[0]!);
else if (mode === 'save-cost') await saveCost(rest[0]!, Number(rest[1]));
else
  await compare(
    Number(mode ?? 200_000),
    Number(rest[0] ?? 3),
    Number(rest[1] ?? writerIndexSaveEventsDefault),
  );
