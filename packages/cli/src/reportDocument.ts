import {
  finansiellaRiktlinjer,
  guidelinesFromConfiguration,
  type AnnualReport,
  type FörbundConfiguration,
  type LedgerTotals,
  type MoneyUnit,
  type ParticipantTables,
} from '@finsam-ledger/core';
import { renderAnnualReportHtml } from '@finsam-ledger/html';
import { describeIssues } from './describeError.js';
import { exitCodes, type ExitCode } from './exitCodes.js';
import { participantRenderOptions } from './participantSection.js';
import { yearsInBooks } from './commands/yearsInBooks.js';

/** What `finsam report --format html|pdf` prints from. */
export interface ReportDocumentInput {
  readonly configuration: FörbundConfiguration;
  readonly report: AnnualReport;
  readonly participants?: ParticipantTables;
  /** `false` leaves out the financial report (`--section deltagare`); default `true`. */
  readonly financialReport?: boolean;
  readonly unit: MoneyUnit;
  /** The books' totals: the guideline checks of the earlier years come from them. */
  readonly totals: LedgerTotals;
  /** Printed first under the title (`--as-of`'s notice). */
  readonly notice?: string;
}

/**
 * The HTML annual report: the report of the year, its participant tables and the eget
 * kapital checks of every earlier year in the books (for the chart over the years); with
 * `financialReport: false`, the participant tables alone.
 */
export function renderReportHtml(input: ReportDocumentInput): Promise<string> {
  const financialReport = input.financialReport !== false;
  const guidelines = guidelinesFromConfiguration(input.configuration);
  // The earlier years' checks draw the eget kapital chart, which only the financial report has.
  const earlier = financialReport
    ? yearsInBooks(input.totals)
        .filter((year) => year < input.report.år)
        .map((year) => finansiellaRiktlinjer(input.totals, year, guidelines))
    : [];
  return renderAnnualReportHtml({
    report: input.report,
    unit: input.unit,
    financialReport,
    earlierGuidelineReports: earlier,
    ...(input.notice === undefined ? {} : { notice: input.notice }),
    ...(input.participants === undefined
      ? {}
      : {
          participants: input.participants,
          participantOptions: participantRenderOptions(input.configuration, input.report.år),
        }),
  });
}

/**
 * The report as an A4 PDF printed by headless Chromium, or the exit code of a refusal
 * (no Chromium, a failed print) after saying why on stderr.
 */
export async function renderReportPdf(
  input: ReportDocumentInput,
  chromium: string | undefined,
): Promise<Uint8Array | ExitCode> {
  const html = await renderReportHtml(input);
  // The browser driver is imported when a PDF is printed, not with the HTML renderer.
  const { isPdfPrintError, printHtmlToPdf } = await import('./printPdf.js');
  try {
    return await printHtmlToPdf(html, chromium === undefined ? {} : { chromium });
  } catch (error) {
    if (!isPdfPrintError(error)) throw error;
    process.stderr.write(
      `${[`${error.code}: ${error.message}`, ...describeIssues(error)].join('\n')}\n`,
    );
    return exitCodes.refused;
  }
}
