import anyTest, { type TestFn } from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { Money } from '@finsam-ledger/core';
import {
  amountOfCellNumber,
  listingSheetLayout,
  reskontraAvstämningColumns,
  reskontraAvstämningSheetName,
  reskontraSheetName,
} from '@finsam-ledger/xlsx';
import { copyOfRoslagen } from './runCli.testSupport.js';

// `finsam reskontra --format xlsx` as a user runs it: a child process in a fresh temporary
// directory holding a copy of the Roslagen store. The workbook's first sheet, read back by
// SheetJS, holds the CSV of the same command cell for cell, amounts as number cells of the
// CSV's exact kronor and days overdue as whole numbers; the second checks each account.

const test = anyTest.serial as TestFn;

type Row = (string | number | null)[];

/** The records of a CSV, header first, every field text (SheetJS parses RFC 4180 quoting). */
const csvRows = (csv: string): string[][] =>
  XLSX.utils.sheet_to_json<string[]>(
    XLSX.read(csv, { type: 'string', raw: true }).Sheets['Sheet1']!,
    { header: 1, defval: '', raw: true },
  );

/** A sheet's table from its header row on: text, numbers, and `null` for no cell. */
const sheetRows = (workbook: XLSX.WorkBook, sheet: string): Row[] =>
  XLSX.utils.sheet_to_json(workbook.Sheets[sheet]!, {
    header: 1,
    defval: null,
    raw: true,
    range: listingSheetLayout.headerRow,
  });

const amountColumns = ['ursprungligt-belopp', 'öppet-belopp'];

test('reskontra --format xlsx: the CSV table cell for cell, and per account the items against the huvudbok', async (t) => {
  const { finsam, directory } = await copyOfRoslagen(t, 'reskontra-xlsx');
  const csv = await finsam('reskontra', '--date', '2023-02-01', '--format', 'csv');
  t.is(csv.exitCode, 0, csv.stderr);
  const file = join(directory, 'reskontra.xlsx');
  const run = await finsam('reskontra', '--date', '2023-02-01', '--format', 'xlsx', '--out', file);
  t.is(run.exitCode, 0, run.stderr);
  t.is(run.stdout, '');
  const workbook = XLSX.read(await readFile(file));
  t.deepEqual(workbook.SheetNames, [reskontraSheetName, reskontraAvstämningSheetName]);
  t.is(workbook.Sheets[reskontraSheetName]!['A1']?.v, 'Reskontra per 2023-02-01');
  const expected = csvRows(csv.stdout);
  const rows = sheetRows(workbook, reskontraSheetName);
  t.true(expected.length > 10);
  t.is(rows.length, expected.length);
  t.deepEqual(rows[0], expected[0]);
  const header = expected[0]!;
  rows.slice(1).forEach((row, index) =>
    header.forEach((name, column) => {
      const field = expected[index + 1]![column]!;
      const value = row[column] ?? null;
      if (typeof value !== 'number') t.is(value ?? '', field, `${index} ${name}`);
      else if (name === 'dagar-efter-förfallodatum') t.is(String(value), field);
      else {
        t.true(amountColumns.includes(name), name);
        t.true(amountOfCellNumber(value).equals(Money.from(field)), `${field} ≠ ${value}`);
      }
    }),
  );
  const at = (row: Row, name: string) => row[header.indexOf(name)];
  const lernia = rows.find((row) => at(row, 'post-id') === 'LS-2022-LERNIA')!;
  t.deepEqual(
    [at(lernia, 'förfallodatum'), at(lernia, 'dagar-efter-förfallodatum')],
    ['2023-01-13', 19],
  );

  const check = sheetRows(workbook, reskontraAvstämningSheetName);
  t.deepEqual(check[0], [...reskontraAvstämningColumns]);
  const payables = check.find((row) => row[0] === '2440')!;
  const column = (name: (typeof reskontraAvstämningColumns)[number]) =>
    reskontraAvstämningColumns.indexOf(name);
  // The 2022 payables, due 2023-01-13, 19 days overdue: 387 300 kr, all of the balance.
  t.is(payables[column('Förfallet 1–30 dagar')], 387300);
  t.is(payables[column('Summa öppna poster')], 387300);
  t.is(payables[column('Saldo enligt huvudbok')], 387300);
  t.is(payables[column('Ospecificerat')], 0);
  t.is(payables[column('Stämmer')], 'ja');
  // Each account's row holds the CSV's sum, balance and ospecificerat records.
  for (const row of check.slice(1, -2)) {
    const total = (typ: string) =>
      expected.find((record) => record[0] === row[0] && record[2] === typ)![12]!;
    t.true(
      amountOfCellNumber(row[column('Summa öppna poster')] as number).equals(
        Money.from(total('summa öppna poster')),
      ),
    );
    t.true(
      amountOfCellNumber(row[column('Saldo enligt huvudbok')] as number).equals(
        Money.from(total('saldo enligt huvudbok')),
      ),
    );
    t.true(
      amountOfCellNumber(row[column('Ospecificerat')] as number).equals(
        Money.from(total('ospecificerat')),
      ),
    );
  }
  t.is(check.length, 1 + 3 + 2);
  t.is(check.at(-1)![0], 'Kontroll: de öppna posterna förklarar varje kontos saldo i huvudboken.');
});

test('reskontra --format xlsx without --out writes the workbook bytes to stdout, as huvudbok does', async (t) => {
  const { finsam } = await copyOfRoslagen(t, 'reskontra-xlsx');
  const run = await finsam('reskontra', '--date', '2020-12-31', '--format', 'xlsx');
  t.is(run.exitCode, 0, run.stderr);
  t.true(run.stdout.startsWith('PK'), 'a zip archive, as an xlsx workbook is');
});
