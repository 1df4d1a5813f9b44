import test, { type ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEventStoreDBEmulator } from '@finsam-ledger/eventstoredb-emulator';
import { copyOfRoslagen, finsamCommandLine, runFinsamProcess } from './runCli.testSupport.js';

// `finsam report --watch` as a user runs it: a child process that keeps printing the report,
// while `finsam record` in another process appends an event; the watcher prints the new figure.
// On a file store the watcher tails the file; on EventStoreDB (the loopback emulator) it holds
// the server's catch-up subscription.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

interface JsonReport {
  år: number;
  årsredovisning: Record<string, { rows: { key: string; amounts: (string | null)[] }[] }>;
  deltagare?: {
    insatser: { insatsId: string; year: { tables: { enrolled: { samtliga: number } } } }[];
  };
}

const yearResult = (report: JsonReport): string | null | undefined =>
  report.årsredovisning['resultaträkning']?.rows.find((row) => row.key === 'årets-resultat')
    ?.amounts[0];

/** The reports printed so far: JSON documents separated by a blank line. */
const reportsIn = (stdout: string): JsonReport[] =>
  stdout
    .split(/\n\n(?=\{)/)
    .map((part) => part.trim())
    .filter((part) => part.endsWith('}'))
    .map((part) => JSON.parse(part) as JsonReport);

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `finsam report --watch … --format json` as a child process in `directory`, its output kept. */
function startWatcher(
  t: ExecutionContext,
  directory: string,
  options: readonly string[],
): { stdout: () => string; stderr: () => string; stop: () => Promise<number | null> } {
  const [node, ...args] = finsamCommandLine;
  const watcher = spawn(node!, [...args, 'report', '--watch', ...options, '--format', 'json'], {
    cwd: directory,
  });
  let stdout = '';
  let stderr = '';
  watcher.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  watcher.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => watcher.on('exit', resolve));
  t.teardown(() => {
    if (watcher.exitCode === null) watcher.kill('SIGKILL');
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () => {
      watcher.kill('SIGTERM');
      return exited;
    },
  };
}

test('report --watch prints the report, then the new figure after finsam record appends in another process, and stops on SIGTERM', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-watch-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  await run('init', '--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken');
  await rm(join(directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('record', join(exampleDirectory, 'events.jsonl'))).exitCode, 0);

  const contribution = (eventId: string, belopp: string) => ({
    type: 'MedlemsbidragMottaget',
    data: {
      datum: '2026-03-02',
      medlem: 'Försäkringskassan',
      medlemskategori: 'staten',
      period: '2026',
      belopp,
    },
    metadata: { recordedAt: '2026-03-02T09:00:00.000Z', recordedBy: 'ekonom@norrbacken.example' },
    eventId,
  });
  const record = async (event: object) => {
    await writeFile(join(directory, 'new.jsonl'), `${JSON.stringify(event)}\n`, 'utf8');
    const recorded = await run('record', 'new.jsonl');
    t.is(recorded.exitCode, 0, recorded.stderr);
  };
  // The first booking of 2026 makes it a year of the books.
  await record(contribution('4e6f7262-0000-4000-8000-0000000000a1', '12345.67'));

  const watcher = startWatcher(t, directory, ['--year', '2026', '--section', 'ekonomi']);

  await until(
    () => reportsIn(watcher.stdout()).length >= 1,
    `the first report (stderr: ${watcher.stderr()})`,
    60_000,
  );
  t.is(reportsIn(watcher.stdout())[0]!.år, 2026);
  t.is(yearResult(reportsIn(watcher.stdout())[0]!), '12345.67');

  // Recorded by another process, while the watcher runs.
  await record(contribution('4e6f7262-0000-4000-8000-0000000000a2', '1000.00'));
  await until(
    () => reportsIn(watcher.stdout()).length >= 2,
    'the report after the new event',
    60_000,
  );
  t.is(
    yearResult(reportsIn(watcher.stdout()).at(-1)!),
    '13345.67',
    'the new contribution is in the result',
  );

  t.is(await watcher.stop(), 0, watcher.stderr());
  // The report folded from the year's checkpoint: the close of 2025 was saved beside the store.
  t.true(
    (await readdir(join(directory, 'finsam.jsonl.checkpoints'))).some((name) =>
      name.includes('.2025.json'),
    ),
  );
});

test('report --watch prints the report finsam report prints, footnotes included', async (t) => {
  const { directory } = await copyOfRoslagen(t, 'watch-footnotes');
  // Roslagen's 2022 report footnotes the equity correction of 2021 and the historical years.
  const printed = await runFinsamProcess(['report', '--year', '2022', '--format', 'json'], {
    cwd: directory,
  });
  t.is(printed.exitCode, 0, printed.stderr);
  const report = JSON.parse(printed.stdout) as JsonReport & {
    årsredovisning: Record<string, { footnotes?: { kind: string }[] }>;
  };
  t.is(report.årsredovisning['balansräkning']?.footnotes?.[0]?.kind, 'rättelse');

  const watcher = startWatcher(t, directory, ['--year', '2022']);
  await until(
    () => reportsIn(watcher.stdout()).length >= 1,
    `the first report (stderr: ${watcher.stderr()})`,
    60_000,
  );
  t.deepEqual(reportsIn(watcher.stdout())[0], report);
  t.is(await watcher.stop(), 0, watcher.stderr());
});

