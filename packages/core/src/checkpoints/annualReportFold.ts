import * as E from 'fp-ts/Either';
import {
  bookkeepingCatalog,
  bookkeepingModule,
  type BookkeepingEvent,
} from '../bookkeeping/bookkeepingCatalog.js';
import type { Chart, StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import { VerifikationNumbering, type PostedEvent } from '../bookkeeping/postingFold.js';
import type { Dimensioner, Verifikation } from '../bookkeeping/Verifikation.js';
import type { OpenItemEffect } from '../bookkeeping/OpenItem.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import {
  annualReport,
  type AnnualReport,
  type AnnualReportOptions,
} from '../statements/annualReport.js';
import {
  ledgerTotalsProjection,
  type BudgetDecision,
  type DimensionTotal,
  type HistoricalFigures,
  type LedgerTotals,
} from '../statements/LedgerTotals.js';
import {
  applyOpenItemEffects,
  openItemsAtYearEndProjection,
  type OpenItemAtYearEnd,
  type OpenItemsAtYearEndState,
} from '../statements/openItemsAtYearEnd.js';
import type { FörvaltningsberättelseAvsnitt } from '../bookkeeping/events/FörvaltningsberättelseRegistrerad.js';
import type { ÅrsarbetarePerOmråde } from '../bookkeeping/events/PersonalresurserRegistrerade.js';
import { footnoteEventsProjection, withFootnotes } from '../statements/reportFootnotes.js';
import { chartFingerprint } from './chartFingerprint.js';
import type { CheckpointKind } from './checkpointShelf.js';
import {
  deserialiseFootnoteEvents,
  serialiseFootnoteEvents,
  type FootnoteEventsState,
  type SerialisedFootnoteEvents,
} from './footnoteEventsCheckpoint.js';

/**
 * What the annual report of any later year needs from the events up to a point: the totals
 * (balances, every year's movements for comparison columns and the flerårsöversikt, budgets,
 * staffing, history), the open items with every effect counted so far, the latest date an
 * open-item effect counted by, the verifikation numbering, and the events a footnoted report
 * names (corrections and historical figures).
 */
export interface AnnualReportFoldState {
  readonly totals: LedgerTotals;
  /** Open items with every effect counted (as the projection of a year far ahead keeps them). */
  readonly openItems: OpenItemsAtYearEndState;
  /** The latest date an open-item effect is counted by, so far. */
  latestEffectDate: string | undefined;
  readonly numbering: VerifikationNumbering;
  /** The corrections and historical figures so far: what `footnotes: true` marks. */
  readonly footnoteEvents: FootnoteEventsState;
  /**
   * year → account → the sum of the year's closing entries' lines (debet positive): what the
   * totals leave out, and what a huvudbok started from the checkpoint needs for its opening
   * balances (a close moves the result into eget kapital's accounts).
   */
  readonly closingEntries: Map<number, Map<string, Money>>;
}

const everyEffectYear = 9999;
const footnoteEvents = footnoteEventsProjection();

/** The empty fold state. */
export const initialAnnualReportFoldState = (chart: Chart): AnnualReportFoldState => ({
  totals: ledgerTotalsProjection(chart).init(),
  openItems: openItemsAtYearEndProjection(chart, everyEffectYear).init(),
  latestEffectDate: undefined,
  numbering: new VerifikationNumbering(),
  footnoteEvents: footnoteEvents.init(),
  closingEntries: new Map(),
});

/**
 * True when the fold state's open items are those at the end of `year` too: every effect
 * counted so far is dated on or before it, so the projection of `year` would have counted
 * exactly the same effects in the same order.
 */
export const foldStateServesYear = (state: AnnualReportFoldState, year: number): boolean =>
  state.latestEffectDate === undefined || state.latestEffectDate <= `${year}-12-31`;

type DecimalString = string;
interface SerialisedItem extends Omit<OpenItemAtYearEnd, 'öppetBelopp' | 'ursprungligtBelopp'> {
  readonly ursprungligtBelopp: DecimalString;
}

