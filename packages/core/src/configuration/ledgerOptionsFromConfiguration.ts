import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { AnnualReportOptions } from '../statements/annualReport.js';
import type { FinancialGuidelines } from '../statements/FinansiellaRiktlinjer.js';
import type { FörbundConfiguration } from './förbundConfigurationSchema.js';
import { chartFromKontoplan } from './kontoplan.js';
import type { RecordingVocabulary } from '../bookkeeping/recordingVocabulary.js';

/** The chart of accounts a configuration describes (see `chartFromKontoplan`). */
export const chartFromConfiguration = (
  configuration: Pick<FörbundConfiguration, 'kontoplan'>,
): Chart => chartFromKontoplan(configuration.kontoplan);

/** The names recording accepts under a configuration: its members, posts and insatser. */
export const vocabularyFromConfiguration = (
  configuration: Pick<FörbundConfiguration, 'medlemmar' | 'poster' | 'insatser'>,
): RecordingVocabulary => ({
  medlemmar: configuration.medlemmar,
  poster: configuration.poster,
  insatser: configuration.insatser,
});

/**
 * The financial guidelines a configuration states, defaults filled in, with the members' shares
 * (`medlemmar[].andel`, `andelPerÅr`) as `medlemsandelar`, so that each member's contributions
 * are checked against its share.
 */
export function guidelinesFromConfiguration(
  configuration: Pick<FörbundConfiguration, 'finansiellaRiktlinjer'> &
    Partial<Pick<FörbundConfiguration, 'medlemmar'>>,
): FinancialGuidelines {
  const medlemsandelar = (configuration.medlemmar ?? []).flatMap(({ namn, andel, andelPerÅr }) =>
    andel === undefined && andelPerÅr === undefined
      ? []
      : [
          {
            medlem: namn,
            ...(andel === undefined ? {} : { andel }),
            ...(andelPerÅr === undefined ? {} : { andelPerÅr }),
          },
        ],
  );
  return medlemsandelar.length === 0
    ? configuration.finansiellaRiktlinjer
    : { ...configuration.finansiellaRiktlinjer, medlemsandelar };
}

/**
 * What {@link ledgerOptionsFromConfiguration} returns: every `createLedger` option but the store.
 */
export interface LedgerOptionsFromConfiguration {
  readonly förbundId: string;
  readonly namn: string;
  readonly chart: Chart;
  readonly vocabulary: RecordingVocabulary;
  readonly guidelines: FinancialGuidelines;
  readonly flerårsöversiktYears: number;
}

/**
 * The options a configuration gives `createLedger`, to spread beside the store:
 * `createLedger({ store, ...ledgerOptionsFromConfiguration(configuration) })`. The ledger
 * then books on the configuration's chart, refuses names it does not declare, and prints
 * its name, checks its guidelines and shows its years of the flerårsöversikt in the annual
 * report.
 */
export function ledgerOptionsFromConfiguration(
  configuration: FörbundConfiguration,
): LedgerOptionsFromConfiguration {
  return {
    förbundId: configuration.förbundId,
    namn: configuration.namn,
    chart: chartFromConfiguration(configuration),
    vocabulary: vocabularyFromConfiguration(configuration),
    guidelines: guidelinesFromConfiguration(configuration),
    flerårsöversiktYears: configuration.presentation.flerårsöversiktÅr,
  };
}

/**
 * The options a configuration gives a replay of the annual report without a ledger:
 * `replayAnnualReport(events, year, annualReportOptionsFromConfiguration(configuration))`
 * books on its chart, titles the report with its name, checks its guidelines and shows its
 * years of the flerårsöversikt.
 */
export function annualReportOptionsFromConfiguration(
  configuration: FörbundConfiguration,
): AnnualReportOptions & { readonly chart: Chart } {
  return {
    namn: configuration.namn,
    guidelines: guidelinesFromConfiguration(configuration),
    flerårsöversiktYears: configuration.presentation.flerårsöversiktÅr,
    chart: chartFromConfiguration(configuration),
  };
}
