import type { ParticipantGrid } from '@finsam-ledger/core';
import { escapeHtml } from './escapeHtml.js';

/**
 * A grid of cells (the first row is the header) as an accessible table: the first
 * `labelColumns` columns head their row (`<th scope="row">`), the rest are figures. Columns
 * empty in every row are left out, as the Markdown renderer does.
 */
export function gridTableHtml(
  grid: ParticipantGrid,
  options: { caption: string; labelColumns: number; className: string },
): string {
  const header = grid[0] ?? [];
  const kept = header
    .map((_, column) => column)
    .filter((column) => grid.some((row) => (row[column] ?? '') !== ''));
  const headerCells = kept.map(
    (column) =>
      `<th scope="col"${column < options.labelColumns ? '' : ' class="amount"'}>${escapeHtml(header[column] ?? '')}</th>`,
  );
  const bodyRows = grid.slice(1).map((row) => {
    const cells = kept.map((column) => {
      const text = escapeHtml(row[column] ?? '');
      return column < options.labelColumns
        ? `<th scope="row">${text}</th>`
        : `<td class="amount">${text}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return [
    `<table class="${escapeHtml(options.className)}">`,
    `<caption>${escapeHtml(options.caption)}</caption>`,
    `<thead><tr>${headerCells.join('')}</tr></thead>`,
    `<tbody>${bodyRows.join('')}</tbody>`,
    '</table>',
  ].join('');
}
