import {
  footnoteMarksOf,
  slugOf,
  type FootnoteMarks,
  type MoneyUnit,
  type Statement,
  type StatementRow,
} from '@finsam-ledger/core';
import { escapeHtml } from './escapeHtml.js';
import { formatAmountHtml, unitPhrase } from './formatAmountHtml.js';

/** The id of a statement's section: from its name (`Not 2 …` → `not-2-…`). */
export const statementId = (statement: Pick<Statement, 'name'>): string => slugOf(statement.name);

const unitOf = (statement: Statement, requested: MoneyUnit): MoneyUnit =>
  statement.fixedUnit ?? requested;

/** The caption: the statement, its year and the unit of every figure in it. */
function captionOf(statement: Statement, unit: MoneyUnit): string {
  const staffing = statement.rows.some((row) => row.unit === 'årsarbetare')
    ? '; personalresurser i årsarbetare (helårsekvivalenter) med en decimal'
    : '';
  return `${statement.name} ${statement.year}, ${unitPhrase[unit]}${staffing}`;
}

function amountCell(row: StatementRow, index: number, unit: MoneyUnit): string {
  const amount = row.amounts[index] ?? null;
  if (amount === null) return '<td class="amount"></td>';
  const text =
    row.unit === 'årsarbetare' ? formatAmountHtml(amount, 'kr', 1) : formatAmountHtml(amount, unit);
  return `<td class="amount" data-exact="${escapeHtml(amount.toString())}">${text}</td>`;
}

function noteCell(row: StatementRow, notes: ReadonlyMap<number, string>): string {
  if (row.note === undefined) return '<td class="note"></td>';
  const target = notes.get(row.note);
  return target === undefined
    ? `<td class="note">${row.note}</td>`
    : `<td class="note"><a href="#${target}">${row.note}</a></td>`;
}

/** What every row of one table needs besides itself. */
interface RowContext {
  readonly hasNotes: boolean;
  readonly notes: ReadonlyMap<number, string>;
  readonly marks: FootnoteMarks;
}

/** The id of a statement's footnote, for its marks to link to. */
const footnoteId = (statement: Statement, number: number): string =>
  `${statementId(statement)}-fotnot-${number}`;

/** The marks of footnotes after a label, each a link to its footnote: ` [1]`, ` [1] [2]`. */
function marksHtml(statement: Statement, numbers: readonly number[] | undefined): string {
  return (numbers ?? [])
    .map(
      (number) =>
        ` <sup class="footnote-mark"><a href="#${footnoteId(statement, number)}">[${number}]</a></sup>`,
    )
    .join('');
}

function rowHtml(
  row: StatementRow,
  statement: Statement,
  unit: MoneyUnit,
  context: RowContext,
): string {
  const classes = `row-${row.kind} level-${row.level ?? 1}`;
  const key = `data-key="${escapeHtml(row.key)}"`;
  const label = escapeHtml(row.label) + marksHtml(statement, context.marks.rows.get(row.key));
  if (row.kind === 'heading') {
    // A heading that carries a Not (Omsättningstillgångar, Not 3) keeps it in the Not column.
    if (context.hasNotes && row.note !== undefined)
      return `<tr class="${classes}" ${key}><th scope="rowgroup">${label}</th>${noteCell(row, context.notes)}<td colspan="${statement.columns.length}"></td></tr>`;
    const span = statement.columns.length + 1 + (context.hasNotes ? 1 : 0);
    return `<tr class="${classes}" ${key}><th scope="rowgroup" colspan="${span}">${label}</th></tr>`;
  }
  const cells = [
    `<th scope="row">${label}</th>`,
    ...(context.hasNotes ? [noteCell(row, context.notes)] : []),
    ...statement.columns.map((_column, index) => amountCell(row, index, unit)),
  ];
  return `<tr class="${classes}" ${key}>${cells.join('')}</tr>`;
}

/** The statement's footnotes under its table, each with the id its marks link to. */
function footnotesHtml(statement: Statement): string {
  const footnotes = statement.footnotes ?? [];
  if (footnotes.length === 0) return '';
  const items = footnotes.map(
    (footnote) =>
      `<li id="${footnoteId(statement, footnote.number)}">[${footnote.number}] ${escapeHtml(footnote.text)}</li>`,
  );
  return `<ul class="footnotes">${items.join('')}</ul>`;
}

/** The lines under a table: columns not from the books, then the statement's own notes. */
function notesHtml(statement: Statement): string {
  const sources = statement.columns
    .filter((column) => column.source !== 'bokföring')
    .map((column) => `${column.label}: ${column.source}`);
  const lines = [
    ...(sources.length > 0
      ? [`Källa för kolumner utanför bokföringen: ${sources.join('; ')}.`]
      : []),
    ...(statement.notes ?? []),
  ];
  if (lines.length === 0) return '';
  return `<ul class="notes">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
}

/**
 * A column's label with each date kept on one line: the browser may break a line after a hyphen,
 * and a PDF column printed "Utfall 2022-12-" over "31" reads as two labels.
 */
const columnLabelHtml = (label: string): string =>
  escapeHtml(label).replace(/\d{4}-\d{2}-\d{2}/g, (date) => `<span class="date">${date}</span>`);

/**
 * One statement as an accessible table: a caption naming the statement, year and unit; column
 * headers (`<th scope="col">`) in a `<thead>` that print repeats on every page; each row headed
 * by its label (`<th scope="row">`); every amount formatted Swedish style with its exact kronor
 * in `data-exact`. `notes` maps a Not number to the id of its section, for links. A statement's
 * footnotes (corrections, historical figures) are marked where {@link footnoteMarksOf} puts
 * them, on a row's label or a column's header, each mark a link to its footnote under the
 * table, as the text report prints them.
 */
export function statementTableHtml(
  statement: Statement,
  requestedUnit: MoneyUnit,
  notes: ReadonlyMap<number, string> = new Map(),
): string {
  const unit = unitOf(statement, requestedUnit);
  const hasNotes = statement.rows.some((row) => row.note !== undefined);
  const marks = footnoteMarksOf(statement);
  const header = [
    '<th scope="col">Post</th>',
    ...(hasNotes ? ['<th scope="col" class="note">Not</th>'] : []),
    ...statement.columns.map(
      (column, index) =>
        `<th scope="col" class="amount">${columnLabelHtml(column.label)}${marksHtml(statement, marks.columns[index])}</th>`,
    ),
  ];
  const context = { hasNotes, notes, marks };
  const body = statement.rows.map((row) => rowHtml(row, statement, unit, context));
  return [
    `<table class="statement-table" data-statement="${escapeHtml(statementId(statement))}" data-unit="${unit}">`,
    `<caption>${escapeHtml(captionOf(statement, unit))}</caption>`,
    `<thead><tr>${header.join('')}</tr></thead>`,
    `<tbody>${body.join('')}</tbody>`,
    '</table>',
    footnotesHtml(statement),
    notesHtml(statement),
  ].join('');
}
