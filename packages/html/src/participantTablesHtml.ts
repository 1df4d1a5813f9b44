import {
  noParticipantsLine,
  participantFlowGrid,
  participantFlowNote,
  participantGoalGrid,
  participantRoundingRule,
  participantSectionHeading,
  participantSectionsOf,
  participantTableGrid,
  participantTablesNote,
  participantTablesTitle,
  slugOf,
  type ParticipantSection,
  type ParticipantTables,
  type ParticipantTablesRenderOptions,
} from '@finsam-ledger/core';
import { escapeHtml } from './escapeHtml.js';
import { gridTableHtml } from './gridTable.js';

const paragraph = (text: string | undefined): string =>
  text === undefined ? '' : `<p class="note">${escapeHtml(text)}</p>`;

function sectionHtml(section: ParticipantSection): string {
  const heading = participantSectionHeading(section);
  const statistics = section.period.tables;
  const tables = section.tables.map((table) => {
    const grid = participantTableGrid(table, section.insatsName);
    return gridTableHtml(grid, {
      caption: `${grid[0]?.[0] ?? table.title}, ${section.periodName}: antal deltagare och andel i procent`,
      labelColumns: 2,
      className: 'participant-table',
    });
  });
  return [
    `<section class="participant-section" id="${slugOf(`deltagare ${heading}`)}">`,
    `<h3>${escapeHtml(heading)}</h3>`,
    gridTableHtml(participantFlowGrid(statistics), {
      caption: `Deltagare i ${section.insatsName}, ${section.periodName}: antal personer`,
      labelColumns: 2,
      className: 'participant-table',
    }),
    paragraph(participantFlowNote(statistics)),
    ...tables,
    paragraph(participantTablesNote(section)),
    gridTableHtml(participantGoalGrid(section.period.goals), {
      caption: `Måluppfyllelse i ${section.insatsName}, ${section.periodName}: antal och andel i procent`,
      labelColumns: 1,
      className: 'participant-table',
    }),
    '</section>',
  ].join('');
}

/**
 * The participant tables of the year (Bilaga 1 and goal fulfilment) as HTML: the same
 * sections, tables and figures as core's text and Markdown renderers (they share one layout),
 * each table with a caption stating what it counts.
 */
export function participantTablesHtml(
  tables: ParticipantTables,
  options: ParticipantTablesRenderOptions = {},
): { title: string; html: string } {
  const sections = participantSectionsOf(tables, options);
  const body =
    sections.length === 0
      ? paragraph(noParticipantsLine(tables.år))
      : sections.map(sectionHtml).join('');
  return {
    title: participantTablesTitle(tables, options),
    html: `${paragraph(participantRoundingRule)}${body}`,
  };
}
