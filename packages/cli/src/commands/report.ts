import { writeFile } from 'node:fs/promises';
import {
  annualReportOptionsFromConfiguration,
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
  type MoneyUnit,
  type ParticipantTables,
  watchAnnualReport,
} from '@finsam-ledger/core';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { ReportFormat, ReportSection } from '../optionValues.js';
import { participantRenderOptions, participantTablesOf } from '../participantSection.js';
import { withReadProgress, type ReadProgress } from '../readProgress.js';
import { chooseYear, yearsInBooks } from './yearsInBooks.js';

/** The options of `finsam report`. */
export interface ReportOptions extends StoreOptions {
  readonly year?: number;
  readonly format: ReportFormat;
  readonly unit?: MoneyUnit;
  readonly section?: ReportSection;
  readonly out?: string;
  /** Print the report again after each new event, until SIGINT or SIGTERM. */
  readonly watch?: boolean;
}

interface Rendering {
  readonly configuration: FörbundConfiguration;
  readonly report: AnnualReport;
  readonly participants: ParticipantTables;
  readonly unit: MoneyUnit;
  readonly sections: ReadonlySet<ReportSection>;
}

/** `finsam report --format json`: exact kronor as decimal strings, the presentation unit stated. */
const renderJson = ({ configuration, report, participants, unit, sections }: Rendering): string =>
  JSON.stringify(
    {
      förbund: configuration.namn,
      förbundId: configuration.förbundId,
      år: report.år,
      belopp: 'kr (exakta, decimalsträngar)',
      enhet: unit,
      ...(sections.has('ekonomi') ? { årsredovisning: report } : {}),
      ...(sections.has('deltagare') ? { deltagare: participants } : {}),
    },
    null,
    2,
  );

const renderers: Readonly<Record<ReportFormat, (rendering: Rendering) => string>> = {
  json: renderJson,
  text: ({ configuration, report, participants, unit, sections }) =>
    [
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
  md: ({ configuration, report, participants, unit, sections }) =>
    [
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
  try {
    for await (const report of watchAnnualReport(progress.store, ledger.streamId, year, {
      ...annualReportOptionsFromConfiguration(configuration),
      signal: stop.signal,
    })) {
      progress.stop();
      const participants = sections.has('deltagare')
        ? await participantTablesOf(progress.store, configuration, year)
        : { år: year, insatser: [] };
      const unit = options.unit ?? configuration.presentation.enhet;
      const output = renderers[options.format]({
        configuration,
        report,
        participants,
        unit,
        sections,
      });
      const text = output.endsWith('\n') ? output : `${output}\n`;
      if (options.out === undefined) process.stdout.write(`${text}\n`);
      else await writeFile(options.out, text, 'utf8');
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
  return withConfigurationAndStore(options, 'read-only', async (configuration, opened) => {
    const progress = withReadProgress(opened.store, 'Replaying the books');
    const ledger = createLedger({
      store: progress.store,
      ...ledgerOptionsFromConfiguration(configuration),
    });
    if (options.watch === true) return watchReport(options, configuration, ledger, progress);
    let rendering: Rendering;
    try {
      const year = chooseYear(
        options.year,
        yearsInBooks(await ledger.totals()),
        `${configuration.namn} (stream ${ledger.streamId} in ${opened.location})`,
      );
      const sections = sectionsOf(options);
      rendering = {
        configuration,
        report: await ledger.annualReport(year),
        participants: sections.has('deltagare')
          ? await participantTablesOf(progress.store, configuration, year)
          : { år: year, insatser: [] },
        unit: options.unit ?? configuration.presentation.enhet,
        sections,
      };
    } finally {
      progress.stop();
    }
    const output = renderers[options.format](rendering);
    const text = output.endsWith('\n') ? output : `${output}\n`;
    if (options.out === undefined) process.stdout.write(text);
    else await writeFile(options.out, text, 'utf8');
    return exitCodes.ok;
  });
}
