import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { Money } from '@finsam-ledger/core';
import {
  amountOfCellNumber,
  huvudbokSheetName,
  listingSheetLayout,
  noticeSheetName,
  verifikationslistaSheetName,
} from '@finsam-ledger/xlsx';
import { copyOfRoslagen, type RoslagenCopy } from './runCli.testSupport.js';

// `finsam verifikationer --format xlsx` and `finsam huvudbok --format xlsx` as a user runs them:
// child processes in a fresh temporary directory holding a copy of the Roslagen store. The
// workbook, read back by SheetJS, holds the CSV of the same command row for row and cell for
// cell, each amount a number cell with the exact kronor of the CSV's decimal string.

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

/**
 * Runs `finsam <command> --year 2021` as CSV and as a workbook (`--out`), asserts that the
 * workbook's table is the CSV's (amounts as exact number cells, only in `amountColumns`) and
 * returns the workbook's sheet of `sheetName`, header first.
 */
async function workbookAndCsv(
  t: ExecutionContext,
  finsam: RoslagenCopy['finsam'],
  file: string,
  command: string,
  sheetName: string,
  amountColumns: readonly string[],
): Promise<(string | number | null)[][]> {
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
  t.deepEqual(rows[0], expected[0]);
  const header = expected[0]!;
  rows.slice(1).forEach((row, index) =>
    row.forEach((value, column) => {
      const field = expected[index + 1]![column]!;
      if (typeof value !== 'number') {
        t.is(value ?? '', field, `${index} ${header[column]}`);
        return;
      }
      t.true(amountColumns.includes(header[column]!), header[column]);
      t.true(amountOfCellNumber(value).equals(Money.from(field)), `${field} ≠ ${value}`);
    }),
  );
  return rows;
}

const column = (rows: (string | number | null)[][], name: string): number => rows[0]!.indexOf(name);

test('verifikationer --format xlsx: the CSV table, debet and kredit exact number cells that balance', async (t) => {
  const { finsam, directory } = await copyOfRoslagen(t, 'verifikationer-xlsx');
  const rows = await workbookAndCsv(
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
  const rows = await workbookAndCsv(
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
