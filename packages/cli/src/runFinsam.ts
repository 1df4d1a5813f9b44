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
      return exitCodes.usage;
    }
    if (isLedgerError(thrown)) {
      process.stderr.write(`${describeError(thrown)}\n`);
      return exitCodes.refused;
    }
    throw thrown;
  }
}
