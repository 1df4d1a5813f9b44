import { assert } from '../error.js';
import { yearOf } from '../events/zodFields.js';
import { Money } from '../money/Money.js';
import { bookkeepingModule, type BookkeepingEvent } from './bookkeepingCatalog.js';
import { evolvesNothing } from './BookkeepingEventModule.js';
import type { BookkeepingUndoLog, FieldUndo } from './BookkeepingUndoLog.js';
import { isIncomeStatementLine, type Chart } from './ChartOfAccounts.js';
import { CorrectableEvent } from './CorrectableEvent.js';
import type { HistoriskaÅrsuppgifterData } from './events/HistoriskaÅrsuppgifterRegistrerade.js';
import type { IngåendeBalansData } from './events/IngåendeBalansRegistrerad.js';
import type { OpenItem, OpenItemEffect, OpenItemKind } from './OpenItem.js';
import { VerifikationNumbering, type PostedEvent } from './postingFold.js';
import { SettledOpenItems, type SettledOpenItem } from './SettledOpenItems.js';
import type { VerifikationDraft } from './Verifikation.js';

/**
 * What the write-side rules need to know about a förbund's books: the opening balance,
 * closed years, each year's result, account balances, the open items, and the
 * correctable events (id and content fingerprint, to check corrections).
 *
 * It is updated in place by {@link evolveBookkeepingState} for speed; the decider clones
 * it when it checks a batch of several events.
 */
export interface BookkeepingState {
  readonly chart: Chart;
  /** The earliest year with a booking (the opening year when there is an opening balance). */
  firstYear: number | undefined;
  readonly closedYears: Set<number>;
  /**
   * Each year's result (intäkter − kostnader, financial items included), closing entries excluded.
   */
  readonly yearResults: Map<number, Money>;
  /** Cumulative balance per account (debet positive). */
  readonly balances: Map<string, Money>;
  /**
   * Every open item still open, and in full every item settled since the state was folded from
   * the first event or resumed from a checkpoint; an item settled before that checkpoint is in
   * {@link BookkeepingState.settledItems} instead (see {@link openItemStanding}).
   */
  readonly openItems: Map<string, OpenItem>;
  /**
   * The items the checkpoint this state was resumed from held as settled, kept compactly (id,
   * kind, opening event). An item here and in `openItems` is the one in `openItems`: the
   * recorder loads a settled item in full there before a batch that touches it.
   */
  readonly settledItems: SettledOpenItems;
  /** Correctable events: id → content fingerprint. */
  readonly correctableEvents: Map<string, { readonly type: string; readonly fingerprint: string }>;
  readonly correctedEventIds: Set<string>;
  readonly historicalYears: Map<number, HistoriskaÅrsuppgifterData>;
  /** The opening balance as recorded, if there is one. */
  openingBalance: IngåendeBalansData | undefined;
  /** Per budget year, the date of its latest decision (BudgetFastställd or BudgetÄndrad). */
  readonly budgetDecisionDates: Map<number, string>;
  /** The years with a PersonalresurserRegistrerade. */
  readonly staffingYears: Set<number>;
  readonly numbering: VerifikationNumbering;
}

/** The empty state for a chart. */
export function initialBookkeepingState(chart: Chart): BookkeepingState {
  return {
    chart,
    firstYear: undefined,
    closedYears: new Set(),
    yearResults: new Map(),
    balances: new Map(),
    openItems: new Map(),
    settledItems: SettledOpenItems.none,
    correctableEvents: new Map(),
    correctedEventIds: new Set(),
    historicalYears: new Map(),
    openingBalance: undefined,
    budgetDecisionDates: new Map(),
    staffingYears: new Set(),
    numbering: new VerifikationNumbering(),
  };
}

/**
 * A deep-enough copy: every collection is new; the entries are immutable, and so are the
 * settled items, which the copy shares.
 */
export function cloneBookkeepingState(state: BookkeepingState): BookkeepingState {
  return {
    ...state,
    closedYears: new Set(state.closedYears),
    yearResults: new Map(state.yearResults),
    balances: new Map(state.balances),
    openItems: new Map(state.openItems),
    correctableEvents: new Map(state.correctableEvents),
    correctedEventIds: new Set(state.correctedEventIds),
    historicalYears: new Map(state.historicalYears),
    budgetDecisionDates: new Map(state.budgetDecisionDates),
    staffingYears: new Set(state.staffingYears),
    numbering: state.numbering.clone(),
  };
}

/**
 * How the undo of a batch ({@link BookkeepingUndoLog}) puts back each field of the state. A field
 * added to {@link BookkeepingState} does not compile until it is named here, and
 * BookkeepingUndoLog.property.spec.ts checks that every batch undone leaves the state as it was.
 */
