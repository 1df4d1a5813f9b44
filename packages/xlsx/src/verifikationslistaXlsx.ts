import {
  verifikationslistaCsvColumns,
  verifikationslistaRecords,
  type Verifikationslista,
} from '@finsam-ledger/core';
import { listingSheet, type ListingColumn } from './listingSheet.js';
import { swedishTimeCell } from './swedishTimeCell.js';
import { workbookBytes } from './workbookBytes.js';

/** The sheet of {@link verifikationslistaXlsx}'s workbook. */
export const verifikationslistaSheetName = 'Verifikationslista';

/** What a listing's workbook may say besides the listing. */
export interface ListingXlsxOptions {
  /**
   * A sentence the workbook says before anything else, e.g. that it shows the books as stored at
   * an earlier instant (`--as-of`): a first sheet, `noticeSheetName`, and the workbook's
   * comments.
   */
  readonly notice?: string;
}

/**
 * The header of the verifikationslista sheet's registration column: the CSV's `registrerad` holds
 * the UTC instant, the sheet the time in Sweden.
 */
export const registreradSwedishHeader = 'registrerad (svensk tid)';

/** The sheet's columns: the CSV's, `registrerad` a date-time cell in Swedish time. */
const verifikationslistaColumns: readonly ListingColumn[] = verifikationslistaCsvColumns.map(
  (column) =>
    column === 'registrerad' ? { header: registreradSwedishHeader, cell: swedishTimeCell } : column,
);

/**
 * The verifikationslista as an xlsx workbook: one sheet, {@link verifikationslistaSheetName},
 * with a title, a caption, the CSV's header (`verifikationslistaCsvColumns`) and its records, one
 * per line of every verifikation; debet and kredit as number cells holding the exact kronor
 * (see `exactCellNumber`) shown with öre, dates as text `YYYY-MM-DD`. The registration is the
 * one field that differs from the CSV: where the CSV has the UTC instant, the sheet has a
 * date-time cell (`yyyy-mm-dd hh:mm`) of the minute in Sweden, under the header
 * {@link registreradSwedishHeader} (see `swedishMinuteSerial`). Pure: the list in, bytes out;
 * the same list gives the same bytes.
 */
export function verifikationslistaXlsx(
  list: Verifikationslista,
  options: ListingXlsxOptions = {},
): Uint8Array {
  const title = `Verifikationslista ${list.år}`;
  const sheet = listingSheet({
    sheetName: verifikationslistaSheetName,
    title,
    caption:
      'Belopp i kr med öre. Cellerna håller exakta kronor; en rad per verifikationsrad; registrerad i svensk tid.',
    columns: verifikationslistaColumns,
    records: verifikationslistaRecords(list),
  });
  return workbookBytes([[verifikationslistaSheetName, sheet]], title, options.notice);
}
