import test from 'ava';
import * as XLSX from '@e965/xlsx';
import { annualReportXlsx, noticeSheetName, statementSheetNames } from './annualReportXlsx.js';
import { isXlsxError } from './error.js';
import { cell, smallLedger } from './workbookSpecs.testSupport.js';
import { statementSheetLayout } from './statementSheet.js';

test('the resultaträkning sheet holds exact kronor; the format shows the unit asked for', async (t) => {
  const report = await (await smallLedger()).annualReport(2021);
  const { headerRow, firstAmountColumn } = statementSheetLayout;
  for (const [unit, format, shown] of [
    ['kr', '#,##0', '1,234,568'],
    ['tkr', '#,##0,', '1,235'],
    ['mkr', '#,##0.00,,', '1.23'],
  ] as const) {
    const workbook = XLSX.read(annualReportXlsx({ report, unit }), { cellNF: true });
    const income = cell(workbook, 'Resultaträkning', headerRow + 1, firstAmountColumn);
    t.is(cell(workbook, 'Resultaträkning', headerRow + 1, 0).v, 'Verksamhetens intäkter');
    t.deepEqual([income.t, income.v, income.z, income.w], ['n', 1234567.89, format, shown]);
    const costs = cell(workbook, 'Resultaträkning', headerRow + 2, firstAmountColumn);
    t.is(costs.v, -1500.5);
    t.regex(String(cell(workbook, 'Resultaträkning', 1, 0).v), new RegExp(`^Belopp i ${unit}\\.`));
  }
});

test('one sheet per statement, then the guidelines; no participant sheet without tables; same bytes twice', async (t) => {
  const report = await (await smallLedger()).annualReport(2021);
  const bytes = annualReportXlsx({ report, unit: 'tkr' });
  t.true(Buffer.from(annualReportXlsx({ report, unit: 'tkr' })).equals(Buffer.from(bytes)));
  // SheetJS's read marks the array it reads with properties of its own: read it last.
  t.deepEqual(XLSX.read(bytes).SheetNames, [...Object.values(statementSheetNames), 'Riktlinjer']);
  const withParticipants = annualReportXlsx({
    report,
    unit: 'tkr',
    participants: { år: 2021, insatser: [] },
  });
  t.is(XLSX.read(withParticipants).SheetNames.at(-1), 'Deltagare');
});

test('financialReport false leaves the participant sheet alone; with no participant tables either, NOTHING_TO_WRITE', async (t) => {
  const report = await (await smallLedger()).annualReport(2021);
  const participants = { år: 2021, insatser: [] };
  const bytes = annualReportXlsx({ report, unit: 'tkr', financialReport: false, participants });
  t.deepEqual(XLSX.read(bytes).SheetNames, ['Deltagare']);
  const error = t.throws(() => annualReportXlsx({ report, unit: 'tkr', financialReport: false }));
  t.true(isXlsxError(error, 'NOTHING_TO_WRITE'));
  t.deepEqual(isXlsxError(error) ? error.issues.map((issue) => [issue.path, issue.rule]) : [], [
    ['participants', 'some-sheet'],
  ]);
});

test('a notice is a first sheet of its own and the workbook’s comments, the other sheets unchanged; same bytes twice', async (t) => {
  const report = await (await smallLedger()).annualReport(2021);
  const notice =
    'Bokföringen som den var lagrad 2021-04-19 (--as-of): det som lagrats senare ingår inte.';
  const bytes = annualReportXlsx({ report, unit: 'tkr', notice });
  t.true(Buffer.from(annualReportXlsx({ report, unit: 'tkr', notice })).equals(Buffer.from(bytes)));
  const plain = XLSX.read(annualReportXlsx({ report, unit: 'tkr' }));
  const workbook = XLSX.read(bytes);
  t.deepEqual(workbook.SheetNames, [noticeSheetName, ...plain.SheetNames]);
  t.is(workbook.Sheets[noticeSheetName]!['A1']?.v, notice);
  t.is(workbook.Props?.Comments, notice);
  t.deepEqual(workbook.Sheets['Resultaträkning'], plain.Sheets['Resultaträkning']);
});
