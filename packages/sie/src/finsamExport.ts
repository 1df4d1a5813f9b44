import {
  Money,
  bookkeepingModule,
  budgetInForce,
  firstLedgerYear,
  type BookkeepingEventType,
  type Chart,
  type DomainEvent,
  type LedgerTotals,
  type OpenItemEffect,
  type Verifikation,
} from '@finsam-ledger/core';
import { mayBeFinsamEventOfYear } from './mayBeFinsamEventOfYear.js';
import { objectReferencesOf } from './ledgerDimensions.js';
import type { SieBudget, SieFinsamEvent } from './SieFile.js';

/** The series a kind of event's verifikationer are written in, and what the series holds. */
export interface SieSeries {
  readonly series: string;
  readonly name: string;
}

const income: SieSeries = { series: 'A', name: 'Intäkter och inbetalningar' };
const costs: SieSeries = { series: 'B', name: 'Kostnader och utbetalningar' };
const accruals: SieSeries = { series: 'C', name: 'Periodiseringar och återföringar' };
const closing: SieSeries = { series: 'D', name: 'Bokslut och rättelser av eget kapital' };
const corrections: SieSeries = { series: 'E', name: 'Rättelser (HändelseRättad)' };
const imported: SieSeries = { series: 'I', name: 'Importerade verifikationer' };

/** The events that book nothing or are written as `#IB`: they have no series. */
type UnseriedEventType =
  | 'IngåendeBalansRegistrerad'
  | 'HistoriskaÅrsuppgifterRegistrerade'
  | 'BudgetFastställd'
  | 'BudgetÄndrad'
  | 'PersonalresurserRegistrerade'
  | 'FörvaltningsberättelseRegistrerad';

/**
 * The `#VER` series of each kind of event (docs/sie.md lists them). Within a series the
 * numbers run from 1 in each year, in the ledger's order, without gaps; `#FINSAMVER` keeps
 * the ledger's own number beside it.
 */
export const sieSeriesOfEventType: Readonly<
  Record<Exclude<BookkeepingEventType, UnseriedEventType>, SieSeries>
> = {
  MedlemsbidragFakturerat: income,
  MedlemsbidragMottaget: income,
  KundfordranBetald: income,
  ESFUtbetalning: income,
  ÖvrigIntäktBokförd: income,
  FinansiellIntäktBokförd: income,
  KostnadBokförd: costs,
  KostnadKrediterad: costs,
  LeverantörsskuldBetald: costs,
  ÖvrigSkuldBetald: costs,
  MomsÅterbetald: costs,
  FinansiellKostnadBokförd: costs,
  IntäktUpplupen: accruals,
  IntäktFörutbetald: accruals,
  KostnadFörutbetald: accruals,
  PeriodiseringÅterförd: accruals,
  RäkenskapsårStängt: closing,
  EgetKapitalRättat: closing,
  HändelseRättad: corrections,
  VerifikationImporterad: imported,
};

/** The series of a verifikation by the event it came from. */
export const sieSeriesOf = (verifikation: Pick<Verifikation, 'eventType'>): string =>
  (sieSeriesOfEventType as Readonly<Record<string, SieSeries | undefined>>)[verifikation.eventType]
    ?.series ?? imported.series;

/** An open-item effect as `VerifikationImporterad`'s `öppnaPoster` row. */
function öppnaPostRow(effect: OpenItemEffect): Record<string, unknown> {
  if (effect.effect === 'open')
    return {
      händelse: 'öppnas',
      datum: effect.datum,
      post: effect.item,
      ...(effect.reopen === true ? { återöppnas: true } : {}),
    };
  return {
    händelse: 'regleras',
    postId: effect.postId,
    belopp: effect.belopp,
    slag: effect.slag,
    helt: effect.whole,
  };
}

/**
 * The open items each posted event opens and settles, by event id, as `öppnaPoster` rows
 * (the opening balance's items travel with it in `#FINSAMHANDELSE`).
 */
export function openItemsByEventId(
  events: readonly DomainEvent[],
): ReadonlyMap<string, readonly Record<string, unknown>[]> {
  const byEventId = new Map<string, Record<string, unknown>[]>();
  for (const event of events) {
    if (event.type === 'IngåendeBalansRegistrerad') continue;
    const effects = bookkeepingModule(event.type).openItemEffects(event.data);
    if (effects.length > 0) byEventId.set(event.eventId, effects.map(öppnaPostRow));
  }
  return byEventId;
}

/**
 * The ledger's facts of `year` that SIE has no record for, in the order they were recorded:
 * the opening balance (with its open items), the budget decisions, staffing, the
 * förvaltningsberättelse and the year's close of `year`, and, in the file of the books' first
 * year, the figures of the years before the books.
 */
export function finsamEventsOfYear(
  events: readonly DomainEvent[],
  totals: LedgerTotals,
  year: number,
): SieFinsamEvent[] {
  const firstYear = firstLedgerYear(totals);
  return events
    .filter(
      (event) =>
        mayBeFinsamEventOfYear(event, year) &&
        (event.type !== 'HistoriskaÅrsuppgifterRegistrerade' || firstYear === year),
    )
    .map((event) => ({ type: event.type, data: event.data }));
}

/** The budget income kinds' accounts: member contributions on the state's account (one line). */
function incomeAccount(chart: Chart, kind: string): string {
  if (kind === 'medlemsbidrag') return chart.contributionAccount('staten');
  return chart.incomeAccount(kind as 'esf' | 'bidrag' | 'övrig');
}

/**
 * A year's amount in twelve monthly parts: equal in öre (cut towards zero), the remainder in
 * December, so the parts add up to the year exactly.
 */
function monthlyParts(amount: Money): Money[] {
  const part = Money.fromOre(amount.toOre() / 12n);
  const parts = Array.from({ length: 11 }, () => part);
  return [...parts, amount.minus(Money.sum(parts))];
}

/**
 * The budget of `year` in force at its end as `#PBUDGET` rows, SIE's own budget record: each
 * cost line on its cost account with its område, post and underpost as objects (positive),
 * each income kind on its income account with the kind as object 24 (negative), the year's
 * amount in twelve monthly parts. Other programs read it as the year's budget; finsam's
 * import checks it against the decisions it carries.
 */
export function budgetRecordsOfYear(totals: LedgerTotals, year: number): SieBudget[] {
  const budget = budgetInForce(totals, year);
  if (budget === undefined) return [];
  const chart = totals.chart;
  const lines = [
    ...[...budget.kostnader.values()].map((rad) => ({
      account: chart.costAccount(rad.område, rad.post),
      objects: objectReferencesOf({
        område: rad.område,
        post: rad.post,
        ...(rad.underpost === undefined ? {} : { underpost: rad.underpost }),
      }),
      amount: Money.from(rad.belopp),
    })),
    ...[...budget.intäkter].map(([kind, amount]) => ({
      account: incomeAccount(chart, kind),
      objects: objectReferencesOf({ intäktsslag: kind }),
      amount: amount.negated(),
    })),
  ];
  return lines.flatMap((line) =>
    monthlyParts(line.amount).map((amount, index) => ({
      yearIndex: 0,
      period: `${year}${String(index + 1).padStart(2, '0')}`,
      account: line.account,
      objects: line.objects,
      amount: amount.toString(),
    })),
  );
}
