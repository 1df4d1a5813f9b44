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

/** The bytes of a workbook of `sheets`, each an array of rows from row 1. */
function workbookBytes(
  sheets: Record<string, unknown[][]>,
  dates: readonly string[] = [],
): Uint8Array {
  const workbook = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = XLSX.utils.aoa_to_sheet(rows);
    for (const address of dates) if (sheet[address] !== undefined) sheet[address].z = 'yyyy-mm-dd';
    XLSX.utils.book_append_sheet(workbook, sheet, name);
  }
  return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** The stored events' data of a type, as `finsam events` prints them. */
async function storedData(run: (...args: string[]) => Promise<{ stdout: string }>, type: string) {
  return (await run('events', '--type', type)).stdout
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { data: Record<string, unknown> }).data);
}

/** Excel's serial number of 2024-02-15, the day a date cell holds. */
const february15 = 45337;

const medlemsbidragRows = [
  ['datum', 'medlem', 'medlemskategori', 'period', 'belopp', 'recordedBy'],
  [february15, 'Försäkringskassan', 'staten', '2024', 1234.5, 'ekonom@norrbacken.example'],
  ['2024-02-20', 'Region Mellanland', 'region', '2024', 0.1 + 0.2, 'ekonom@norrbacken.example'],
];

const kostnadRows = [
  ['datum', 'område', 'post', 'belopp', 'text', 'betalning.sätt', 'recordedBy'],
  [
    '2024-03-01',
    'administrativa',
    'Lokaler',
    1000.1 + 200.2,
    'Hyra',
    'bank',
    'ekonom@norrbacken.example',
  ],
];

// Column A is text: the workbook's date format is set on cell A2 of every sheet.
const historyRows = [
  [
    'källa',
    'år',
    'resultaträkning.verksamhetensIntäkter',
    'resultaträkning.verksamhetensKostnader',
    'recordedBy',
  ],
  ['Årsredovisning 2023', 2023, 1850000, 1790000.5, 'ekonom@norrbacken.example'],
];

test('an xlsx of three sheets named by their event types (a type longer than Excel’s 31 characters by its first 31) is recorded exactly: number cells as the decimals they show (1234.50, 0.30), a date cell as YYYY-MM-DD', async (t) => {
  const { run, write } = await förbund(t);
  await write(
    'händelser.xlsx',
    workbookBytes(
      {
        MedlemsbidragMottaget: medlemsbidragRows,
        KostnadBokförd: kostnadRows,
        // Excel keeps 31 characters of a sheet name: a longer type is named by its first 31.
        HistoriskaÅrsuppgifterRegistrer: historyRows,
      },
      ['A2'],
    ),
  );
  const recorded = await run('record', 'händelser.xlsx');
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /^recorded 4 events from händelser\.xlsx for norrbacken /);
  t.deepEqual(await storedData(run, 'HistoriskaÅrsuppgifterRegistrerade'), [
    {
      år: 2023,
      källa: 'Årsredovisning 2023',
      resultaträkning: {
        verksamhetensIntäkter: '1850000.00',
        verksamhetensKostnader: '1790000.50',
        avskrivningar: '0.00',
        finansiellaIntäkter: '0.00',
        finansiellaKostnader: '0.00',
      },
    },
  ]);
  t.deepEqual(await storedData(run, 'MedlemsbidragMottaget'), [
    {
      datum: '2024-02-15',
      medlem: 'Försäkringskassan',
      medlemskategori: 'staten',
      period: '2024',
      belopp: '1234.50',
    },
    {
      datum: '2024-02-20',
      medlem: 'Region Mellanland',
      medlemskategori: 'region',
      period: '2024',
      belopp: '0.30',
    },
  ]);
  t.deepEqual(await storedData(run, 'KostnadBokförd'), [
    {
      datum: '2024-03-01',
      område: 'administrativa',
      post: 'Lokaler',
      belopp: '1200.30',
      moms: '0.00',
      text: 'Hyra',
      betalning: { sätt: 'bank' },
    },
  ]);
});

/** The heads of the refusals printed: `KostnadBokförd rad 3 INVALID_AMOUNT`, in order. */
const refusalHeads = (stderr: string): string[] =>
  [...stderr.matchAll(/^(\S+ )?(rad \d+): ([A-Z_]+):/gm)].map(
    ([, sheet, row, code]) => `${sheet ?? ''}${row} ${code}`,
  );

