import type { Money, MoneyUnit } from '@finsam-ledger/core';
import { escapeHtml } from '../escapeHtml.js';
import { formatAmountHtml, unitPhrase } from '../formatAmountHtml.js';

/** The figures a chart draws, as the table beside it prints them. */
export interface ChartTable {
  readonly caption: string;
  /** The header of the label column, e.g. `År` or `Post`. */
  readonly rowHeader: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly amounts: readonly (Money | null)[] }[];
  readonly unit: MoneyUnit;
}

/** The table a chart draws: the same figures, exact kronor rounded once into the unit. */
export function chartTableHtml(table: ChartTable): string {
  const header = [table.rowHeader, ...table.columns]
    .map(
      (label, index) =>
        `<th scope="col"${index === 0 ? '' : ' class="amount"'}>${escapeHtml(label)}</th>`,
    )
    .join('');
  const rows = table.rows.map((row) => {
    const cells = row.amounts.map((amount) =>
      amount === null
        ? '<td class="amount"></td>'
        : `<td class="amount" data-exact="${escapeHtml(amount.toString())}">${formatAmountHtml(amount, table.unit)}</td>`,
    );
    return `<tr><th scope="row">${escapeHtml(row.label)}</th>${cells.join('')}</tr>`;
  });
  return [
    '<table class="chart-table">',
    `<caption>${escapeHtml(table.caption)}, ${unitPhrase[table.unit]}</caption>`,
    `<thead><tr>${header}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('');
}
