import test, { type ExecutionContext } from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The developer benchmark tools whose figures docs/benchmarks.md quotes (the file store's append,
 * year-close checkpoint save and reopen after a crash; the close's fold; the ledger, recorder and
 * undo alone; the replay's memory), run as a developer runs them: each a child process at a small
 * count, from the repository root. No test ran them, so a tool broken by a change of the code it
 * measures showed only the next time someone measured. Each test checks what the tool prints: the
 * figures known from its arguments exactly (events, year closes, rounds, checkpoints, the events a
 * reopened store holds), every measured figure a finite number of its sign (never how fast), and
 * the files it leaves or removes. A tool's temporary stores go to a fresh directory of its own
 * (`TMPDIR`). The tools run one at a time: each measures CPU, and two at once on CI's two cores
 * would only slow each other. The main thread's figures come from Linux's
 * `/proc/thread-self/schedstat`, as the project's CI runs.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
/** The checkout as the tools print it (no trailing slash). */
const checkout = resolve(root);
/** The whole file runs in about a minute on two cores; a loaded machine may take several. */
const generous = 5 * 60_000;
/** The synthetic history's years (bench/annualReport/syntheticHistory.ts), each closed. */
const historyYears = Array.from({ length: 10 }, (_, index) => 2016 + index);

interface BenchRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
  /** Each line of stdout that is a JSON object, parsed. */
  readonly rows: Record<string, unknown>[];
}

interface RunOptions {
  /** Node's own options before the tool's path, such as `--expose-gc`. */
  readonly nodeOptions?: readonly string[];
  /** The tool's `os.tmpdir()`. */
  readonly temporaryDirectory?: string;
}

const toolCommand = (script: string, args: readonly string[], options: RunOptions) => [
  ...(options.nodeOptions ?? []),
  '--import',
  'tsx',
  '--conditions=finsam-source',
  join(root, script),
  ...args,
];

const toolEnvironment = (options: RunOptions): NodeJS.ProcessEnv =>
  options.temporaryDirectory === undefined
    ? process.env
    : { ...process.env, TMPDIR: options.temporaryDirectory };

function runBench(script: string, args: readonly string[], options: RunOptions = {}): BenchRun {
  const child = spawnSync(process.execPath, toolCommand(script, args, options), {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: toolEnvironment(options),
  });
  const rows = child.stdout
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: child.status, stderr: child.stderr, stdout: child.stdout, rows };
}

/**
 * Runs the tool and closes its stdout as `| head -n LINES` does: once `lines` lines are read (at
 * once when none); returns the lines read.
 */
async function runUntilPipeClosed(
  script: string,
  args: readonly string[],
  options: RunOptions & { readonly lines: number },
) {
  const child = spawn(process.execPath, toolCommand(script, args, options), {
    cwd: root,
    env: toolEnvironment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const closeOnceRead = () => {
    if (stdout.split('\n').length > options.lines) child.stdout.destroy();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    closeOnceRead();
  });
  closeOnceRead();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stderr, read: stdout.split('\n').slice(0, options.lines) };
}

async function emptyDirectory(t: ExecutionContext): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-bench-tools-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

/**
 * A fresh directory for a tool's `os.tmpdir()`, and what the tool left there (tsx's compile cache,
 * `tsx-<uid>`, is tsx's, not the tool's).
 */
async function toolTemporaryDirectory(t: ExecutionContext) {
  const path = join(await emptyDirectory(t), 'tmp');
  await mkdir(path);
  const leftBehind = async () =>
    (await readdir(path)).filter((name) => !name.startsWith('tsx-')).sort();
  return { path, leftBehind };
}

/** The tool ended well, printed nothing on stderr and `rowCount` JSON rows. */
function endedWell(t: ExecutionContext, run: BenchRun, rowCount: number): void {
  t.is(run.status, 0, run.stderr);
  t.is(run.stderr, '');
  t.is(run.rows.length, rowCount, run.stdout);
}

/** `row` holds exactly the figures `names` (in any order). */
function printsFigures(t: ExecutionContext, row: object, names: readonly string[]): void {
  t.deepEqual(Object.keys(row).sort(), [...names].sort());
}

const isFinitePositive = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;
const isFiniteNonNegative = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Each of `names` in `row` is a finite number above zero. */
function positive(t: ExecutionContext, row: Record<string, unknown>, names: readonly string[]) {
  for (const name of names) t.true(isFinitePositive(row[name]), `${name}: ${String(row[name])}`);
}