/** The serialised form: plain JSON, Maps as entry arrays in order, money as decimal strings. */
interface SerialisedFoldState {
  readonly totals: {
    readonly openingYear: number | null;
    readonly opening: [string, DecimalString][];
    readonly movements: [number, [string, DecimalString][]][];
    readonly historical: [number, HistoricalFigures][];
    readonly closedYears: number[];
    readonly closingResults: [number, DecimalString][];
    readonly resultByDimension: [
      number,
      [
        string,
        { konto: string; line: StatementLine; dimensioner?: Dimensioner; belopp: DecimalString },
      ][],
    ][];
    readonly budgets: [number, BudgetDecision[]][];
    readonly staffing: [number, ÅrsarbetarePerOmråde][];
    readonly förvaltningsberättelser: [number, readonly FörvaltningsberättelseAvsnitt[]][];
    readonly equityAgainstCash: [number, DecimalString][];
  };
  readonly openItems: {
    readonly items: [string, { item: SerialisedItem; öppetBelopp: DecimalString }][];
    readonly settled: [string, SerialisedItem][];
  };
  readonly latestEffectDate: string | null;
  readonly numbering: [number, number][];
  readonly footnoteEvents: SerialisedFootnoteEvents;
  readonly closingEntries: [number, [string, DecimalString][]][];
}

const moneyEntries = (map: ReadonlyMap<string, Money>): [string, DecimalString][] =>
  [...map].map(([key, amount]) => [key, amount.toString()]);
const moneyMap = (entries: readonly [string, DecimalString][]): Map<string, Money> =>
  new Map(entries.map(([key, amount]) => [key, Money.fromSerialised(amount)]));
const serialiseItem = (item: Omit<OpenItemAtYearEnd, 'öppetBelopp'>): SerialisedItem => ({
  ...item,
  ursprungligtBelopp: item.ursprungligtBelopp.toString(),
});
const deserialiseItem = (item: SerialisedItem): Omit<OpenItemAtYearEnd, 'öppetBelopp'> => ({
  ...item,
  ursprungligtBelopp: Money.fromSerialised(item.ursprungligtBelopp),
});

/** The fold state as plain JSON (deterministic: the same state gives the same text). */
export function serialiseAnnualReportFoldState(state: AnnualReportFoldState): SerialisedFoldState {
  const { totals, openItems } = state;
  return {
    totals: {
      openingYear: totals.openingYear ?? null,
      opening: moneyEntries(totals.opening),
      movements: [...totals.movements].map(([year, amounts]) => [year, moneyEntries(amounts)]),
      historical: [...totals.historical],
      closedYears: [...totals.closedYears],
      closingResults: [...totals.closingResults].map(([year, amount]) => [year, amount.toString()]),
      resultByDimension: [...totals.resultByDimension].map(([year, byKey]) => [
        year,
        [...byKey].map(([key, total]) => [
          key,
          {
            konto: total.konto,
            line: total.line,
            ...(total.dimensioner === undefined ? {} : { dimensioner: total.dimensioner }),
            belopp: total.belopp.toString(),
          },
        ]),
      ]),
      budgets: [...totals.budgets],
      staffing: [...totals.staffing],
      förvaltningsberättelser: [...totals.förvaltningsberättelser],
      equityAgainstCash: [...totals.equityAgainstCash].map(([year, amount]) => [
        year,
        amount.toString(),
      ]),
    },
    openItems: {
      items: [...openItems.items].map(([postId, entry]) => [
        postId,
        { item: serialiseItem(entry.item), öppetBelopp: entry.öppetBelopp.toString() },
      ]),
      settled: [...openItems.settled].map(([postId, item]) => [postId, serialiseItem(item)]),
    },
    latestEffectDate: state.latestEffectDate ?? null,
    numbering: state.numbering.entries(),
    footnoteEvents: serialiseFootnoteEvents(state.footnoteEvents),
    closingEntries: [...state.closingEntries].map(([year, amounts]) => [
      year,
      moneyEntries(amounts),
    ]),
  };
}

