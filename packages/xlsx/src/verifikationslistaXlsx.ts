import {
  verifikationslistaCsvColumns,
  verifikationslistaRecords,
  type Verifikationslista,
} from '@finsam-ledger/core';
import { listingSheet } from './listingSheet.js';
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
 * The verifikationslista as an xlsx workbook: one sheet, {@link verifikationslistaSheetName},
 * with a title, a caption, the CSV's header (`verifikationslistaCsvColumns`) and its records, one
 * per line of every verifikation; debet and kredit as number cells holding the exact kronor
 * (see `exactCellNumber`) shown with öre, dates as text `YYYY-MM-DD`. Pure: the list in, bytes
 * out; the same list gives the same bytes.
 */
export function verifikationslistaXlsx(
  list: Verifikationslista,
  options: ListingXlsxOptions = {},
): Uint8Array {
  const title = `Verifikationslista ${list.år}`;
  const sheet = listingSheet({
    sheetName: verifikationslistaSheetName,
    title,
    caption: 'Belopp i kr med öre. Cellerna håller exakta kronor; en rad per verifikationsrad.',
    columns: verifikationslistaCsvColumns,
    records: verifikationslistaRecords(list),
  });
  return workbookBytes([[verifikationslistaSheetName, sheet]], title, options.notice);
}
