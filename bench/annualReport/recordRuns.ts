/**
 * `finsam record` on a big store, as a user runs it: a dry run and a real run of 200 costs of
 * the open year, once with an `eventId` on every line and once without (those go through the
 * repeat check, which reads the stream), each a whole process timed by `/usr/bin/time`.
 *
 *   npx tsx --conditions=finsam-source bench/annualReport/recordRuns.ts STORE_DIRECTORY [runs=3]
 *
 * `STORE_DIRECTORY` holds `store.finsam.jsonl` (with its `.index`, `.ids` and checkpoints) as
 * `jobs.ts generate DIR N` writes it. The dry runs read that store; each real run records into a
 * fresh copy of it, so that every run starts from the same store. The configuration is the one
 * `finsam init --forbund-id bench` writes. Prints a Markdown table: the median of the runs'
 * wall-clock and CPU seconds and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const storeDirectory = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (storeDirectory === undefined) throw new Error('usage: recordRuns.ts STORE_DIRECTORY [runs]');
const finsamMain = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));
const storeName = 'store.finsam.jsonl';

/** 200 costs of February 2026, with or without an `eventId` each. */
function costLines(withIds: boolean): string {
  const lines = Array.from({ length: 200 }, (_, index) => ({
    type: 'KostnadBokförd',
    ...(withIds ? { eventId: randomUUID() } : {}),
    metadata: { recordedBy: 'bench@finsam' },
    data: {
      datum: `2026-02-${String(1 + (index % 27)).padStart(2, '0')}`,
      område: 'operativa',
      post: 'MIA vidare',
      belopp: `${100 + index}.00`,
      moms: '0.00',
      text: `cost ${index}`,
      betalning: { sätt: 'bank' },
    },
  }));
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/** A process's wall-clock and CPU (user + system) seconds and its peak RSS in MB. */
interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly mb: number;
}

/** Runs `finsam` in `directory`, measured. */
function timedFinsam(directory: string, args: readonly string[]): Measured {
  // The runner's own flags (tsx's loader by path, the source condition), as run.ts passes them:
  // a `--import tsx` would resolve from `directory`, outside the repository.
  const node = [...process.execArgv, finsamMain];
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', process.execPath, ...node, ...args],
    {
      cwd: directory,
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`finsam ${args.join(' ')} failed:\n${run.stderr}`);
  const [seconds, user, system, kilobytes] = run.stderr.trim().split('\n').at(-1)!.split(' ');
  return {
    seconds: Number(seconds),
    cpuSeconds: Number(user) + Number(system),
    mb: Math.round(Number(kilobytes) / 1024),
  };
}

const median = (values: number[]): number =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;

const work = await mkdtemp(join(tmpdir(), 'finsam-record-runs-'));
try {
  const config = join(work, 'config');
  await cp(storeDirectory, config, { recursive: true });
  timedFinsam(config, ['--store', 'new.jsonl', 'init', '--namn', 'Bench', '--forbund-id', 'bench']);
  for (const name of await readdir(config))
    if (name.startsWith('new.jsonl')) await rm(join(config, name), { recursive: true });
  await writeFile(join(config, 'ids.jsonl'), costLines(true));
  await writeFile(join(config, 'plain.jsonl'), costLines(false));
  console.log('| run | wall-clock (median) | CPU (median) | peak RSS (median) |');
  console.log('| --- | --- | --- | --- |');
  for (const file of ['ids.jsonl', 'plain.jsonl'])
    for (const dryRun of [true, false]) {
      const measured: Measured[] = [];
      for (let run = 0; run < runs; run += 1) {
        const directory = dryRun ? config : join(work, `run-${run}`);
        if (!dryRun) await cp(config, directory, { recursive: true });
        measured.push(
          timedFinsam(directory, [
            '--store',
            storeName,
            'record',
            ...(dryRun ? ['--dry-run'] : []),
            file,
          ]),
        );
        if (!dryRun) await rm(directory, { recursive: true });
      }
      const seconds = median(measured.map((one) => one.seconds)).toFixed(2);
      const cpuSeconds = median(measured.map((one) => one.cpuSeconds)).toFixed(2);
      const mb = median(measured.map((one) => one.mb));
      const run = `record ${dryRun ? '--dry-run ' : ''}${file}`;
      console.log(`| \`${run}\` | ${seconds} s | ${cpuSeconds} s | ${mb} MB |`);
    }
} finally {
  await rm(work, { recursive: true, force: true });
}
