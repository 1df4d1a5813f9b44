import * as XLSX from '@e965/xlsx';
import { SheetBuilder } from './SheetBuilder.js';

/** The first sheet of a workbook given a notice. */
export const noticeSheetName = 'Anmärkning';

/**
 * The bytes of a workbook of `sheets` in order, titled `title`. A `notice` (e.g. that the books
 * are shown as stored at an earlier instant) comes first, on the sheet {@link noticeSheetName},
 * so that a reader opening the workbook sees it before any figure, and in the workbook's
 * comments. The same sheets give the same bytes.
 */
export function workbookBytes(
  sheets: readonly (readonly [string, SheetBuilder])[],
  title: string,
  notice: string | undefined,
): Uint8Array {
  const ordered =
    notice === undefined
      ? sheets
      : [[noticeSheetName, new SheetBuilder().add(notice)] as const, ...sheets];
  const workbook = XLSX.utils.book_new();
  for (const [name, sheet] of ordered)
    XLSX.utils.book_append_sheet(workbook, sheet.toWorksheet(), name);
  workbook.Props = {
    Title: title,
    Author: 'finsam-ledger',
    ...(notice === undefined ? {} : { Comments: notice }),
  };
  const bytes = XLSX.write(workbook, { type: 'array', bookType: 'xlsx', compression: true });
  return new Uint8Array(bytes as ArrayBuffer);
}