test('a refused spreadsheet names the row and the column, exits 1 and writes nothing: an unknown column, a bad amount, a sheet named by no event type (a slip of a few letters named; a type longer than Excel’s sheet names allow by its first 31 characters), a number in a cell formatted as a date; a CSV without --type or with an unknown one is a usage error, a slip of a few letters named', async (t) => {
  const { run, store, write } = await förbund(t);
  const before = await store();
  const typo = kostnaderCsv.replace('motpart,', 'motparten,').replace('1234.5,', '12.345,');
  await write('kostnader.csv', typo);
  const refused = await run('record', 'kostnader.csv', '--type', 'KostnadBokförd');
  t.is(refused.exitCode, 1, refused.stderr);
  t.is(refused.stdout, '');
  t.deepEqual(refusalHeads(refused.stderr), [
    'rad 2 VALIDATION_FAILED',
    'rad 3 VALIDATION_FAILED',
    'rad 4 VALIDATION_FAILED',
  ]);
  t.regex(refused.stderr, /^ {2}kolumn motparten: rule known-field$/m);
  t.regex(
    refused.stderr,
    /^rad 3: [^\n]*data\.belopp[^\n]*\n {2}kolumn belopp: rule at-most-two-decimals/m,
  );
  t.regex(refused.stderr, /\n3 rows refused\.\nRefused: nothing was written\.\n$/);

  const badAmount = [
    ...kostnadRows,
    [...kostnadRows[1]!.slice(0, 3), '12,50', ...kostnadRows[1]!.slice(4)],
  ];
  await write('kostnader.xlsx', workbookBytes({ KostnadBokförd: badAmount }));
  const amount = await run('record', 'kostnader.xlsx');
  t.is(amount.exitCode, 1, amount.stderr);
  t.deepEqual(refusalHeads(amount.stderr), ['KostnadBokförd rad 3 INVALID_AMOUNT']);
  t.regex(amount.stderr, /^KostnadBokförd rad 3: [^\n]*\n {2}kolumn belopp: rule /m);

  await write('blad.xlsx', workbookBytes({ KostnadBokförd: kostnadRows, Kostnader: kostnadRows }));
  const sheet = await run('record', 'blad.xlsx');
  t.is(sheet.exitCode, 1, sheet.stderr);
  t.regex(sheet.stderr, /^UNKNOWN_EVENT_TYPE: sheet "Kostnader" is named by no event type/);
  t.regex(sheet.stderr, /\nRefused: nothing was written\.\n$/);
  await write('stavning.xlsx', workbookBytes({ Kostnadbokford: kostnadRows }));
  const slip = await run('record', 'stavning.xlsx');
  t.is(slip.exitCode, 1, slip.stderr);
  t.regex(
    slip.stderr,
    /^UNKNOWN_EVENT_TYPE: sheet "Kostnadbokford" [^\n]*did you mean "KostnadBokförd"\?/,
  );

  // Excel keeps 31 characters of a sheet's name: FörvaltningsberättelseRegistrerad's sheet is
  // its first 31, and is read as that type (whose list of avsnitt a row cannot hold).
  const cut = 'FörvaltningsberättelseRegistrerad'.slice(0, 31);
  await write(
    'lång.xlsx',
    workbookBytes({
      [cut]: [
        ['år', 'avsnitt'],
        [2024, 'Verksamheten'],
      ],
    }),
  );
  const long = await run('record', 'lång.xlsx');
  t.is(long.exitCode, 1, long.stderr);
  t.regex(long.stderr, new RegExp(`^${cut} rad 1: INVALID_EVENT: avsnitt is a list`, 'm'));

  // A number typed into a cell formatted as a date shows as a date, and is never taken for the
  // number: år 2023 shows as 1905-07-15, belopp 1200.30 as 1903-04-14; a nested amount too (D2 of
  // the history sheet, resultaträkning.verksamhetensKostnader 1790000.50, as 6800-11-06). The
  // row's other faults are named in the same run: an område misspelt beside the date cell.
  const misspeltOmråde = [
    kostnadRows[0]!,
    kostnadRows[1]!.map((cell, index) => (index === 1 ? 'administrativ' : cell)),
  ];
  await write(
    'datum.xlsx',
    workbookBytes(
      { HistoriskaÅrsuppgifterRegistrer: historyRows, KostnadBokförd: misspeltOmråde },
      ['B2', 'D2'],
    ),
  );
  const dated = await run('record', 'datum.xlsx');
  t.is(dated.exitCode, 1, dated.stderr);
  t.deepEqual(refusalHeads(dated.stderr), [
    'HistoriskaÅrsuppgifterRegistrer rad 2 INVALID_EVENT',
    'KostnadBokförd rad 2 INVALID_EVENT',
  ]);
  t.regex(
    dated.stderr,
    /: år: the cell is formatted as a date and holds the day 1905-07-15, where the field takes a whole number: format the cell as a number or as text/,
  );
  t.regex(
    dated.stderr,
    /^KostnadBokförd rad 2: INVALID_EVENT: belopp: the cell is formatted as a date and holds the day 1903-04-14, where the field takes an amount/m,
  );
  t.regex(
    dated.stderr,
    /; resultaträkning\.verksamhetensKostnader: the cell is formatted as a date and holds the day 6800-11-06, where the field takes an amount/,
  );
  t.regex(dated.stderr, /^ {2}kolumn resultaträkning\.verksamhetensKostnader: rule no-date-cell$/m);
  t.regex(dated.stderr, /^ {2}kolumn år: rule no-date-cell$/m);
  // The misspelt område of the same row, named beside its date cell.
  t.regex(
    dated.stderr,
    /; data\.område: must be one of administrativa, strukturpåverkande, operativa$/m,
  );
  t.regex(
    dated.stderr,
    /^ {2}kolumn belopp: rule no-date-cell\n {2}kolumn område: rule invalid_value$/m,
  );
  // A personnummer beside a date cell is refused as one, and never printed.
  const withPersonnummer = [
    kostnadRows[0]!,
    kostnadRows[1]!.map((cell, index) => (index === 4 ? 'Hyra för 19121212-1212' : cell)),
  ];
  await write('personnummer.xlsx', workbookBytes({ KostnadBokförd: withPersonnummer }, ['D2']));
  const personal = await run('record', 'personnummer.xlsx');
  t.is(personal.exitCode, 1, personal.stderr);
  t.deepEqual(refusalHeads(personal.stderr), ['KostnadBokförd rad 2 PERSONNUMMER_REFUSED']);
  t.regex(personal.stderr, /^ {2}kolumn belopp: rule no-date-cell$/m);
  t.regex(personal.stderr, /^ {2}kolumn text: rule /m);
  t.notRegex(personal.stderr, /19121212|1212-1212|121212/);

  const noType = await run('record', 'kostnader.csv');
  t.is(noType.exitCode, 2);
  t.regex(noType.stderr, /--type/);
  const unknownType = await run('record', 'kostnader.csv', '--type', 'KostnadBokford');
  t.is(unknownType.exitCode, 2);
  t.regex(
    unknownType.stderr,
    /argument 'KostnadBokford' is invalid\. Did you mean "KostnadBokförd"\? Allowed choices are IngåendeBalansRegistrerad, /,
  );
  const jsonlType = await run('record', 'opening.jsonl', '--type', 'KostnadBokförd');
  t.is(jsonlType.exitCode, 2);
  t.regex(jsonlType.stderr, /--type is for a CSV file/);
  t.deepEqual(await store(), before, 'nothing was written');
});

