import { ledgerError } from '../error.js';
import type { MoneyUnit } from '../money/formatMoney.js';
import type { Money } from '../money/Money.js';

/** Where a column's figures come from. */
export type ColumnSource = 'bokföring' | 'historiska uppgifter' | 'saknas';

/** One column of a statement: the year, its label as printed, and its source. */
export interface StatementColumn {
  readonly year: number;
  /**
   * What the column holds: the outcome (default), the budget, utfall − budget, or a comparison
   * year's outcome.
   */
  readonly kind?: 'utfall' | 'budget' | 'avvikelse' | 'jämförelseår';
  /** E.g. `2020-12-31`, as the seed reports head their columns. */
  readonly label: string;
  readonly source: ColumnSource;
}

/** One row of a statement. Amounts are exact kronor; `null` where a column has no figure. */
export interface StatementRow {
  /** Stable key to find the row by, e.g. `verksamhetens-intäkter`. */
  readonly key: string;
  /** The row's name as the årsredovisning prints it. */
  readonly label: string;
  /** The note (Not) that details the row. */
  readonly note?: number;
  readonly kind: 'line' | 'subtotal' | 'total' | 'heading';
  /**
   * Nesting: 1 (default); 2 for sub-lines and sub-headings (Not 2's underposts under their post,
   * Not 4's områden under their line).
   */
  readonly level?: 1 | 2;
  /**
   * What the amounts count: kronor (default), or årsarbetare (full-time equivalents, exact
   * decimals held in a Money for its exact arithmetic; printed with one decimal, never
   * scaled to tkr or mkr).
   */
  readonly unit?: 'kr' | 'årsarbetare';
  /** One amount per column; `null` for headings and for columns without figures. */
  readonly amounts: readonly (Money | null)[];
}

/**
 * A statement of the årsredovisning for a year, with the previous year as comparison
 * column: a typed data model in exact kronor. JSON serialisation gives amounts as decimal
 * strings; `renderStatementText` prints it in kr, tkr or mkr.
 */
export interface Statement {
  /**
   * The report's Swedish name, e.g. `Resultaträkning`, `Driftredovisning`, `Not 2 Verksamhetens
   * kostnader`.
   */
  readonly name: string;
  readonly year: number;
  readonly columns: readonly StatementColumn[];
  readonly rows: readonly StatementRow[];
  /**
   * The unit the report is always printed in, whatever the caller asks (the flerårsöversikt: mkr).
   */
  readonly fixedUnit?: MoneyUnit;
  /** Notes printed under the table: sign conventions, sources, the budget decisions used. */
  readonly notes?: readonly string[];
  /**
   * Where figures are not plain bookings: each footnote names the event (a correction, or the
   * historical figures) and the figures it touches; the renderers mark those rows or columns.
   */
  readonly footnotes?: readonly StatementFootnote[];
}

/** A figure of a statement: a row by key, and a column by index. */
export interface StatementCell {
  readonly row: string;
  readonly column: number;
}

/**
 * A footnote of a statement: figures touched by a correction (`HändelseRättad`,
 * `EgetKapitalRättat`) or taken from historical figures (`HistoriskaÅrsuppgifterRegistrerade`),
 * with the event that does it.
 */
export interface StatementFootnote {
  /** Its mark within the statement, from 1 (printed `[1]`). */
  readonly number: number;
  readonly kind: 'rättelse' | 'historiska uppgifter';
  readonly eventId: string;
  readonly eventType: string;
  /** The event's business date. */
  readonly datum: string;
  /**
   * The footnote as printed, in the report's words for its readers: a correction's kind, date,
   * verifikation and text, or the historical figures' stated source (the event's type and id
   * are `eventType` and `eventId`, not in the text).
   */
  readonly text: string;
  /** The figures it touches. */
  readonly cells: readonly StatementCell[];
}

/**
 * Finds a row by key. A key the statement does not have throws `VALIDATION_FAILED` naming
 * `key`: a row left out (zero in every column) is the caller's to expect, so the error names
 * the statement and the key asked for.
 */
export function rowOf(statement: Statement, key: string): StatementRow {
  const row = statement.rows.find((candidate) => candidate.key === key);
  if (row) return row;
  throw ledgerError('VALIDATION_FAILED', `${statement.name} has no row ${key}`, {
    issues: [{ path: 'key', rule: 'known-row', message: `${statement.name} has no row ${key}` }],
    details: { statement: statement.name, key },
  });
}
