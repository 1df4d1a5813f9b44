import type { ParticipantTables } from '../projections/participantTables.js';
import type { Grid, ParticipantTablesRenderOptions } from './participantTablesLayout.js';
import { renderParticipantTablesWith } from './renderParticipantTablesWith.js';

/** Escapes what would end a Markdown table cell or start a new line. */
const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/**
 * A GitHub-flavoured Markdown table of a grid: the first `leftAligned` columns aligned
 * left, the rest right. Columns empty in every row are left out.
 */
function markdownTable(grid: Grid, leftAligned: number): string[] {
  const kept = grid[0]!
    .map((_, column) => column)
    .filter((column) => grid.some((row) => row[column] !== ''));
  const line = (row: readonly string[]) =>
    `| ${kept.map((column) => cell(row[column]!)).join(' | ')} |`;
  return [
    line(grid[0]!),
    `|${kept.map((column) => (column < leftAligned ? ' --- ' : ' ---: ')).join('|')}|`,
    ...grid.slice(1).map(line),
  ];
}

/**
 * Renders a year's participant statistics as Markdown: the same sections, tables and
 * figures as {@link renderParticipantTablesText}, as GitHub-flavoured Markdown tables.
 */
export function renderParticipantTablesMarkdown(
  tables: ParticipantTables,
  options: ParticipantTablesRenderOptions = {},
): string {
  return renderParticipantTablesWith(
    { gridLines: markdownTable, noteNeedsBlankLine: true },
    tables,
    options,
  );
}
