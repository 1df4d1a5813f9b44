import test from 'ava';
import { runFinsamProcess } from './runCli.testSupport.js';

// Issue 11's commands each have their own --help, which lists the options every command
// takes (--store, a file path or a connection string, and --config) and the exit codes; a
// bare `finsam` is a usage error that prints the overall help on stderr.

const commands: [string, RegExp][] = [
  [
    'init',
    /--namn <namn> +the förbund's name \(required unless --config exists\)[\s\S]*--forbund-id <id> +the förbund id \(required unless\s+--config exists\)/,
  ],
  [
    'record',
    /<events-file>[\s\S]*--dry-run[\s\S]*--type <event-type>[\s\S]*\nA refused file:\n[\s\S]*exits 1\.[\s\S]*\n {4}line N: CODE: the reason, naming the field\n {6}field PATH: rule RULE\n[\s\S]*exit 0; a usage error[\s\S]*without --type\) exits 2\.\n\nA spreadsheet \(\.xlsx, or \.csv with --type\):\n {2}Row 1 names the columns[\s\S]*KostnadBokförd rad 5[\s\S]*kolumn belopp[\s\S]*\n\nExit codes:/,
  ],
  ['id', /\[keys\.\.\.\][\s\S]*--new <count>[\s\S]*--format <format>/],
  ['report', /--year <year>[\s\S]*--format <format>[\s\S]*--unit <unit>[\s\S]*--out <file>/],
  ['verify', /--expected-head <head>/],
  ['copy', /--to <store>/],
  ['events', /--type <type>[\s\S]*--year <year>/],
  [
    'reconcile',
    /<reports\.\.\.>[\s\S]*--format <format>[\s\S]*--as-of <date> +with --store, the ledger's figures as the\s+store held the\s+books then/,
  ],
];

test('each command has --help with its own options, --store and --config, and the exit codes', async (t) => {
  // Each run starts Node (and pnpm) afresh: slow on a loaded machine.
  t.timeout(600_000);
  for (const [command, ownOptions] of commands) {
    const help = await runFinsamProcess([command, '--help']);
    t.is(help.exitCode, 0, command);
    t.is(help.stderr, '', command);
    t.regex(help.stdout, new RegExp(`^Usage: finsam ${command} `), command);
    t.regex(help.stdout, ownOptions, command);
    t.regex(help.stdout, /--store <store> +the event store: a file store path, or an/, command);
    t.regex(help.stdout, /EventStoreDB\/KurrentDB connection string/, command);
    t.regex(help.stdout, /--config <file> +the förbund's configuration/, command);
    t.regex(
      help.stdout,
      /Exit codes:\n {2}0 {2}ok\n {2}1 {2}a refusal[\s\S]*\n {2}2 {2}a usage error/,
    );
  }
  const bare = await runFinsamProcess([]);
  t.is(bare.exitCode, 2);
  t.is(bare.stdout, '');
  t.regex(bare.stderr, /^Usage: finsam \[options\] \[command\]/);
  t.regex(bare.stderr, /^ {2}report \[options\] +print the annual report of a year/m);
});
