/**
 * Where the time of an awaited durable append goes, batch by batch, from the kernel's own record
 * of it: which thread ran when, and when each `pwrite` entered and left the kernel. The CPU
 * profiles and the job's clocks see only the main thread's side; this sees the write, the wake-up
 * and the main thread's work apart, as the scheduler saw them (docs/benchmarks.md, "The tenth
 * write-side session").
 *
 * Record a job under `perf` (Debian's `linux-perf`), then read the record:
 *
 *   perf record -o rec.data -a -e sched:sched_switch,syscalls:sys_enter_pwrite64 \
 *     -e syscalls:sys_exit_pwrite64 -- node --import tsx --conditions=finsam-source \
 *     bench/annualReport/writeJobs.ts append-batches-100-warm-40000 <empty directory> 40000
 *   perf script -i rec.data -F comm,pid,tid,cpu,time,event,trace > rec.txt
 *   node --import tsx bench/annualReport/awaitedAppendTimeline.ts rec.txt [lastWrites=399]
 *
 * The main thread is the thread whose id is the process id of the threads that wrote (libuv's
 * thread pool writes for it). Only the last `lastWrites` writes count: with `-warm-W` the first
 * writes are the warm-up's. Each phase is printed as the median, mean and 90th percentile in
 * milliseconds over the batches:
 *
 * - `write`: from the `pwrite` entering the kernel to its return (an `O_DSYNC` write: the copy,
 *   the device's write and flush), and `write on CPU`, the part of it its thread ran;
 * - `write end to main running`: until the main thread runs again (the thread pool's wake-up of
 *   the main thread, and the main thread's core waking up);
 * - `main to next write`: from then until the next `pwrite` (the main thread checks, numbers,
 *   encodes the next batch), and `main CPU in it`, the part the main thread ran;
 * - `main CPU during write`: what the main thread ran while the write was under way;
 * - `cycle`: from one `pwrite` to the next.
 */
import { readFileSync } from 'node:fs';
import { endQuietlyOnClosedPipe } from '../../packages/cli/src/writeOutput.js';

interface TraceEvent {
  readonly milliseconds: number;
  readonly processId: number;
  readonly threadId: number;
  readonly name: string;
  readonly rest: string;
}

/** One `pwrite`: when it entered and left the kernel, and how long its thread ran in it. */
interface Write {
  readonly enteredMs: number;
  readonly returnedMs: number;
  readonly onCpuMs: number;
}

type Interval = readonly [startMs: number, endMs: number];

const traceLine = /^\s*\S.*?\s+(\d+)\/(\d+)\s+\[\d+\]\s+([\d.]+):\s+(\S+):\s*(.*)$/;

function parseTrace(text: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const line of text.split('\n')) {
    const match = traceLine.exec(line);
    if (match === null) continue;
    const [, processId, threadId, seconds, name, rest] = match;
    events.push({
      milliseconds: Number(seconds) * 1000,
      processId: Number(processId),
      threadId: Number(threadId),
      name: name!,
      rest: rest!,
    });
  }
  return events;
}

const switchedFrom = (event: TraceEvent) => Number(/prev_pid=(\d+)/.exec(event.rest)?.[1]);
const switchedTo = (event: TraceEvent) => Number(/next_pid=(\d+)/.exec(event.rest)?.[1]);

/** The intervals in which `threadId` ran on a core. */
function runningIntervals(events: readonly TraceEvent[], threadId: number): Interval[] {
  const intervals: Interval[] = [];
  let startedMs: number | undefined;
  for (const event of events) {
    if (event.name !== 'sched:sched_switch') continue;
    if (switchedTo(event) === threadId) startedMs = event.milliseconds;
    if (switchedFrom(event) === threadId && startedMs !== undefined) {
      intervals.push([startedMs, event.milliseconds]);
      startedMs = undefined;
    }
  }
  return intervals;
}