test('the same CSV recorded twice: with eventIds the second run records nothing new, and a row edited since is refused by its row; without eventIds, it is refused as repeats, as a JSON Lines file is', async (t) => {
  const { run, store, write } = await förbund(t);
  const ids = [
    '4e6f7262-0000-4000-8000-0000000000c1',
    '4e6f7262-0000-4000-8000-0000000000c2',
    '4e6f7262-0000-4000-8000-0000000000c3',
  ];
  const lines = kostnaderCsv.trimEnd().split('\n');
  const withIds = [
    `eventId,${lines[0]}`,
    ...lines.slice(1).map((line, index) => `${ids[index]},${line}`),
  ].join('\n');
  await write('med-id.csv', withIds);
  for (const expected of [
    /^recorded 3 events from med-id\.csv /,
    /^the 3 events of med-id\.csv were already recorded; nothing new was written\.\n$/,
  ]) {
    const recorded = await run('record', 'med-id.csv', '--type', 'KostnadBokförd');
    t.is(recorded.exitCode, 0, recorded.stderr);
    t.regex(recorded.stdout, expected);
  }
  t.deepEqual(
    (await storedData(run, 'KostnadBokförd')).map((data) => data['belopp']),
    ['12000.00', '1234.5', '500.00'],
  );

  // A row edited since it was recorded, under its recorded eventId: refused by its row and column.
  await write('ändrad.csv', withIds.replace(',500.00,', ',550.00,'));
  const storedBefore = await store();
  const changed = await run('record', 'ändrad.csv', '--type', 'KostnadBokförd');
  t.is(changed.exitCode, 1, changed.stderr);
  t.deepEqual(refusalHeads(changed.stderr), ['rad 4 EVENT_ID_CONFLICT']);
  t.regex(
    changed.stderr,
    /^rad 4: [^\n]*eventId 4e6f7262-0000-4000-8000-0000000000c3 was recorded/m,
  );
  t.regex(changed.stderr, /^rad 4: [^\n]*was recorded [^\n]*with other content: [^\n]*belopp/m);
  t.regex(
    changed.stderr,
    /\nhint: what is recorded is never changed\. A row edited since it was recorded: put it back as it was, and correct the booking with a new row, HändelseRättad /,
  );
  t.deepEqual(await store(), storedBefore, 'nothing was written');

  await write(
    'utan-id.csv',
    kostnaderCsv.replace('F-1001', 'F-2002').replace(/,(\d+)(\.\d+)?,/g, ',1$1$2,'),
  );
  t.is((await run('record', 'utan-id.csv', '--type', 'KostnadBokförd')).exitCode, 0);
  const before = await store();
  const again = await run('record', 'utan-id.csv', '--type', 'KostnadBokförd');
  t.is(again.exitCode, 1, again.stderr);
  t.deepEqual(refusalHeads(again.stderr), [
    'rad 2 EVENT_ALREADY_RECORDED',
    'rad 3 EVENT_ALREADY_RECORDED',
    'rad 4 EVENT_ALREADY_RECORDED',
  ]);
  t.regex(
    again.stderr,
    /\n3 rows refused\.\nRefused: nothing was written\.\nhint: 3 rows without an eventId repeat[^\n]*Take the recorded rows out of the file/,
  );
  t.deepEqual(await store(), before, 'nothing was written');
});
