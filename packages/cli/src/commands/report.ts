import { writeFile } from 'node:fs/promises';
import {
  createLedger,
  ledgerOptionsFromConfiguration,
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
} from '@finsam-ledger/core';
import { annualReportXlsx } from '@finsam-ledger/xlsx';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { ReportFormat, ReportSection } from '../optionValues.js';
import { participantRenderOptions, participantTablesOf } from '../participantSection.js';
import { withReadProgress } from '../readProgress.js';
import { chooseYear, yearsInBooks } from './yearsInBooks.js';

/** The options of `finsam report`. */
export interface ReportOptions extends StoreOptions {
  readonly year?: number;
  readonly format: ReportFormat;
  readonly unit?: MoneyUnit;
  readonly section?: ReportSection;
  readonly out?: string;
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

/** `finsam report --format xlsx`: the workbook's bytes (participant sheet unless left out). */
const renderXlsx = ({ report, participants, unit, sections }: Rendering): Uint8Array =>
  annualReportXlsx({ report, unit, ...(sections.has('deltagare') ? { participants } : {}) });

const renderers: Readonly<Record<Exclude<ReportFormat, 'xlsx'>, (rendering: Rendering) => string>> =
  {
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
    if (options.format === 'xlsx') {
      const bytes = renderXlsx(rendering);
      if (options.out === undefined) process.stdout.write(bytes);
      else await writeFile(options.out, bytes);
      return exitCodes.ok;
    }
    const output = renderers[options.format](rendering);
    const text = output.endsWith('\n') ? output : `${output}\n`;
    if (options.out === undefined) process.stdout.write(text);
    else await writeFile(options.out, text, 'utf8');
    return exitCodes.ok;
  });
}
