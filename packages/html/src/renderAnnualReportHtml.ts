import {
  annualReportTitle,
  förvaltningsberättelseRubrik,
  statementsOf,
  type AnnualReport,
  type GuidelineReport,
  type MoneyUnit,
  type ParticipantTables,
  type ParticipantTablesRenderOptions,
  type Statement,
  unitAndRoundingNote,
} from '@finsam-ledger/core';
import { chartTableHtml } from './charts/chartTable.js';
import { renderChartSvg } from './charts/renderChartSvg.js';
import {
  budgetChart,
  egetKapitalChart,
  flerårsöversiktChart,
  områdeChart,
  type ReportChart,
} from './charts/reportCharts.js';
import { escapeHtml } from './escapeHtml.js';
import { guidelineTableHtml } from './guidelineTable.js';
import { participantTablesHtml } from './participantTablesHtml.js';
import { reportStyles } from './reportStyles.js';
import { statementId, statementTableHtml } from './statementTable.js';

/** What {@link renderAnnualReportHtml} prints. */
export interface AnnualReportHtmlInput {
  /** The annual report of the year (core's `annualReport` or the ledger's). */
  readonly report: AnnualReport;
  /** The unit of the statements (the flerårsöversikt is always in mkr); default `tkr`. */
  readonly unit?: MoneyUnit;
  /** The participant tables of the year; left out, the report has no participant part. */
  readonly participants?: ParticipantTables;
  /**
   * `false` leaves out the financial report (the statements, Not 1–4, the guideline checks and
   * the charts): a document of the participant tables alone, titled as they are. Default `true`.
   */
  readonly financialReport?: boolean;
  /** How the participant tables name each insats, and their heading. */
  readonly participantOptions?: ParticipantTablesRenderOptions;
  /**
   * The guideline checks of earlier years (core's `finansiellaRiktlinjer` per year), for the
   * chart of eget kapital against the guideline's limit over the years; the report's own year
   * is always drawn, later years are left out.
   */
  readonly earlierGuidelineReports?: readonly GuidelineReport[];
  /** The document's title; default core's `annualReportTitle`. */
  readonly title?: string;
  /**
   * A sentence printed first under the title, before anything else: what the reader must know
   * to read the document right (e.g. that it shows the books as stored at an earlier instant).
   */
  readonly notice?: string;
}

/** One part of the document: a section with a heading, listed in the table of contents. */
interface Part {
  readonly id: string;
  readonly heading: string;
  readonly body: string;
}

async function chartBlock(chart: ReportChart): Promise<string> {
  const svg = await renderChartSvg(chart.spec, chart);
  return [
    `<div class="chart-block" data-chart="${escapeHtml(chart.id)}">`,
    `<figure>${svg}<figcaption>${escapeHtml(chart.title)}</figcaption></figure>`,
    chartTableHtml(chart.table),
    '</div>',
  ].join('');
}

const notesOf = (report: AnnualReport): Map<number, string> =>
  new Map(
    [report.not1, report.not2, report.not3, report.not4].map((statement, index) => [
      index + 1,
      statementId(statement),
    ]),
  );

async function statementParts(input: AnnualReportHtmlInput, unit: MoneyUnit): Promise<Part[]> {
  const { report } = input;
  const notes = notesOf(report);
  const guidelineReports = [
    ...(input.earlierGuidelineReports ?? []).filter((each) => each.year < report.år),
    report.finansiellaRiktlinjer,
  ];
  const chartsAfter = new Map<Statement, readonly ReportChart[]>([
    [report.flerårsöversikt, [flerårsöversiktChart(report)]],
    [report.not2, [områdeChart(report, unit), budgetChart(report, unit)]],
  ]);
  const parts: Part[] = förvaltningsberättelseParts(report);
  for (const statement of statementsOf(report)) {
    const charts = await Promise.all((chartsAfter.get(statement) ?? []).map(chartBlock));
    parts.push({
      id: statementId(statement),
      heading: statement.name,
      body: statementTableHtml(statement, unit, notes) + charts.join(''),
    });
  }
  parts.push({
    id: 'finansiella-riktlinjer',
    heading: `Finansiella riktlinjer ${report.år}`,
    body:
      guidelineTableHtml(report.finansiellaRiktlinjer) +
      (await chartBlock(egetKapitalChart(guidelineReports, unit))),
  });
  return parts;
}

/** The förbund's förvaltningsberättelse, first, when one is registered for the year. */
function förvaltningsberättelseParts(report: AnnualReport): Part[] {
  if (report.förvaltningsberättelse === undefined) return [];
  const sections = report.förvaltningsberättelse.map((avsnitt) =>
    [
      `<h3>${escapeHtml(avsnitt.rubrik)}</h3>`,
      ...avsnitt.stycken.map((stycke) => `<p>${escapeHtml(stycke)}</p>`),
    ].join(''),
  );
  return [
    {
      id: 'forvaltningsberattelse',
      heading: förvaltningsberättelseRubrik,
      body: sections.join(''),
    },
  ];
}

function partHtml(part: Part): string {
  return [
    `<section class="part" id="${escapeHtml(part.id)}" aria-labelledby="${escapeHtml(part.id)}-rubrik">`,
    `<h2 id="${escapeHtml(part.id)}-rubrik">${escapeHtml(part.heading)}</h2>`,
    part.body,
    '</section>',
  ].join('');
}

function tableOfContents(parts: readonly Part[]): string {
  const items = parts.map(
    (part) => `<li><a href="#${escapeHtml(part.id)}">${escapeHtml(part.heading)}</a></li>`,
  );
  return `<nav class="toc" aria-labelledby="innehall"><h2 id="innehall">Innehåll</h2><ol>${items.join('')}</ol></nav>`;
}

/**
 * The whole annual report of a year as one self-contained HTML document: a title, a table of
 * contents, the förvaltningsberättelse's sections when registered, every statement with the
 * year before (flerårsöversikt, resultaträkning, balansräkning, kassaflödesanalys,
 * driftredovisning, Not 1–4), the guideline checks with their verdicts, the participant
 * tables, and four charts as inline SVG, each beside the table of its figures
 * (`financialReport: false` leaves out all but the participant tables). Styles are inline,
 * the font is the reader's system font, nothing is fetched and no script runs. Every text is
 * escaped. Pure and deterministic: the same input gives the same bytes (no
 * clock, no locale of the machine; asynchronous only because Vega's renderer is).
 */
export async function renderAnnualReportHtml(input: AnnualReportHtmlInput): Promise<string> {
  const unit = input.unit ?? 'tkr';
  const financial = input.financialReport !== false;
  const parts = financial ? await statementParts(input, unit) : [];
  const participants =
    input.participants === undefined
      ? undefined
      : participantTablesHtml(input.participants, input.participantOptions);
  if (participants !== undefined)
    parts.push({ id: 'deltagarstatistik', heading: participants.title, body: participants.html });
  const title =
    input.title ??
    (financial || participants === undefined
      ? annualReportTitle(input.report)
      : participants.title);
  // The unit note speaks of the statements' amounts: the participant tables count people.
  const lead = financial
    ? `<p class="lead">${escapeHtml(unitAndRoundingNote(unit))}</p>`
    : undefined;
  return [
    '<!DOCTYPE html>',
    '<html lang="sv">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${reportStyles}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    ...(input.notice === undefined
      ? []
      : [`<p class="notice"><strong>${escapeHtml(input.notice)}</strong></p>`]),
    ...(lead === undefined ? [] : [lead]),
    '</header>',
    tableOfContents(parts),
    '<main>',
    ...parts.map(partHtml),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
