/**
 * The write side's year-close checkpoint save on the file store, inside a load like the main
 * job's: issue 15's synthetic history (made into events by the catalog before any clock starts)
 * recorded through the recorder the ledger builds, in batches of 100 each awaited, on a fresh file
 * store opened as `append-batches-100-calling-thread-preallocated` opens it. Each year close's
 * save (its state serialised and made JSON at the close, its chain hash looked up, sealed, hashed
 * and its file written) is timed, in CPU seconds of the whole process (see {@link SaveClock}):
 * the save's own work in the thread pool (the SHA-256, the write) is in, the collections its
 * garbage causes later are not. Prints the median of the rounds after the first two (V8 still
 * compiling) per close and per event, and the main thread's CPU µs per event of the whole round.
 *
 *   node --import tsx --conditions=finsam-source bench/adapter-file/closeCheckpointSave.ts \
 *     [events=40000] [rounds=8] [ROOT]
 *
 * `ROOT` is the checkout whose code records (default: this one), so that two versions can be
 * compared with this file. Prints one JSON line. On a shared machine compare versions as
 * interleaved runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import { processCpuSecondsNow, threadSecondsBetween, threadSecondsNow } from '../cpuClocks.js';
import { syntheticHistory } from '../annualReport/syntheticHistory.js';

const eventCount = Number(process.argv[2] ?? 40_000);
const rounds = Math.max(3, Number(process.argv[3] ?? 8));
const root = resolve(process.argv[4] ?? resolve(fileURLToPath(import.meta.url), '../../..'));
const streamId = 'bokforing-bench';

const core = (await import(
  join(root, 'packages/core/src/index.ts')
)) as typeof import('@finsam-ledger/core');
const testing = (await import(
  join(root, 'packages/core/src/testing/index.ts')
)) as typeof import('@finsam-ledger/core/testing');
const adapter = (await import(
  join(root, 'packages/adapter-file/src/index.ts')
)) as typeof import('@finsam-ledger/adapter-file');
const { bookkeepingRecorderCheckpoints } = (await import(
  join(root, 'packages/core/src/checkpoints/bookkeepingRecorderCheckpoints.ts')
)) as typeof import('../../packages/core/src/checkpoints/bookkeepingRecorderCheckpoints.js');

type BookkeepingEvent = import('@finsam-ledger/core').BookkeepingEvent;

/** The history's batches as the catalog makes them (`recordAll`'s first step). */
function createdBatches(): BookkeepingEvent[][] {
  return [...syntheticHistory(eventCount, 100)].map((batch) => {
    const created = core.bookkeepingCatalog.createAll(batch.map((entry) => entry.event));
    if (E.isLeft(created)) throw created.left;
    return created.right as BookkeepingEvent[];
  });
}

const batches = createdBatches();
const closes = batches.flat().filter((event) => event.type === 'RäkenskapsårStängt').length;

/**
 * The CPU seconds of every thread spent on the year closes' saves: at the close while its batch
 * is checked, once the batch is stored, and from then until the file is written (the round
 * awaits it before the next batch, so nothing else runs meanwhile but the save's own work in the
 * thread pool: the hash and the write). The process's clock, not the main thread's: Linux's
 * `schedstat` of the running thread moves only at the scheduler's ticks (4 ms here), too coarse
 * for spans of a millisecond.
 */
class SaveClock {
  seconds = 0;
  private written: Promise<void> | undefined;
  private resolveWritten = (): void => undefined;

  timed<Result>(work: () => Result): Result {
    const started = processCpuSecondsNow();
    try {
      return work();
    } finally {
      this.seconds += processCpuSecondsNow() - started;
    }
  }

  /** A save starts: its file is awaited by {@link untilWritten}. */
  started(): void {
    this.written = new Promise<void>((resolve) => (this.resolveWritten = resolve));
  }

  wrote(): void {
    this.resolveWritten();
  }

