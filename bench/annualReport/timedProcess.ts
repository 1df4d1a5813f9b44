/**
 * What the benchmarks that run whole commands share: a process timed by `/usr/bin/time`
 * (wall-clock, CPU and peak RSS), the median of some runs, and a Markdown row beside
 * ledger-cli's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI's entry point from source, as the benchmarks run it. */
export const finsamMain = fileURLToPath(new URL('../../packages/cli/src/main.ts', import.meta.url));

/** ledger-cli, the peer the benchmarks put beside finsam. */
export const ledgerBinary = '/usr/bin/ledger';

/** A process's wall-clock and CPU (user + system) seconds and its peak RSS in MB. */
export interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly mb: number;
}

/** Runs a command in `directory`, measured by `/usr/bin/time`; its output is dropped. */
export function timed(directory: string, command: string, args: readonly string[]): Measured {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...args], {
    cwd: directory,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  const [seconds, user, system, kilobytes] = run.stderr.trim().split('\n').at(-1)!.split(' ');
  return {
    seconds: Number(seconds),
    cpuSeconds: Number(user) + Number(system),
    mb: Math.round(Number(kilobytes) / 1024),
  };
}

export const median = (values: number[]): number =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;

/** The median wall-clock and CPU seconds and peak RSS of some runs. */
export const medianOf = (measured: readonly Measured[]): Measured => ({
  seconds: median(measured.map((one) => one.seconds)),
  cpuSeconds: median(measured.map((one) => one.cpuSeconds)),
  mb: median(measured.map((one) => one.mb)),
});

/** Runs `finsam` in `directory`, measured. */
export function timedFinsam(directory: string, args: readonly string[]): Measured {
  // The runner's own flags (tsx's loader by path, the source condition), as run.ts passes them:
  // a `--import tsx` would resolve from `directory`, outside the repository.
  return timed(directory, process.execPath, [...process.execArgv, finsamMain, ...args]);
}

/** One row of the table: a run's medians and its ratio to ledger-cli's wall-clock. */
export function row(run: string, measured: Measured, ledger: Measured | undefined): string {
  const ratio = ledger === undefined ? '–' : `${(measured.seconds / ledger.seconds).toFixed(2)}×`;
  const { seconds, cpuSeconds, mb } = measured;
  return `| ${run} | ${seconds.toFixed(2)} s | ${cpuSeconds.toFixed(2)} s | ${mb} MB | ${ratio} |`;
}

/** The header of the table the command benchmarks print, one {@link row} per run below it. */
export const tableHeader = [
  '| run | wall-clock (median) | CPU (median) | peak RSS (median) | ÷ ledger-cli |',
  '| --- | --- | --- | --- | --- |',
].join('\n');

/**
 * A copy of `storeDirectory` in `work/config` with the configuration `finsam init --forbund-id
 * bench` writes beside the store (the store `init` makes for it removed), and its path.
 */
export async function configuredCopy(storeDirectory: string, work: string): Promise<string> {
  const config = join(work, 'config');
  await cp(storeDirectory, config, { recursive: true });
  timedFinsam(config, ['--store', 'new.jsonl', 'init', '--namn', 'Bench', '--forbund-id', 'bench']);
  for (const name of await readdir(config))
    if (name.startsWith('new.jsonl')) await rm(join(config, name), { recursive: true });
  return config;
}

/**
 * ledger-cli's median over `runs` of a job made of several runs of it on the directory's
 * `journal.ledger` (each `args` one process), their seconds added and the largest RSS; undefined
 * when `ledger` is not installed or the directory has no journal.
 */
export function timedLedgerRuns(
  directory: string,
  job: readonly (readonly string[])[],
  runs: number,
): Measured | undefined {
  const journal = join(directory, 'journal.ledger');
  if (!existsSync(ledgerBinary) || !existsSync(journal)) return undefined;
  const measured: Measured[] = [];
  for (let run = 0; run < runs; run += 1) {
    const parts = job.map((args) => timed(directory, ledgerBinary, ['-f', journal, ...args]));
    measured.push({
      seconds: parts.reduce((sum, part) => sum + part.seconds, 0),
      cpuSeconds: parts.reduce((sum, part) => sum + part.cpuSeconds, 0),
      mb: Math.max(...parts.map((part) => part.mb)),
    });
  }
  return medianOf(measured);
}