/** `actual` is `expected` up to the roundings the tool prints with. */
function near(t: ExecutionContext, actual: unknown, expected: number, tolerance: number) {
  t.true(
    typeof actual === 'number' && Math.abs(actual - expected) <= tolerance,
    `${String(actual)} is not ${expected} ± ${tolerance}`,
  );
}

test.serial(
  'closeCheckpointSave saves one checkpoint per year close (10 at 1 000 events), prints the counted rounds and their median, and removes its stores',
  async (t) => {
    t.timeout(generous);
    const temporary = await toolTemporaryDirectory(t);
    const run = runBench('bench/adapter-file/closeCheckpointSave.ts', ['1000', '4', checkout], {
      temporaryDirectory: temporary.path,
    });
    endedWell(t, run, 1);
    const row = run.rows[0]!;
    printsFigures(t, row, [
      'root',
      'events',
      'closes',
      'checkpointsSaved',
      'rounds',
      'saveMillisecondsPerClose',
      'saveMicrosecondsPerEvent',
      'mainThreadCpuMicrosecondsPerEvent',
      'eachRoundSaveMilliseconds',
    ]);
    t.like(row, { root: checkout, events: 1000, closes: 10, checkpointsSaved: 10, rounds: 2 });
    positive(t, row, [
      'saveMillisecondsPerClose',
      'saveMicrosecondsPerEvent',
      'mainThreadCpuMicrosecondsPerEvent',
    ]);
    const eachRound = row['eachRoundSaveMilliseconds'] as unknown[];
    t.is(eachRound.length, 2, 'the rounds after the first two');
    t.true(eachRound.every(isFinitePositive), String(eachRound));
    // One figure in three units, each printed rounded: at 1 000 events and 10 closes, µs an event
    // are 10 × ms a close and a round's ms of all its closes; the median of two is the larger.
    const perEvent = row['saveMicrosecondsPerEvent'] as number;
    near(t, perEvent, 10 * (row['saveMillisecondsPerClose'] as number), 0.006);
    near(t, Math.max(...(eachRound as number[])), perEvent, 0.051);
    t.deepEqual(await temporary.leftBehind(), [], 'each round removes its store');
  },
);

test.serial(
  'crashReopen: a store whose writer was killed after 1 000 events reopens with all 1 000, walked from its start, and the index save after 2 000 more covers all 3 000',
  async (t) => {
    t.timeout(generous);
    const temporary = await toolTemporaryDirectory(t);
    // An idle-save bound of 2 000, above the run's 1 000 events: neither writer saves its index
    // after the open, so each reopen walks every line; no 550 ms pause (one every 5 000 events).
    const run = runBench('bench/adapter-file/crashReopen.ts', ['1000', '1', '2000'], {
      temporaryDirectory: temporary.path,
    });
    endedWell(t, run, 3);
    const [idleSaves, openAndClose, save] = run.rows as [
      Record<string, unknown>,
      Record<string, unknown>,
      { save: Record<string, unknown> },
    ];
    const reopened = {
      pair: 0,
      events: 1000,
      eventCount: 1000,
      savedHeadBefore: 0,
      walkedLines: 1000,
    };
    for (const [row, label] of [
      [idleSaves, 'idle saves'],
      [openAndClose, 'open and close only'],
    ] as const) {
      printsFigures(t, row, [
        ...Object.keys(reopened),
        'label',
        'openWallMs',
        'openCpuMs',
        'cpuMicrosecondsPerWalkedLine',
        'rssMegabytes',
        'bytesPerLine',
      ]);
      t.like(row, { ...reopened, label });
      positive(t, row, ['openWallMs', 'openCpuMs', 'cpuMicrosecondsPerWalkedLine', 'rssMegabytes']);
      // A cost booked (benchEvent) is some 680 bytes a line with its envelope and position.
      const bytesPerLine = row['bytesPerLine'] as number;
      t.true(bytesPerLine > 400 && bytesPerLine < 1_000, `bytes per line ${bytesPerLine}`);
    }
    printsFigures(t, save.save, ['events', 'saveWallMs', 'saveCpuMs']);
    t.is(save.save['events'], 3000, "the 1 000 events and the save's 2 000");
    positive(t, save.save, ['saveWallMs', 'saveCpuMs']);
    t.deepEqual(await temporary.leftBehind(), [], 'each run removes its store');
  },
);

