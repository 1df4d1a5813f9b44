/**
 * Durable append throughput of the file store: every append is fsync'd before it resolves.
 *
 *   npx tsx --conditions=finsam-source bench/adapter-file/append.ts \
 *     [singleAppends=2000] [batchAppends=200] [batchSize=100]
 *
 * Prints events/s and appends/s, and the latency of one append (median, 99th percentile).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileEventStore } from '../../packages/adapter-file/src/index.js';
import { benchEvent } from './benchEvent.js';

const [singleAppends = 2000, batchAppends = 200, batchSize = 100] = process.argv
  .slice(2)
  .map(Number);

const percentile = (sorted: readonly number[], share: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;

async function run(label: string, appendCount: number, size: number): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-bench-append-'));
  try {
    const path = join(directory, 'store.jsonl');
    const opened = await openFileEventStore({ path })();
    if (opened._tag === 'Left') throw opened.left;
    const store = opened.right;
    const latenciesMs: number[] = [];
    let sequence = 0;
    const started = performance.now();
    for (let append = 0; append < appendCount; append += 1) {
      const events = Array.from({ length: size }, () => benchEvent((sequence += 1)));
      const before = performance.now();
      const result = await store.appendToStream(`förbund-${append % 10}`, events)();
      latenciesMs.push(performance.now() - before);
      if (result._tag === 'Left') throw result.left;
    }
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    const { size: sizeBytes } = await stat(path);
    latenciesMs.sort((left, right) => left - right);
    console.log(
      `${label}: ${appendCount} appends of ${size} = ${appendCount * size} events in ${seconds.toFixed(2)} s: ` +
        `${Math.round((appendCount * size) / seconds)} events/s, ${Math.round(appendCount / seconds)} appends/s, ` +
        `${(sizeBytes / 1e6 / seconds).toFixed(1)} MB/s; append latency median ${percentile(latenciesMs, 0.5).toFixed(2)} ms, p99 ${percentile(latenciesMs, 0.99).toFixed(2)} ms`,
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, temp dir ${tmpdir()}`,
);
await run('single events', singleAppends, 1);
await run(`batches of ${batchSize}`, batchAppends, batchSize);
