import test from 'ava';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEventStoreDBEmulator } from '@finsam-ledger/eventstoredb-emulator';
import { runFinsamProcess } from './runCli.testSupport.js';

// `--store` takes an EventStoreDB (or KurrentDB) connection string as well as a file path:
// Norrbäcken's books are copied from a file store into the loopback EventStoreDB emulator
// (real client, real gRPC) and reported from there with the same figures.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

interface JsonReport {
  årsredovisning: Record<string, { rows: { key: string; amounts: (string | null)[] }[] }>;
  deltagare: unknown;
}

test('copy --to esdb://… copies the store, and report --store esdb://… or kurrentdb://… gives the same report', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-esdb-'));
  const emulator = await startEventStoreDBEmulator();
  t.teardown(async () => {
    await emulator.stop();
    await rm(directory, { recursive: true, force: true });
  });
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  const norecord = await run('record', join(exampleDirectory, 'events.jsonl'));
  t.is(norecord.exitCode, 1);
  t.regex(
    norecord.stderr,
    /There is no store finsam\.jsonl: give --store, or create one with finsam init/,
  );
  await run('init', '--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken');
  await rm(join(directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('record', join(exampleDirectory, 'events.jsonl'))).exitCode, 0);

  const copied = await run('copy', '--to', emulator.connectionString);
  t.is(copied.exitCode, 0, copied.stderr);
  t.regex(copied.stdout, /27 events read, 27 written, 0 already there/);
  const again = await run('copy', '--to', emulator.connectionString);
  t.regex(again.stdout, /27 events read, 0 written, 27 already there/);

  const fromFile = JSON.parse((await run('report', '--format', 'json')).stdout) as JsonReport;
  const fromServer = await run('report', '--store', emulator.connectionString, '--format', 'json');
  t.is(fromServer.exitCode, 0, fromServer.stderr);
  t.deepEqual(JSON.parse(fromServer.stdout), fromFile);
  const kurrent = emulator.connectionString.replace(/^esdb:/, 'kurrentdb:');
  const fromKurrent = await run('report', '--store', kurrent, '--format', 'json', '--year', '2024');
  t.deepEqual(
    (JSON.parse(fromKurrent.stdout) as JsonReport).årsredovisning['balansräkning']!.rows.find(
      (row) => row.key === 'kassa-och-bank',
    )!.amounts,
    ['934000.00', null],
  );

  // The copy keeps when each event was first stored: the verifikationslista registers each
  // verifikation at the file store's stamp, not at the time of the copy.
  const listOf = async (...store: string[]) =>
    (await run('verifikationer', '--year', '2024', '--format', 'json', ...store)).stdout;
  const listFromFile = await listOf();
  t.regex(listFromFile, /"registrerad": "\d{4}-/);
  t.is(await listOf('--store', emulator.connectionString), listFromFile);

  const verify = await run('verify', '--store', emulator.connectionString);
  t.is(verify.exitCode, 2);
  t.regex(
    verify.stderr,
    /verify checks a file store's hash chain; .* is an EventStoreDB connection string/,
  );
});