test.serial(
  'crashReopen ends quietly, with exit code 0, its child killed and its store removed, when its reader closes the pipe after the first line (`| head -1`)',
  async (t) => {
    t.timeout(generous);
    const temporary = await toolTemporaryDirectory(t);
    // The second line is refused: by then the tool has started its save-cost child.
    const ended = await runUntilPipeClosed(
      'bench/adapter-file/crashReopen.ts',
      ['1000', '1', '2000'],
      { temporaryDirectory: temporary.path, lines: 1 },
    );
    t.is(ended.stderr, '', 'no EPIPE error on stderr');
    t.deepEqual({ code: ended.code, signal: ended.signal }, { code: 0, signal: null });
    t.like(JSON.parse(ended.read[0]!), { label: 'idle saves', eventCount: 1000 });
    t.deepEqual(await temporary.leftBehind(), []);
  },
);

const storeAppendFigures = [
  'seconds',
  'cpuSeconds',
  'eventsPerSecond',
  'eventsPerCpuSecond',
  'cpuMicrosecondsPerEvent',
  'mainThreadCpuMicrosecondsPerEvent',
];

test.serial(
  "storeAppend appends a caller's plain events in batches of its size to a file store it removes",
  async (t) => {
    t.timeout(generous);
    const temporary = await toolTemporaryDirectory(t);
    const run = runBench('bench/adapter-file/storeAppend.ts', ['1000', '300'], {
      temporaryDirectory: temporary.path,
    });
    endedWell(t, run, 1);
    const row = run.rows[0]!;
    printsFigures(t, row, ['job', 'events', ...storeAppendFigures]);
    t.like(row, { job: 'store-append-batches-300', events: 1000 });
    positive(t, row, storeAppendFigures);
    t.deepEqual(await temporary.leftBehind(), []);
  },
);

test.serial(
  "storeAppend --as-handed appends the ledger's own events and writes the sampled allocations and the loop's CPU profile where it is told",
  async (t) => {
    t.timeout(generous);
    const temporary = await toolTemporaryDirectory(t);
    const output = await emptyDirectory(t);
    const heapProfile = join(output, 'loop.heapprofile');
    const cpuProfile = join(output, 'loop.cpuprofile');
    const run = runBench(
      'bench/adapter-file/storeAppend.ts',
      ['1000', '100', '--as-handed', `--allocated=${heapProfile}`, `--profile=${cpuProfile}`],
      { temporaryDirectory: temporary.path },
    );
    endedWell(t, run, 1);
    const row = run.rows[0]!;
    printsFigures(t, row, ['job', 'events', ...storeAppendFigures, 'allocatedBytesPerEvent']);
    t.like(row, { job: 'store-append-batches-100-as-handed', events: 1000 });
    positive(t, row, [...storeAppendFigures, 'allocatedBytesPerEvent']);
    const heap = JSON.parse(await readFile(heapProfile, 'utf8')) as { samples: { size: number }[] };
    const sampledBytes = heap.samples.reduce((sum, sample) => sum + sample.size, 0);
    t.is(row['allocatedBytesPerEvent'], Math.round(sampledBytes / 1000), 'the profile it sums');
    const cpu = JSON.parse(await readFile(cpuProfile, 'utf8')) as {
      nodes: unknown[];
      samples: unknown[];
    };
    t.true(cpu.nodes.length > 0 && cpu.samples.length > 0, 'a profile with samples');
    t.deepEqual(await temporary.leftBehind(), []);
  },
);

test.serial(
  "closeFold writes a store of the synthetic history, then folds it from scratch: its 1 000 events and one annual report's and one participant register's checkpoint per closed year",
  async (t) => {
    t.timeout(generous);
    const directory = await emptyDirectory(t);
    const script = 'bench/annualReport/closeFold.ts';
    const written = runBench(script, ['write', directory, '1000']);
    endedWell(t, written, 1);
    const store = join(directory, 'close-fold.finsam.jsonl');
    t.deepEqual(written.rows[0], { written: store, events: 1000 });
    const lines = (await readFile(store, 'utf8')).trimEnd().split('\n');
    t.is(lines.length, 1 + 1000, "the store's header and its events");
    // The fold starts without the readers' checkpoints: it deletes what is there.
    await writeFile(join(`${store}.checkpoints`, 'stale.json'), '{}');
    const folded = runBench(script, ['fold', store, checkout]);
    endedWell(t, folded, 1);
    const row = folded.rows[0]!;
    const figures = [
      'seconds',
      'cpuSeconds',
      'cpuMicrosecondsPerEvent',
      'walkCpuMicrosecondsPerEvent',
      'maxRssMb',
    ];
    printsFigures(t, row, ['root', 'events', 'saved', ...figures]);
    t.like(row, { root: checkout, events: 1000, saved: 2 * historyYears.length });
    positive(t, row, figures);
    const checkpoints = (await readdir(`${store}.checkpoints`)).map((name) =>
      name.replace(
        /^(annual-report|participant-register)\.v\d+\.bokforing-bench\.(\d+)\.json$/,
        '$1 $2',
      ),
    );
    t.deepEqual(
      checkpoints.sort(),
      historyYears
        .flatMap((year) => [`annual-report ${year}`, `participant-register ${year}`])
        .sort(),
    );
  },
);