export const bookkeepingStateUndo: { readonly [Field in keyof BookkeepingState]-?: FieldUndo } = {
  chart: 'constant',
  firstYear: 'copiedOnFirstChange',
  closedYears: 'copiedBeforeOwnRule',
  yearResults: 'copiedOnFirstChange',
  balances: 'copiedOnFirstChange',
  openItems: 'loggedByKey',
  settledItems: 'constant',
  correctableEvents: 'loggedByKey',
  correctedEventIds: 'loggedByKey',
  historicalYears: 'copiedBeforeOwnRule',
  openingBalance: 'copiedBeforeOwnRule',
  budgetDecisionDates: 'copiedBeforeOwnRule',
  staffingYears: 'copiedBeforeOwnRule',
  numbering: 'copiedOnFirstChange',
};

/** The fields saved whole before an event's own rule keeps something: all but the large ones. */
const fieldsSavedBeforeOwnEvolve = Object.entries(bookkeepingStateUndo)
  .filter(([, undo]) => undo === 'copiedOnFirstChange' || undo === 'copiedBeforeOwnRule')
  .map(([field]) => field);

/** The item an `open` effect of event `eventId` opens, with all of its amount open. */
export function openedItem(
  effect: Extract<OpenItemEffect, { effect: 'open' }>,
  eventId: string,
): OpenItem {
  const { item } = effect;
  // Every item a cost or an invoice opens passes here: the item's members but its amount and due
  // date, in their order, copied in one loop (a rest pattern and a spread copied them twice), and
  // one parse for both amounts.
  const opened: Record<string, unknown> = {};
  for (const key in item)
    if (key !== 'belopp' && key !== 'förfallodatum' && Object.hasOwn(item, key))
      opened[key] = item[key as keyof typeof item];
  const amount = Money.from(item.belopp).toString();
  opened.ursprungligtBelopp = amount;
  opened.öppetBelopp = amount;
  opened.datum = effect.datum;
  opened.eventId = eventId;
  return opened as unknown as OpenItem;
}

/**
 * Applies open-item effects to a map; assumes the decider has checked them. With `log`, each
 * item is logged before it is changed.
 */
export function applyOpenItemEffects(
  openItems: Map<string, OpenItem>,
  effects: readonly OpenItemEffect[],
  eventId: string,
  log?: BookkeepingUndoLog,
): void {
  for (const effect of effects) {
    if (effect.effect === 'open') {
      const existing = openItems.get(effect.item.postId);
      log?.mapEntry(openItems, effect.item.postId, existing);
      if (existing && effect.reopen) {
        openItems.set(existing.postId, {
          ...existing,
          öppetBelopp: Money.from(existing.öppetBelopp)
            .plus(Money.from(effect.item.belopp))
            .toString(),
        });
        continue;
      }
      // Only an item settled before a checkpoint can be missing here; the recorder loads it in
      // full before it folds or checks an event that reopens it.
      assert(effect.reopen !== true, 'a reopened item is loaded in full before it is reopened', {
        postId: effect.item.postId,
      });
      openItems.set(effect.item.postId, openedItem(effect, eventId));
    } else {
      const item = openItems.get(effect.postId);
      assert(item !== undefined, 'a checked settlement has its item', { postId: effect.postId });
      log?.mapEntry(openItems, effect.postId, item);
      const remaining = Money.from(item.öppetBelopp).minus(Money.from(effect.belopp));
      assert(!remaining.isNegative(), 'a checked settlement never exceeds the open amount', {
        postId: effect.postId,
      });
      openItems.set(item.postId, { ...item, öppetBelopp: remaining.toString() });
    }
  }
}

/** What the rules need of an open item: its kind and what is still open of it. */
export interface OpenItemStanding {
  readonly slag: OpenItemKind;
  readonly öppet: Money;
}

/**
 * The kind and open amount of item `postId`, whether it is held in full or was settled before
 * the state's checkpoint (nothing open), or `undefined` when no item of that id was ever opened.
 */
export function openItemStanding(
  state: BookkeepingState,
  postId: string,
): OpenItemStanding | undefined {
  const item = state.openItems.get(postId);
  if (item !== undefined) return { slag: item.slag, öppet: Money.from(item.öppetBelopp) };
  const settled = state.settledItems.find(postId);
  return settled === undefined ? undefined : { slag: settled.slag, öppet: Money.zero };
}

/**
 * The items settled before the state's checkpoint that `events` touch and the state holds only
 * compactly: the recorder reads each one's opening event and hands it to
 * {@link loadSettledItem} before the events are checked or folded.
 */
export function settledItemsToLoad(
  state: BookkeepingState,
  events: readonly BookkeepingEvent[],
): SettledOpenItem[] {
  if (state.settledItems.size === 0) return [];
  const found = new Map<string, SettledOpenItem>();
  for (const event of events)
    for (const effect of openItemEffectsOf(event)) {
      const postId = effect.effect === 'open' ? effect.item.postId : effect.postId;
      if (found.has(postId) || state.openItems.has(postId)) continue;
      const settled = state.settledItems.find(postId);
      if (settled !== undefined) found.set(postId, settled);
    }
  return [...found.values()];
}

/**
 * An event's open-item effects, or none for a correction of an event of a type that is not
 * correctable: the rules refuse it before anything is folded.
 */
function openItemEffectsOf(event: BookkeepingEvent): readonly OpenItemEffect[] {
  try {
    return bookkeepingModule(event.type).openItemEffects(event.data);
  } catch {
    return [];
  }
}

