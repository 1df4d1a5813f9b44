import test from 'ava';
import * as XLSX from '@e965/xlsx';
import { getInMemoryEventStore, replayReskontra, reskontraCsvColumns } from '@finsam-ledger/core';
import { recordReskontraScenario2021 } from '@finsam-ledger/core/testing';
import { amountOfCellNumber } from './exactCellNumber.js';
import { listingSheetLayout } from './listingSheet.js';
import {
  reskontraAvstämningColumns,
  reskontraAvstämningSheetName,
  reskontraSheetName,
  reskontraXlsx,
} from './reskontraXlsx.js';
import { noticeSheetName } from './workbookBytes.js';
import { cell } from './workbookSpecs.testSupport.js';

const { headerRow } = listingSheetLayout;

/** The reskontra at 2021-05-15 of core's shared scenario (see recordReskontraScenario2021). */
async function book() {
  const store = getInMemoryEventStore();
  const streamId = await recordReskontraScenario2021(store);
  return replayReskontra(store.readStream(streamId), '2021-05-15');
}

const rowsOf = (workbook: XLSX.WorkBook, sheet: string) =>
  XLSX.utils.sheet_to_json<(string | number | null)[]>(workbook.Sheets[sheet]!, {
    header: 1,
    defval: null,
    raw: true,
    range: headerRow,
  });

const amount = (value: string | number | null | undefined): string =>
  amountOfCellNumber(value as number).toString();

test('the reskontra sheet: the CSV header, each open item with exact amounts and its days overdue as a number, then sum, balance and ospecificerat', async (t) => {
  const workbook = XLSX.read(reskontraXlsx(await book()), { cellNF: true });
  t.deepEqual(workbook.SheetNames, [reskontraSheetName, reskontraAvstämningSheetName]);
  t.is(cell(workbook, reskontraSheetName, 0, 0).v, 'Reskontra per 2021-05-15');
  const rows = rowsOf(workbook, reskontraSheetName);
  t.deepEqual(rows[0], [...reskontraCsvColumns]);
  const column = (key: (typeof reskontraCsvColumns)[number]) => reskontraCsvColumns.indexOf(key);
  const kf1 = rows.find((row) => row[column('post-id')] === 'KF-1')!;
  t.deepEqual(
    [kf1[column('konto')], kf1[column('datum')], kf1[column('förfallodatum')]],
    ['1510', '2021-02-01', '2021-03-01'],
  );
  // 2021-03-01 to 2021-05-15: 75 days, a number cell, not text.
  t.is(kf1[column('dagar-efter-förfallodatum')], 75);
  t.is(kf1[column('förfalloklass')], '61-90-dagar');
  t.is(amount(kf1[column('ursprungligt-belopp')]), '100000.00');
  t.is(amount(kf1[column('öppet-belopp')]), '60000.00');
  const kf1Row = headerRow + rows.indexOf(kf1);
  const openCell = cell(workbook, reskontraSheetName, kf1Row, column('öppet-belopp'));
  t.deepEqual([openCell.t, openCell.z], ['n', '#,##0.00']);
  const daysCell = cell(workbook, reskontraSheetName, kf1Row, column('dagar-efter-förfallodatum'));
  t.deepEqual([daysCell.t, daysCell.z], ['n', '0']);
  const total = (konto: string, typ: string) =>
    rows.find((row) => row[column('konto')] === konto && row[column('typ')] === typ)!;
  t.is(amount(total('1510', 'summa öppna poster')[column('öppet-belopp')]), '80000.00');
  t.is(amount(total('1510', 'saldo enligt huvudbok')[column('öppet-belopp')]), '85000.00');
  t.is(amount(total('1510', 'ospecificerat')[column('öppet-belopp')]), '5000.00');
  t.is(total('1510', 'ospecificerat')[column('ursprungligt-belopp')], null);
  const ibL = rows.find((row) => row[column('post-id')] === 'IB-L')!;
  t.is(ibL[column('dagar-efter-förfallodatum')], 104);
  t.is(amount(ibL[column('öppet-belopp')]), '3000.00');
});

test('the avstämning sheet: per account the ageing, the items against the huvudbok, whether they explain it, and the conclusion', async (t) => {
  const workbook = XLSX.read(reskontraXlsx(await book()));
  const name = reskontraAvstämningSheetName;
  t.is(cell(workbook, name, 0, 0).v, 'Avstämning av reskontran per 2021-05-15');
  const rows = rowsOf(workbook, name);
  t.deepEqual(rows[0], [...reskontraAvstämningColumns]);
  const column = (key: (typeof reskontraAvstämningColumns)[number]) =>
    reskontraAvstämningColumns.indexOf(key);
  const account = (konto: string) => rows.find((row) => row[column('Konto')] === konto)!;
  const receivables = account('1510');
  t.deepEqual(
    [receivables[column('Kontonamn')], receivables[column('Sida')], receivables[column('Stämmer')]],
    ['Kundfordringar', 'fordran (debet)', 'nej'],
  );
  t.is(amount(receivables[column('Förfallet 61–90 dagar')]), '60000.00');
  t.is(amount(receivables[column('Förfallet 31–60 dagar')]), '20000.00');
  t.is(amount(receivables[column('Ej förfallet')]), '0.00');
  t.is(amount(receivables[column('Summa öppna poster')]), '80000.00');
  t.is(amount(receivables[column('Saldo enligt huvudbok')]), '85000.00');
  t.is(amount(receivables[column('Ospecificerat')]), '5000.00');
  const payables = account('2440');
  t.deepEqual([payables[column('Sida')], payables[column('Stämmer')]], ['skuld (kredit)', 'ja']);
  t.is(amount(payables[column('Förfallet mer än 90 dagar')]), '3000.00');
  t.is(amount(payables[column('Förfallet 31–60 dagar')]), '10000.00');
  t.is(amount(payables[column('Ej förfallet')]), '30000.00');
  t.is(amount(payables[column('Saldo enligt huvudbok')]), '43000.00');
  const prepaid = account('1790');
  t.deepEqual([prepaid[column('Sida')], prepaid[column('Stämmer')]], ['fordran (debet)', 'ja']);
  t.is(amount(prepaid[column('Utan förfallodatum')]), '30000.00');
  t.is(
    rows.at(-1)![0],
    'Kontroll: på minst ett konto förklarar de öppna posterna inte saldot (se "Ospecificerat").',
  );
});

test('the reskontra workbook is the same bytes twice; a notice comes first, on its own sheet', async (t) => {
  const reskontra = await book();
  t.true(Buffer.from(reskontraXlsx(reskontra)).equals(Buffer.from(reskontraXlsx(reskontra))));
  const notice = 'Som bokföringen var lagrad 2021-06-30.';
  const workbook = XLSX.read(reskontraXlsx(reskontra, { notice }));
  t.deepEqual(workbook.SheetNames, [
    noticeSheetName,
    reskontraSheetName,
    reskontraAvstämningSheetName,
  ]);
  t.is(cell(workbook, noticeSheetName, 0, 0).v, notice);
});
