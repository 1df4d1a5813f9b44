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

/** How one output format writes the grids of the participant tables. */
export interface ParticipantGridFormat {
  /** The lines of a grid: the first `leftAligned` columns aligned left, the rest right. */
  readonly gridLines: (grid: Grid, leftAligned: number) => string[];
  /**
   * True when a line written straight after a grid would be read as part of it (a Markdown
   * table), so the note under the flow table needs a blank line first.
   */
  readonly noteNeedsBlankLine: boolean;
}

function renderSection(format: ParticipantGridFormat, section: RenderedSection): string[] {
  const statistics = section.period.tables;
  const lines = [`## ${sectionHeading(section)}`, '', ...format.gridLines(flowGrid(statistics), 2)];
  const note = flowNote(statistics);
  if (note !== undefined) lines.push(...(format.noteNeedsBlankLine ? ['', note] : [note]));
  lines.push('');
  for (const table of section.tables)
    lines.push(...format.gridLines(tableGrid(table, section.insatsName), 2), '');
  const others = tablesNote(section);
  if (others !== undefined) lines.push(others, '');
  lines.push(...format.gridLines(goalGrid(section.period.goals), 1), '');
  return lines;
}

/**
 * The section walk every participant-table renderer shares: the title, the rounding rule,
 * and for each insats with participants in the year its sections (flow, the Bilaga 1 tables
 * that have a population, goal fulfilment), each grid written by `format`.
 */
export function renderParticipantTablesWith(
  format: ParticipantGridFormat,
  tables: ParticipantTables,
  options: ParticipantTablesRenderOptions,
): string {
  const sections = sectionsOf(tables, options);
  const body =
    sections.length === 0
      ? [noParticipantsLine(tables.år), '']
      : sections.flatMap((section) => renderSection(format, section));
  return [`# ${titleOf(tables, options)}`, '', participantRoundingRule, '', ...body].join('\n');
}
