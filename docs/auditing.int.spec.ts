import anyTest, { type TestFn } from 'ava';
import { copyFile, readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  copyOfRoslagen,
  repositoryRoot,
  runFinsamProcess,
} from '../packages/cli/src/runCli.testSupport.js';

// docs/auditing.md's commands, run as it prints them: every `finsam` line of its `sh` blocks,
// as a child process in a fresh directory holding a copy of the Roslagen store and
// configuration (and the transcribed printed reports, where the example has them). A command
// runs where it exists: its subcommand and every option it uses appear in `finsam … --help`,
// and every file it reads is there. `$HEAD` is the head `finsam verify` prints for the copy.
// The exit code expected is 0, or the one its comment names (`# exit 1: …`).

const test = anyTest.serial as TestFn;

interface DocumentedCommand {
  readonly line: string;
  readonly args: readonly string[];
  readonly expectedExitCode: number;
}

/** The `finsam` lines of the document's `sh` blocks. */
function documentedCommands(markdown: string): DocumentedCommand[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .filter((line) => line.startsWith('finsam '))
    .map((line) => {
      const [command, comment = ''] = line.split(/\s#\s/, 2) as [string, string?];
      const exit = /^exit (\d)/.exec(comment.trim());
      return {
        line,
        args: command.trim().split(/\s+/).slice(1),
        expectedExitCode: exit === null ? 0 : Number(exit[1]),
      };
    });
}

/** The subcommand's words: the leading bare words (`export sie`, `explain`). */
const subcommandOf = (args: readonly string[]): string[] => {
  const words: string[] = [];
  for (const arg of args) {
    if (!/^[a-z]+$/.test(arg)) break;
    words.push(arg);
  }
  return words;
};

test('every command of docs/auditing.md that exists on this branch runs on a copy of the Roslagen books', async (t) => {
  // About twenty child processes, each replaying the books: far more than the default timeout.
  t.timeout(10 * 60_000);
  const markdown = await readFile(join(repositoryRoot, 'docs/auditing.md'), 'utf8');
  const commands = documentedCommands(markdown);
  t.true(commands.length >= 15, `${commands.length} commands`);

  const { directory } = await copyOfRoslagen(t, 'auditing');
  const reports = join(repositoryRoot, 'examples/roslagen/reports');
  if (existsSync(reports))
    for (const name of await readdir(reports))
      if (name.endsWith('.json')) await copyFile(join(reports, name), join(directory, name));
  const finsam = (args: readonly string[]) => runFinsamProcess(args, { cwd: directory });

  const verified = await finsam(['verify']);
  t.is(verified.exitCode, 0, verified.stderr);
  const head = /^head: (\S+)$/m.exec(verified.stdout)![1]!;

  const helps = new Map<string, ReturnType<typeof finsam>>();
  const helpOf = (subcommand: readonly string[]) => {
    const key = subcommand.join(' ');
    if (!helps.has(key)) helps.set(key, finsam([...subcommand, '--help']));
    return helps.get(key)!;
  };
  const ran: string[] = [];
  const skipped: string[] = [];
  for (const command of commands) {
    const args = command.args.map((arg) => (arg === '"$HEAD"' ? head : arg));
    const help = await helpOf(subcommandOf(args));
    const options = args.filter((arg) => arg.startsWith('--'));
    const inputs = args.filter(
      (arg, index) => /\.(json|jsonl)$/.test(arg) && args[index - 1] !== '--out',
    );
    const subcommand = subcommandOf(args).join(' ');
    // An unknown subcommand's `--help` is the root's help: the subcommand's own names it.
    const exists =
      help.exitCode === 0 &&
      help.stdout.startsWith(`Usage: finsam ${subcommand} `) &&
      options.every((option) => help.stdout.includes(option)) &&
      inputs.every((input) => existsSync(join(directory, input)));
    if (!exists) {
      skipped.push(command.line);
      continue;
    }
    const run = await finsam(args);
    t.is(run.exitCode, command.expectedExitCode, `${command.line}\n${run.stderr}`);
    const out = args[args.indexOf('--out') + 1];
    if (args.includes('--out')) t.true((await stat(join(directory, out!))).size > 0, command.line);
    else t.not(run.stdout, '', `${command.line} prints something`);
    ran.push(command.line);
  }
  t.log(`ran ${ran.length}; not on this branch yet: ${skipped.join(' | ') || 'none'}`);
  // The commands this branch brings all run.
  for (const name of [
    'verify',
    'report',
    'explain',
    'huvudbok',
    'verifikationer',
    'reskontra',
    'export sie',
  ])
    t.true(
      ran.some((line) => line.startsWith(`finsam ${name} `) || line === `finsam ${name}`),
      `finsam ${name} ran`,
    );
});

test('every row key docs/auditing.md quotes is a row of the 2022 report', async (t) => {
  const markdown = await readFile(join(repositoryRoot, 'docs/auditing.md'), 'utf8');
  const quoted = [
    ...markdown.matchAll(
      /`((?:resultaträkning|balansräkning|kassaflödesanalys|driftredovisning|flerårsöversikt|not\d)\/[^`\s]+(?: [^`]+)?)`/g,
    ),
  ].map((match) => match[1]!);
  t.true(quoted.length >= 3, quoted.join(', '));
  const { finsam } = await copyOfRoslagen(t, 'auditing-keys');
  const listed = await finsam('explain', '--year', '2022', '--list');
  t.is(listed.exitCode, 0, listed.stderr);
  const keys = new Set(listed.stdout.split('\n').map((line) => line.split('\t')[0]));
  for (const key of quoted) t.true(keys.has(key), `${key} is not a row of the 2022 report`);
});

test('the drill-down example of docs/auditing.md prints what the text says it does', async (t) => {
  const markdown = await readFile(join(repositoryRoot, 'docs/auditing.md'), 'utf8');
  t.regex(
    markdown,
    /the sum of\s+215 verifikationer of 2020\) and the 16 000 kr `EgetKapitalRättat`/,
  );
  const { finsam } = await copyOfRoslagen(t, 'auditing-explain');
  const run = await finsam(
    'explain',
    '--year',
    '2022',
    'balansräkning/övrigt-eget-kapital',
    '--column',
    '2',
  );
  t.is(run.exitCode, 0, run.stderr);
  const body = run.stdout.trimEnd().split('\n').slice(5, -1);
  t.is(body.length, 2, run.stdout);
  t.regex(body[0]!, /^ingående balans .* Ingående balans: summan av 215 verifikationer 2020 /);
  t.regex(body[1]!, /^verifikation\s+2021-104\s+2021-04-16\s+EgetKapitalRättat\s.*\s-16 000,00$/);
});
