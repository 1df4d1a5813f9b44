import {
  förfalloklassLabels,
  förfalloklasser,
  reskontraCsvColumns,
  reskontraKontroll,
  reskontraRecords,
  type ListingField,
  type Reskontra,
  type ReskontraKonto,
} from '@finsam-ledger/core';
import { listingSheet, type ListingColumn } from './listingSheet.js';
import { wholeNumberCell } from './swedishTimeCell.js';
import type { ListingXlsxOptions } from './verifikationslistaXlsx.js';
import { workbookBytes } from './workbookBytes.js';

/** The first sheet of {@link reskontraXlsx}'s workbook: the open items, the CSV's table. */
export const reskontraSheetName = 'Reskontra';

/** The second sheet of {@link reskontraXlsx}'s workbook: each account against the huvudbok. */
export const reskontraAvstämningSheetName = 'Avstämning';

/**
 * The header of the {@link reskontraAvstämningSheetName} sheet, in its row
 * `listingSheetLayout.headerRow`: the account, its side, the ageing (one column per
 * `förfalloklasser`, named by `förfalloklassLabels`), the items' sum, the balance in the
 * huvudbok, what the items do not explain, and whether they explain it all (`ja`, `nej`).
 */
export const reskontraAvstämningColumns = [
  'Konto',
  'Kontonamn',
  'Sida',
  ...förfalloklasser.map((klass) => förfalloklassLabels[klass]),
  'Summa öppna poster',
  'Saldo enligt huvudbok',
  'Ospecificerat',
  'Stämmer',
] as const;

/** The sheet's columns: the CSV's, the days past the due date as whole number cells. */
const reskontraColumns: readonly ListingColumn[] = reskontraCsvColumns.map((column) =>
  column === 'dagar-efter-förfallodatum' ? { header: column, cell: wholeNumberCell } : column,
);

/** One account's row of the avstämning. */
const avstämningRecord = (konto: ReskontraKonto): ListingField[] => [
  konto.konto,
  konto.namn,
  konto.sida === 'fordran' ? 'fordran (debet)' : 'skuld (kredit)',
  ...förfalloklasser.map((klass) => konto.perFörfalloklass[klass]),
  konto.summaPoster,
  konto.saldoEnligtHuvudbok,
  konto.ospecificerat,
  konto.ospecificerat.isZero() ? 'ja' : 'nej',
];

/**
 * The reskontra at `book.datum` as an xlsx workbook of two sheets. {@link reskontraSheetName}:
 * a title, a caption, the CSV's header (`reskontraCsvColumns`) and its records
 * (`reskontraRecords`): per account one row per open item, then the items' sum, the balance in
 * the huvudbok and what the items do not explain; amounts as number cells holding the exact
 * kronor (see `exactCellNumber`) shown with öre, each on the account's own side; days past the
 * due date as whole number cells (negative before it); dates as text `YYYY-MM-DD`, as in the
 * other listings. {@link reskontraAvstämningSheetName}: the check an ekonom signs, one row per
 * account ({@link reskontraAvstämningColumns}: ageing, sum, balance, ospecificerat, `ja`/`nej`),
 * then the conclusion of `reskontraKontroll`. Pure: the book in, bytes out; the same book gives
 * the same bytes.
 */
export function reskontraXlsx(book: Reskontra, options: ListingXlsxOptions = {}): Uint8Array {
  const title = `Reskontra per ${book.datum}`;
  const items = listingSheet({
    sheetName: reskontraSheetName,
    title,
    caption:
      'Öppna poster som de stod den dagen; belopp i kr med öre, på kontots sida (fordringar debet, skulder kredit). Cellerna håller exakta kronor.',
    columns: reskontraColumns,
    records: reskontraRecords(book),
  });
  const check = listingSheet({
    sheetName: reskontraAvstämningSheetName,
    title: `Avstämning av reskontran per ${book.datum}`,
    caption:
      'De öppna posterna per konto, åldersfördelade, mot kontots saldo i huvudboken; belopp i kr med öre.',
    columns: reskontraAvstämningColumns,
    records: book.konton.map(avstämningRecord),
  })
    .blank()
    .add(
      book.konton.length === 0
        ? 'Inga öppna poster och inga saldon på reskontrans konton.'
        : reskontraKontroll(book),
    );
  return workbookBytes(
    [
      [reskontraSheetName, items],
      [reskontraAvstämningSheetName, check],
    ],
    title,
    options.notice,
  );
}
