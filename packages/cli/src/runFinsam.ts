import { CommanderError } from '@commander-js/extra-typings';
import { isLedgerError } from '@finsam-ledger/core';
import { describeError } from './describeError.js';
import { exitCodes, type ExitCode } from './exitCodes.js';
import { createProgram } from './program.js';
import { endQuietlyOnClosedPipe } from './writeOutput.js';

/**
 * Runs `finsam` with `argv` (as `process.argv`: node, script, arguments) and returns its
 * exit code: 0 ok, 1 a refusal or failed check, 2 a usage error. Commander prints its own
 * usage errors (with a suggestion for a mistyped command or option); the usage errors the
 * commands find later, and refusals, are printed here on stderr.
 */
export async function runFinsam(argv: readonly string[]): Promise<ExitCode> {
  endQuietlyOnClosedPipe(process.stdout);
  let exitCode: ExitCode = exitCodes.ok;
  const program = createProgram((code) => {
    exitCode = code;
  });
  // pnpm passes a literal `--` before the script's arguments (`pnpm start -- --year 2020`).
  const args = argv.slice(2).filter((arg) => arg !== '--');
  try {
    await program.parseAsync([...argv.slice(0, 2), ...args]);
    return exitCode;
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      if (thrown.exitCode === 0) return exitCodes.ok;
      if (thrown.code === 'finsam.usage') process.stderr.write(`${thrown.message}\n`);
      if (thrown.code === 'commander.unknownCommand') suggestSubcommand(program, args[0]);
      return exitCodes.usage;
    }
    if (isLedgerError(thrown)) {
      process.stderr.write(`${describeError(thrown)}\n`);
      return exitCodes.refused;
    }
    throw thrown;
  }
}

/** What {@link suggestSubcommand} reads of a commander command. */
interface NamedCommand {
  name(): string;
  readonly commands: readonly NamedCommand[];
}

/**
 * Suggests the subcommand a hyphenated word names (`import-sie` → `import sie`), which
 * commander's edit distance does not reach: the files behind the commands are named that way
 * (`importSie.ts`), and so are other tools' commands.
 */
function suggestSubcommand(program: NamedCommand, word: string | undefined): void {
  const [name, ...rest] = (word ?? '').split('-');
  const command = program.commands.find((candidate) => candidate.name() === name);
  const subcommand = command?.commands.find((candidate) => candidate.name() === rest.join('-'));
  if (command !== undefined && subcommand !== undefined)
    process.stderr.write(`(Did you mean ${command.name()} ${subcommand.name()}?)\n`);
}
