import type { ParticipantTables } from '../projections/participantTables.js';
import type { Grid, ParticipantTablesRenderOptions } from './participantTablesLayout.js';
import { renderParticipantTablesWith } from './renderParticipantTablesWith.js';

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
  return renderParticipantTablesWith(
    { gridLines: alignGrid, noteNeedsBlankLine: false },
    tables,
    options,
  );
}
