/**
 * The live report of issue 15: after the first replay, how long one newly recorded event takes
 * to update every statement of the open year (2026, after the history's last close).
 *
 *   node --import tsx --conditions=finsam-source bench/annualReport/jobs.ts live <directory> \
 *     [eventCount=200]
 *
 * Works on a copy of the generated store with its checkpoints and seek index (derived files the
 * copy shares, since its content and chain hashes are the same), so that the first replay starts
 * from the checkpoint of the last closed year as it does beside a real store. Two measurements,
 * each over `eventCount` events appended one at a time (one durable append each, straight to the
 * store: the ledger's write side has its own jobs):
 *
 * - `update`: what a live projection does per new event, timed alone: read the stream after its
 *   position, fold the new event, derive every statement of the open year
 *   (`AnnualReportFold.apply` and `report`).
 * - `watch`: end to end through `watchAnnualReport`: from the append's call to the new report
 *   yielded (the durable append with its fsync, the store's notification, the update).
 *
 * Each is reported as p50, p99 and max in milliseconds of wall-clock time; the update also in
 * CPU milliseconds (user and system), the steadier figure on a machine shared with other work. Every report is checked: årets resultat
 * of 2026 must be minus the sum of the costs appended so far.
 */
import { cp, copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openFileEventStore, type FileEventStore } from '@finsam-ledger/adapter-file';
import {
  createLedger,
  foldAnnualReport,
  newEventId,
  rowOf,
  watchAnnualReport,
  type AnnualReport,
} from '@finsam-ledger/core';
import { historyYears } from './syntheticHistory.js';

const openYear = historyYears.last + 1;
const costOre = 123_450;
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
  const copy = join(directory, 'live.finsam.jsonl');
  await removeStore(copy);
  await copyFile(source, copy);
  await copyFile(`${source}.index`, `${copy}.index`).catch(() => undefined);
  await cp(`${source}.checkpoints`, `${copy}.checkpoints`, { recursive: true }).catch(
    () => undefined,
  );
  return copy;
}

async function removeStore(path: string): Promise<void> {
  for (const derived of ['', '.lock', '.index', '.checkpoints'])
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

/** The update alone: read after the position, fold, derive every statement. */
async function measureUpdates(
  store: FileEventStore,
  streamId: string,
  eventCount: number,
): Promise<{ samplesMs: number[]; cpuSamplesMs: number[]; firstFoldSeconds: number }> {
  const started = performance.now();
  const fold = await foldAnnualReport(store, streamId, openYear);
  check(fold.report(), 0);
  const firstFoldSeconds = (performance.now() - started) / 1000;
  const samplesMs: number[] = [];
  const cpuSamplesMs: number[] = [];
  for (let sequence = 1; sequence <= eventCount; sequence += 1) {
    await appendCost(store, streamId, sequence, fold.revision);
    const cpuBefore = process.cpuUsage();
    const before = performance.now();
    for await (const stored of store.readStream(streamId, { fromRevision: fold.revision + 1 }))
      fold.apply(stored);
    const report = fold.report();
    samplesMs.push(performance.now() - before);
    const cpu = process.cpuUsage(cpuBefore);
    cpuSamplesMs.push((cpu.user + cpu.system) / 1000);
    check(report, sequence);
  }
  return { samplesMs, cpuSamplesMs, firstFoldSeconds };
}

/** End to end through `watchAnnualReport`: from the append's call to the new report. */
async function measureWatch(
  store: FileEventStore,
  streamId: string,
  eventCount: number,
  costsBefore: number,
  revisionBefore: number,
): Promise<number[]> {
  const stop = new AbortController();
  // No polling: only the store's own notification wakes the watch.
  const reports = watchAnnualReport(store, streamId, openYear, {
    signal: stop.signal,
    pollIntervalMs: 600_000,
  })[Symbol.asyncIterator]();
  const next = async (): Promise<AnnualReport> => {
    const result = await reports.next();
    if (result.done === true) throw new Error('the watch ended');
    return result.value;
  };
  check(await next(), costsBefore);
  const samplesMs: number[] = [];
  for (let sequence = 1; sequence <= eventCount; sequence += 1) {
    const before = performance.now();
    await appendCost(store, streamId, costsBefore + sequence, revisionBefore + sequence - 1);
    const report = await next();
    samplesMs.push(performance.now() - before);
    check(report, costsBefore + sequence);
  }
  stop.abort();
  await reports.next();
  return samplesMs;
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
    const updates = await measureUpdates(store, streamId, eventCount);
    const fold = await foldAnnualReport(store, streamId, openYear);
    const watched = await measureWatch(store, streamId, eventCount, eventCount, fold.revision);
    await store.close();
    return {
      seconds: updates.firstFoldSeconds,
      events: eventCount,
      ...summary('update', updates.samplesMs),
      ...summary('updateCpu', updates.cpuSamplesMs),
      ...summary('watch', watched),
    };
  } finally {
    await removeStore(path);
  }
}
