import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the command runs from there, as the README shows it. */
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const finsamMain = fileURLToPath(new URL('../../../../packages/cli/src/main.ts', import.meta.url));

/** The command whose output examples/roslagen/README.md lists, as run from the repository root. */
export const roslagenReconcileArguments = [
  'reconcile',
  'examples/roslagen/reports/arsredovisning-2020.json',
  'examples/roslagen/reports/arsredovisning-2022.json',
  '--store',
  'examples/roslagen/data/roslagen.finsam.jsonl',
  '--config',
  'examples/roslagen/forbund.json',
] as const;

/** What `finsam reconcile` printed, and its exit code. */
export interface ReconcileRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `finsam reconcile` on both Roslagen reports and the committed store, as a child process. */
export function runRoslagenReconcile(): Promise<ReconcileRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        '--conditions=finsam-source',
        finsamMain,
        ...roslagenReconcileArguments,
      ],
      { cwd: repositoryRoot, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ exitCode: typeof code === 'number' ? code : 0, stdout, stderr });
      },
    );
  });
}

const begin = '<!-- reconcile:begin -->';
const end = '<!-- reconcile:end -->';

/** The README's generated block: the command's whole output in a text fence. */
export const reconcileBlock = (stdout: string): string =>
  `${begin}\n\`\`\`text\n${stdout.trimEnd()}\n\`\`\`\n${end}`;

/** The generated block as the README holds it now, or undefined if it has none. */
export function readmeReconcileBlock(readme: string): string | undefined {
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  return from === -1 || to === -1 ? undefined : readme.slice(from, to + end.length);
}

/** The README with its generated block replaced by `stdout`'s. */
export function withReconcileBlock(readme: string, stdout: string): string {
  const current = readmeReconcileBlock(readme);
  if (current === undefined) throw new TypeError(`the README has no ${begin} … ${end} block`);
  return readme.replace(current, reconcileBlock(stdout));
}
