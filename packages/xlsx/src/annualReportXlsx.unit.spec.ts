import test from 'ava';
import * as XLSX from '@e965/xlsx';
import { createLedger, getInMemoryEventStore, type Ledger } from '@finsam-ledger/core';
import { annualReportXlsx, noticeSheetName, statementSheetNames } from './annualReportXlsx.js';
import { isXlsxError } from './error.js';
import { statementSheetLayout } from './statementSheet.js';

const metadata = { recordedAt: '2021-01-31T10:00:00.000Z', recordedBy: 'test' };

async function smallLedger(): Promise<Ledger> {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test', namn: 'Test' });
  await ledger.record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2021-01-01',
      text: 'Ingående balans',
      kassaOchBank: '1000000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000000.00',
      öppnaPoster: [],
    },
    { metadata },
  )();
  await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2021-02-01',
      medlem: 'Försäkringskassan',
      medlemskategori: 'staten',
      period: '2021',
      belopp: '1234567.89',
    },
    { metadata },
  )();
  await ledger.record(
    'KostnadBokförd',
    {
      datum: '2021-03-01',
      område: 'operativa',
      post: 'Personal',
      belopp: '1500.50',
      moms: '0.00',
      text: 'Lön',
      betalning: { sätt: 'bank' },
    },
    { metadata },
  )();
  return ledger;
}

const cell = (workbook: XLSX.WorkBook, sheet: string, row: number, column: number) =>
  workbook.Sheets[sheet]![XLSX.utils.encode_cell({ r: row, c: column })] as XLSX.CellObject;

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