test.serial(
  'bookkeepingUndo saves and undoes the batches of 1 000 events (10 batches, one undone) and prints the counted rounds, the least save at most the median',
  (t) => {
    t.timeout(generous);
    const run = runBench('bench/core/bookkeepingUndo.ts', ['1000', '4']);
    endedWell(t, run, 1);
    const row = run.rows[0]!;
    const figures = [
      'saveNanosecondsPerBatch',
      'leastSaveNanosecondsPerBatch',
      'undoNanosecondsPerBatchUndone',
    ];
    printsFigures(t, row, ['events', 'rounds', ...figures]);
    t.like(row, { events: 1000, rounds: 2 });
    positive(t, row, figures);
    t.true(
      (row['leastSaveNanosecondsPerBatch'] as number) <= (row['saveNanosecondsPerBatch'] as number),
    );
  },
);

test.serial(
  "ledgerAlone records 1 000 events in batches of its size and prints every figure as a number, the ledger's allocations included",
  (t) => {
    t.timeout(generous);
    const run = runBench('bench/core/ledgerAlone.ts', ['1000', '250', '--allocations']);
    endedWell(t, run, 1);
    const row = run.rows[0]!;
    const figures = [
      'ledgerCpuMicrosecondsPerEvent',
      'mainThreadCpuMicrosecondsPerEvent',
      'allocatedBytesPerEvent',
      'maxRssMb',
    ];
    printsFigures(t, row, ['batchSize', 'events', ...figures]);
    t.like(row, { batchSize: 250, events: 1000 });
    positive(t, row, figures);
  },
);

test.serial(
  "ledgerRecordAll prints one row per batch size, the ledger's share and the store's adding up to the whole",
  (t) => {
    t.timeout(generous);
    const run = runBench('bench/core/ledgerRecordAll.ts', ['1000', '100,2000']);
    endedWell(t, run, 2);
    t.deepEqual(
      run.rows.map((row) => [row['batchSize'], row['events']]),
      [
        [100, 1000],
        [2000, 1000],
      ],
    );
    const figures = [
      'seconds',
      'cpuSeconds',
      'eventsPerSecond',
      'eventsPerCpuSecond',
      'cpuMicrosecondsPerEvent',
      'ledgerCpuMicrosecondsPerEvent',
      'mainThreadCpuMicrosecondsPerEvent',
      'maxRssMb',
    ];
    for (const row of run.rows) {
      printsFigures(t, row, ['batchSize', 'events', 'storeCpuMicrosecondsPerEvent', ...figures]);
      positive(t, row, figures);
      t.true(isFiniteNonNegative(row['storeCpuMicrosecondsPerEvent']));
      // Each printed to 0.1 µs: the whole is the two shares but for their roundings.
      const shares =
        (row['ledgerCpuMicrosecondsPerEvent'] as number) +
        (row['storeCpuMicrosecondsPerEvent'] as number);
      near(t, row['cpuMicrosecondsPerEvent'], shares, 0.151);
    }
  },
);

test.serial(
  "ledgerRecordAll ends quietly, with exit code 0, when its reader closes the pipe after the first batch size's line (`| head -1`)",
  async (t) => {
    t.timeout(generous);
    const ended = await runUntilPipeClosed('bench/core/ledgerRecordAll.ts', ['1000', '100,2000'], {
      lines: 1,
    });
    t.like(JSON.parse(ended.read[0]!), { batchSize: 100, events: 1000 });
    t.is(ended.stderr, '', 'no EPIPE error on stderr');
    t.deepEqual({ code: ended.code, signal: ended.signal }, { code: 0, signal: null });
  },
);

