import test from 'ava';
import * as XLSX from '@e965/xlsx';
import {
  getInMemoryEventStore,
  huvudbokCsvColumns,
  replayHuvudbok,
  replayVerifikationslista,
  verifikationslistaCsvColumns,
} from '@finsam-ledger/core';
import { amountOfCellNumber } from './exactCellNumber.js';
import { huvudbokSheetName, huvudbokXlsx } from './huvudbokXlsx.js';
import { listingSheetLayout } from './listingSheet.js';
import { dateTimeNumberFormat } from './swedishTimeCell.js';
import {
  registreradSwedishHeader,
  verifikationslistaSheetName,
  verifikationslistaXlsx,
} from './verifikationslistaXlsx.js';
import { noticeSheetName } from './workbookBytes.js';
import { cell, smallLedger } from './workbookSpecs.testSupport.js';

const { headerRow } = listingSheetLayout;

async function books() {
  const store = getInMemoryEventStore();
  const ledger = await smallLedger(store);
  return {
    list: await replayVerifikationslista(store.readStream(ledger.streamId), 2021),
    book: await replayHuvudbok(store.readStream(ledger.streamId), 2021),
  };
}

/** The header row of a listing sheet, as read back. */
const headerOf = (workbook: XLSX.WorkBook, sheet: string, columns: number) =>
  Array.from({ length: columns }, (_, column) => cell(workbook, sheet, headerRow, column).v);

test('the verifikationslista sheet: title, the CSV header, one row per line with number, date, konto and exact amounts', async (t) => {
  const { list } = await books();
  const workbook = XLSX.read(verifikationslistaXlsx(list), { cellNF: true });
  const name = verifikationslistaSheetName;
  t.deepEqual(workbook.SheetNames, [name]);
  t.is(cell(workbook, name, 0, 0).v, 'Verifikationslista 2021');
  const columns = verifikationslistaCsvColumns;
  t.deepEqual(
    headerOf(workbook, name, columns.length),
    columns.map((key) => (key === 'registrerad' ? registreradSwedishHeader : key)),
  );
  const column = (key: (typeof columns)[number]) => columns.indexOf(key);
  const contribution = list.verifikationer.find((post) => post.datum === '2021-02-01')!;
  const linesBefore = list.verifikationer
    .slice(0, list.verifikationer.indexOf(contribution))
    .reduce((sum, post) => sum + post.rader.length, 0);
  contribution.rader.forEach((rad, index) => {
    const row = headerRow + 1 + linesBefore + index;
    const at = (key: (typeof columns)[number]) => cell(workbook, name, row, column(key));
    t.deepEqual(
      [at('verifikation').v, at('datum').t, at('datum').v],
      [contribution.nummer, 's', '2021-02-01'],
    );
    t.is(at('konto').v, rad.konto);
    const amount = rad.debet ?? rad.kredit!;
    const amountCell = at(rad.debet === null ? 'kredit' : 'debet');
    t.deepEqual([amountCell.t, amountCell.z], ['n', '#,##0.00']);
    t.true(amountOfCellNumber(amountCell.v as number).equals(amount));
    // The other side is no cell at all, as the CSV's field is empty.
    t.is(at(rad.debet === null ? 'debet' : 'kredit') as XLSX.CellObject | undefined, undefined);
  });
  t.true(contribution.rader.some((rad) => rad.debet?.toString() === '1234567.89'));
  const rows = list.verifikationer.reduce((sum, post) => sum + post.rader.length, 0);
  t.is(XLSX.utils.decode_range(workbook.Sheets[name]!['!ref']!).e.r, headerRow + rows);
});

