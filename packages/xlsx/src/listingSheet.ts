import type { ListingField } from '@finsam-ledger/core';
import { exactCellNumber } from './exactCellNumber.js';
import { öreNumberFormat } from './numberFormats.js';
import { SheetBuilder, type CellInput } from './SheetBuilder.js';

/**
 * Where a listing sheet puts its table (0-based): the title in row 0, the caption in row 1, the
 * column header (the CSV's) in {@link listingSheetLayout.headerRow}, then one row per CSV record.
 */
export const listingSheetLayout = { headerRow: 2 } as const;

/** What a listing sheet is made of: the CSV's header and records, a title and a caption. */
export interface ListingSheetInput {
  readonly sheetName: string;
  readonly title: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly records: readonly (readonly ListingField[])[];
}

/**
 * A field's cell: an amount as exact kronor with öre, text as text (a date stays the text
 * `YYYY-MM-DD`, as in the CSV), an empty field as no cell.
 */
const listingCell = (field: ListingField, path: string): CellInput => {
  if (field === null || field === '') return undefined;
  if (typeof field === 'string') return field;
  return { number: exactCellNumber(field, path), format: öreNumberFormat };
};

/** The sheet of a listing: the same table as its CSV, amounts as exact number cells. */
export function listingSheet(input: ListingSheetInput): SheetBuilder {
  const sheet = new SheetBuilder()
    .add(input.title)
    .add(input.caption)
    .add(...input.columns);
  input.records.forEach((record, index) =>
    sheet.add(
      ...record.map((field, column) =>
        listingCell(field, `${input.sheetName}[${index}].${input.columns[column] ?? column}`),
      ),
    ),
  );
  return sheet;
}