test.serial(
  'recorderDecisions records 1 000 events a round and prints each counted round, the median of two the larger',
  (t) => {
    t.timeout(generous);
    const run = runBench('bench/core/recorderDecisions.ts', ['1000', '4']);
    endedWell(t, run, 1);
    const row = run.rows[0]!;
    printsFigures(t, row, [
      'events',
      'rounds',
      'mainThreadCpuMicrosecondsPerEvent',
      'bytesAllocatedPerEvent',
      'eachRound',
    ]);
    t.like(row, { events: 1000, rounds: 2 });
    positive(t, row, ['mainThreadCpuMicrosecondsPerEvent', 'bytesAllocatedPerEvent']);
    const eachRound = row['eachRound'] as [number, number][];
    t.is(eachRound.length, 2);
    t.true(eachRound.flat().every(isFinitePositive), JSON.stringify(eachRound));
    t.is(row['bytesAllocatedPerEvent'], Math.max(...eachRound.map(([, bytes]) => bytes)));
    const cpu = Math.max(...eachRound.map(([microseconds]) => microseconds));
    near(t, row['mainThreadCpuMicrosecondsPerEvent'], cpu, 0.0056);
  },
);

/**
 * replayMemory's result of `year` in öre, from its history of `eventCount` events spread evenly
 * over 2020-2029: every third event a member's 363 333.33 kr, the others a cost of 181 666.66 kr,
 * but with `report` the second of every six pays the invoice before it (no cost).
 */
function replayYearResultOre(eventCount: number, year: number, report: boolean): number {
  let ore = 0;
  for (let index = 1; index < eventCount; index += 1) {
    if (2020 + Math.floor((index * 10) / eventCount) !== year) continue;
    if (index % 3 === 0) ore += 363_333_33;
    else if (!(report && index % 6 === 2)) ore -= 181_666_66;
  }
  return ore;
}

const kronor = (ore: number): string =>
  `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;

/** replayMemory's printed object: the counts it knows, its figures, and its `result`. */
function replayPrinted(t: ExecutionContext, args: readonly string[]): Record<string, unknown> {
  const run = runBench('bench/core/replayMemory.ts', args, { nodeOptions: ['--expose-gc'] });
  t.is(run.status, 0, run.stderr);
  t.is(run.stderr, '');
  const printed = JSON.parse(run.stdout) as Record<string, unknown>;
  printsFigures(t, printed, [
    'eventCount',
    'seconds',
    'eventsPerSecond',
    'result',
    'heapSamplesMb',
    'rssMbAtEnd',
  ]);
  t.is(printed['eventCount'], 1000);
  // Seconds to a tenth: a fast run's may print 0.
  t.true(isFiniteNonNegative(printed['seconds']), String(printed['seconds']));
  positive(t, printed, ['eventsPerSecond', 'rssMbAtEnd']);
  const samples = printed['heapSamplesMb'] as { events: number; heapMb: number }[];
  t.deepEqual(
    samples.map((sample) => sample.events),
    [100, 200, 300, 400, 500, 600, 700, 800, 900],
    'a sample every tenth of the events',
  );
  t.true(
    samples.every((sample) => isFinitePositive(sample.heapMb)),
    JSON.stringify(samples),
  );
  return printed;
}

test.serial(
  "replayMemory streams 1 000 events to the totals, samples the heap every 100 and prints 2029's result",
  (t) => {
    t.timeout(generous);
    const printed = replayPrinted(t, ['1000']);
    t.is(printed['result'], kronor(replayYearResultOre(1000, 2029, false)));
  },
);

test.serial(
  "replayMemory report computes 2025's annual report in the same pass: its result, Not 2's rows, and no Not 4 rows with every invoice paid by the next event",
  (t) => {
    t.timeout(generous);
    const printed = replayPrinted(t, ['1000', 'report']);
    const [, result, not2Rows, not4Rows] =
      /^(\S+) \(Not 2 rows: (\d+), Not 4 rows: (\d+)\)$/.exec(String(printed['result'])) ?? [];
    t.is(result, kronor(replayYearResultOre(1000, 2025, true)));
    t.true(Number(not2Rows) > 0, `Not 2 rows: ${not2Rows}`);
    // The invoice of 2025's last (599th) event, if it were one, would be open at the year end: it
    // is not (599 % 6 = 5), so nothing is owed and Not 4 has no line to print.
    t.is(not4Rows, '0');
  },
);
