import { verifikationsnummer } from '../bookkeeping/Verifikation.js';
import { formatMoney } from '../money/formatMoney.js';
import { Money } from '../money/Money.js';
import type { CellExplanation, RowContribution } from './explainReport.js';
import type { StatementColumn } from '../statements/Statement.js';
import { källaText } from '../statements/renderVerifikationslista.js';

const amountText = (amount: Money): string => formatMoney(amount, 'kr', 2);

/** The verifikation numbers of a contribution, e.g. `2020-17`; `-` for a stated figure. */
const numbersOf = (contribution: RowContribution): string =>
  contribution.verifikationer.length === 0
    ? '-'
    : contribution.verifikationer.map(verifikationsnummer).join(' ');

/** How {@link renderCellExplanationText} prints the verifikationer of years before the column's. */
export interface CellExplanationTextOptions {
  /**
   * `listed` (the default): one line each. `summed`: one line, the ingående balans the column's
   * year opens with, so that a balance of a late year reads as an account card does (the balance
   * brought forward, then the year's verifikationer) instead of listing every year of the books.
   * Open items and stated figures are always listed: they say which items and decisions count.
   */
  readonly earlierYears?: 'listed' | 'summed';
}

/**
 * Prints an explained figure as a text table: the row and column, then one line per part
 * (source, verifikation number, date, event type, event id, text, amount in kr with öre),
 * and the sum, which equals the row. Deterministic.
 */
export function renderCellExplanationText(
  explanation: CellExplanation,
  options: CellExplanationTextOptions = {},
): string {
  const { column } = explanation;
  const header = [
    'Källa',
    'Verifikation',
    'Datum',
    'Händelse',
    'Händelse-id',
    'Text',
    'Belopp (kr)',
  ];
  const { brought, listed } = splitEarlierYears(explanation, options.earlierYears ?? 'listed');
  const cellsOf = (contribution: RowContribution) => [
    contribution.källa,
    numbersOf(contribution),
    contribution.datum,
    contribution.eventType,
    contribution.eventId,
    contribution.text,
    amountText(contribution.amount),
  ];
  const body = [...(brought === undefined ? [] : [brought]), ...listed.map(cellsOf)];
  const sum = Money.sum(explanation.contributions.map((contribution) => contribution.amount));
  const parts = body.length === 1 ? '1 del' : `${body.length} delar`;
  const footer = ['Summa', '', '', '', '', parts, amountText(sum)];
  const rows = [header, ...body, footer];
  const widths = header.map((_cell, index) =>
    Math.max(...rows.map((cells) => cells[index]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) =>
        index === cells.length - 1 ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!),
      )
      .join('  ')
      .trimEnd();
  const figure =
    explanation.amount === null ? 'ingen uppgift' : `${amountText(explanation.amount)} kr`;
  return [
    `${explanation.statement} / ${explanation.rowKey}: ${explanation.label}`,
    `Kolumn ${explanation.columnIndex + 1}, ${column.label} (${sourceText(column)}): ${figure}`,
    '',
    line(header),
    '-'.repeat(widths.reduce((total, width) => total + width + 2, -2)),
    ...(brought === undefined ? [] : [line(brought)]),
    // An imported verifikation says where it is in the old system, under its row, as the
    // verifikationslista does.
    ...listed.flatMap((contribution) => [
      line(cellsOf(contribution)),
      ...(contribution.importeradFrån === undefined
        ? []
        : [`  Källa ${källaText(contribution.importeradFrån)}`]),
    ]),
    line(footer),
  ].join('\n');
}

/**
 * The verifikationer dated before the column's year, summed into one ingående balans line (when
 * `summed` and there are any), and the contributions still listed one by one.
 */
function splitEarlierYears(
  explanation: CellExplanation,
  earlierYears: 'listed' | 'summed',
): { brought?: string[]; listed: readonly RowContribution[] } {
  const opens = `${explanation.column.year}-01-01`;
  const isEarlier = (contribution: RowContribution) =>
    contribution.källa === 'verifikation' && contribution.datum < opens;
  const earlier = explanation.contributions.filter(isEarlier);
  if (earlierYears === 'listed' || earlier.length === 0)
    return { listed: explanation.contributions };
  const firstYear = earlier.reduce((first, { datum }) => (datum < first ? datum : first), opens);
  const span = `${firstYear.slice(0, 4)}–${explanation.column.year - 1}`;
  const counted = earlier.length === 1 ? '1 verifikation' : `${earlier.length} verifikationer`;
  const brought = [
    'ingående balans',
    '-',
    opens,
    '-',
    '-',
    `Ingående balans: summan av ${counted} ${span.replace(/^(\d+)–\1$/, '$1')}`,
    amountText(Money.sum(earlier.map((contribution) => contribution.amount))),
  ];
  return {
    brought,
    listed: explanation.contributions.filter((contribution) => !isEarlier(contribution)),
  };
}

/**
 * Where a column's figures come from, as the explanation's heading says it: a budget column read
 * from the books is the board's budget decisions there, not bookings, and a deviation is both.
 */
function sourceText(column: StatementColumn): string {
  if (column.source !== 'bokföring') return column.source;
  if (column.kind === 'budget') return 'budgetbeslut';
  return column.kind === 'avvikelse' ? 'bokföring och budgetbeslut' : column.source;
}