test('the huvudbok sheet: per account the opening balance, each transaction with its running balance, the closing balance', async (t) => {
  const { book } = await books();
  const workbook = XLSX.read(huvudbokXlsx(book));
  const name = huvudbokSheetName;
  t.is(cell(workbook, name, 0, 0).v, 'Huvudbok 2021');
  const columns = huvudbokCsvColumns;
  t.deepEqual(headerOf(workbook, name, columns.length), [...columns]);
  let row = headerRow + 1;
  for (const konto of book.konton) {
    const at = (key: (typeof columns)[number]) => cell(workbook, name, row, columns.indexOf(key));
    t.deepEqual([at('konto').v, at('typ').v], [konto.konto, 'ingående balans']);
    t.true(amountOfCellNumber(at('saldo').v as number).equals(konto.ingåendeBalans));
    row += 1;
    for (const transaktion of konto.transaktioner) {
      t.deepEqual(
        [at('datum').v, at('verifikation').v],
        [transaktion.datum, transaktion.verifikation],
      );
      t.true(amountOfCellNumber(at('belopp').v as number).equals(transaktion.belopp));
      t.true(amountOfCellNumber(at('saldo').v as number).equals(transaktion.saldo));
      row += 1;
    }
    t.true(amountOfCellNumber(at('saldo').v as number).equals(konto.utgåendeBalans));
    row += 1;
  }
  t.true(
    book.konton.some((konto) =>
      konto.transaktioner.some((line) => line.belopp.toString() === '-1500.50'),
    ),
  );
});

test('a listing workbook is the same bytes twice; a notice comes first, on its own sheet', async (t) => {
  const { list, book } = await books();
  for (const write of [
    (notice?: string) => verifikationslistaXlsx(list, notice === undefined ? {} : { notice }),
    (notice?: string) => huvudbokXlsx(book, notice === undefined ? {} : { notice }),
  ]) {
    t.true(Buffer.from(write()).equals(Buffer.from(write())));
    const notice = 'Som bokföringen var lagrad 2021-06-30.';
    t.true(Buffer.from(write(notice)).equals(Buffer.from(write(notice))));
    const workbook = XLSX.read(write(notice));
    t.is(workbook.SheetNames[0], noticeSheetName);
    t.is(workbook.SheetNames.length, 2);
    t.is(cell(workbook, noticeSheetName, 0, 0).v, notice);
  }
});

/** The `registrerad` cells of a verifikationslista workbook, as the minute they show. */
const registrationMinutes = (workbook: XLSX.WorkBook, rows: number): string[] =>
  Array.from({ length: rows }, (_, index) => {
    const at = cell(
      workbook,
      verifikationslistaSheetName,
      headerRow + 1 + index,
      verifikationslistaCsvColumns.indexOf('registrerad'),
    );
    if (at.t !== 'n' || at.z !== dateTimeNumberFormat) throw new Error(`not a date-time: ${at.v}`);
    const { y, m, d, H, M } = XLSX.SSF.parse_date_code(at.v as number);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${y}-${two(m)}-${two(d)} ${two(H)}:${two(M)}`;
  });

test('registrerad is a date-time cell of the minute in Sweden: 22:30 UTC is 23:30 in winter, 00:30 the next day in summer', async (t) => {
  // The store stamps the three events 2021-03-27 22:30 UTC (CET), 2021-03-28 22:30 UTC (CEST,
  // after the clocks went forward that night) and 2021-10-31 22:30 UTC (CET again).
  const stamps = [
    '2021-03-27T22:30:00.000Z',
    '2021-03-28T22:30:00.000Z',
    '2021-10-31T22:30:00.000Z',
  ];
  let stamp = 0;
  const store = getInMemoryEventStore({ clock: () => new Date(stamps[stamp++]!) });
  const ledger = await smallLedger(store);
  const list = await replayVerifikationslista(store.readStream(ledger.streamId), 2021);
  t.deepEqual(
    list.verifikationer.map((post) => post.registrerad),
    stamps,
    'the CSV and JSON keep the instant',
  );
  const workbook = XLSX.read(verifikationslistaXlsx(list), { cellNF: true });
  const rows = list.verifikationer.reduce((sum, post) => sum + post.rader.length, 0);
  const minutes = registrationMinutes(workbook, rows);
  const perLine = list.verifikationer.flatMap((post, index) =>
    post.rader.map(() => ['2021-03-27 23:30', '2021-03-29 00:30', '2021-10-31 23:30'][index]),
  );
  t.deepEqual(minutes, perLine);
});
