import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The write side's jobs of issue 15's benchmark (`bench/annualReport/writeJobs.ts`), whose
 * figures docs/benchmarks.md quotes session after session, run as a developer runs them: each a
 * child process at a small count, printing one JSON line of what it measured.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

interface JobRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly measured: Record<string, unknown>;
}

function runBench(script: string, args: readonly string[]): JobRun {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=finsam-source', join(root, script), ...args],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const lines = child.stdout.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  return {
    status: child.status,
    stderr: child.stderr,
    measured: last.startsWith('{') ? (JSON.parse(last) as Record<string, unknown>) : {},
  };
}

const runWriteJob = (args: readonly string[]) => runBench('bench/annualReport/writeJobs.ts', args);

async function emptyDirectory(t: import('ava').ExecutionContext): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-write-jobs-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

test('issue 15: an append job with every option (16 calls in flight, the calling thread, preallocated zeros, a warm-up) records its count, prints its figures and leaves no store behind', async (t) => {
  t.timeout(4 * 60_000);
  const directory = await emptyDirectory(t);
  const job = 'append-batches-100-pipelined-calling-thread-preallocated-warm-300';
  const run = runWriteJob([job, directory, '1000']);
  t.is(run.status, 0, run.stderr);
  const { measured } = run;
  t.is(measured['job'], job);
  t.is(measured['events'], 1000);
  t.is(measured['warmUpEvents'], 300);
  for (const figure of ['seconds', 'cpuSeconds', 'eventsPerSecond', 'closeCpuSeconds', 'maxRssMb'])
    t.true(typeof measured[figure] === 'number' && Number.isFinite(measured[figure]), figure);
  t.true((measured['eventsPerSecond'] as number) > 0);
  // A synthetic event's record is some 600-700 bytes (docs/benchmarks.md): the file held them all.
  const bytesPerEvent = measured['bytesPerEvent'] as number;
  t.true(bytesPerEvent > 400 && bytesPerEvent < 1_000, `bytes per event ${bytesPerEvent}`);
  t.deepEqual(await readdir(directory), [], 'both stores and their derived files removed');
});

test('issue 15: the durable-write floor writes its count of events in batches and says how fast', async (t) => {
  t.timeout(2 * 60_000);
  const directory = await emptyDirectory(t);
  const run = runWriteJob(['durable-write-floor-100-busy-50', directory, '1000', '650']);
  t.is(run.status, 0, run.stderr);
  t.is(run.measured['busyMicrosecondsBeforeWrite'], 50);
  t.is(run.measured['bytesPerEvent'], 650);
  t.true((run.measured['eventsPerSecond'] as number) > 0);
});

test('issue 15: open-record opens a generated store for writing and records one cost after its last event', async (t) => {
  t.timeout(4 * 60_000);
  const directory = await emptyDirectory(t);
  const generated = runBench('bench/annualReport/jobs.ts', ['generate', directory, '1000']);
  t.is(generated.status, 0, generated.stderr);
  const store = join(directory, 'store.finsam.jsonl');
  const linesBefore = (await readFile(store, 'utf8')).trimEnd().split('\n').length;
  const run = runWriteJob(['open-record', directory]);
  t.is(run.status, 0, run.stderr);
  t.true((run.measured['seconds'] as number) > 0);
  const lines = (await readFile(store, 'utf8')).trimEnd().split('\n');
  t.is(lines.length, linesBefore + 1);
  t.regex(lines[lines.length - 1]!, /"type":"KostnadBokförd"[\s\S]*"belopp":"1234\.50"/);
});

test('issue 15: an unknown write job fails and names the job', (t) => {
  const run = runWriteJob(['append-batches-many', tmpdir(), '10']);
  t.not(run.status, 0);
  t.regex(run.stderr, /unknown job append-batches-many/);
});
