/**
 * The benchmark of issue 15: the jobs of its table on the synthetic history, each in its own
 * process, beside ledger-cli on the equivalent journal, with the ratio and peak RSS.
 *
 *   npx tsx --conditions=finsam-source bench/annualReport/run.ts [sizes=100000,1000000] \
 *     [dataDirectory=$TMPDIR/finsam-bench-annual-report]
 *
 * A size's store and journal are generated once into `<dataDirectory>/<size>/` and kept, so that
 * a run before and a run after a change read the same files (delete the directory to generate
 * again). The jobs that record work on a copy. Prints a Markdown table for docs/benchmarks.md.
 * ledger-cli's time is `ledger -f J bal -p 2025` plus `ledger -f J bal -e 2026` (the income
 * statement and the balance sheet), each measured with `/usr/bin/time`. Every time is printed
 * as wall-clock and CPU seconds (user + system): on a machine shared with other work the CPU
 * time is the figure to compare (a job's CPU time is its work's, without starting Node and
 * compiling TypeScript). `FINSAM_BENCH_SKIP_APPENDS=1` leaves the append jobs out.
 *
 * The report is measured cold and warm: the annual report's checkpoints are derived data saved
 * by the first report that folds past a year close (the write side saves only its own), so the
 * runner discards them, times the first report (it folds every event and saves one checkpoint
 * per year close), then times the second, which starts from the checkpoint of the year's close.
 * `finsam report` is timed as a whole process (Node, TypeScript from source, the report and the
 * participant tables) after a first run that saved its checkpoints.
 * `FINSAM_BENCH_REPORT_ONLY=1` leaves out the write-side jobs of the larger sizes,
 * `FINSAM_BENCH_SKIP_CLI=1` the `finsam report` process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveRow } from './liveRow.js';
import { writeRows } from './writeJobs.js';

const sizes = (process.argv[2] ?? '100000,1000000').split(',').map(Number);
const dataDirectory = process.argv[3] ?? join(tmpdir(), 'finsam-bench-annual-report');
const jobsScript = fileURLToPath(new URL('./jobs.ts', import.meta.url));
const finsamMain = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
const ledgerBinary = '/usr/bin/ledger';
const timeBinary = '/usr/bin/time';

interface Measured {
  readonly seconds: number;
  /** User and system CPU seconds: on a shared machine the steadier figure. */
  readonly cpuSeconds: number;
  readonly maxRssMb: number;
  readonly eventsPerSecond?: number;
  readonly eventsPerCpuSecond?: number;
  readonly result?: string;
  /** The annual report's checkpoints beside the store before and after a report job. */
  readonly checkpointsBefore?: number;
  readonly checkpointsAfter?: number;
}

function runJob(job: string, directory: string, size: number, storePath?: string): Measured {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      jobsScript,
      job,
      directory,
      String(size),
      ...(storePath ? [storePath] : []),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`${job} failed:\n${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Measured;
}

/** A command's seconds and peak RSS by `/usr/bin/time`, or undefined when it is not installed. */
function runTimed(command: string, args: readonly string[]): Measured | undefined {
  if (!existsSync(command) || !existsSync(timeBinary)) return undefined;
  const child = spawnSync(timeBinary, ['-f', 'TIME %e %U %S %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${child.stderr}`);
  const [, seconds, user, system, rssKb] =
    /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(child.stderr) ?? [];
  return {
    seconds: Number(seconds),
    cpuSeconds: Number(user) + Number(system),
    maxRssMb: Number(rssKb) / 1024,
  };
}

/** ledger-cli's seconds and peak RSS for one command, or undefined when it is not installed. */
const runLedger = (args: readonly string[]): Measured | undefined => runTimed(ledgerBinary, args);

/** `finsam report` of the last year as a whole process, from source like the tests run it. */
function runFinsamReport(storePath: string, configPath: string): Measured {
  const args = [...process.execArgv, finsamMain, '--store', storePath, '--config', configPath];
  return runTimed(process.execPath, [
    ...args,
    'report',
    '--year',
    '2025',
    '--format',
    'json',
    '--out',
    '/dev/null',
  ])!;
}

