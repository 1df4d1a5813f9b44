/**
 * Read and replay throughput of the file store on a large file, with peak memory.
 *
 *   npx tsx --conditions=finsam-source bench/adapter-file/replay.ts [eventCount=1000000]
 *
 * Generates a store of `eventCount` events (in appends of 2 000 events, about 0.7 MB: the
 * core refuses appends over 1 MiB), then measures, each in a fresh child process so that peak
 * memory is its own:
 * `readAll` (a full replay), `verify`, and opening for writing (which checks the whole
 * file and builds the writer's index). Peak memory is the largest
 * `process.memoryUsage().rss` sampled every 20 ms. The store is removed at the end.
 *
 * A phase can be run alone on a kept store:
 * `npx tsx --conditions=finsam-source bench/adapter-file/replay.ts \`
 * `generate|read|verify|open <path> [eventCount]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileEventStore, verifyFileEventStore } from '../../packages/adapter-file/src/index.js';
import { benchEvent } from './benchEvent.js';

const [phase, path, countText] = process.argv.slice(2);

function sampleRss(): () => number {
  let peakBytes = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
  }, 20);
  return () => {
    clearInterval(timer);
    return Math.max(peakBytes, process.memoryUsage().rss);
  };
}

async function measure(
  name: string,
  storePath: string,
  work: () => Promise<number>,
): Promise<void> {
  const { size } = await stat(storePath);
  const stop = sampleRss();
  const started = performance.now();
  const events = await work();
  const seconds = (performance.now() - started) / 1000;
  const peakBytes = stop();
  console.log(
    `${name}: ${events} events, ${(size / 1e6).toFixed(0)} MB in ${seconds.toFixed(2)} s: ${Math.round(events / seconds)} events/s, ${(size / 1e6 / seconds).toFixed(1)} MB/s, peak RSS ${(peakBytes / 1e6).toFixed(0)} MB`,
  );
}

if (phase === 'generate') {
  const eventCount = Number(countText);
  const opened = await openFileEventStore({ path: path! })();
  if (opened._tag === 'Left') throw opened.left;
  const started = performance.now();
  let sequence = 0;
  while (sequence < eventCount) {
    const size = Math.min(2_000, eventCount - sequence);
    const events = Array.from({ length: size }, () => benchEvent((sequence += 1)));
    const result = await opened.right.appendToStream(`förbund-${sequence % 50}`, events)();
    if (result._tag === 'Left') throw result.left;
  }
  await opened.right.close();
  const { size } = await stat(path!);
  console.log(
    `generate: ${eventCount} events, ${(size / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} else if (phase === 'read') {
  await measure('readAll (read-only store, full replay)', path!, async () => {
    const opened = await openFileEventStore({ path: path!, mode: 'read-only' })();
    if (opened._tag === 'Left') throw opened.left;
    let count = 0;
    let total = 0;
    for await (const event of opened.right.readAll()) {
      count += 1;
      total += (event.data as { verifikationsnummer: number }).verifikationsnummer;
    }
    if (total <= 0) throw new Error('the fold saw nothing');
    await opened.right.close();
    return count;
  });
} else if (phase === 'verify') {
  await measure('verify', path!, async () => {
    const report = await verifyFileEventStore({ path: path! })();
    if (report._tag === 'Left' || !report.right.ok) throw new Error('verify failed');
    return report.right.eventCount;
  });
} else if (phase === 'open') {
  await measure('open read-write (full check + index)', path!, async () => {
    const opened = await openFileEventStore({ path: path! })();
    if (opened._tag === 'Left') throw opened.left;
    const count = opened.right.head().eventCount;
    // With --expose-gc (the driver passes it), what the open store keeps, garbage collected:
    // the writer's index, whose size grows with the number of events.
    const collectGarbage = (globalThis as { gc?: () => void }).gc;
    if (collectGarbage !== undefined) {
      collectGarbage();
      const heapBytes = process.memoryUsage().heapUsed;
      console.log(
        `  heap in use with the writer open, after GC: ${(heapBytes / 1e6).toFixed(0)} MB (${Math.round(heapBytes / count)} bytes per event)`,
      );
    }
    await opened.right.close();
    return count;
  });
} else {
  const eventCount = Number(phase ?? 1_000_000);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-bench-replay-'));
  const storePath = join(directory, 'store.jsonl');
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  try {
    for (const step of ['generate', 'read', 'verify', 'open']) {
      const result = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          '--expose-gc',
          fileURLToPath(import.meta.url),
          step,
          storePath,
          String(eventCount),
        ],
        { stdio: 'inherit' },
      );
      if (result.status !== 0) throw new Error(`${step} failed`);
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
