import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The README's example runs as printed, in a temporary directory whose node_modules is the
// repository's, as test/packageReadmes.int.spec.ts runs the other packages' examples.
const root = fileURLToPath(new URL('../../..', import.meta.url));

test('the README example of @finsam-ledger/html renders a report with the balansräkning’s caption', async (t) => {
  const readme = await readFile(join(root, 'packages/html/README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  t.truthy(code, 'the README has a ts block');
  const directory = await mkdtemp(join(tmpdir(), 'finsam-readme-html-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  await symlink(join(root, 'node_modules'), join(directory, 'node_modules'), 'dir');
  await writeFile(join(directory, 'example.mts'), code!);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--conditions=finsam-source', 'example.mts'],
    { cwd: directory, encoding: 'utf8' },
  );
  t.is(stdout.trim(), 'true');
});
