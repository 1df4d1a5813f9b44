import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finsamCommandLine, repositoryRoot } from './runCli.testSupport.js';

// The progress indicator of a long replay: drawn on stderr when stderr is a terminal, and
// nothing at all when it is not. `finsam copy` of the Roslagen store reads all its events
// (more than the 1 000 after which the indicator first draws), whatever the report path
// keeps in checkpoints. The terminal is a real pseudo-terminal from util-linux's `script`
// (Debian's bsdutils, installed everywhere), sized because a zero-column terminal gets no
// indicator; `CI` is left out of the child's environment, because ora (rightly) draws
// nothing in CI.

const roslagenStore = join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl');
/** The escape character that starts a terminal control sequence. */
const escapeCharacter = String.fromCharCode(27);
const quoted = (parts: readonly string[]) => parts.map((part) => `'${part}'`).join(' ');
const { CI: _ci, ...environmentOutsideCi } = process.env;

test('copy draws its progress on stderr in a terminal, and leaves stdout to the result', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-progress-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const copy = [...finsamCommandLine, 'copy', '--store', roslagenStore, '--to', 'copy.jsonl'];
  const inTerminal = `stty cols 100 rows 30; ${quoted(copy)} > stdout.txt`;
  // `script` copies what the command writes on the terminal (its stderr here) to its stdout.
  const terminal = await new Promise<{ code: number; output: string }>((resolve) =>
    execFile(
      'script',
      ['-qec', inTerminal, '/dev/null'],
      { cwd: directory, env: { ...environmentOutsideCi, TERM: 'xterm-256color' } },
      (error, stdout) =>
        resolve({ code: (error as { code?: number } | null)?.code ?? 0, output: stdout }),
    ),
  );
  t.is(terminal.code, 0, terminal.output);
  t.regex(terminal.output, /Copying: 1\s000 events read/, 'the count, in Swedish digit groups');
  t.true(terminal.output.includes(`${escapeCharacter}[`), 'drawn with terminal control sequences');
  const stdout = await readFile(join(directory, 'stdout.txt'), 'utf8');
  t.regex(
    stdout,
    /^copied .*roslagen\.finsam\.jsonl to copy\.jsonl: (\d+) events read, \1 written, 0 already there\.\n$/,
  );
  t.false(stdout.includes(escapeCharacter), 'stdout carries no drawing');
});

test('copy draws nothing when stderr is not a terminal (a pipe, a file), even outside CI', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-progress-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const [node, ...finsam] = finsamCommandLine;
  const copied = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      node!,
      [...finsam, 'copy', '--store', roslagenStore, '--to', 'copy.jsonl'],
      { cwd: directory, env: { ...environmentOutsideCi, TERM: 'xterm-256color' } },
      (error, stdout, stderr) =>
        resolve({ code: (error as { code?: number } | null)?.code ?? 0, stdout, stderr }),
    ),
  );
  t.is(copied.code, 0, copied.stderr);
  t.regex(copied.stdout, /: (\d{4}) events read, \1 written, 0 already there\.$/m);
  t.is(copied.stderr, '');
});
