/**
 * `npx -y pnpm@10 start [-- --year YYYY --format text|json --unit kr|tkr|mkr]`:
 * replays examples/roslagen from its file store and prints its statements.
 */
import { runCli } from './cli.js';

const { exitCode, output } = await runCli(process.argv.slice(2));
(exitCode === 0 ? process.stdout : process.stderr).write(`${output}\n`);
process.exitCode = exitCode;
