import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { Money } from '@finsam-ledger/core';
import {
  amountOfCellNumber,
  guidelineSheetName,
  participantSheetName,
  statementSheetLayout,
  statementSheetNames,
} from '@finsam-ledger/xlsx';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam report --format xlsx` as a user runs it: a child process in a fresh temporary
// directory on the Roslagen example; the workbook re-read by the library that wrote it
// (SheetJS) gives, cell for cell, the exact amounts of `finsam report --format json`.

const roslagen = [
  '--store',
  join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl'),
  '--config',
  join(repositoryRoot, 'examples/roslagen/forbund.json'),
];

interface StatementJson {
  name: string;
  fixedUnit?: string;
  columns: { label: string }[];
  rows: { key: string; label: string; unit?: string; amounts: (string | null)[] }[];
  footnotes?: { number: number; text: string }[];
}
interface JsonReport {
  årsredovisning: Record<string, StatementJson> & {
    finansiellaRiktlinjer: { checks: { title: string; figures: Record<string, string> }[] };
  };
  deltagare: { insatser: unknown[] };
}

const cellAt = (sheet: XLSX.WorkSheet, row: number, column: number) =>
  sheet[XLSX.utils.encode_cell({ r: row, c: column })] as XLSX.CellObject | undefined;

/** Every difference between a statement sheet and the JSON statement (empty when equal). */
function statementDifferences(sheet: XLSX.WorkSheet, statement: StatementJson): string[] {
  const { headerRow, firstAmountColumn } = statementSheetLayout;
  const differences: string[] = [];
  const marked = new Set<string>();
  // A label or header as written, its footnote marks (` [1]`, ` [1, 2]`) taken off and kept.
  const unmarked = (text: unknown): string =>
    String(text).replace(/ \[(\d+(?:, \d+)*)\]$/, (_mark, numbers: string) => {
      for (const number of numbers.split(', ')) marked.add(`[${number}]`);
      return '';
    });
  statement.columns.forEach((column, index) => {
    if (unmarked(cellAt(sheet, headerRow, firstAmountColumn + index)?.v) !== column.label)
      differences.push(`header ${index}`);
  });
  statement.rows.forEach((row, rowIndex) => {
    const sheetRow = headerRow + 1 + rowIndex;
    if (unmarked(cellAt(sheet, sheetRow, 0)?.v).trim() !== row.label) differences.push(row.key);
    row.amounts.forEach((amount, index) => {
      const cell = cellAt(sheet, sheetRow, firstAmountColumn + index);
      if (amount === null) {
        if (cell !== undefined) differences.push(`${row.key}[${index}] should be empty`);
      } else if (
        cell?.t !== 'n' ||
        !amountOfCellNumber(cell.v as number).equals(Money.from(amount))
      )
        differences.push(`${row.key}[${index}]: cell ${String(cell?.v)}, report ${amount}`);
    });
  });
  // The footnotes first under the table, after one blank row, each marked somewhere above.
  const footnotes = (statement.footnotes ?? []).map((each) => `[${each.number}] ${each.text}`);
  const below = headerRow + 1 + statement.rows.length + 1;
  footnotes.forEach((footnote, index) => {
    if (cellAt(sheet, below + index, 0)?.v !== footnote) differences.push(`footnote ${index + 1}`);
  });
  const numbers = footnotes.map((footnote) => footnote.slice(0, footnote.indexOf(']') + 1));
  if ([...marked].sort().join() !== numbers.sort().join())
    differences.push(`marks ${[...marked].join()} for footnotes ${numbers.join()}`);
  return differences;
}

for (const [year, unit, format] of [
  ['2020', 'kr', '#,##0'],
  ['2022', 'tkr', '#,##0,'],
] as const) {
  test(`report --format xlsx --year ${year}: every amount of every sheet is the JSON report's, exact, shown in ${unit}`, async (t) => {
    const directory = await mkdtemp(join(tmpdir(), 'finsam-xlsx-'));
    t.teardown(() => rm(directory, { recursive: true, force: true }));
    const file = join(directory, `roslagen-${year}.xlsx`);
    const common = ['report', ...roslagen, '--year', year, '--unit', unit];
    const written = await runFinsamProcess([...common, '--format', 'xlsx', '--out', file], {
      cwd: directory,
    });
    t.is(written.exitCode, 0, written.stderr);
    const json = await runFinsamProcess([...common, '--format', 'json'], { cwd: directory });
    t.is(json.exitCode, 0, json.stderr);
    const report = JSON.parse(json.stdout) as JsonReport;
    const workbook = XLSX.read(await readFile(file), { cellNF: true });
    t.deepEqual(workbook.SheetNames, [
      ...Object.values(statementSheetNames),
      guidelineSheetName,
      participantSheetName,
    ]);
    // Roslagen's books hold a correction and historical years: some statements are footnoted.
    t.true(
      Object.keys(statementSheetNames).some(
        (key) => (report.årsredovisning[key]!.footnotes ?? []).length > 0,
      ),
    );
    for (const [key, name] of Object.entries(statementSheetNames)) {
      const statement = report.årsredovisning[key]!;
      const sheet = workbook.Sheets[name]!;
      t.deepEqual(statementDifferences(sheet, statement), [], name);
      const firstAmount = cellAt(sheet, statementSheetLayout.headerRow + 1, 2);
      const expectedFormat = statement.fixedUnit === 'mkr' ? '#,##0.00,,' : format;
      if (statement.rows[0]!.amounts[0] !== null) t.is(firstAmount?.z, expectedFormat, name);
    }
    const guidelines = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[guidelineSheetName]!, {
      header: 1,
      range: 3,
    });
    const figures = report.årsredovisning.finansiellaRiktlinjer.checks.flatMap((check) =>
      Object.entries(check.figures).map(([name, value]) => [check.title, name, value]),
    );
    t.is(guidelines.length, figures.length);
    figures.forEach(([title, name, value], index) => {
      const [sheetTitle, , sheetName, sheetValue] = guidelines[index]!;
      t.deepEqual([sheetTitle, sheetName], [title, name]);
      // Amounts have two decimals (öre); shares four (`0.5000`), held as the same double.
      if (/^-?\d+\.\d{2}$/.test(value!))
        t.true(amountOfCellNumber(sheetValue as number).equals(Money.from(value!)), `${name}`);
      else t.is(sheetValue, Number(value), `${name}`);
    });
  });
}

