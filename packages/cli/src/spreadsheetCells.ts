import * as E from 'fp-ts/Either';
import { parseMoney } from '@finsam-ledger/core';
import type { SheetCell } from '@finsam-ledger/xlsx';
import type { SheetFieldKind } from './sheetFieldKinds.js';

/** An amount as the ledger writes it (`1234.50`), or the decimal itself for its rule to refuse. */
function amountText(decimal: string): string {
  const amount = parseMoney(decimal);
  return E.isRight(amount) ? amount.right.toString() : decimal;
}

/** A number cell's value in a field: the number where one is wanted, else its exact decimal. */
function numberValue(cell: SheetCell & { kind: 'number' }, kind: SheetFieldKind | undefined) {
  if (kind === 'integer' || kind === 'number') return cell.number;
  return kind === 'amount' ? amountText(cell.decimal) : cell.decimal;
}

/** A text cell's value in a field: as typed, or the number or truth value a field wants. */
function textValue(text: string, kind: SheetFieldKind | undefined): unknown {
  if (kind === 'integer' && /^-?\d{1,15}$/.test(text)) return Number(text);
  if (kind === 'number' && /^-?\d{1,15}(\.\d{1,15})?$/.test(text)) return Number(text);
  if (kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * A spreadsheet cell as the value of a field of `kind` (`undefined` for a column that is no
 * field, which the event's schema then refuses): text as typed (a whole number in text for a
 * field that wants one, `år`); a number cell's exact decimal (an amount with its öre, `1234.50`),
 * or the number where the field wants one; a date cell as `YYYY-MM-DD`. A value the field does
 * not take is passed on as it is, for the event's schema to refuse naming its rule.
 */
export function cellValue(cell: SheetCell, kind: SheetFieldKind | undefined): unknown {
  switch (cell.kind) {
    case 'date':
      return cell.date;
    case 'boolean':
      return kind === 'boolean' ? cell.value : String(cell.value);
    case 'number':
      return numberValue(cell, kind);
    case 'text':
      return textValue(cell.text, kind);
  }
}

/** What a field of each kind that a date cell cannot fill takes, in a sentence. */
const numberKindWords: Partial<Record<SheetFieldKind, string>> = {
  integer: 'a whole number',
  number: 'a number',
  amount: 'an amount',
};

/**
 * Why a date cell cannot fill a field of `kind`, or `undefined` when it can. A number typed into
 * a cell formatted as a date (2023 shows as 1905-07-15) is never taken for the number: the sheet
 * shows a date (or a time, which a date format may show), and what the ekonom sees is what is
 * recorded.
 */
export function dateCellProblem(
  cell: SheetCell,
  kind: SheetFieldKind | undefined,
): string | undefined {
  const wanted = kind === undefined ? undefined : numberKindWords[kind];
  if (cell.kind !== 'date' || wanted === undefined) return undefined;
  return `the cell is formatted as a date and holds the day ${cell.date}, where the field takes ${wanted}: format the cell as a number or as text, and check the value it then shows`;
}

/** A cell as text, for a column's name and the envelope's fields (`eventId`, `recordedBy`). */
export function cellText(cell: SheetCell): string {
  switch (cell.kind) {
    case 'date':
      return cell.date;
    case 'boolean':
      return String(cell.value);
    case 'number':
      return cell.decimal;
    case 'text':
      return cell.text;
  }
}
