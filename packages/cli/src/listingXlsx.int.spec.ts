import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as XLSX from '@e965/xlsx';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { minuteInSweden, Money, type StoredEvent } from '@finsam-ledger/core';
import {
  amountOfCellNumber,
  huvudbokSheetName,
  listingSheetLayout,
  noticeSheetName,
  registreradSwedishHeader,
  verifikationslistaSheetName,
} from '@finsam-ledger/xlsx';
import { copyOfRoslagen, type RoslagenCopy } from './runCli.testSupport.js';

// `finsam verifikationer --format xlsx` and `finsam huvudbok --format xlsx` as a user runs them:
// child processes in a fresh temporary directory holding a copy of the Roslagen store. The
// workbook, read back by SheetJS, holds the CSV of the same command row for row and cell for
// cell, each amount a number cell with the exact kronor of the CSV's decimal string; the one
// difference is the verifikationslista's registration, the CSV's UTC instant, which the
// workbook holds as a date-time cell of the minute in Sweden.

const test = anyTest.serial as TestFn;

/** The records of a CSV, header first, every field text (SheetJS parses RFC 4180 quoting). */
const csvRows = (csv: string): string[][] =>
  XLSX.utils.sheet_to_json<string[]>(
    XLSX.read(csv, { type: 'string', raw: true }).Sheets['Sheet1']!,
    { header: 1, defval: '', raw: true },
  );

/** A listing sheet's table from its header row on: text, numbers, and `null` for no cell. */
const sheetRows = (workbook: XLSX.WorkBook, sheet: string): (string | number | null)[][] =>
  XLSX.utils.sheet_to_json(workbook.Sheets[sheet]!, {
    header: 1,
    defval: null,
    raw: true,
    range: listingSheetLayout.headerRow,
  });