/** The fold state from its serialised form (money parsed back from decimal strings). */
export function deserialiseAnnualReportFoldState(
  chart: Chart,
  serialised: SerialisedFoldState,
): AnnualReportFoldState {
  const { totals, openItems } = serialised;
  return {
    totals: {
      chart,
      openingYear: totals.openingYear ?? undefined,
      opening: moneyMap(totals.opening),
      movements: new Map(totals.movements.map(([year, amounts]) => [year, moneyMap(amounts)])),
      historical: new Map(totals.historical),
      closedYears: new Set(totals.closedYears),
      closingResults: new Map(
        totals.closingResults.map(([year, amount]) => [year, Money.fromSerialised(amount)]),
      ),
      resultByDimension: new Map(
        totals.resultByDimension.map(([year, byKey]) => [
          year,
          new Map(
            byKey.map(([key, total]): [string, DimensionTotal] => [
              key,
              {
                konto: total.konto,
                line: total.line,
                dimensioner: total.dimensioner,
                belopp: Money.fromSerialised(total.belopp),
              },
            ]),
          ),
        ]),
      ),
      budgets: new Map(totals.budgets),
      staffing: new Map(totals.staffing),
      förvaltningsberättelser: new Map(totals.förvaltningsberättelser),
      equityAgainstCash: new Map(
        totals.equityAgainstCash.map(([year, amount]) => [year, Money.fromSerialised(amount)]),
      ),
    },
    openItems: {
      year: everyEffectYear,
      datum: `${everyEffectYear}-12-31`,
      items: new Map(
        openItems.items.map(([postId, entry]) => [
          postId,
          {
            item: deserialiseItem(entry.item),
            öppetBelopp: Money.fromSerialised(entry.öppetBelopp),
          },
        ]),
      ),
      settled: new Map(openItems.settled.map(([postId, item]) => [postId, deserialiseItem(item)])),
    },
    latestEffectDate: serialised.latestEffectDate ?? undefined,
    numbering: VerifikationNumbering.fromEntries(serialised.numbering),
    footnoteEvents: deserialiseFootnoteEvents(serialised.footnoteEvents),
    closingEntries: new Map(
      serialised.closingEntries.map(([year, amounts]) => [year, moneyMap(amounts)]),
    ),
  };
}

/**
 * The version of the annual report's fold: bump it whenever the totals, the open items, the
 * footnote events or their serialised form change, and every checkpoint saved by older code is
 * ignored.
 */
export const annualReportFoldVersion = 7;

/** The annual report's checkpoint kind, for a chart. */
export const annualReportCheckpointKind = (
  chart: Chart,
): CheckpointKind<AnnualReportFoldState> => ({
  projection: 'annual-report',
  variant: chartFingerprint(chart),
  codeVersion: annualReportFoldVersion,
  serialise: serialiseAnnualReportFoldState,
  deserialise: (serialised) =>
    deserialiseAnnualReportFoldState(chart, serialised as SerialisedFoldState),
});

/**
 * The annual report's projection of one year, folded event by event from a start (empty or a
 * checkpoint): what a report replay and a live report share. It keeps two open-item states,
 * the year's (for the report) and every effect's (for the checkpoints saved on the way); a fold
 * for the checkpoints alone (`year` undefined: the writer's at close) keeps only the second.
 */
export class AnnualReportFold {
  private readonly totalsProjection;
  /** The state checkpoints are saved from. */
  readonly state: AnnualReportFoldState;
  /** The year's open items (the fold state's, at the year end) and their projection. */
  private readonly ofYear:
    | {
        readonly projection: ReturnType<typeof openItemsAtYearEndProjection>;
        readonly items: OpenItemsAtYearEndState;
      }
    | undefined;
  /** The stream revision of the last event folded (`-1` before any). */
  revision: number;

