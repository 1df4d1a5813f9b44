/**
 * One job of the annual-report benchmark, run in its own process so that its peak memory is its
 * own (`run.ts` starts it). Prints one JSON line: the job's seconds, what it counted, and the
 * process's peak RSS (`process.resourceUsage().maxRSS`).
 *
 *   npx tsx --conditions=finsam-source bench/annualReport/jobs.ts <job> <directory> [eventCount] \
 *     [storePath]
 *
 * Jobs: `generate` (the store and the journal, through `ledger.recordAll` in batches),
 * `report` (the whole annual report of 2025 from the read-only store, through whatever
 * annual-report checkpoints the store has: it says how many there were, and saves those missing),
 * `report-footnoted` (the same with footnotes, as `finsam report` prints it), `first-record`
 * (open for writing, record one event), `report-after-one` (report, record one event, report
 * again: the second report is timed), `append-batches`, `append-singles`, `append-concurrent`
 * (on a fresh store in the directory), `parse-floor` (JSON.parse of every line and an integer
 * sum of the amounts: the floor any reader of the file pays), `live` (liveJob.ts: a new event's
 * update of the open year's live report, on a copy).
 */
import { createReadStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openFileEventStore, type FileEventStore } from '@finsam-ledger/adapter-file';
import { createLedger, newEventId, rowOf, type Ledger } from '@finsam-ledger/core';
import { historyYears, syntheticHistory } from './syntheticHistory.js';
import { liveJob } from './liveJob.js';

const [job, directory, countText, storeOverride] = process.argv.slice(2);
// The jobs that record go on a copy of the generated store, so that every run sees the same one.
const storePath = storeOverride ?? join(directory!, 'store.finsam.jsonl');
const journalPath = join(directory!, 'journal.ledger');
const förbundId = 'bench';
const metadata = { recordedAt: '2026-01-15T08:00:00.000Z', recordedBy: 'bench@finsam' };

async function openStore(path: string, mode: 'read-write' | 'read-only'): Promise<FileEventStore> {
  const opened = await openFileEventStore({ path, mode })();
  if (opened._tag === 'Left') throw opened.left;
  return opened.right;
}

async function unwrap<Value>(
  task: () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: Value }>,
): Promise<Value> {
  const result = await task();
  if (result._tag === 'Left') throw result.left;
  return result.right;
}

const cost = (datum: string, text: string) =>
  ({
    datum,
    område: 'operativa',
    post: 'MIA vidare',
    belopp: '1234.50',
    moms: '0.00',
    text,
    betalning: { sätt: 'bank' },
  }) as const;

async function generate(): Promise<Record<string, number>> {
  const eventCount = Number(countText);
  const store = await openStore(storePath, 'read-write');
  const ledger = createLedger({ store, förbundId });
  // The journal gets its name only when complete: the runner takes a present journal as a
  // finished generation.
  const journal = await open(`${journalPath}.partial`, 'w');
  let written = 0;
  for (const batch of syntheticHistory(eventCount, 2_000)) {
    await unwrap(ledger.recordAll(batch.map((entry) => entry.event)));
    await journal.write(batch.map((entry) => entry.journal).join(''));
    written += batch.length;
  }
  await journal.close();
  await store.close();
  await rename(`${journalPath}.partial`, journalPath);
  return { events: written };
}

async function annualReportOf(ledger: Ledger, year: number, footnotes = false): Promise<string> {
  const report = await ledger.annualReport(year, { footnotes });
  return rowOf(report.resultaträkning, 'årets-resultat').amounts[0]!.toString();
}

/** The annual report's checkpoints saved beside the store (derived data, one per year close). */
async function annualReportCheckpointCount(path: string): Promise<number> {
  const names = await readdir(`${path}.checkpoints`).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith('annual-report.')).length;
}

/** CPU seconds (user and system) of this process so far. */
const cpuSecondsNow = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

// The CPU seconds of the measured work alone (without starting Node and compiling TypeScript).
let workCpuSeconds: number | undefined;

async function timed<Value>(work: () => Promise<Value>): Promise<[number, Value]> {
  const cpuStarted = cpuSecondsNow();
  const started = performance.now();
  const value = await work();
  workCpuSeconds = cpuSecondsNow() - cpuStarted;
  return [(performance.now() - started) / 1000, value];
}

