import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { FörvaltningsberättelseAvsnitt } from '../bookkeeping/events/FörvaltningsberättelseRegistrerad.js';
import { unitAndRoundingNote } from './unitAndRoundingNote.js';
import { footnoteEventsProjection, withFootnotes } from './reportFootnotes.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import type { MoneyUnit } from '../money/formatMoney.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import {
  finansiellaRiktlinjer,
  renderGuidelineReportText,
  type FinancialGuidelines,
  type GuidelineReport,
} from './FinansiellaRiktlinjer.js';
import type { LedgerTotals } from './LedgerTotals.js';
import { statementOfPart } from './annualReportParts.js';
import { openItemsAtYearEndProjection, type OpenItemsAtYearEnd } from './openItemsAtYearEnd.js';
import { renderFörvaltningsberättelseText } from './renderFörvaltningsberättelse.js';
import { renderStatementText } from './renderStatementText.js';
import { replayBookkeeping } from './replayStatements.js';
import type { Statement } from './Statement.js';

/** Choices for the annual report. */
export interface AnnualReportOptions {
  /** The date the budget is taken at (ändringsbeslut up to it count); default: the year end. */
  readonly budgetDatum?: string;
  /**
   * The förbund's financial guidelines; defaults: operativa ≥ 70 % of insatsmedel, eget kapital ≤
   * 20 % of the allocation.
   */
  readonly guidelines?: Partial<FinancialGuidelines>;
  /** How many years the flerårsöversikt shows (default 6). */
  readonly flerårsöversiktYears?: number;
  /** The förbund's name (a configuration's `namn`): the report's title. */
  readonly namn?: string;
  /**
   * Footnote the statements where figures are not plain bookings (corrections, historical
   * figures; see {@link withFootnotes}): `replayAnnualReport` and `ledger.annualReport` add
   * `footnotes` only when this is true, so a report compared as data with one from other books
   * (an SIE import, another store) differs only in its figures. `finsam report` turns it on.
   */
  readonly footnotes?: boolean;
}

/**
 * Every financial part of a samordningsförbund's årsredovisning for one year, in the
 * order the reports print them: the flerårsöversikt (section 1.1), resultaträkning,
 * balansräkning, kassaflödesanalys, driftredovisning, Not 1–4, and the checks against
 * the financial guidelines. Exact kronor throughout.
 */
export interface AnnualReport {
  readonly år: number;
  /** The förbund's name, when it was given (see {@link annualReportTitle}). */
  readonly namn?: string;
  /**
   * The förvaltningsberättelse's sections in the förbund's words
   * (`FörvaltningsberättelseRegistrerad` of the year, the latest); left out when none is
   * registered. Printed first; its figures (flerårsöversikt, guideline checks) are the report's.
   */
  readonly förvaltningsberättelse?: readonly FörvaltningsberättelseAvsnitt[];
  readonly flerårsöversikt: Statement;
  readonly resultaträkning: Statement;
  readonly balansräkning: Statement;
  readonly kassaflödesanalys: Statement;
  readonly driftredovisning: Statement;
  readonly not1: Statement;
  readonly not2: Statement;
  readonly not3: Statement;
  readonly not4: Statement;
  readonly finansiellaRiktlinjer: GuidelineReport;
}

/** The annual report of `year` from totals and the open items at its end (pure). */
export function annualReport(
  totals: LedgerTotals,
  openItems: OpenItemsAtYearEnd,
  year: number,
  options: AnnualReportOptions = {},
): AnnualReport {
  const inputs = { totals, openItems, year, options };
  return {
    år: year,
    ...(options.namn === undefined ? {} : { namn: options.namn }),
    ...förvaltningsberättelseOf(totals, year),
    flerårsöversikt: statementOfPart('flerårsöversikt', inputs),
    resultaträkning: statementOfPart('resultaträkning', inputs),
    balansräkning: statementOfPart('balansräkning', inputs),
    kassaflödesanalys: statementOfPart('kassaflödesanalys', inputs),
    driftredovisning: statementOfPart('driftredovisning', inputs),
    not1: statementOfPart('not1', inputs),
    not2: statementOfPart('not2', inputs),
    not3: statementOfPart('not3', inputs),
    not4: statementOfPart('not4', inputs),
    finansiellaRiktlinjer: finansiellaRiktlinjer(totals, year, options.guidelines ?? {}),
  };
}

const förvaltningsberättelseOf = (
  totals: LedgerTotals,
  year: number,
): Pick<AnnualReport, 'förvaltningsberättelse'> => {
  const avsnitt = totals.förvaltningsberättelser.get(year);
  return avsnitt === undefined ? {} : { förvaltningsberättelse: avsnitt };
};

/**
 * Replays a förbund's bookkeeping events (from any store's read, decoded or not) in one
 * streaming pass and returns the annual report of `year`, with the totals (for other
 * years' main statements). With `footnotes: true` its statements carry footnotes where
 * figures are not plain bookings (corrections, historical figures; see {@link withFootnotes}).
 * Memory: the totals, the open items at the year end and the corrections, not the events.
 */
export async function replayAnnualReport(
  events: AsyncIterable<StoredEvent | DomainEvent> | Iterable<StoredEvent | DomainEvent>,
  year: number,
  options: AnnualReportOptions & { chart?: Chart } = {},
): Promise<AnnualReport & { totals: LedgerTotals }> {
  const chart = options.chart ?? defaultChart;
  const { totals, openItems, footnoteEvents } = await replayBookkeeping(events, {
    chart,
    extra: {
      openItems: openItemsAtYearEndProjection(chart, year),
      footnoteEvents: footnoteEventsProjection(),
    },
  });
  const report = annualReport(totals, openItems, year, options);
  if (options.footnotes !== true) return { ...report, totals };
  return { ...withFootnotes(report, totals, openItems, footnoteEvents, options), totals };
}

/** The statements of a report in printed order. */
export const statementsOf = (report: AnnualReport): readonly Statement[] => [
  report.flerårsöversikt,
  report.resultaträkning,
  report.balansräkning,
  report.kassaflödesanalys,
  report.driftredovisning,
  report.not1,
  report.not2,
  report.not3,
  report.not4,
];

/**
 * The report's title: `Samordningsförbundet Roslagen – årsredovisning 2022`, or `Årsredovisning
 * 2022` without a name.
 */
export const annualReportTitle = (report: Pick<AnnualReport, 'år' | 'namn'>): string =>
  report.namn === undefined
    ? `Årsredovisning ${report.år}`
    : `${report.namn} – årsredovisning ${report.år}`;

/**
 * Prints the whole report as text: the förvaltningsberättelse's sections when registered, the
 * tables in `unit` (the flerårsöversikt is always in mkr), then the guideline checks; headed
 * by {@link annualReportTitle} when the report has the förbund's name, then
 * {@link unitAndRoundingNote}.
 */
export function renderAnnualReportText(report: AnnualReport, unit: MoneyUnit = 'tkr'): string {
  const title = annualReportTitle(report);
  return [
    ...(report.namn === undefined ? [] : [`${title}\n${'='.repeat(title.length)}`]),
    unitAndRoundingNote(unit),
    ...(report.förvaltningsberättelse === undefined
      ? []
      : [renderFörvaltningsberättelseText(report.förvaltningsberättelse)]),
    ...statementsOf(report).map((statement) => renderStatementText(statement, unit)),
    renderGuidelineReportText(report.finansiellaRiktlinjer),
  ].join('\n\n');
}
