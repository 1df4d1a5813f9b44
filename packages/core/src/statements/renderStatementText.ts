import { formatMoney, type MoneyUnit } from '../money/formatMoney.js';
import { footnoteLines, footnoteMarkText, footnoteMarksOf } from './footnoteMarks.js';
import type { Statement } from './Statement.js';

const unitCaption: Readonly<Record<MoneyUnit, string>> = {
  kr: 'Belopp i kr',
  tkr: 'Belopp i tkr',
  mkr: 'Belopp i mkr',
};

/**
 * Prints a statement as a plain-text table, the way the seed reports lay it out: the row
 * names, the note, and one column per year. Amounts are the exact kronor rounded once, half
 * away from zero, to the unit (whole kr, whole tkr, or mkr with two decimals); a rounded
 * total is the rounded exact total, so rounded rows need not add up to it. Footnotes (a
 * correction, historical figures) are marked `[1]` on the rows or column headers they touch
 * and printed under the table (see {@link footnoteMarksOf}). Deterministic:
 * the same statement always gives the same bytes.
 */
export function renderStatementText(statement: Statement, requestedUnit: MoneyUnit = 'kr'): string {
  const unit = statement.fixedUnit ?? requestedUnit;
  const hasNotes = statement.rows.some((row) => row.note !== undefined);
  const marks = footnoteMarksOf(statement);
  const withNote = (label: string, note: string, rest: readonly string[]) =>
    hasNotes ? [label, note, ...rest] : [label, ...rest];
  const header = withNote(
    statement.name,
    'Not',
    statement.columns.map(
      (column, index) => `${column.label}${footnoteMarkText(marks.columns[index])}`,
    ),
  );
  const body = statement.rows.map((row) =>
    withNote(
      `${'  '.repeat(row.kind === 'heading' ? (row.level ?? 1) - 1 : (row.level ?? 1))}${row.label}${footnoteMarkText(marks.rows.get(row.key))}`,
      row.note === undefined ? '' : String(row.note),
      row.amounts.map((amount) =>
        amount === null
          ? ''
          : row.unit === 'årsarbetare'
            ? formatMoney(amount, 'kr', 1)
            : formatMoney(amount, unit),
      ),
    ),
  );
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...body.map((cells) => cells[index]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!),
      )
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width + 2, -2));
  const sources = statement.columns
    .filter((column) => column.source !== 'bokföring')
    .map((column) => `${column.label}: ${column.source}`);
  return [
    line(header),
    unitCaption[unit],
    rule,
    ...body.map(line),
    ...(sources.length > 0 ? [`(${sources.join('; ')})`] : []),
    ...footnoteLines(statement),
    ...(statement.notes ?? []).map((note) => `* ${note}`),
  ].join('\n');
}
