import { writeFile } from 'node:fs/promises';
import {
  createLedger,
  renderAnnualReportCsv,
  renderAnnualReportMarkdown,
  renderAnnualReportText,
  type AnnualReport,
  type MoneyUnit,
} from '@finsam-ledger/core';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import {
  annualReportOptionsFromConfiguration,
  ledgerOptionsFromConfiguration,
  type FörbundConfiguration,
} from '../configurationContract.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { ReportFormat } from '../optionValues.js';
import { participantSection, type ParticipantSection } from '../participantsContract.js';
import { withReadProgress } from '../readProgress.js';
import { chooseYear, yearsInBooks } from './yearsInBooks.js';

/** The options of `finsam report`. */
export interface ReportOptions extends StoreOptions {
  readonly year?: number;
  readonly format: ReportFormat;
  readonly unit?: MoneyUnit;
  readonly out?: string;
}

interface Rendering {
  readonly configuration: FörbundConfiguration;
  readonly report: AnnualReport;
  readonly participants: ParticipantSection;
  readonly unit: MoneyUnit;
  readonly location: string;
}

/** What `finsam report --format json` prints: exact kronor as decimal strings, the presentation unit stated. */
const renderJson = ({ configuration, report, participants, unit }: Rendering): string =>
  JSON.stringify(
    {
      förbund: configuration.namn,
      förbundId: configuration.förbundId,
      år: report.år,
      belopp: 'kr (exakta, decimalsträngar)',
      enhet: unit,
      årsredovisning: report,
      deltagare: participants.data,
    },
    null,
    2,
  );

const title = ({ configuration, report }: Rendering) =>
  `${configuration.namn} – årsredovisning ${report.år}`;

const renderers: Readonly<Record<ReportFormat, (rendering: Rendering) => string>> = {
  json: renderJson,
  text: (rendering) =>
    [
      `${title(rendering)} (återspelad från ${rendering.location})`,
      '',
      renderAnnualReportText(rendering.report, rendering.unit),
      ...(rendering.participants.text === '' ? [] : ['', rendering.participants.text]),
    ].join('\n'),
  md: (rendering) =>
    [
      renderAnnualReportMarkdown(rendering.report, rendering.unit, { title: title(rendering) }),
      ...(rendering.participants.markdown === '' ? [] : [rendering.participants.markdown]),
    ].join('\n\n'),
  // One CSV document is one table: the participant tables are their own CSV (see the README).
  csv: (rendering) => renderAnnualReportCsv(rendering.report, rendering.unit),
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
      const report = await ledger.annualReport(
        year,
        annualReportOptionsFromConfiguration(configuration),
      );
      const unit = options.unit ?? configuration.presentation?.enhet ?? 'kr';
      const participants = await participantSection(
        progress.store,
        configuration.förbundId,
        year,
        unit,
      );
      rendering = { configuration, report, participants, unit, location: opened.location };
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
