import * as XLSX from '@e965/xlsx';
import { cellSignificantDigitsMax } from './exactCellNumber.js';

/**
 * One cell of a table read from a spreadsheet, as its author typed it: text as typed, a number
 * with the decimal it stands for, a date as `YYYY-MM-DD`, a truth value.
 */
export type SheetCell =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly number: number; readonly decimal: string }
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'boolean'; readonly value: boolean };

/** A sheet read as a table: its name and its rows from row 1, an empty cell `undefined`. */
export interface SheetTable {
  readonly name: string;
  readonly rows: readonly (readonly (SheetCell | undefined)[])[];
}

/** What {@link readSheetTables} reads: a CSV file's text or an xlsx file's bytes. */
export type SpreadsheetInput =
  | { readonly format: 'csv'; readonly text: string }
  | { readonly format: 'xlsx'; readonly bytes: Uint8Array };

/**
 * The decimal a cell's number stands for: at most {@link cellSignificantDigitsMax} significant
 * digits, as a spreadsheet shows and keeps it, so that a sum computed in the sheet
 * (`=0.1+0.2`, stored as 0.30000000000000004) is the `0.3` its author sees. Rounded by
 * `toPrecision`, which rounds the double's exact decimal expansion, not by arithmetic on it.
 */
export const decimalOfCellNumber = (number: number): string =>
  String(Number(number.toPrecision(cellSignificantDigitsMax)));

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/** A date cell's day as `YYYY-MM-DD`, from its serial number by SheetJS's date code. */
function dateOfSerial(serial: number): string {
  const { y, m, d } = XLSX.SSF.parse_date_code(serial) as { y: number; m: number; d: number };
  return `${String(y).padStart(4, '0')}-${twoDigits(m)}-${twoDigits(d)}`;
}

/** A SheetJS cell as a {@link SheetCell}; an empty or blank-text cell is `undefined`. */
function cellOf(cell: XLSX.CellObject | undefined): SheetCell | undefined {
  if (cell === undefined || cell.v === undefined || cell.t === 'z' || cell.t === 'e')
    return cell?.t === 'e' ? { kind: 'text', text: String(cell.w ?? '#ERROR') } : undefined;
  if (cell.t === 'n') {
    const number = cell.v as number;
    if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z) === true)
      return { kind: 'date', date: dateOfSerial(number) };
    return { kind: 'number', number, decimal: decimalOfCellNumber(number) };
  }
  if (cell.t === 'b') return { kind: 'boolean', value: cell.v as boolean };
  const text = String(cell.v);
  return text.trim() === '' ? undefined : { kind: 'text', text };
}

/** A sheet's cells as rows from row 1 (A1), to the last row and column that hold anything. */
function tableOf(name: string, sheet: XLSX.WorkSheet): SheetTable {
  const reference = sheet['!ref'];
  if (reference === undefined) return { name, rows: [] };
  const range = XLSX.utils.decode_range(reference);
  const rows: (SheetCell | undefined)[][] = [];
  for (let row = 0; row <= range.e.r; row += 1) {
    const cells: (SheetCell | undefined)[] = [];
    for (let column = 0; column <= range.e.c; column += 1)
      cells.push(cellOf(sheet[XLSX.utils.encode_cell({ r: row, c: column })] as XLSX.CellObject));
    rows.push(cells);
  }
  return { name, rows };
}

/**
 * Every sheet of a spreadsheet as a table, in the workbook's order, read with SheetJS (see
 * docs/decisions.md). A CSV file is one sheet of text cells, taken as typed (`raw`: SheetJS
 * guesses no numbers or dates in it, so `1234.50` stays `1234.50`). An xlsx file's number cells
 * come with their decimal ({@link decimalOfCellNumber}), its date cells (a number in a date
 * format) as `YYYY-MM-DD`. Throws SheetJS's error for bytes that are no workbook.
 */
export function readSheetTables(input: SpreadsheetInput): SheetTable[] {
  const workbook =
    input.format === 'csv'
      ? XLSX.read(input.text, { type: 'string', raw: true, dense: false })
      : XLSX.read(input.bytes, { type: 'array', cellDates: false, cellNF: true, dense: false });
  return workbook.SheetNames.map((name) => tableOf(name, workbook.Sheets[name]!));
}
