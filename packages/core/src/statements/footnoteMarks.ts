import type { Statement } from './Statement.js';

/** Where a statement's footnotes are marked: per column header, and per row. */
export interface FootnoteMarks {
  /** Per column, the footnotes marked on its header. */
  readonly columns: readonly (readonly number[])[];
  /** Row key → the footnotes marked on the row. */
  readonly rows: ReadonlyMap<string, readonly number[]>;
}

/**
 * Where to print a statement's footnote marks: a footnote that touches every figure of a
 * column (a comparison year taken whole from the historical figures) is marked once on the
 * column's header; otherwise on each row it touches. The renderers share this rule.
 */
export function footnoteMarksOf(statement: Statement): FootnoteMarks {
  const columns = statement.columns.map((): number[] => []);
  const rows = new Map<string, number[]>();
  for (const footnote of statement.footnotes ?? []) {
    statement.columns.forEach((_column, index) => {
      const touched = new Set(
        footnote.cells.filter((cell) => cell.column === index).map((cell) => cell.row),
      );
      if (touched.size === 0) return;
      const figures = statement.rows.filter((row) => (row.amounts[index] ?? null) !== null);
      if (figures.length > 0 && figures.every((row) => touched.has(row.key))) {
        columns[index]!.push(footnote.number);
        return;
      }
      for (const row of statement.rows) {
        if (!touched.has(row.key)) continue;
        const marks = rows.get(row.key) ?? [];
        if (!marks.includes(footnote.number)) marks.push(footnote.number);
        rows.set(row.key, marks);
      }
    });
  }
  return { columns, rows };
}

/** A mark as printed after a label: ` [1]`, ` [1, 2]`; empty for none. */
export const footnoteMarkText = (numbers: readonly number[] | undefined): string =>
  numbers === undefined || numbers.length === 0 ? '' : ` [${numbers.join(', ')}]`;

/** The footnotes' lines as printed under a table: `[1] Rättelse: …`. */
export const footnoteLines = (statement: Statement): string[] =>
  (statement.footnotes ?? []).map((footnote) => `[${footnote.number}] ${footnote.text}`);
