import { huvudbokCsvColumns, huvudbokRecords, type Huvudbok } from '@finsam-ledger/core';
import { listingSheet } from './listingSheet.js';
import type { ListingXlsxOptions } from './verifikationslistaXlsx.js';
import { workbookBytes } from './workbookBytes.js';

/** The sheet of {@link huvudbokXlsx}'s workbook. */
export const huvudbokSheetName = 'Huvudbok';

/**
 * The huvudbok as an xlsx workbook: one sheet, {@link huvudbokSheetName}, with a title, a
 * caption, the CSV's header (`huvudbokCsvColumns`) and its records: per account the opening
 * balance, each transaction with the running balance, the closing balance; belopp and saldo as
 * number cells holding the exact kronor (see `exactCellNumber`) shown with öre, dates as text
 * `YYYY-MM-DD`. Pure: the book in, bytes out; the same book gives the same bytes.
 */
export function huvudbokXlsx(book: Huvudbok, options: ListingXlsxOptions = {}): Uint8Array {
  const title = `Huvudbok ${book.år}`;
  const sheet = listingSheet({
    sheetName: huvudbokSheetName,
    title,
    caption:
      'Belopp i kr med öre; debet positivt, kredit negativt; saldo efter varje transaktion. Cellerna håller exakta kronor.',
    columns: huvudbokCsvColumns,
    records: huvudbokRecords(book),
  });
  return workbookBytes([[huvudbokSheetName, sheet]], title, options.notice);
}
