/**
 * The clocks the benchmarks read, in seconds: the whole process's CPU time and the calling
 * thread's own (Linux's schedstat). The process's counts every thread, V8's compiler and
 * collector threads among them; the thread's is the main thread's work alone, and its time
 * waiting for a core is the machine's other work. What is left of the wall-clock time the thread
 * slept: idle, waiting for I/O such as an fsync.
 */
import { readFileSync } from 'node:fs';

/** CPU seconds the whole process has used so far (user + system, every thread). */
export const processCpuSecondsNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** The calling thread's times so far, in seconds. */
export interface ThreadSeconds {
  /** On a core. */
  readonly cpu: number;
  /** Runnable but waiting for a core. */
  readonly waitingForCore: number;
}

/**
 * The calling thread's CPU seconds and seconds waiting for a core: the first two fields of
 * `/proc/thread-self/schedstat` (nanoseconds); `undefined` where the system has none.
 */
export function threadSecondsNow(): ThreadSeconds | undefined {
  try {
    const [cpu, waitingForCore] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return { cpu: Number(cpu) / 1e9, waitingForCore: Number(waitingForCore) / 1e9 };
  } catch {
    return undefined;
  }
}

/** The thread's times between two readings, or `undefined` if either is missing. */
export const threadSecondsBetween = (
  started: ThreadSeconds | undefined,
  ended: ThreadSeconds | undefined,
): ThreadSeconds | undefined =>
  started === undefined || ended === undefined
    ? undefined
    : {
        cpu: ended.cpu - started.cpu,
        waitingForCore: ended.waitingForCore - started.waitingForCore,
      };
