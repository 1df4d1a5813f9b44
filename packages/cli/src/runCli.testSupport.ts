import { execFile } from 'node:child_process';
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
