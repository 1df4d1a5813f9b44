import { writeFile } from 'node:fs/promises';
import {
  createLedger,
  ledgerOptionsFromConfiguration,
  type Ledger,
  renderAnnualReportCsv,
  renderAnnualReportMarkdown,
  renderAnnualReportText,
  renderParticipantTablesCsv,
  renderParticipantTablesMarkdown,
  renderParticipantTablesText,
  type AnnualReport,
  type FörbundConfiguration,
  type LedgerTotals,
  type MoneyUnit,
  type ParticipantTables,
} from '@finsam-ledger/core';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { ReportFormat, ReportSection } from '../optionValues.js';
import {
  followParticipantTables,
  participantRenderOptions,
  participantTablesOf,
} from '../participantSection.js';
import { withReadProgress, type ReadProgress } from '../readProgress.js';
import { storeSeenAsOf, warnWhenClosedYearsChanged, type AsOfRead } from './readBooks.js';
import { workbookNotice, writeListing } from './huvudbok.js';
import { chooseYear, yearsInBooks } from './yearsInBooks.js';
import { warnWhenReadFailsVerification } from './audit.js';

/** The options of `finsam report`. */
export interface ReportOptions extends StoreOptions {
  readonly year?: number;
  readonly format: ReportFormat;
  readonly unit?: MoneyUnit;
  readonly section?: ReportSection;
  readonly out?: string;
  /** The Chromium executable `--format pdf` prints with (`--chromium`, `FINSAM_CHROMIUM`). */
  readonly chromium?: string;
  /** Only what the store had stored by then (its own stamps): a date or an instant. */
  readonly asOf?: string;
  /** Print the report again after each new event, until SIGINT or SIGTERM. */
  readonly watch?: boolean;
}

interface Rendering {
  readonly configuration: FörbundConfiguration;
  readonly report: AnnualReport;
  readonly participants: ParticipantTables;
  readonly unit: MoneyUnit;
  readonly sections: ReadonlySet<ReportSection>;
  readonly totals: LedgerTotals;
  /** `--as-of`: the instant the books are shown as stored at, and the notice saying so. */
  readonly asOf?: AsOfRead;
}

/** `finsam report --format json`: exact kronor as decimal strings, the presentation unit stated. */
const renderJson = ({
  configuration,
  report,
  participants,
  unit,
  sections,
  asOf,
}: Rendering): string =>
  JSON.stringify(
    {
      förbund: configuration.namn,
      förbundId: configuration.förbundId,
      år: report.år,
      ...(asOf === undefined ? {} : { asOf: asOf.asOf, asOfNotice: asOf.notice }),
      belopp: 'kr (exakta, decimalsträngar)',
      enhet: unit,
      ...(sections.has('ekonomi') ? { årsredovisning: report } : {}),
      ...(sections.has('deltagare') ? { deltagare: participants } : {}),
    },
    null,
    2,
  );

/**
 * `finsam report --format xlsx`: the workbook's bytes, the sheets of the sections asked for. The
 * xlsx writer is imported here, when a workbook is asked for: every other report goes without it.
 */
const renderXlsx = async ({
  report,
  participants,
  unit,
  sections,
  asOf,
}: Rendering): Promise<Uint8Array> => {
  const { annualReportXlsx } = await import('@finsam-ledger/xlsx');
  return annualReportXlsx({
    report,
    unit,
    financialReport: sections.has('ekonomi'),
    ...(sections.has('deltagare') ? { participants } : {}),
    ...workbookNotice(asOf),
  });
};

// The HTML and PDF documents are rendered asynchronously (charts, a browser): see `documentOf`;
// the workbook is bytes: see `renderXlsx`.
const renderers: Readonly<
  Record<Exclude<ReportFormat, 'xlsx' | 'html' | 'pdf'>, (rendering: Rendering) => string>
> = {
  json: renderJson,
  text: ({ configuration, report, participants, unit, sections, asOf }) =>
    [
      ...(asOf === undefined ? [] : [asOf.notice]),
      ...(sections.has('ekonomi') ? [renderAnnualReportText(report, unit)] : []),
      ...(sections.has('deltagare')
        ? [
            renderParticipantTablesText(
              participants,
              participantRenderOptions(configuration, report.år),
            ),
          ]
        : []),
    ].join('\n\n'),
  md: ({ configuration, report, participants, unit, sections, asOf }) =>
    [
      ...(asOf === undefined ? [] : [`> **${asOf.notice}**`]),
      ...(sections.has('ekonomi') ? [renderAnnualReportMarkdown(report, unit)] : []),
      ...(sections.has('deltagare')
        ? [
            renderParticipantTablesMarkdown(
              participants,
              participantRenderOptions(configuration, report.år),
            ),
          ]
        : []),
    ].join('\n\n'),
  // One CSV document is one table, so CSV prints one section: the financial report unless
  // `--section deltagare` asks for the participant tables.
  csv: ({ report, participants, unit, sections }) =>
    sections.has('ekonomi')
      ? renderAnnualReportCsv(report, unit)
      : renderParticipantTablesCsv(participants),
};