test('report --watch prints participant tables that follow participant events recorded while it runs', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-watch-participants-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  await run('init', '--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken');
  await rm(join(directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('record', join(exampleDirectory, 'events.jsonl'))).exitCode, 0);
  const metadata = { recordedAt: '2026-03-02T09:00:00.000Z', recordedBy: 'test@norrbacken' };
  const contribution = (eventId: string, belopp: string) => ({
    type: 'MedlemsbidragMottaget',
    data: {
      datum: '2026-03-02',
      medlem: 'Försäkringskassan',
      medlemskategori: 'staten',
      period: '2026',
      belopp,
    },
    metadata,
    eventId,
  });
  const enrolment = (deltagareId: string) => ({
    type: 'DeltagareInskriven',
    data: {
      deltagareId,
      insatsId: 'vagen-vidare',
      datum: '2026-03-01',
      kön: 'kvinna',
      åldersband: '30-44',
      anvisadFrån: 'försäkringskassan',
      försörjningVidInskrivning: 'sjuk- och rehabiliteringspenning',
      tidIOffentligFörsörjning: '1 till 3 år',
      hemkommun: 'Norrbäcken',
    },
    metadata,
  });
  const record = async (event: object) => {
    await writeFile(join(directory, 'new.jsonl'), `${JSON.stringify(event)}\n`, 'utf8');
    const recorded = await run('record', 'new.jsonl');
    t.is(recorded.exitCode, 0, recorded.stderr);
  };
  await record(contribution('4e6f7262-0000-4000-8000-0000000000c1', '100.00'));
  await record(enrolment('nb-watch-1'));

  const watcher = startWatcher(t, directory, ['--year', '2026', '--section', 'deltagare']);
  const enrolledIn2026 = (report: JsonReport): number | undefined =>
    report.deltagare?.insatser.find((insats) => insats.insatsId === 'vagen-vidare')?.year.tables
      .enrolled.samtliga;

  await until(
    () => reportsIn(watcher.stdout()).length >= 1,
    `the first report (stderr: ${watcher.stderr()})`,
    60_000,
  );
  t.is(enrolledIn2026(reportsIn(watcher.stdout())[0]!), 1);
  // A books event alone: the participant tables are the same.
  await record(contribution('4e6f7262-0000-4000-8000-0000000000c2', '200.00'));
  await until(
    () => reportsIn(watcher.stdout()).length >= 2,
    'the report after a books event',
    60_000,
  );
  t.is(enrolledIn2026(reportsIn(watcher.stdout())[1]!), 1);
  // A participant event, then a books event that makes the watch print: the new participant is
  // in the tables.
  await record(enrolment('nb-watch-2'));
  await record(contribution('4e6f7262-0000-4000-8000-0000000000c3', '300.00'));
  await until(
    () => reportsIn(watcher.stdout()).length >= 3,
    'the report after the participant',
    60_000,
  );
  t.is(enrolledIn2026(reportsIn(watcher.stdout())[2]!), 2);

  t.is(await watcher.stop(), 0, watcher.stderr());
});

test("report --watch --store esdb://… prints the new figure after finsam record appends in another process, through the server's subscription", async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-watch-esdb-'));
  const emulator = await startEventStoreDBEmulator();
  t.teardown(async () => {
    await emulator.stop();
    await rm(directory, { recursive: true, force: true });
  });
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  await run('init', '--namn', 'Samordningsförbundet Norrbäcken', '--forbund-id', 'norrbacken');
  await rm(join(directory, 'forbund.json'));
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('record', join(exampleDirectory, 'events.jsonl'))).exitCode, 0);
  const store = emulator.connectionString;
  t.is((await run('copy', '--to', store)).exitCode, 0);
  const record = async (eventId: string, belopp: string) => {
    const event = {
      type: 'MedlemsbidragMottaget',
      data: {
        datum: '2026-03-02',
        medlem: 'Försäkringskassan',
        medlemskategori: 'staten',
        period: '2026',
        belopp,
      },
      metadata: { recordedAt: '2026-03-02T09:00:00.000Z', recordedBy: 'ekonom@norrbacken.example' },
      eventId,
    };
    await writeFile(join(directory, 'new.jsonl'), `${JSON.stringify(event)}\n`, 'utf8');
    const recorded = await run('record', '--store', store, 'new.jsonl');
    t.is(recorded.exitCode, 0, recorded.stderr);
  };
  await record('4e6f7262-0000-4000-8000-0000000000b1', '500.00');

  const watcher = startWatcher(t, directory, [
    '--store',
    store,
    '--year',
    '2026',
    '--section',
    'ekonomi',
  ]);

  await until(
    () => reportsIn(watcher.stdout()).length >= 1,
    `the first report (stderr: ${watcher.stderr()})`,
    60_000,
  );
  t.is(yearResult(reportsIn(watcher.stdout())[0]!), '500.00');
  // After its first report the watcher subscribes to the stream on the server.
  await emulator.whenSubscriptionsConfirmed(1);
  await record('4e6f7262-0000-4000-8000-0000000000b2', '250.25');
  await until(
    () => reportsIn(watcher.stdout()).length >= 2,
    'the report after the new event',
    60_000,
  );
  t.is(yearResult(reportsIn(watcher.stdout()).at(-1)!), '750.25');
  t.is(emulator.openSubscriptionCount(), 1, 'one subscription, held open');

  t.is(await watcher.stop(), 0, watcher.stderr());
  await emulator.whenSubscriptionsEnded(1);
});
