/**
 * `@finsam-ledger/cli`: the `finsam` command line. Its programmatic entry runs the same
 * commands as the binary.
 *
 * @packageDocumentation
 */
export { runFinsam } from './runFinsam.js';
export { createProgram } from './program.js';
export { exitCodes, exitCodesHelp, type ExitCode } from './exitCodes.js';
