import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEventStoreDBEmulator } from '../packages/eventstoredb-emulator/src/index.js';

/**
 * The example of every published package's README runs as printed: its first `ts` block is
 * written to a temporary directory (whose `node_modules` is the repository's) and run with
 * node and tsx, in that directory. The EventStoreDB example is pointed at the emulator.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

async function runReadmeExample(
  name: string,
  adapt: (code: string) => string = (code) => code,
): Promise<string> {
  const readme = await readFile(join(root, 'packages', name, 'README.md'), 'utf8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined) return `no ts block in the README of ${name}`;
  const directory = await mkdtemp(join(tmpdir(), `finsam-readme-${name}-`));
  try {
    await symlink(join(root, 'node_modules'), join(directory, 'node_modules'), 'dir');
    await writeFile(join(directory, 'example.mts'), adapt(code));
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--conditions=finsam-source', 'example.mts'],
      { cwd: directory, encoding: 'utf8' },
    );
    return stdout;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

test('the README example of @finsam-ledger/core records and prints the resultaträkning', async (t) => {
  const output = await runReadmeExample('core');
  t.regex(output, /363 333/, output);
});

test('the README example of @finsam-ledger/adapter-memory appends, reads and is refused once closed', async (t) => {
  const output = await runReadmeExample('adapter-memory');
  t.regex(output, /nextExpectedRevision: 0, alreadyStored: false/);
  t.regex(output, /^Exempel 0$/m);
  t.regex(output, /^true$/m);
});

test('the README example of @finsam-ledger/adapter-file appends and verifies against the head', async (t) => {
  t.is((await runReadmeExample('adapter-file')).trim(), 'true');
});

test('the README example of @finsam-ledger/adapter-eventstoredb appends and reads back', async (t) => {
  const emulator = await startEventStoreDBEmulator();
  t.teardown(() => emulator.stop());
  const output = await runReadmeExample('adapter-eventstoredb', (code) =>
    code.replace("'esdb://localhost:2113?tls=false'", `'${emulator.connectionString}'`),
  );
  t.regex(output.trim(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.is(emulator.allRecords().filter((record) => record.type === 'Exempel').length, 1);
});

test('the README example of @finsam-ledger/xlsx writes a workbook and an exact cell number', async (t) => {
  const output = await runReadmeExample('xlsx');
  t.regex(output, /^true 363333\.25$/m);
});

test('the README example of @finsam-ledger/hledger prints the transaction of a verifikation', async (t) => {
  const output = await runReadmeExample('hledger');
  t.regex(output, /^2023-02-15 \* \(2023-1\) Försäkringskassan \| Medlemsbidrag/m);
  t.regex(output, /^ {4}Tillgångar:Kassa och bank:1930 Bank {2}363333,00 SEK$/m);
});
