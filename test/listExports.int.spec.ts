import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { entryPoints } from '../scripts/listExports.js';
import { assertBuilt } from './assertBuilt.testSupport.js';

const root = fileURLToPath(new URL('..', import.meta.url));

test('the listing ends quietly, with exit code 0, when its reader closes the pipe before it is written (`| head`)', async (t) => {
  // The listing reads the built declarations of every published entry point.
  assertBuilt(entryPoints().map(({ typesPath }) => typesPath.slice(root.length)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/listExports.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The reader is gone before the first line: the script reads the built declarations first.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  t.is(stderr, '', 'no EPIPE error on stderr');
  t.deepEqual({ code, signal }, { code: 0, signal: null });
});