test('the participant sheet holds the CSV report as numbers, and a workbook goes to stdout without --out', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-xlsx-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const common = ['report', ...roslagen, '--year', '2020'];
  const written = await runFinsamProcess([...common, '--format', 'xlsx'], { cwd: directory });
  t.is(written.exitCode, 0, written.stderr);
  const csv = await runFinsamProcess([...common, '--format', 'csv', '--section', 'deltagare'], {
    cwd: directory,
  });
  const csvRows = csv.stdout.trimEnd().split('\r\n');
  // The helper decodes stdout as text, which is enough to see a zip; the bytes come from --out.
  const file = join(directory, 'r.xlsx');
  await runFinsamProcess([...common, '--format', 'xlsx', '--out', file], { cwd: directory });
  const workbook = XLSX.read(await readFile(file));
  const rows = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[participantSheetName]!, {
    header: 1,
    range: 2,
    defval: '',
  });
  t.is(rows.length, csvRows.length);
  t.deepEqual(rows[0], csvRows[0]!.split(','));
  const enrolled = rows.find(
    (row) => row[6] === 'inskrivna' && row[8] === 'samtliga' && row[2] === 'året',
  )!;
  t.is(typeof enrolled[9], 'number');
  t.true(written.stdout.startsWith('PK'), 'a zip (xlsx) on stdout');
});
