import anyTest, { type ExecutionContext } from 'ava';
import * as XLSX from '@e965/xlsx';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFinsamProcess } from './runCli.testSupport.js';

// `finsam record` of a spreadsheet as a user runs it (a child process in a fresh temporary
// directory holding Norrbäcken's configuration, a store `finsam init` made and the example's
// opening balance): a CSV of one event type (--type), an xlsx whose sheets name theirs; the
// figures the books then show, and refusals that name the row and the column, writing nothing.

const exampleDirectory = fileURLToPath(new URL('../../../examples/norrbacken/', import.meta.url));

/** Each test starts several Node processes: slow on a loaded two-core machine. */
const test = (title: string, body: (t: ExecutionContext) => Promise<void>) =>
  anyTest.serial(title, async (t) => {
    t.timeout(600_000);
    await body(t);
  });

/** A fresh förbund: Norrbäcken's configuration, an empty store, the opening balance of 2024. */
async function förbund(t: ExecutionContext) {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-sheet-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  await copyFile(join(exampleDirectory, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('init')).exitCode, 0);
  const opening = (await readFile(join(exampleDirectory, 'events.jsonl'), 'utf8')).split('\n')[0]!;
  await writeFile(join(directory, 'opening.jsonl'), `${opening}\n`);
  const recorded = await run('record', 'opening.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  const store = () => readFile(join(directory, 'finsam.jsonl'));
  const write = (name: string, content: string | Uint8Array) =>
    writeFile(join(directory, name), content);
  return { run, store, write };
}

const kostnaderCsv = `datum,område,post,belopp,text,motpart,betalning.sätt,betalning.postId,betalning.förfallodatum,recordedBy
2024-03-01,administrativa,Lokaler,12000.00,Hyra mars,Fastighets AB,bank,,,ekonom@norrbacken.example
2024-03-05,administrativa,Lokaler,1234.5,"Städning, mars",Städ AB,leverantörsskuld,F-1001,2024-04-04,ekonom@norrbacken.example
2024-03-06,operativa,Arbetslivsinriktad rehabilitering,500.00,Kurs,Kurs AB,bank,,,ekonom@norrbacken.example
`;

/** A CSV table printed by finsam, read by its header: one object per row. */
const csvRows = (csv: string): Record<string, string>[] => {
  const workbook = XLSX.read(csv, { type: 'string', raw: true });
  return XLSX.utils.sheet_to_json(workbook.Sheets[workbook.SheetNames[0]!]!, {
    raw: false,
    defval: '',
  });
};

/** The verifikationslista's lines of the CSV's events: verifikation, konto, debet, kredit. */
const bookedLines = (csv: string): string[] =>
  csvRows(csv)
    .filter((row) => row['händelse'] === 'KostnadBokförd')
    .map((row) => [row['verifikation'], row['konto'], row['debet'], row['kredit']].join(' '));

test('a CSV of three KostnadBokförd rows (--type) is recorded: the verifikationslista, the report and the reskontra show its figures', async (t) => {
  const { run, write } = await förbund(t);
  await write('kostnader.csv', kostnaderCsv);
  const recorded = await run('record', 'kostnader.csv', '--type', 'KostnadBokförd');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /^recorded 3 events from kostnader\.csv for norrbacken /);
  const lista = await run('verifikationer', '--year', '2024', '--format', 'csv');
  t.is(lista.exitCode, 0, lista.stderr);
  t.deepEqual(bookedLines(lista.stdout), [
    '2024-2 64100 12000.00 ',
    '2024-2 19300  12000.00',
    '2024-3 64100 1234.50 ',
    '2024-3 25110  1234.50',
    '2024-4 45100 500.00 ',
    '2024-4 19300  500.00',
  ]);
  const report = await run('report', '--year', '2024', '--format', 'csv');
  t.is(report.exitCode, 0, report.stderr);
  t.regex(
    report.stdout,
    /\nBalansräkning,leverantörsskulder,Leverantörsskulder,,2024-12-31,2024,kr,1235,\r?\n/,
  );
  t.regex(
    report.stdout,
    /\nNot 2 Verksamhetens kostnader,post:administrativa\|Lokaler,Lokaler,,Utfall 2024-12-31,2024,kr,13235,\r?\n/,
  );
  const reskontra = await run('reskontra', '--date', '2024-03-31', '--format', 'csv');
  t.is(reskontra.exitCode, 0, reskontra.stderr);
  t.deepEqual(
    csvRows(reskontra.stdout).map((row) =>
      [row['typ'], row['post-id'], row['förfallodatum'], row['öppet-belopp']].join(' '),
    ),
    [
      'post F-1001 2024-04-04 1234.50',
      'summa öppna poster   1234.50',
      'saldo enligt huvudbok   1234.50',
      'ospecificerat   0.00',
    ],
  );
});
