import type { ParticipantTables } from '../projections/participantTables.js';
import {
  flowGrid,
  flowNote,
  goalGrid,
  noParticipantsLine,
  participantRoundingRule,
  sectionHeading,
  sectionsOf,
  tableGrid,
  tablesNote,
  titleOf,
  type Grid,
  type ParticipantTablesRenderOptions,
  type RenderedSection,
} from './participantTablesLayout.js';

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

function renderSection(section: RenderedSection): string[] {
  const statistics = section.period.tables;
  const lines = [`## ${sectionHeading(section)}`, '', ...markdownTable(flowGrid(statistics), 2)];
  const note = flowNote(statistics);
  lines.push('', ...(note === undefined ? [] : [note, '']));
  for (const table of section.tables)
    lines.push(...markdownTable(tableGrid(table, section.insatsName), 2), '');
  const others = tablesNote(section);
  if (others !== undefined) lines.push(others, '');
  lines.push(...markdownTable(goalGrid(section.period.goals), 1), '');
  return lines;
}

/**
 * Renders a year's participant statistics as Markdown: the same sections, tables and
 * figures as {@link renderParticipantTablesText}, as GitHub-flavoured Markdown tables.
 */
export function renderParticipantTablesMarkdown(
  tables: ParticipantTables,
  options: ParticipantTablesRenderOptions = {},
): string {
  const sections = sectionsOf(tables, options);
  const body =
    sections.length === 0 ? [noParticipantsLine(tables.år), ''] : sections.flatMap(renderSection);
  return [`# ${titleOf(tables, options)}`, '', participantRoundingRule, '', ...body].join('\n');
}