/**
 * Puts settled item `settled` into `state.openItems` in full, as a fold from the first event
 * holds it: as its opening event opened it, with nothing open. The same item either way, so the
 * rules decide alike from a checkpoint and from a full replay.
 */
export function loadSettledItem(
  state: BookkeepingState,
  settled: SettledOpenItem,
  openingEffects: readonly OpenItemEffect[],
): void {
  const opening = openingEffects.find(
    (effect): effect is Extract<OpenItemEffect, { effect: 'open' }> =>
      effect.effect === 'open' && effect.reopen !== true && effect.item.postId === settled.postId,
  );
  assert(opening !== undefined, 'a settled item’s opening event opens it', {
    postId: settled.postId,
    eventId: settled.eventId,
  });
  state.openItems.set(settled.postId, {
    ...openedItem(opening, settled.eventId),
    öppetBelopp: Money.zero.toString(),
  });
}

/**
 * Folds one recorded event into the state: posts it, numbers its verifikationer, and
 * updates balances, results, open items and the correction index.
 */
export function evolveBookkeepingState(
  state: BookkeepingState,
  event: BookkeepingEvent,
  effects: readonly OpenItemEffect[],
  drafts?: readonly VerifikationDraft[],
): PostedEvent<BookkeepingEvent> {
  const posted = state.numbering.post(event, state.chart, drafts);
  foldPostings(state, event, effects, posted.verifikationer, undefined);
  return posted;
}

/**
 * {@link evolveBookkeepingState} of an event already posted as `drafts`, without building its
 * numbered verifikationer (the write side keeps balances, not verifikationer): the decider's fold.
 * With `log`, what the fold changes is saved into it first (the small collections whole the first
 * time the batch changes them, the large ones by key), so that the log undoes the fold.
 */
export function foldBookkeepingEvent(
  state: BookkeepingState,
  event: BookkeepingEvent,
  effects: readonly OpenItemEffect[],
  drafts: readonly VerifikationDraft[],
  log?: BookkeepingUndoLog,
): void {
  if (log !== undefined && drafts.length > 0) {
    log.fieldOnce(state, 'numbering');
    log.fieldOnce(state, 'balances');
    log.fieldOnce(state, 'yearResults');
  }
  state.numbering.take(event, drafts);
  foldPostings(state, event, effects, drafts, log);
}

/** The fold after numbering: own rule, first year, correction index, balances, open items. */
function foldPostings(
  state: BookkeepingState,
  event: BookkeepingEvent,
  effects: readonly OpenItemEffect[],
  drafts: readonly VerifikationDraft[],
  log: BookkeepingUndoLog | undefined,
): void {
  const module = bookkeepingModule(event.type);
  if (module.evolve !== evolvesNothing) {
    if (log !== undefined) logOwnEvolve(state, event, log);
    module.evolve(state, event);
  }
  if (module.posted && state.openingBalance === undefined) {
    const year = yearOf(module.definition.businessDate(event.data));
    log?.fieldOnce(state, 'firstYear');
    state.firstYear = state.firstYear === undefined ? year : Math.min(state.firstYear, year);
  }
  if (module.correctable) {
    const { correctableEvents } = state;
    log?.mapEntry(correctableEvents, event.eventId, correctableEvents.get(event.eventId));
    correctableEvents.set(event.eventId, new CorrectableEvent(event));
  }
  foldDrafts(state, drafts);
  applyOpenItemEffects(state.openItems, effects, event.eventId, log);
}

/** Adds the rows of `drafts` to the balances and the year results. */
function foldDrafts(state: BookkeepingState, drafts: readonly VerifikationDraft[]): void {
  // The whole ledger balances after every event: the balances change only here, by the rows of
  // verifikationer each asserted balanced as it was numbered (`post`, `take`), so the sum of the
  // balances stays the zero it starts at (a checkpoint's balances are checked as it is loaded).
  const { balances, yearResults, chart } = state;
  for (const draft of drafts) {
    const år = yearOf(draft.datum);
    for (const rad of draft.rader) {
      const balance = balances.get(rad.konto);
      balances.set(rad.konto, (balance ?? Money.zero).plus(rad.belopp));
      const line = chart.account(rad.konto).line;
      // The year's result is income minus costs: the negated sum of result-statement lines,
      // without the closing entry that moves it to equity.
      if (isIncomeStatementLine(line) && line !== 'resultatdisposition') {
        const result = yearResults.get(år);
        yearResults.set(år, (result ?? Money.zero).minus(rad.belopp));
      }
    }
  }
}

/**
 * Saves whole, before an event's own rule keeps something (a year close, a budget, an opening
 * balance, a correction), every field but the large ones, whatever the rule changes; and for a
 * correction, whether its corrected id was known as corrected.
 */
function logOwnEvolve(
  state: BookkeepingState,
  event: BookkeepingEvent,
  log: BookkeepingUndoLog,
): void {
  for (const field of fieldsSavedBeforeOwnEvolve) log.field(state, field);
  if (event.type === 'HändelseRättad')
    log.setMember(state.correctedEventIds, event.data.rättadEventId);
}