  /** Waits for the save under way, if any, and counts its CPU. */
  async untilWritten(): Promise<void> {
    if (this.written === undefined) return;
    const started = processCpuSecondsNow();
    await this.written;
    // The save's last steps after the write (its buffer handed back, the notice).
    await new Promise((resolve) => setImmediate(resolve));
    this.seconds += processCpuSecondsNow() - started;
    this.written = undefined;
  }
}

type FileStore = import('@finsam-ledger/adapter-file').FileEventStore;

/** The recorder's checkpoints on `store`, each year close's save timed by `clock`. */
function timedCheckpoints(store: FileStore, clock: SaveClock) {
  const storage = store.checkpoints;
  const checkpoints = bookkeepingRecorderCheckpoints(
    {
      appendToStream: (id, events, options) => store.appendToStream(id, events, options),
      readStream: (id, options) => store.readStream(id, options),
      readAll: (options) => store.readAll(options),
      close: () => store.close(),
      checkpoints: {
        ...storage,
        write: async (name: string, content: string, bytes?: Uint8Array) => {
          await storage.write(name, content, bytes);
          clock.wrote();
        },
      },
    } as FileStore,
    streamId,
    core.defaultChart,
  )!;
  const capture = checkpoints.capture!;
  return {
    ...checkpoints,
    capture: (...[state, event]: Parameters<typeof capture>) => {
      // Only a year close is timed: reading the clock at every event would cost more.
      if (event.type !== 'RäkenskapsårStängt') return capture(state, event);
      const keep = clock.timed(() => capture(state, event));
      return (
        keep &&
        ((revision: number) => {
          clock.started();
          clock.timed(() => keep(revision));
        })
      );
    },
  };
}

/** One round on a fresh store: the saves' CPU seconds, and the main thread's µs per event. */
async function round(batches: readonly BookkeepingEvent[][]) {
  const directory = await mkdtemp(join(tmpdir(), 'close-save-'));
  const opened = await adapter.openFileEventStore({
    path: join(directory, 'store.finsam.jsonl'),
    durableWriteThread: 'calling-thread',
    preallocateBytes: 4 * 1024 * 1024,
    onWarning: () => undefined,
  })();
  if (E.isLeft(opened)) throw opened.left;
  const store = opened.right;
  const clock = new SaveClock();
  const recorder = testing.createEventRecorder({
    store,
    streamId,
    catalog: core.bookkeepingCatalog,
    decider: testing.createBookkeepingDecider(core.defaultChart),
    checkpoints: timedCheckpoints(store, clock),
  });
  const started = threadSecondsNow();
  for (const batch of batches) {
    const result = await recorder.record(batch, { validated: true })();
    if (E.isLeft(result)) throw result.left;
    await clock.untilWritten();
  }
  const thread = threadSecondsBetween(started, threadSecondsNow());
  await store.close();
  const saved = (await store.checkpoints.list()).length;
  await rm(directory, { recursive: true, force: true });
  return {
    saveSeconds: clock.seconds,
    cpu: thread === undefined ? Number.NaN : (thread.cpu * 1e6) / eventCount,
    saved,
  };
}

const median = (values: readonly number[]): number =>
  [...values].sort((left, right) => left - right)[values.length >> 1]!;

const measured: Awaited<ReturnType<typeof round>>[] = [];
for (let index = 0; index < rounds; index += 1) measured.push(await round(batches));
// The first two rounds: V8 still compiling.
const counted = measured.slice(2);
const saveSeconds = median(counted.map((m) => m.saveSeconds));
console.log(
  JSON.stringify({
    root,
    events: eventCount,
    closes,
    checkpointsSaved: counted[0]!.saved,
    rounds: counted.length,
    saveMillisecondsPerClose: Number(((saveSeconds * 1000) / closes).toFixed(3)),
    saveMicrosecondsPerEvent: Number(((saveSeconds * 1e6) / eventCount).toFixed(3)),
    mainThreadCpuMicrosecondsPerEvent: Number(median(counted.map((m) => m.cpu)).toFixed(3)),
    eachRoundSaveMilliseconds: counted.map((m) => Number((m.saveSeconds * 1000).toFixed(1))),
  }),
);
