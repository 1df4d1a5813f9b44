import * as XLSX from '@e965/xlsx';

/** One cell as the builder takes it: text, a number with its format, or a yes/no. */
export type CellInput =
  string | boolean | { readonly number: number; readonly format: string } | undefined;

/**
 * A worksheet built row by row. SheetJS's `aoa_to_sheet` writes text and numbers; the number
 * format of each number cell is set on the cell object (`z`), which SheetJS writes to the
 * workbook's style table.
 */
export class SheetBuilder {
  private readonly rows: CellInput[][] = [];

  /** Appends one row. */
  add(...cells: CellInput[]): this {
    this.rows.push(cells);
    return this;
  }

  /** Appends an empty row. */
  blank(): this {
    return this.add();
  }

  /** The worksheet, with column widths fitted to the text. */
  toWorksheet(): XLSX.WorkSheet {
    const values = this.rows.map((row) =>
      row.map((cell) => (typeof cell === 'object' ? cell.number : cell)),
    );
    const sheet = XLSX.utils.aoa_to_sheet(values);
    this.rows.forEach((row, rowIndex) =>
      row.forEach((cell, columnIndex) => {
        if (typeof cell !== 'object') return;
        const address = XLSX.utils.encode_cell({ r: rowIndex, c: columnIndex });
        sheet[address]!.z = cell.format;
      }),
    );
    sheet['!cols'] = this.columnWidths();
    return sheet;
  }

  private columnWidths(): XLSX.ColInfo[] {
    const widths: number[] = [];
    for (const row of this.rows.slice(2))
      row.forEach((cell, index) => {
        const length = typeof cell === 'string' ? cell.length : 14;
        widths[index] = Math.min(60, Math.max(widths[index] ?? 8, length + 2));
      });
    return widths.map((wch) => ({ wch }));
  }
}