async function appendJob(appendCount: number, size: number, concurrent: number) {
  const path = join(directory!, `append-${job}.finsam.jsonl`);
  await rm(path, { force: true });
  await rm(`${path}.lock`, { force: true });
  const store = await openStore(path, 'read-write');
  const ledger = createLedger({ store, förbundId });
  await unwrap(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2026-01-01',
        text: 'IB',
        kassaOchBank: '1000000.00',
        momsfordran: '0.00',
        balanseratResultat: '1000000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  let sequence = 0;
  const next = () => {
    sequence += 1;
    return {
      type: 'KostnadBokförd' as const,
      data: cost('2026-03-01', `Kostnad ${sequence}`),
      options: { metadata },
    };
  };
  const cpuStarted = cpuSecondsNow();
  const started = performance.now();
  if (concurrent > 1) {
    // Concurrent single appends to the store itself (one event each, any revision): the
    // ledger's recorder checks its rules one event at a time, so group commit is the store's.
    for (let round = 0; round < appendCount / concurrent; round += 1) {
      await Promise.all(
        Array.from({ length: concurrent }, (_unused, index) =>
          unwrap(
            store.appendToStream(`concurrent-${index}`, [
              {
                eventId: newEventId(),
                type: 'KostnadBokförd',
                schemaVersion: 1,
                data: next().data,
                metadata,
              },
            ]),
          ),
        ),
      );
    }
  } else {
    for (let append = 0; append < appendCount; append += 1)
      await unwrap(ledger.recordAll(Array.from({ length: size }, next)));
  }
  const seconds = (performance.now() - started) / 1000;
  workCpuSeconds = cpuSecondsNow() - cpuStarted;
  await store.close();
  await rm(path, { force: true });
  return {
    seconds,
    events: appendCount * size,
    eventsPerSecond: (appendCount * size) / seconds,
    eventsPerCpuSecond: (appendCount * size) / workCpuSeconds,
  };
}

async function parseFloor(): Promise<Record<string, number>> {
  let lines = 0;
  let sumOre = 0;
  const input = createInterface({ input: createReadStream(storePath), crlfDelay: Infinity });
  for await (const line of input) {
    const record = JSON.parse(line) as { data?: { belopp?: string } };
    const belopp = record.data?.belopp;
    if (belopp !== undefined) sumOre += Number(belopp.replace('.', ''));
    lines += 1;
  }
  if (sumOre <= 0) throw new Error('the floor summed nothing');
  return { events: lines };
}

async function run(): Promise<Record<string, number | string>> {
  switch (job) {
    case 'generate': {
      const [seconds, counted] = await timed(generate);
      return { seconds, ...counted, eventsPerSecond: counted.events! / seconds };
    }
    case 'report':
    case 'report-footnoted': {
      const checkpointsBefore = await annualReportCheckpointCount(storePath);
      const [seconds, result] = await timed(async () => {
        const store = await openStore(storePath, 'read-only');
        const ledger = createLedger({ store, förbundId });
        const result = await annualReportOf(ledger, historyYears.last, job === 'report-footnoted');
        await store.close();
        return result;
      });
      const checkpointsAfter = await annualReportCheckpointCount(storePath);
      return { seconds, result, checkpointsBefore, checkpointsAfter };
    }
    case 'first-record': {
      const [seconds] = await timed(async () => {
        const store = await openStore(storePath, 'read-write');
        const ledger = createLedger({ store, förbundId });
        await unwrap(ledger.record('KostnadBokförd', cost('2026-01-20', 'Första'), { metadata }));
        await store.close();
      });
      return { seconds };
    }
    case 'report-after-one': {
      const store = await openStore(storePath, 'read-write');
      const ledger = createLedger({ store, förbundId });
      await annualReportOf(ledger, 2026);
      await unwrap(ledger.record('KostnadBokförd', cost('2026-01-21', 'Andra'), { metadata }));
      const [seconds, result] = await timed(() => annualReportOf(ledger, 2026));
      await store.close();
      return { seconds, result };
    }
    case 'append-batches':
      return appendJob(200, 100, 1);
    case 'append-singles':
      return appendJob(1_000, 1, 1);
    case 'append-concurrent':
      return appendJob(2_000, 1, 50);
    case 'live':
      return liveJob(directory!, Number(countText ?? 200));
    case 'parse-floor': {
      const [seconds, counted] = await timed(parseFloor);
      return { seconds, ...counted };
    }
    default:
      throw new Error(`unknown job ${job}`);
  }
}

const result = await run();
// CPU seconds beside the wall-clock ones: on a shared machine the CPU time is the steadier figure.
const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
console.log(
  JSON.stringify({
    job,
    ...result,
    cpuSeconds: workCpuSeconds,
    processCpuSeconds: (userCPUTime + systemCPUTime) / 1e6,
    maxRssMb: maxRSS / 1024,
  }),
);
