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

/** Aligns a grid: the first `leftAligned` columns padded on the right, the rest on the left. */
function alignGrid(grid: Grid, leftAligned: number): string[] {
  const widths = grid[0]!.map((_, column) => Math.max(...grid.map((row) => row[column]!.length)));
  return grid.map((row) =>
    row
      .map((cell, column) =>
        column < leftAligned ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

function renderSection(section: RenderedSection): string[] {
  const statistics = section.period.tables;
  const lines = [`## ${sectionHeading(section)}`, '', ...alignGrid(flowGrid(statistics), 2)];
  const note = flowNote(statistics);
  if (note !== undefined) lines.push(note);
  lines.push('');
  for (const table of section.tables)
    lines.push(...alignGrid(tableGrid(table, section.insatsName), 2), '');
  const others = tablesNote(section);
  if (others !== undefined) lines.push(others, '');
  lines.push(...alignGrid(goalGrid(section.period.goals), 1), '');
  return lines;
}

/**
 * Renders a year's participant statistics as aligned plain text, in the layout of the
 * 2020 report's Bilaga 1: for each insats with participants in the year, a section for
 * the year and (if it started earlier) one since its first day, each with the flow of
 * participants, the Bilaga 1 tables that have a population, and goal fulfilment. Shares
 * are whole percents rounded half away from zero; the rule is printed under the title.
 */
export function renderParticipantTablesText(
  tables: ParticipantTables,
  options: ParticipantTablesRenderOptions = {},
): string {
  const sections = sectionsOf(tables, options);
  const body =
    sections.length === 0 ? [noParticipantsLine(tables.år), ''] : sections.flatMap(renderSection);
  return [`# ${titleOf(tables, options)}`, '', participantRoundingRule, '', ...body].join('\n');
}
