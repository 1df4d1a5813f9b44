import test from 'ava';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  // A dozen Node processes and a server: slow on a loaded machine.
  t.timeout(600_000);
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

test('init, record, events and report work on an EventStoreDB store given as --store esdb://…', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-esdb-'));
  // A dozen Node processes and a server: slow on a loaded machine.
  t.timeout(600_000);
  const emulator = await startEventStoreDBEmulator();
  t.teardown(async () => {
    await emulator.stop();
    await rm(directory, { recursive: true, force: true });
  });
  const store = emulator.connectionString;
  const run = (...args: string[]) =>
    runFinsamProcess([...args, '--store', store], { cwd: directory });
  const init = await run(
    'init',
    '--namn',
    'Samordningsförbundet Norrbäcken',
    '--forbund-id',
    'norrbacken',
  );
  t.is(init.exitCode, 0, init.stderr);
  t.regex(init.stdout, /needs no creating: its streams begin with their first event/);
  await rm(join(directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  const events = join(exampleDirectory, 'events.jsonl');
  const dry = await run('record', events, '--dry-run');
  t.is(dry.exitCode, 0, dry.stderr);
  t.is((await run('events')).stdout, '', 'a dry run writes nothing');
  const recorded = await run('record', events);
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /recorded 27 events .* for norrbacken/);
  t.regex((await run('record', events)).stdout, /were already recorded; nothing new was written/);
  const closes = await run('events', '--type', 'RäkenskapsårStängt');
  t.deepEqual(
    closes.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { data: { år: number } }).data.år),
    [2024, 2025],
  );
  const report = await run('report', '--year', '2025', '--format', 'json');
  t.is(report.exitCode, 0, report.stderr);
  t.deepEqual(
    (JSON.parse(report.stdout) as JsonReport).årsredovisning['resultaträkning']!.rows.find(
      (row) => row.key === 'årets-resultat',
    )!.amounts,
    ['935000.00', '354000.00'],
  );
  const outside = await run('report', '--year', '2019');
  t.is(outside.exitCode, 2);
  t.regex(
    outside.stderr,
    /year 2019 is outside the books of Samordningsförbundet Norrbäcken .*: they hold 2024–2025\./,
  );
  const unknownMember = {
    type: 'MedlemsbidragMottaget',
    data: {
      datum: '2026-01-31',
      medlem: 'Täby kommun',
      medlemskategori: 'kommun',
      period: '2026',
      belopp: '100.00',
    },
    metadata: { recordedAt: '2026-02-01T09:00:00.000Z', recordedBy: 'ekonom' },
  };
  await writeFile(join(directory, 'refused.jsonl'), `${JSON.stringify(unknownMember)}\n`);
  const refused = await run('record', 'refused.jsonl');
  t.is(refused.exitCode, 1);
  t.regex(
    refused.stderr,
    /^line 1: VALIDATION_FAILED: .*\n {2}field data\.medlem: rule declared-member$/m,
  );
  t.is((await run('events')).stdout.trim().split('\n').length, 27, 'the refusal wrote nothing');
});
