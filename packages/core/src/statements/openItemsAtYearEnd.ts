import { bookkeepingModule, type BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { Chart, StatementLine } from '../bookkeeping/ChartOfAccounts.js';
import {
  accountOfKind,
  openItemKinds,
  placementOf,
  type OpenItem,
  type OpenItemEffect,
  type OpenItemSpec,
} from '../bookkeeping/OpenItem.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import { yearOf } from '../events/zodFields.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';

/**
 * One open item as it stood at a year end: the write side's {@link OpenItem} (text,
 * motpart, placement, opening date and event), with its balance-sheet account and line, and
 * exact amounts: `ursprungligtBelopp` as opened (reopenings by corrections not included),
 * `öppetBelopp` what was still open at the year end (opened, minus settlements, plus
 * reopenings, each dated on or before it).
 */
export interface OpenItemAtYearEnd extends Omit<OpenItem, 'ursprungligtBelopp' | 'öppetBelopp'> {
  /** The balance-sheet account of its kind in the chart, e.g. `2440`. */
  readonly konto: string;
  /** The balansräkning line that account feeds: the Not 3 or Not 4 group the item belongs to. */
  readonly line: StatementLine;
  readonly ursprungligtBelopp: Money;
  readonly öppetBelopp: Money;
  /**
   * When the item falls due (förfallodag), as the event that opened it gave it: an invoice's due
   * date. Left out when the event gave none (accruals have none).
   */
  readonly förfallodatum?: string;
}

/**
 * The open items at the end of a year: every item with a non-zero open amount at `${year}-12-31`.
 */
export interface OpenItemsAtYearEnd {
  readonly year: number;
  /** The year end, `${year}-12-31`. */
  readonly datum: string;
  /**
   * The items by kind (in the order of `openItemKinds`: kundfordran, upplupen-intäkt,
   * förutbetald-kostnad, leverantörsskuld, upplupen-kostnad, övrig-kortfristig-skuld,
   * förutbetald-intäkt), then
   * in the order they were recorded.
   */
  readonly items: readonly OpenItemAtYearEnd[];
}

/**
 * The projection's state: the items opened by the year end and not settled to zero, by id, with
 * what was open at the year end, and the most recently settled ones (a settled item leaves
 * `items`), never every item ever opened.
 */
export interface OpenItemsAtYearEndState {
  readonly year: number;
  readonly datum: string;
  readonly items: Map<string, { item: Omit<OpenItemAtYearEnd, 'öppetBelopp'>; öppetBelopp: Money }>;
  /**
   * The most recently settled items (at most `openItemsLimits.settledItemsRememberedMax`), oldest
   * first, so that a reopened one keeps its text.
   */
  readonly settled: Map<string, Omit<OpenItemAtYearEnd, 'öppetBelopp'>>;
}

/** Limits of the open-items projection. */
export const openItemsLimits = {
  /**
   * How many items settled to zero are remembered, so that a correction reopening one
   * (a payment that bounced) shows the item's own text. Older ones are forgotten: memory
   * stays bounded however many invoices pass, and a very late reopening shows the
   * correction's text instead.
   */
  settledItemsRememberedMax: 10_000,
} as const;

/**
 * The open items as they stood at `${year}-12-31`: a projection over posted bookkeeping
 * events, to run with the totals (`replayBookkeeping(events, { extra: { openItems:
 * openItemsAtYearEndProjection(chart, 2020) } })`).
 *
 * Each event's open-item effects (the same `openItemEffects` the write side applies) count
 * only when they are dated on or before the year end: an opening by its own date, a
 * settlement (a payment, a reversal, a correction) by the event's business date. Events
 * come in recorded order, and a year's closing entries are often recorded the next March,
 * after payments of January: a settlement dated after the year end does not count, an
 * accrual dated 31 December recorded in March does. Because every effect and the
 * verifikation that goes with it carry the same date, the open amounts of a line's items
 * add up to the balansräkning's line at the year end (Not 3 and Not 4 assert it).
 *
 * Memory: the items opened on or before the year end and not settled to zero on the way,
 * plus the last {@link openItemsLimits}.settledItemsRememberedMax settled ones (so that a
 * reopened item keeps its text); never the events nor every item ever opened (1 million
 * events with 166 000 invoices: flat heap, see docs/benchmarks.md).
 */
export const openItemsAtYearEndProjection = (
  chart: Chart,
  year: number,
): Projection<PostedEvent<BookkeepingEvent>, OpenItemsAtYearEndState, OpenItemsAtYearEnd> => ({
  ...openItemsAtDateProjection(chart, `${year}-12-31`),
  name: `openItemsAtYearEnd(${year})`,
});

/**
 * The open items as they stood at `datum` (`YYYY-MM-DD`), dated as
 * {@link openItemsAtYearEndProjection} dates them at a year end: what the reskontra lists on any
 * day. `year` in its state and result is the date's year.
 */
export const openItemsAtDateProjection = (
  chart: Chart,
  datum: string,
): Projection<PostedEvent<BookkeepingEvent>, OpenItemsAtYearEndState, OpenItemsAtYearEnd> => {
  const year = yearOf(datum);
  return {
    name: `openItemsAt(${datum})`,
    init: () => ({ year, datum, items: new Map(), settled: new Map() }),
    apply(state, { event }) {
      const module = bookkeepingModule(event.type);
      const effects = module.openItemEffects(event.data);
      if (effects.length === 0) return state;
      const businessDate = module.definition.businessDate(event.data);
      applyOpenItemEffects(state, chart, { effects, businessDate, eventId: event.eventId });
      return state;
    },
    result: (state) => ({
      year: state.year,
      datum: state.datum,
      items: [...state.items.values()]
        .filter((entry) => !entry.öppetBelopp.isZero())
        .map((entry): OpenItemAtYearEnd => ({ ...entry.item, öppetBelopp: entry.öppetBelopp }))
        .sort(
          (left, right) => openItemKinds.indexOf(left.slag) - openItemKinds.indexOf(right.slag),
        ),
    }),
  };
};

/**
 * Applies an event's open-item effects (its `openItemEffects`, dated by its business date) to
 * open items at a year end, as {@link openItemsAtYearEndProjection} does: for a caller that
 * keeps several such states and computes the effects once for all of them.
 */
export function applyOpenItemEffects(
  state: OpenItemsAtYearEndState,
  chart: Chart,
  event: {
    readonly effects: readonly OpenItemEffect[];
    readonly businessDate: string;
    readonly eventId: string;
  },
): void {
  for (const effect of event.effects)
    applyEffect(state, chart, effect, event.businessDate, event.eventId);
}

function applyEffect(
  state: OpenItemsAtYearEndState,
  chart: Chart,
  effect: OpenItemEffect,
  businessDate: string,
  eventId: string,
): void {
  const counts = (effect.effect === 'open' ? effect.datum : businessDate) <= state.datum;
  // Only what happened on or before the year end changes the snapshot.
  if (!counts) return;
  if (effect.effect === 'open') {
    const amount = Money.from(effect.item.belopp);
    const existing = state.items.get(effect.item.postId);
    // A reopening (a corrected payment, an equity correction raising the item) adds to the
    // item; the write side refuses a second opening of an id, so only a reopening finds one.
    // A reopened item that was settled to zero and dropped comes back with the reopening's text.
    if (existing) existing.öppetBelopp = existing.öppetBelopp.plus(amount);
    else {
      const remembered = state.settled.get(effect.item.postId);
      state.settled.delete(effect.item.postId);
      state.items.set(effect.item.postId, {
        item: remembered ?? itemOf(chart, effect.item, effect.datum, eventId),
        öppetBelopp: amount,
      });
    }
    dropIfSettled(state, effect.item.postId);
    return;
  }
  const amount = Money.from(effect.belopp);
  const existing = state.items.get(effect.postId);
  if (existing) {
    existing.öppetBelopp = existing.öppetBelopp.minus(amount);
    dropIfSettled(state, effect.postId);
    return;
  }
  // The write side settles only items it knows, so this is a settlement dated before its
  // item's opening, or a stream the write side never checked; keep it so that the items
  // still add up to the account.
  const slag = effect.slag[0]!;
  state.items.set(effect.postId, {
    item: itemOf(
      chart,
      { postId: effect.postId, slag, belopp: effect.belopp, text: effect.postId },
      businessDate,
      eventId,
    ),
    öppetBelopp: amount.negated(),
  });
}

/**
 * Moves an item that stands at zero to the bounded memory of settled items: memory is then
 * the items open on the way to the year end plus a fixed number of settled ones, not every
 * item ever opened.
 */
function dropIfSettled(state: OpenItemsAtYearEndState, postId: string): void {
  const entry = state.items.get(postId);
  if (!entry?.öppetBelopp.isZero()) return;
  state.items.delete(postId);
  state.settled.set(postId, entry.item);
  if (state.settled.size > openItemsLimits.settledItemsRememberedMax)
    state.settled.delete(state.settled.keys().next().value!);
}

function itemOf(
  chart: Chart,
  spec: Pick<OpenItemSpec, 'postId' | 'slag' | 'belopp' | 'text'> & Partial<OpenItemSpec>,
  datum: string,
  eventId: string,
): Omit<OpenItemAtYearEnd, 'öppetBelopp'> {
  const konto = accountOfKind(chart, spec.slag);
  return {
    postId: spec.postId,
    slag: spec.slag,
    konto,
    line: chart.account(konto).line,
    text: spec.text,
    ...(spec.motpart === undefined ? {} : { motpart: spec.motpart }),
    ...placementOf(spec),
    ...(spec.förfallodatum === undefined ? {} : { förfallodatum: spec.förfallodatum }),
    datum,
    eventId,
    ursprungligtBelopp: Money.from(spec.belopp),
  };
}
