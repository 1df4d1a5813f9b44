import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

test('the example of docs/exports.md runs in a fresh directory and prints what the page says', async (t) => {
  const page = await readFile(join(root, 'docs', 'exports.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(page)?.[1];
  const printed = /It prints:\n\n```text\n([\s\S]*?)```/.exec(page)?.[1];
  if (code === undefined || printed === undefined) return t.fail('the page has its example');
  const directory = await mkdtemp(join(tmpdir(), 'finsam-exports-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  await symlink(join(root, 'node_modules'), join(directory, 'node_modules'), 'dir');
  await writeFile(join(directory, 'example.mts'), code);
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--conditions=finsam-source', 'example.mts'],
    { cwd: directory, encoding: 'utf8' },
  );
  const lines = stdout.split('\n').map((line) => line.trimEnd());
  for (const line of printed.trimEnd().split('\n')) t.true(lines.includes(line), line);
  const workbook = await readFile(join(directory, 'exempel-2023.xlsx'));
  t.is(workbook.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');
  t.regex(await readFile(join(directory, 'exempel-2023.journal'), 'utf8'), /^decimal-mark ,$/m);
});
