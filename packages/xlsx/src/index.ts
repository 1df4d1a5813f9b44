/**
 * `@finsam-ledger/xlsx`: a förbund's annual report as an Excel workbook, one sheet per statement,
 * exact kronor in the cells and the presentation unit (kr, tkr, mkr) in the number formats; the
 * listings (verifikationslista, huvudbok, reskontra) as workbooks of their CSV tables; and the
 * other way, a spreadsheet's (xlsx or CSV) sheets read as tables of cells.
 * Pure: report data in, bytes out. Written with SheetJS Community Edition (see
 * docs/decisions.md).
 *
 * @packageDocumentation
 */
export * from './error.js';
export * from './exactCellNumber.js';
export * from './numberFormats.js';
export { statementSheetLayout } from './statementSheet.js';
export { guidelineSheetColumns } from './guidelineSheet.js';
export * from './annualReportXlsx.js';
export { listingSheetLayout } from './listingSheet.js';
export * from './verifikationslistaXlsx.js';
export * from './huvudbokXlsx.js';
export * from './reskontraXlsx.js';
export * from './readSheetTables.js';
export { dateTimeNumberFormat, swedishMinuteSerial, wholeNumberFormat } from './swedishTimeCell.js';
