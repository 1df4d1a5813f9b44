import { formatMoney, type MoneyUnit } from '../money/formatMoney.js';
import { unitAndRoundingNote } from './unitAndRoundingNote.js';
import { annualReportTitle, statementsOf, type AnnualReport } from './annualReport.js';
import type { GuidelineReport } from './FinansiellaRiktlinjer.js';
import { footnoteLines, footnoteMarkText, footnoteMarksOf } from './footnoteMarks.js';
import { renderFörvaltningsberättelseMarkdown } from './renderFörvaltningsberättelse.js';
import type { Statement, StatementRow } from './Statement.js';

/** Choices for {@link renderAnnualReportMarkdown}. */
export interface RenderAnnualReportMarkdownOptions {
  /** The title; default {@link annualReportTitle}: the förbund's name (if known) and the year. */
  readonly title?: string;
}

const unitCaption: Readonly<Record<MoneyUnit, string>> = {
  kr: 'Belopp i kr',
  tkr: 'Belopp i tkr',
  mkr: 'Belopp i mkr',
};

const verdicts = { true: 'Uppfylld', false: 'Ej uppfylld', null: 'Kan inte prövas' } as const;

/** A table cell: the pipe is Markdown's column separator, so it is escaped in text. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

const amountCell = (row: StatementRow, index: number, unit: MoneyUnit): string => {
  const amount = row.amounts[index];
  if (amount === null || amount === undefined) return '';
  return row.unit === 'årsarbetare' ? formatMoney(amount, 'kr', 1) : formatMoney(amount, unit);
};

// Sub-lines are indented with non-breaking spaces (Markdown collapses ordinary ones), totals
// are bold and headings italic, so the table reads like the printed statement.
const labelCell = (row: StatementRow, mark: string): string => {
  const depth = row.kind === 'heading' ? (row.level ?? 1) - 1 : (row.level ?? 1) - 1;
  const label = `${'\u00a0\u00a0'.repeat(depth)}${cell(row.label)}${mark}`;
  if (row.kind === 'heading') return `*${label}*`;
  return row.kind === 'total' || row.kind === 'subtotal' ? `**${label}**` : label;
};

/** One statement as a Markdown section: a heading, its unit, a GFM table and its notes. */
export function renderStatementMarkdown(statement: Statement, requestedUnit: MoneyUnit): string {
  const unit = statement.fixedUnit ?? requestedUnit;
  const hasNotes = statement.rows.some((row) => row.note !== undefined);
  const marks = footnoteMarksOf(statement);
  const header = [
    statement.name,
    ...(hasNotes ? ['Not'] : []),
    ...statement.columns.map(
      (column, index) => `${column.label}${footnoteMarkText(marks.columns[index])}`,
    ),
  ];
  const alignment = [
    ':---',
    ...(hasNotes ? [':---:'] : []),
    ...statement.columns.map(() => '---:'),
  ];
  const body = statement.rows.map((row) => [
    labelCell(row, footnoteMarkText(marks.rows.get(row.key))),
    ...(hasNotes ? [row.note === undefined ? '' : String(row.note)] : []),
    ...statement.columns.map((_column, index) => amountCell(row, index, unit)),
  ]);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const sources = statement.columns
    .filter((column) => column.source !== 'bokföring')
    .map((column) => `${column.label}: ${column.source}`);
  return [
    `## ${statement.name}`,
    '',
    `${unitCaption[unit]}.`,
    '',
    line(header.map(cell)),
    line(alignment),
    ...body.map(line),
    ...(sources.length > 0 ? ['', `(${sources.join('; ')})`] : []),
    ...footnoteLines(statement).flatMap((line) => ['', line]),
    ...((statement.notes ?? []).length > 0 ? [''] : []),
    ...(statement.notes ?? []).map((note) => `- ${note}`),
  ].join('\n');
}

/** The guideline checks as a Markdown section: one item per check, its verdict first. */
export function renderGuidelineReportMarkdown(report: GuidelineReport): string {
  return [
    `## Finansiella riktlinjer ${report.year}`,
    '',
    ...report.checks.map(
      (check) =>
        `- **${verdicts[String(check.passed) as keyof typeof verdicts]}**: ${check.title}. ${check.explanation}`,
    ),
  ].join('\n');
}

/**
 * Prints the whole annual report as one Markdown document: a title, the
 * förvaltningsberättelse's sections when registered, every statement as a table in `unit` (the
 * flerårsöversikt is always in mkr), then the guideline checks. The rounding is the text
 * renderer's: the exact kronor rounded once, half away from zero, as {@link unitAndRoundingNote}
 * under the title says.
 * Deterministic: the same report always gives the same bytes.
 */
export function renderAnnualReportMarkdown(
  report: AnnualReport,
  unit: MoneyUnit = 'tkr',
  options: RenderAnnualReportMarkdownOptions = {},
): string {
  return [
    `# ${options.title ?? annualReportTitle(report)}`,
    unitAndRoundingNote(unit),
    ...(report.förvaltningsberättelse === undefined
      ? []
      : [renderFörvaltningsberättelseMarkdown(report.förvaltningsberättelse)]),
    ...statementsOf(report).map((statement) => renderStatementMarkdown(statement, unit)),
    renderGuidelineReportMarkdown(report.finansiellaRiktlinjer),
  ].join('\n\n');
}