/** The minute a date-time cell shows, `YYYY-MM-DD HH:MM`. */
const minuteOfCell = (serial: number): string => {
  const { y, m, d, H, M } = XLSX.SSF.parse_date_code(serial);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${y}-${two(m)}-${two(d)} ${two(H)}:${two(M)}`;
};

/** The CSV's header as the workbook has it: `registrerad` in Swedish time. */
const workbookHeader = (header: readonly string[]): string[] =>
  header.map((name) => (name === 'registrerad' ? registreradSwedishHeader : name));

/** Asserts that a workbook cell holds the CSV's field. */
function assertCell(
  t: ExecutionContext,
  value: string | number | null,
  field: string,
  name: string,
  amountColumns: readonly string[],
): void {
  if (typeof value !== 'number') t.is(value ?? '', field, name);
  else if (name === 'registrerad') t.is(minuteOfCell(value), minuteInSweden(field), field);
  else {
    t.true(amountColumns.includes(name), name);
    t.true(amountOfCellNumber(value).equals(Money.from(field)), `${field} ≠ ${value}`);
  }
}

/**
 * Runs `finsam <command> --year 2021` as CSV and as a workbook (`--out`), asserts that the
 * workbook's table is the CSV's (amounts as exact number cells, only in `amountColumns`; the
 * registration as a date-time cell of the CSV's instant in Swedish time) and returns the
 * workbook's sheet of `sheetName`, header first, and the CSV's records.
 */
async function workbookAndCsv(
  t: ExecutionContext,
  finsam: RoslagenCopy['finsam'],
  file: string,
  command: string,
  sheetName: string,
  amountColumns: readonly string[],
): Promise<{ rows: (string | number | null)[][]; expected: string[][] }> {
  const csv = await finsam(command, '--year', '2021', '--format', 'csv');
  t.is(csv.exitCode, 0, csv.stderr);
  const xlsx = await finsam(command, '--year', '2021', '--format', 'xlsx', '--out', file);
  t.is(xlsx.exitCode, 0, xlsx.stderr);
  t.is(xlsx.stdout, '');
  const workbook = XLSX.read(await readFile(file));
  t.deepEqual(workbook.SheetNames, [sheetName]);
  t.is(workbook.Sheets[sheetName]!['A1']?.v, `${sheetName} 2021`);
  const expected = csvRows(csv.stdout);
  const rows = sheetRows(workbook, sheetName);
  t.true(expected.length > 10);
  t.is(rows.length, expected.length);
  const header = expected[0]!;
  t.deepEqual(rows[0], workbookHeader(header));
  rows
    .slice(1)
    .forEach((row, index) =>
      row.forEach((value, column) =>
        assertCell(t, value, expected[index + 1]![column]!, header[column]!, amountColumns),
      ),
    );
  return { rows, expected };
}

const column = (rows: (string | number | null)[][], name: string): number => rows[0]!.indexOf(name);

test('verifikationer --format xlsx: the CSV table, debet and kredit exact number cells that balance', async (t) => {
  const { finsam, directory } = await copyOfRoslagen(t, 'verifikationer-xlsx');
  const { rows } = await workbookAndCsv(
    t,
    finsam,
    join(directory, 'verifikationer.xlsx'),
    'verifikationer',
    verifikationslistaSheetName,
    ['debet', 'kredit'],
  );
  const sum = (name: string) =>
    Money.sum(
      rows.slice(1).flatMap((row) => {
        const value = row[column(rows, name)];
        return typeof value === 'number' ? [amountOfCellNumber(value)] : [];
      }),
    );
  t.true(sum('debet').isPositive());
  t.true(sum('debet').equals(sum('kredit')));
  t.true(rows.slice(1).every((row) => /^2021-\d\d-\d\d$/.test(String(row[column(rows, 'datum')]))));
});

test('huvudbok --format xlsx: the CSV table, the bank carried from 2020; --as-of says so on a first sheet', async (t) => {
  const { finsam, directory } = await copyOfRoslagen(t, 'huvudbok-xlsx');
  const { rows } = await workbookAndCsv(
    t,
    finsam,
    join(directory, 'huvudbok.xlsx'),
    'huvudbok',
    huvudbokSheetName,
    ['belopp', 'saldo'],
  );
  const bankOpening = rows.find(
    (row) =>
      row[column(rows, 'konto')] === '1930' && row[column(rows, 'typ')] === 'ingående balans',
  )!;
  // The balansräkning's kassa och bank at the end of 2020, in kronor.
  t.is(bankOpening[column(rows, 'saldo')], 3920436);

  const file = join(directory, 'as-of.xlsx');
  const asOf = await finsam(
    'huvudbok',
    '--year',
    '2021',
    '--format',
    'xlsx',
    '--as-of',
    '2021-04-19',
    '--out',
    file,
  );
  t.is(asOf.exitCode, 0, asOf.stderr);
  const workbook = XLSX.read(await readFile(file));
  t.deepEqual(workbook.SheetNames, [noticeSheetName, huvudbokSheetName]);
  t.regex(
    String(workbook.Sheets[noticeSheetName]!['A1']?.v),
    /^Bokföringen som den var lagrad 2021-04-19 \(--as-of\): det som lagrats senare ingår inte\./,
  );
});

/**
 * Stores the events of the store at `from` again at `to`, in their order, in batches of one
 * stream; the store's clock stamps 22:30 UTC, starting 2030-01-01 and moving `daysPerAppend`
 * days per append (into 2031 at 3 days), so that the stamps span both winter (CET: 23:30 the
 * same day in Sweden) and summer time (CEST: 00:30 the next day).
 */
async function restamped(from: string, to: string, daysPerAppend: number): Promise<void> {
  let appendCount = 0;
  const clock = () => new Date(Date.UTC(2030, 0, 1 + appendCount * daysPerAppend, 22, 30));
  const opened = async (options: Parameters<typeof openFileEventStore>[0]) => {
    const store = await openFileEventStore(options)();
    if (E.isLeft(store)) throw store.left;
    return store.right;
  };
  const target = await opened({ path: to, clock });
  const source = await opened({ path: from, mode: 'read-only' });
  const append = async (batch: readonly StoredEvent[]) => {
    const events = batch.map(({ eventId, type, schemaVersion, data, metadata }) => ({
      eventId,
      type,
      schemaVersion,
      data,
      metadata,
    }));
    const appended = await target.appendToStream(batch[0]!.streamId, events)();
    if (E.isLeft(appended)) throw appended.left;
    appendCount += 1;
  };
  let batch: StoredEvent[] = [];
  for await (const event of source.readAll()) {
    if (batch.length === 25 || (batch.length > 0 && batch[0]!.streamId !== event.streamId)) {
      await append(batch);
      batch = [];
    }
    batch.push(event);
  }
  await append(batch);
  await source.close();
  await target.close();
}

/**
 * Summer time in Sweden by the EU's rule, from the last Sunday of March to the last Sunday of
 * October, 01:00 UTC each: the first and last day whose 22:30 UTC falls in it.
 */
const summerDays: Readonly<Record<string, readonly [string, string]>> = {
  '2030': ['2030-03-31', '2030-10-26'],
  '2031': ['2031-03-30', '2031-10-25'],
  '2032': ['2032-03-28', '2032-10-30'],
};

/**
 * The minute in Sweden of a 22:30 UTC stamp of 2030–2032, from {@link summerDays} rather than
 * the time-zone data the code under test uses.
 */
const swedishMinuteOf2230 = (instant: string): string => {
  const day = instant.slice(0, 10);
  const [first, last] = summerDays[day.slice(0, 4)]!;
  if (day < first || day > last) return `${day} 23:30`;
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next} 00:30`;
};

test('verifikationer --format xlsx: a registration at 22:30 UTC is 23:30 that day in winter and 00:30 the next in summer', async (t) => {
  const { finsam, directory } = await copyOfRoslagen(t, 'verifikationer-xlsx-dst');
  const store = join(directory, 'restamped.jsonl');
  await restamped(join(directory, 'finsam.jsonl'), store, 3);
  await rename(store, join(directory, 'finsam.jsonl'));
  const { rows, expected } = await workbookAndCsv(
    t,
    finsam,
    join(directory, 'verifikationer.xlsx'),
    'verifikationer',
    verifikationslistaSheetName,
    ['debet', 'kredit'],
  );
  const at = expected[0]!.indexOf('registrerad');
  const shown = rows.slice(1).map((row) => minuteOfCell(row[at] as number));
  const instants = expected.slice(1).map((record) => record[at]!);
  t.deepEqual(shown, instants.map(swedishMinuteOf2230));
  t.true(
    shown.some((minute) => minute.endsWith(' 23:30')),
    'some registered in winter time',
  );
  t.true(
    shown.some((minute) => minute.endsWith(' 00:30')),
    'some in summer time, the next day',
  );
});
