import type { ListingField } from '@finsam-ledger/core';
import { exactCellNumber } from './exactCellNumber.js';
import { öreNumberFormat } from './numberFormats.js';
import { SheetBuilder, type CellInput } from './SheetBuilder.js';

/**
 * Where a listing sheet puts its table (0-based): the title in row 0, the caption in row 1, the
 * column header (the CSV's) in {@link listingSheetLayout.headerRow}, then one row per CSV record.
 */
export const listingSheetLayout = { headerRow: 2 } as const;

/**
 * A column of a listing sheet: its header, the CSV's, or a header of its own with the cell its
 * text fields become (a time as a date-time cell, a count as a number cell).
 */
export type ListingColumn =
  string | { readonly header: string; readonly cell: (text: string, path: string) => CellInput };

/** What a listing sheet is made of: the CSV's header and records, a title and a caption. */
export interface ListingSheetInput {
  readonly sheetName: string;
  readonly title: string;
  readonly caption: string;
  readonly columns: readonly ListingColumn[];
  readonly records: readonly (readonly ListingField[])[];
}

const headerOf = (column: ListingColumn | undefined): string | undefined =>
  typeof column === 'object' ? column.header : column;

/**
 * A field's cell: an amount as exact kronor with öre, text as text (a date stays the text
 * `YYYY-MM-DD`, as in the CSV) or as its column makes it, an empty field as no cell.
 */
const listingCell = (field: ListingField, column: ListingColumn | undefined, path: string) => {
  if (field === null || field === '') return undefined;
  if (typeof field !== 'string')
    return { number: exactCellNumber(field, path), format: öreNumberFormat };
  return typeof column === 'object' ? column.cell(field, path) : field;
};

/** The sheet of a listing: the same table as its CSV, amounts as exact number cells. */
export function listingSheet(input: ListingSheetInput): SheetBuilder {
  const sheet = new SheetBuilder()
    .add(input.title)
    .add(input.caption)
    .add(...input.columns.map(headerOf));
  input.records.forEach((record, index) =>
    sheet.add(
      ...record.map((field, position): CellInput => {
        const column = input.columns[position];
        const path = `${input.sheetName}[${index}].${headerOf(column) ?? position}`;
        return listingCell(field, column, path);
      }),
    ),
  );
  return sheet;
}
