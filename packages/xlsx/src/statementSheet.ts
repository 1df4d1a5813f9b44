import {
  footnoteLines,
  footnoteMarksOf,
  footnoteMarkText,
  type MoneyUnit,
  type Statement,
  type StatementRow,
} from '@finsam-ledger/core';
import { exactCellNumber } from './exactCellNumber.js';
import { moneyNumberFormat, unitCaption, årsarbetareNumberFormat } from './numberFormats.js';
import { SheetBuilder, type CellInput } from './SheetBuilder.js';

/**
 * Where a statement sheet puts its table (0-based): the title in row 0, the unit caption in
 * row 1, the column header in {@link statementSheetLayout.headerRow}, then one row per
 * statement row in order. Column 0 holds the row's label (indented by two spaces per level,
 * followed by its footnote marks such as ` [1]`, as the text report prints them), column 1 its
 * note, the amounts from {@link statementSheetLayout.firstAmountColumn}, one
 * column per statement column.
 */
export const statementSheetLayout = { headerRow: 2, firstAmountColumn: 2 } as const;

const indented = (row: StatementRow): string => `${'  '.repeat((row.level ?? 1) - 1)}${row.label}`;

function amountCells(statement: Statement, row: StatementRow, unit: MoneyUnit): CellInput[] {
  const format = row.unit === 'årsarbetare' ? årsarbetareNumberFormat : moneyNumberFormat(unit);
  return row.amounts.map((amount, index) =>
    amount === null
      ? undefined
      : {
          number: exactCellNumber(amount, `${statement.name}.${row.key}.amounts[${index}]`),
          format,
        },
  );
}

/**
 * The sheet of one statement: its rows with exact kronor in the cells and `unit` (or the
 * statement's fixed unit, mkr for the flerårsöversikt) in the number format; under the table its
 * footnotes (corrections, historical figures: marked on the rows' labels or the columns'
 * headers where {@link footnoteMarksOf} puts them), the columns' sources when not the books,
 * and the statement's notes.
 */
export function statementSheet(statement: Statement, requestedUnit: MoneyUnit): SheetBuilder {
  const unit = statement.fixedUnit ?? requestedUnit;
  const marks = footnoteMarksOf(statement);
  const sheet = new SheetBuilder()
    .add(`${statement.name} ${statement.year}`)
    .add(unitCaption(unit))
    .add(
      'Post',
      'Not',
      ...statement.columns.map(
        (column, index) => column.label + footnoteMarkText(marks.columns[index]),
      ),
    );
  for (const row of statement.rows)
    sheet.add(
      indented(row) + footnoteMarkText(marks.rows.get(row.key)),
      row.note === undefined ? undefined : String(row.note),
      ...amountCells(statement, row, unit),
    );
  const below = [
    ...footnoteLines(statement),
    ...statement.columns
      .filter((column) => column.source !== 'bokföring')
      .map((column) => `${column.label}: ${column.source}`),
    ...(statement.notes ?? []),
  ];
  if (below.length > 0) sheet.blank();
  for (const line of below) sheet.add(line);
  return sheet;
}
