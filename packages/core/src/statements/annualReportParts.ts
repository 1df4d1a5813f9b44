import type { AnnualReportOptions } from './annualReport.js';
import { balansräkning } from './Balansräkning.js';
import { driftredovisning } from './Driftredovisning.js';
import { flerårsöversikt } from './Flerårsöversikt.js';
import { kassaflödesanalys } from './Kassaflödesanalys.js';
import type { LedgerTotals } from './LedgerTotals.js';
import { not1Intäkter } from './Not1Intäkter.js';
import { not2Kostnader } from './Not2Kostnader.js';
import { not3Fordringar } from './Not3Fordringar.js';
import { not4KortfristigaSkulder } from './Not4KortfristigaSkulder.js';
import type { OpenItemsAtYearEnd } from './openItemsAtYearEnd.js';
import { resultaträkning } from './Resultaträkning.js';
import type { Statement } from './Statement.js';

/**
 * The statements of an annual report by their property name in {@link AnnualReport}, in printed
 * order: the names row keys are given under (`balansräkning/leverantörsskulder`).
 */
export const annualReportParts = [
  'flerårsöversikt',
  'resultaträkning',
  'balansräkning',
  'kassaflödesanalys',
  'driftredovisning',
  'not1',
  'not2',
  'not3',
  'not4',
] as const;

/** One of {@link annualReportParts}. */
export type AnnualReportPart = (typeof annualReportParts)[number];

/** What every statement of a report is computed from. */
export interface AnnualReportInputs {
  readonly totals: LedgerTotals;
  readonly openItems: OpenItemsAtYearEnd;
  readonly year: number;
  readonly options: AnnualReportOptions;
}

const budgetOf = (options: AnnualReportOptions) =>
  options.budgetDatum === undefined ? {} : { budgetDatum: options.budgetDatum };

const statementBuilders: Readonly<
  Record<AnnualReportPart, (inputs: AnnualReportInputs) => Statement>
> = {
  flerårsöversikt: ({ totals, year, options }) =>
    flerårsöversikt(
      totals,
      year,
      options.flerårsöversiktYears === undefined ? {} : { years: options.flerårsöversiktYears },
    ),
  resultaträkning: ({ totals, year }) => resultaträkning(totals, year),
  balansräkning: ({ totals, year }) => balansräkning(totals, year),
  kassaflödesanalys: ({ totals, year }) => kassaflödesanalys(totals, year),
  driftredovisning: ({ totals, year, options }) =>
    driftredovisning(totals, year, budgetOf(options)),
  not1: ({ totals, year }) => not1Intäkter(totals, year),
  not2: ({ totals, year, options }) => not2Kostnader(totals, year, budgetOf(options)),
  not3: ({ totals, openItems, year }) => not3Fordringar(totals, openItems, year),
  not4: ({ totals, openItems, year }) => not4KortfristigaSkulder(totals, openItems, year),
};

/**
 * One statement of the annual report (pure): the annual report and the drill-down compute every
 * statement through this one function, so an explained row is the printed row.
 */
export const statementOfPart = (part: AnnualReportPart, inputs: AnnualReportInputs): Statement =>
  statementBuilders[part](inputs);

/** True when `name` is one of {@link annualReportParts}. */
export const isAnnualReportPart = (name: string): name is AnnualReportPart =>
  (annualReportParts as readonly string[]).includes(name);
