import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: where `npx -y pnpm@10 start` and `finsam` run from. */
export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The finsam entry, run from source as the root scripts run it. */
export const finsamMain = fileURLToPath(new URL('./main.ts', import.meta.url));

/** tsx's loader as a file URL: a child process in any directory (a temporary one) finds it. */
export const tsxLoader = import.meta.resolve('tsx');

/** The command line that runs finsam from source, for a shell pipeline. */
export const finsamCommandLine = [
  process.execPath,
  '--import',
  tsxLoader,
  '--conditions=finsam-source',
  finsamMain,
];

/** What a run of `finsam` left: its exit code and both output streams. */
export interface FinsamRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `finsam` as a child process (from source, through tsx) in `cwd`; never rejects. */
export function runFinsamProcess(
  args: readonly string[],
  options: { cwd?: string; script?: string } = {},
): Promise<FinsamRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsxLoader, '--conditions=finsam-source', options.script ?? finsamMain, ...args],
      { cwd: options.cwd ?? repositoryRoot, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ exitCode: typeof code === 'number' ? code : 0, stdout, stderr });
      },
    );
  });
}

/** A fresh temporary directory holding Roslagen's store and configuration by finsam's defaults. */
export interface RoslagenCopy {
  readonly directory: string;
  /** Runs `finsam` in the directory, so that the default `--store` and `--config` find the copy. */
  readonly finsam: (...args: string[]) => Promise<FinsamRun>;
}

/**
 * Copies Roslagen's store and configuration into a fresh temporary directory named after
 * `prefix`, as `finsam.jsonl` and `forbund.json` (the names finsam looks for), removed when the
 * test ends.
 */
export async function copyOfRoslagen(
  t: { teardown: (fn: () => Promise<void>) => void },
  prefix: string,
): Promise<RoslagenCopy> {
  const directory = await mkdtemp(join(tmpdir(), `finsam-${prefix}-`));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  await copyFile(
    join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl'),
    join(directory, 'finsam.jsonl'),
  );
  await copyFile(
    join(repositoryRoot, 'examples/roslagen/forbund.json'),
    join(directory, 'forbund.json'),
  );
  return { directory, finsam: (...args) => runFinsamProcess(args, { cwd: directory }) };
}