/**
 * The HTML or PDF document of the sections asked for: the financial report and the participant
 * tables, or one of them with `--section`. A PDF that cannot be printed is an exit code.
 */
async function documentOf(
  options: ReportOptions,
  { configuration, report, participants, unit, sections, totals, asOf }: Rendering,
): Promise<string | Uint8Array | ExitCode> {
  // The HTML renderer (its charts) and the PDF printer (a browser driver) are imported only for
  // these two formats.
  const { renderReportHtml, renderReportPdf } = await import('../reportDocument.js');
  const input = {
    configuration,
    report,
    unit,
    totals,
    financialReport: sections.has('ekonomi'),
    ...(sections.has('deltagare') ? { participants } : {}),
    ...(asOf === undefined ? {} : { notice: asOf.notice }),
  };
  return options.format === 'pdf'
    ? renderReportPdf(input, options.chromium)
    : renderReportHtml(input);
}

const sectionsOf = (options: ReportOptions): ReadonlySet<ReportSection> => {
  if (options.section !== undefined) return new Set([options.section]);
  return new Set(options.format === 'csv' ? ['ekonomi'] : ['ekonomi', 'deltagare']);
};

/**
 * `finsam report --watch`: prints the report, then again after each change to the store, folding
 * only the new events (see `watchAnnualReport`), until SIGINT or SIGTERM; then exits 0.
 */
async function watchReport(
  options: ReportOptions,
  configuration: FörbundConfiguration,
  ledger: Ledger,
  progress: ReadProgress,
): Promise<ExitCode> {
  const year = chooseYear(
    options.year,
    yearsInBooks(await ledger.totals()),
    `${configuration.namn} (stream ${ledger.streamId})`,
  );
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const sections = sectionsOf(options);
  const participantTables = followParticipantTables(progress.store, configuration, year);
  try {
    for await (const watched of ledger.watchAnnualReport(year, {
      // Footnoted as `finsam report` prints it: the watch prints the same report.
      footnotes: true,
      signal: stop.signal,
    })) {
      progress.stop();
      // Folded again only when participant events were stored since the last report.
      const participants = sections.has('deltagare')
        ? await participantTables()
        : { år: year, insatser: [] };
      const unit = options.unit ?? configuration.presentation.enhet;
      // The watch's own totals, folded with the report: no replay per update. They are no part
      // of the report printed (`finsam report --format json` has none).
      const { totals, ...report } = watched;
      const rendering = { configuration, report, participants, unit, sections, totals };
      // A blank line ends each report on stdout, so that a reader can tell one from the next.
      const written = await writeRendering(options, rendering, '\n');
      if (written !== exitCodes.ok) return written;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return exitCodes.ok;
}

/**
 * `finsam report`: replays the förbund's books and participants from the store and prints
 * the annual report of `--year` (default: the latest year with bookings) in `--format`.
 */
export function runReport(options: ReportOptions): Promise<ExitCode> {
  return withConfigurationAndStore(options, 'read-only-checked', async (configuration, opened) => {
    // As of a date, every read (books and participants) sees only what was stored by then.
    const seen = storeSeenAsOf(opened, options.asOf);
    const progress = withReadProgress(seen.store, 'Replaying the books');
    const ledger = createLedger({
      store: progress.store,
      ...ledgerOptionsFromConfiguration(configuration),
    });
    if (options.watch === true) return watchReport(options, configuration, ledger, progress);
    let rendering: Rendering;
    try {
      const totals = await ledger.totals();
      const year = chooseYear(
        options.year,
        yearsInBooks(totals),
        `${configuration.namn} (stream ${ledger.streamId} in ${opened.location})`,
      );
      warnWhenClosedYearsChanged(totals, year);
      const sections = sectionsOf(options);
      rendering = {
        configuration,
        report: await ledger.annualReport(year, { footnotes: true }),
        participants: sections.has('deltagare')
          ? await participantTablesOf(progress.store, configuration, year)
          : { år: year, insatser: [] },
        unit: options.unit ?? configuration.presentation.enhet,
        sections,
        totals,
        ...(seen.asOf === undefined ? {} : { asOf: seen.asOf }),
      };
    } catch (error) {
      // The reads check every line they read: a damaged one is reported as verification's.
      warnWhenReadFailsVerification(opened, error);
      throw error;
    } finally {
      progress.stop();
    }
    return writeRendering(options, rendering);
  });
}

/**
 * Writes a rendering in `--format` to `--out` or stdout; `separator` follows a text report on
 * stdout (a watch's reports).
 */
async function writeRendering(
  options: ReportOptions,
  rendering: Rendering,
  separator = '',
): Promise<ExitCode> {
  if (options.format === 'xlsx') {
    await writeListing(await renderXlsx(rendering), options.out);
    return exitCodes.ok;
  }
  const output =
    options.format === 'html' || options.format === 'pdf'
      ? await documentOf(options, rendering)
      : renderers[options.format](rendering);
  if (typeof output === 'number') return output;
  const text = typeof output !== 'string' || output.endsWith('\n') ? output : `${output}\n`;
  if (options.out === undefined)
    process.stdout.write(typeof text === 'string' ? `${text}${separator}` : text);
  else await writeFile(options.out, text);
  return exitCodes.ok;
}