  constructor(
    private readonly chart: Chart,
    readonly year: number | undefined,
    start:
      | {
          readonly state: AnnualReportFoldState;
          readonly copy: AnnualReportFoldState;
          readonly revision: number;
        }
      | undefined,
  ) {
    this.totalsProjection = ledgerTotalsProjection(chart);
    this.state = start?.state ?? initialAnnualReportFoldState(chart);
    if (year === undefined) this.ofYear = undefined;
    else {
      const projection = openItemsAtYearEndProjection(chart, year);
      const items =
        start === undefined
          ? projection.init()
          : { ...start.copy.openItems, year, datum: `${year}-12-31` };
      this.ofYear = { projection, items };
    }
    this.revision = start?.revision ?? -1;
  }

  /** Folds one stored event: decodes it, posts and numbers it, and applies it to every state. */
  apply(stored: StoredEvent): PostedEvent<BookkeepingEvent> {
    const decoded = bookkeepingCatalog.decode(stored);
    if (E.isLeft(decoded)) throw decoded.left;
    const event = decoded.right;
    const posted = this.state.numbering.post(event, this.chart);
    this.totalsProjection.apply(this.state.totals, posted);
    // The event's open-item effects, computed once for both open-item states and the date.
    const module = bookkeepingModule(event.type);
    const effects = module.openItemEffects(event.data);
    if (effects.length > 0) {
      const businessDate = module.definition.businessDate(event.data);
      const applied = { effects, businessDate, eventId: event.eventId };
      applyOpenItemEffects(this.state.openItems, this.chart, applied);
      if (this.ofYear !== undefined) applyOpenItemEffects(this.ofYear.items, this.chart, applied);
      this.state.latestEffectDate = latestOf(
        this.state.latestEffectDate,
        latestEffectDateOf(effects, businessDate),
      );
    }
    footnoteEvents.apply(this.state.footnoteEvents, posted);
    addClosingEntries(this.state.closingEntries, posted.verifikationer);
    this.revision = stored.streamRevision;
    return posted;
  }

  /**
   * The annual report of the year from what has been folded; with `footnotes: true`, footnoted
   * as a full replay footnotes it (the corrections and historical figures are in the state).
   */
  report(options: AnnualReportOptions = {}): AnnualReport {
    const { year, ofYear } = this;
    assert(
      year !== undefined && ofYear !== undefined,
      'a fold for the checkpoints alone is never asked for a report',
    );
    const openItems = ofYear.projection.result(ofYear.items);
    const report = annualReport(this.state.totals, openItems, year, options);
    if (options.footnotes !== true) return report;
    return withFootnotes(report, this.state.totals, openItems, this.state.footnoteEvents, options);
  }
}

/** Adds the closing entries among `verifikationer` to their year's sums by account. */
function addClosingEntries(
  closingEntries: Map<number, Map<string, Money>>,
  verifikationer: readonly Verifikation[],
): void {
  for (const verifikation of verifikationer) {
    if (verifikation.bokslut === undefined) continue;
    let sums = closingEntries.get(verifikation.år);
    if (sums === undefined) {
      sums = new Map();
      closingEntries.set(verifikation.år, sums);
    }
    for (const rad of verifikation.rader)
      sums.set(rad.konto, (sums.get(rad.konto) ?? Money.zero).plus(rad.belopp));
  }
}

const latestOf = (left: string | undefined, right: string | undefined): string | undefined =>
  left === undefined ? right : right === undefined || left >= right ? left : right;

/** The latest date any of an event's open-item effects counts by (as the projection does). */
function latestEffectDateOf(
  effects: readonly OpenItemEffect[],
  businessDate: string,
): string | undefined {
  let latest: string | undefined;
  for (const effect of effects)
    latest = latestOf(latest, effect.effect === 'open' ? effect.datum : businessDate);
  return latest;
}
