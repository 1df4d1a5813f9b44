import type { MoneyUnit, Statement, StatementRow } from '@finsam-ledger/core';
import { exactCellNumber } from './exactCellNumber.js';
import { moneyNumberFormat, unitCaption, årsarbetareNumberFormat } from './numberFormats.js';
import { SheetBuilder, type CellInput } from './SheetBuilder.js';

/**
 * Where a statement sheet puts its table (0-based): the title in row 0, the unit caption in
 * row 1, the column header in {@link statementSheetLayout.headerRow}, then one row per
 * statement row in order. Column 0 holds the row's label (indented by two spaces per level),
 * column 1 its note, the amounts from {@link statementSheetLayout.firstAmountColumn}, one
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
 * statement's fixed unit, mkr for the flerårsöversikt) in the number format; the columns' sources
 * when not the books, and the statement's notes, under the table.
 */
export function statementSheet(statement: Statement, requestedUnit: MoneyUnit): SheetBuilder {
  const unit = statement.fixedUnit ?? requestedUnit;
  const sheet = new SheetBuilder()
    .add(`${statement.name} ${statement.year}`)
    .add(unitCaption(unit))
    .add('Post', 'Not', ...statement.columns.map((column) => column.label));
  for (const row of statement.rows)
    sheet.add(
      indented(row),
      row.note === undefined ? undefined : String(row.note),
      ...amountCells(statement, row, unit),
    );
  const sources = statement.columns.filter((column) => column.source !== 'bokföring');
  if (sources.length > 0 || (statement.notes ?? []).length > 0) sheet.blank();
  for (const column of sources) sheet.add(`${column.label}: ${column.source}`);
  for (const note of statement.notes ?? []) sheet.add(note);
  return sheet;
}