/** A configuration for the bench's förbund (`finsam init`'s, the default chart). */
async function benchConfiguration(): Promise<string> {
  const directory = join(dataDirectory, 'configuration');
  const path = join(directory, 'forbund.json');
  if (existsSync(path)) return path;
  await mkdir(directory, { recursive: true });
  // Named by path, not by a working directory: the runner's own `--import tsx` (as `node
  // --import tsx` passes it) resolves from the working directory, which a data directory outside
  // the repository (the default, under $TMPDIR) cannot serve.
  const init = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      finsamMain,
      '--config',
      path,
      '--store',
      join(directory, 'empty.finsam.jsonl'),
      'init',
      '--namn',
      'Bench',
      '--forbund-id',
      'bench',
    ],
    { encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`finsam init failed:\n${init.stderr}`);
  return path;
}

/** Discards the annual report's checkpoints beside a store (derived data): the next report is
 * cold. */
async function discardReportCheckpoints(storePath: string): Promise<void> {
  const directory = `${storePath}.checkpoints`;
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names)
    if (name.startsWith('annual-report.')) await rm(join(directory, name), { force: true });
}

const format = {
  seconds: (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1)),
  size: (value: number) => value.toLocaleString('sv-SE').replace(/\s/g, ' '),
  mb: (value: number) => `${Math.round(value)} MB`,
  /** Wall-clock and CPU seconds: `4.90 s (CPU 4.10 s)`. */
  time: (measured: Measured) =>
    `${format.seconds(measured.seconds)} s (CPU ${format.seconds(measured.cpuSeconds)} s)`,
};

/** Prints a row as soon as it is measured (a long run keeps what it has), and keeps it. */
function emit(rows: string[], row: string): void {
  console.log(row);
  rows.push(row);
}

async function onCopy<Value>(directory: string, work: (path: string) => Value): Promise<Value> {
  const copy = join(directory, 'copy.finsam.jsonl');
  await copyFile(join(directory, 'store.finsam.jsonl'), copy);
  try {
    return work(copy);
  } finally {
    await rm(copy, { force: true });
    await rm(`${copy}.lock`, { force: true });
  }
}

/** The report's rows of one size: cold, from checkpoints, footnoted, and `finsam report`. */
async function reportRows(size: number, directory: string, rows: string[]): Promise<void> {
  const n = format.size(size);
  const journal = join(directory, 'journal.ledger');
  const storePath = join(directory, 'store.finsam.jsonl');
  const storeMb = (await stat(storePath)).size / 1e6;
  await discardReportCheckpoints(storePath);
  const cold = runJob('report', directory, size);
  const report = runJob('report', directory, size);
  const footnoted = runJob('report-footnoted', directory, size);
  const incomeStatement = runLedger(['-f', journal, 'bal', '-p', '2025']);
  const balanceSheet = runLedger(['-f', journal, 'bal', '-e', '2026']);
  const floor = runJob('parse-floor', directory, size);
  const ledgerTotal =
    incomeStatement && balanceSheet
      ? {
          seconds: incomeStatement.seconds + balanceSheet.seconds,
          cpuSeconds: incomeStatement.cpuSeconds + balanceSheet.cpuSeconds,
          maxRssMb: Math.max(incomeStatement.maxRssMb, balanceSheet.maxRssMb),
        }
      : undefined;
  const ledgerCell = ledgerTotal
    ? `${format.time(ledgerTotal)}, ${format.mb(ledgerTotal.maxRssMb)}`
    : '–';
  const ratio = (measured: Measured) =>
    ledgerTotal
      ? `${(measured.seconds / ledgerTotal.seconds).toFixed(2)}× (CPU ${(measured.cpuSeconds / ledgerTotal.cpuSeconds).toFixed(2)}×)`
      : '–';
  const reportRow = (label: string, measured: Measured) =>
    emit(
      rows,
      `| ${label} | ${n} | ${format.time(measured)}, ${format.mb(measured.maxRssMb)} | ${ledgerCell} | ${ratio(measured)} | ${format.time(floor)} |`,
    );
  reportRow(
    `the whole annual report of 2025, cold: no checkpoints, folds every event (${storeMb.toFixed(0)} MB store; saves ${cold.checkpointsAfter} checkpoints)`,
    cold,
  );
  reportRow(
    `the whole annual report of 2025 from its checkpoints (${report.checkpointsBefore} beside the store)`,
    report,
  );
  reportRow('the same with footnotes (as `finsam report` prints it)', footnoted);
  warmReports.push({ size, measured: report });
  // `FINSAM_BENCH_SKIP_CLI=1` leaves it out: its participant tables read the whole file.
  if (process.env.FINSAM_BENCH_SKIP_CLI === '1') return;
  const configuration = await benchConfiguration();
  runFinsamReport(storePath, configuration);
  reportRow(
    '`finsam report --year 2025 --format json` as a process (Node start, TypeScript from source, participant tables)',
    runFinsamReport(storePath, configuration),
  );
}