/** Each `pwrite` of process `processId` in the trace, in the order they returned. */
function writes(events: readonly TraceEvent[], processId: number): Write[] {
  const open = new Map<
    number,
    { enteredMs: number; resumedMs: number | undefined; onCpuMs: number }
  >();
  const done: Write[] = [];
  for (const event of events) {
    if (event.name === 'syscalls:sys_enter_pwrite64' && event.processId === processId) {
      open.set(event.threadId, {
        enteredMs: event.milliseconds,
        resumedMs: event.milliseconds,
        onCpuMs: 0,
      });
    } else if (event.name === 'sched:sched_switch') {
      const leaving = open.get(switchedFrom(event));
      if (leaving?.resumedMs !== undefined) {
        leaving.onCpuMs += event.milliseconds - leaving.resumedMs;
        leaving.resumedMs = undefined;
      }
      const coming = open.get(switchedTo(event));
      if (coming !== undefined) coming.resumedMs = event.milliseconds;
    } else if (event.name === 'syscalls:sys_exit_pwrite64') {
      const write = open.get(event.threadId);
      if (write === undefined) continue;
      open.delete(event.threadId);
      const lastRunMs = write.resumedMs === undefined ? 0 : event.milliseconds - write.resumedMs;
      done.push({
        enteredMs: write.enteredMs,
        returnedMs: event.milliseconds,
        onCpuMs: write.onCpuMs + lastRunMs,
      });
    }
  }
  return done;
}

const overlapMs = (running: readonly Interval[], fromMs: number, toMs: number) =>
  running.reduce(
    (sum, [start, end]) => sum + Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs)),
    0,
  );

const firstRunAfter = (running: readonly Interval[], ms: number) => {
  const interval = running.find(([, end]) => end > ms);
  return interval === undefined ? undefined : Math.max(interval[0], ms);
};

/** The phases of each batch but the last: from its write to the next batch's write. */
function batchPhases(
  all: readonly Write[],
  running: readonly Interval[],
): Record<string, number>[] {
  const phases: Record<string, number>[] = [];
  for (let index = 0; index + 1 < all.length; index += 1) {
    const write = all[index]!;
    const nextWriteMs = all[index + 1]!.enteredMs;
    const mainRunsMs = firstRunAfter(running, write.returnedMs) ?? nextWriteMs;
    phases.push({
      write: write.returnedMs - write.enteredMs,
      'write on CPU': write.onCpuMs,
      'write end to main running': mainRunsMs - write.returnedMs,
      'main to next write': nextWriteMs - mainRunsMs,
      'main CPU in it': overlapMs(running, mainRunsMs, nextWriteMs),
      'main CPU during write': overlapMs(running, write.enteredMs, write.returnedMs),
      cycle: nextWriteMs - write.enteredMs,
    });
  }
  return phases;
}

function summary(values: number[]): string {
  values.sort((a, b) => a - b);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const at = (share: number) =>
    values[Math.min(values.length - 1, Math.floor(values.length * share))]!;
  return `median ${at(0.5).toFixed(3)}  mean ${mean.toFixed(3)}  p90 ${at(0.9).toFixed(3)}`;
}

// `| head` closes stdout early: the tool ends quietly, as `cat` does (any other error of stdout is
// still thrown).
endQuietlyOnClosedPipe(process.stdout);
const [tracePath, lastWritesText = '399'] = process.argv.slice(2);
if (tracePath === undefined)
  throw new Error('usage: awaitedAppendTimeline.ts <perf script output> [lastWrites]');
const events = parseTrace(readFileSync(tracePath, 'utf8'));
// A record of the whole machine (`-a`) holds other processes' writes too: the job's are those of
// the first process that wrote.
const mainThreadId = events.find(
  (event) => event.name === 'syscalls:sys_enter_pwrite64',
)?.processId;
if (mainThreadId === undefined) throw new Error(`no pwrite in ${tracePath}`);
const all = writes(events, mainThreadId);
const last = all.slice(-Number(lastWritesText));
const phases = batchPhases(last, runningIntervals(events, mainThreadId));
console.log(
  `main thread ${mainThreadId}; ${all.length} writes in the trace, the last ${last.length} read;` +
    ' milliseconds a batch:',
);
for (const name of Object.keys(phases[0] ?? {}))
  console.log(`${name.padEnd(28)} ${summary(phases.map((phase) => phase[name]!))}`);