async function benchSize(size: number, rows: string[]): Promise<void> {
  const directory = join(dataDirectory, String(size));
  const n = format.size(size);
  if (!existsSync(join(directory, 'journal.ledger'))) {
    await rm(directory, { recursive: true, force: true });
    await mkdir(directory, { recursive: true });
    const generated = runJob('generate', directory, size);
    emit(
      rows,
      `| generate (\`recordAll\`, batches of 2 000) | ${n} | ${format.time(generated)}, ${Math.round(generated.eventsPerSecond!)} events/s, ${format.mb(generated.maxRssMb)} | | | |`,
    );
  }
  await reportRows(size, directory, rows);
  emit(rows, liveRow(runJob('live', directory, 200) as unknown as Record<string, unknown>, n));
  // The write-side jobs are the other branches' (FINSAM_BENCH_REPORT_ONLY=1 leaves them out).
  if (size < 1_000_000 || process.env.FINSAM_BENCH_REPORT_ONLY === '1') return;
  const firstRecord = await onCopy(directory, (path) =>
    runJob('first-record', directory, size, path),
  );
  emit(
    rows,
    `| open for writing, record one event (catch-up) | ${n} | ${format.time(firstRecord)}, ${format.mb(firstRecord.maxRssMb)} | – | | |`,
  );
  if (!skipAppends) await writeRows(directory, size, (row) => emit(rows, row));
  const again = await onCopy(directory, (path) =>
    runJob('report-after-one', directory, size, path),
  );
  emit(
    rows,
    `| all statements of 2026 again after one new event | ${n} | ${format.time(again)}, ${format.mb(again.maxRssMb)} | – | | |`,
  );
}

function appendRows(rows: string[]): void {
  const work = join(dataDirectory, 'appends');
  const jobs = [
    ['append-batches', 'durable appends through `ledger.recordAll`, batches of 100', 20_000],
    [
      'append-singles',
      'durable single appends through `ledger.recordAll`, one after another',
      1_000,
    ],
    ['append-concurrent', 'durable single appends to the store, 50 at a time', 2_000],
  ] as const;
  for (const [job, label, events] of jobs) {
    const measured = runJob(job, work, events);
    emit(
      rows,
      `| ${label} | ${format.size(events)} | ${Math.round(measured.eventsPerSecond!)} events/s (${Math.round(measured.eventsPerCpuSecond!)} per CPU second), ${format.mb(measured.maxRssMb)} | – | | |`,
    );
  }
}

/** The warm report of each size: its cost should not grow with the years behind it. */
const warmReports: { size: number; measured: Measured }[] = [];

/** The warm report's CPU time at each size as a multiple of the smallest size's. */
function historyRow(rows: string[]): void {
  const [first] = warmReports;
  if (first === undefined || warmReports.length < 2) return;
  const ratios = warmReports
    .map(
      ({ size, measured }) =>
        `${format.size(size)}: ${(measured.cpuSeconds / first.measured.cpuSeconds).toFixed(2)}× (wall ${(measured.seconds / first.measured.seconds).toFixed(2)}×)`,
    )
    .join(', ');
  emit(
    rows,
    `| the latest year's report from checkpoints, CPU time relative to ${format.size(first.size)} events | | ${ratios} | | | |`,
  );
}

const rows: string[] = [];
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; data in ${dataDirectory}`,
);
const skipAppends = process.env.FINSAM_BENCH_SKIP_APPENDS === '1';
for (const size of sizes) await benchSize(size, rows);
historyRow(rows);
await mkdir(join(dataDirectory, 'appends'), { recursive: true });
if (!skipAppends) appendRows(rows);
console.log(
  [
    '',
    '| job | events | finsam-ledger | ledger-cli 3.3 | ratio | JSON.parse + integer sum |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n'),
);
