import { assert } from '../error.js';
import { yearOf } from '../events/zodFields.js';
import { Money } from '../money/Money.js';
import { bookkeepingModule, type BookkeepingEvent } from './bookkeepingCatalog.js';
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
   * Every open item still open, and in full every item settled since the state was resumed from
   * a checkpoint, folded from the first event, or last compacted (and any a batch in flight then
   * touched); an item settled before that is in {@link BookkeepingState.settledItems} instead
   * (see {@link openItemStanding}). A writer on a store with checkpoints compacts its state after
   * each year close it saw stored, before its next decision (`RecorderCheckpoints.dropStored`).
   */
  readonly openItems: Map<string, OpenItem>;
  /**
   * The items settled before the checkpoint this state was resumed from, or before its last
   * compaction, kept compactly (id, kind, opening event). An item here and in `openItems` is the
   * one in `openItems`: the recorder loads a settled item in full there before a batch that
   * touches it.
   */
  readonly settledItems: SettledOpenItems;
  /**
   * Correctable events: id → content fingerprint. On a store with checkpoints, only those after
   * the checkpoint the state was resumed from or the last year close stored since: the recorder
   * looks a correction's original up in the store by id when it is not here. `Ledger.state()`
   * gives every one, whatever the store keeps (`withEveryCorrectableEvent`).
   */
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
 * Replaces `state.settledItems` by `settled` in place (the settled items themselves are
 * immutable and shared by copies; the field is replaced, never changed).
 */
export function replaceSettledItems(state: BookkeepingState, settled: SettledOpenItems): void {
  (state as { settledItems: SettledOpenItems }).settledItems = settled;
}

/**
 * The books' open year: the earliest year from the first one on that is not closed;
 * `undefined` before the books have a first year.
 */
export function openYearOf(state: Pick<BookkeepingState, 'firstYear' | 'closedYears'>) {
  if (state.firstYear === undefined) return undefined;
  let openYear = state.firstYear;
  while (state.closedYears.has(openYear)) openYear += 1;
  return openYear;
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
 * Saves what evolving `events` into `state` can change and returns what puts it back (the
 * decider's `checkpoint`). The collections that grow with the books (correctable events, open
 * items, corrected ids) are saved only at the keys the events touch; every other field is small
 * (accounts, years, the numbering) and saved whole, so that a field added later is covered too.
 *
 * Most of what this costs is the lookups of the batch's ids in those large collections (thousands
 * of entries, out of the processor's caches): the fold then finds each entry in cache. A fold that
 * noted each entry before changing it, with no lookups here, took the misses itself and was no
 * faster; a decider with no undo at all was within the noise of this one on the recorder's
 * decision path (bench/core/recorderDecisions.ts), saving about 60 bytes an event. The small
 * fields cost about a microsecond a batch, saved as flat lists (copied maps cost about twice that).
 */
export function checkpointBookkeepingState(
  state: BookkeepingState,
  events: readonly BookkeepingEvent[],
  effectsOfEvents: readonly (readonly OpenItemEffect[])[] = events.map((event) =>
    bookkeepingModule(event.type).openItemEffects(event.data),
  ),
): () => void {
  const touched = touchedEntries(state, events, effectsOfEvents);
  const smallFields = savedSmallFields(state);
  return () => {
    restoreSmallFields(state, smallFields);
    restoreTouchedEntries(state, events, touched);
  };
}

/** The entries of the large collections a batch can change, as they were before it. */
interface TouchedEntries {
  /**
   * Each touched item's id and entry, in a flat list rather than a map per batch: an id touched
   * twice is saved twice with the same entry (nothing is folded before the batch is checked).
   */
  readonly openItems: readonly (string | OpenItem | undefined)[];
  /**
   * The batch's ids already correctable (a retry of a recorded id, which the rules leave to the
   * store); every other id of the batch is new in the books and deleted again on undo.
   */
  readonly correctableBefore: ReadonlyMap<string, CorrectableEntry> | undefined;
  /** Whether each id a correction of the batch names was corrected before it. */
  readonly correctedBefore: ReadonlyMap<string, boolean> | undefined;
}

type CorrectableEntry =
  BookkeepingState['correctableEvents'] extends Map<string, infer Value> ? Value : never;

function touchedEntries(
  state: BookkeepingState,
  events: readonly BookkeepingEvent[],
  effectsOfEvents: readonly (readonly OpenItemEffect[])[],
): TouchedEntries {
  const openItems: (string | OpenItem | undefined)[] = [];
  let correctableBefore: Map<string, CorrectableEntry> | undefined;
  let correctedBefore: Map<string, boolean> | undefined;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index]!;
    const effects = effectsOfEvents[index] ?? noEffects;
    for (let effect = 0; effect < effects.length; effect += 1) {
      const postId = postIdOf(effects[effect]!);
      openItems.push(postId, state.openItems.get(postId));
    }
    const correctable = state.correctableEvents.get(event.eventId);
    if (correctable !== undefined)
      (correctableBefore ??= new Map()).set(event.eventId, correctable);
    if (event.type === 'HändelseRättad') {
      const id = event.data.rättadEventId;
      correctedBefore ??= new Map();
      if (!correctedBefore.has(id)) correctedBefore.set(id, state.correctedEventIds.has(id));
    }
  }
  return { openItems, correctableBefore, correctedBefore };
}

function restoreTouchedEntries(
  state: BookkeepingState,
  events: readonly BookkeepingEvent[],
  touched: TouchedEntries,
): void {
  const { openItems, correctableBefore, correctedBefore } = touched;
  for (let index = 0; index < openItems.length; index += 2)
    restoreEntry(
      state.openItems,
      openItems[index] as string,
      openItems[index + 1] as OpenItem | undefined,
    );
  for (const { eventId } of events)
    restoreEntry(state.correctableEvents, eventId, correctableBefore?.get(eventId));
  correctedBefore?.forEach((was, eventId) => {
    if (was) state.correctedEventIds.add(eventId);
    else state.correctedEventIds.delete(eventId);
  });
}

/**
 * The fields a batch's undo puts back entry by entry ({@link touchedEntries}), the chart, which
 * never changes, and `settledItems`, which no event changes: only a compaction replaces it, with
 * items that no batch in flight touched (`compactSettledItems`), so that an undo after it must
 * keep the new list, not put back the one its items were moved out of. Every other field is
 * saved whole, whatever its name.
 */
const fieldsNotSavedWhole: ReadonlySet<string> = new Set<keyof BookkeepingState>([
  'chart',
  'openItems',
  'settledItems',
  'correctableEvents',
  'correctedEventIds',
]);

/**
 * Each small field as a name followed by its value (a collection's entries, the numbering's
 * copy): in one flat list, by a `for…in` (`Object.entries` and a `map` over it built a pair per
 * field).
 */
function savedSmallFields(state: BookkeepingState): unknown[] {
  const fields = state as unknown as Record<string, unknown>;
  const saved: unknown[] = [];
  for (const key in fields) {
    if (fieldsNotSavedWhole.has(key)) continue;
    const value = fields[key];
    if (value instanceof Map) saved.push(key, entriesOfMap(value));
    else if (value instanceof Set) saved.push(key, membersOfSet(value));
    else if (value instanceof VerifikationNumbering) saved.push(key, value.clone());
    else saved.push(key, value);
  }
  return saved;
}

/** Puts back what {@link savedSmallFields} saved, into the state's own collections. */
function restoreSmallFields(state: BookkeepingState, saved: readonly unknown[]): void {
  const fields = state as unknown as Record<string, unknown>;
  for (let index = 0; index < saved.length; index += 2) {
    const key = saved[index] as string;
    const value = saved[index + 1];
    const current = fields[key];
    if (current instanceof Map) restoreMap(current, value as unknown[]);
    else if (current instanceof Set) restoreSet(current, value as unknown[]);
    else if (current instanceof VerifikationNumbering)
      current.restore(value as VerifikationNumbering);
    else fields[key] = value;
  }
}

const noEffects: readonly OpenItemEffect[] = [];

/** The id of the item an effect opens or settles. */
const postIdOf = (effect: OpenItemEffect): string =>
  effect.effect === 'open' ? effect.item.postId : effect.postId;

/**
 * The ids of the open items the events of `batches` open, settle or reopen: the entries of
 * `openItems` their undo puts back ({@link checkpointBookkeepingState} saves the same ones).
 */
export function openItemIdsTouchedBy(
  batches: readonly (readonly BookkeepingEvent[])[],
): ReadonlySet<string> {
  const touched = new Set<string>();
  for (const events of batches)
    for (const event of events)
      for (const effect of bookkeepingModule(event.type).openItemEffects(event.data))
        touched.add(postIdOf(effect));
  return touched;
}

function restoreEntry<Value>(map: Map<string, Value>, key: string, value: Value | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}

// The small collections are saved at every batch as flat lists made at their length, key then
// value, by `forEach`: a copied map grew its table two or three times for a dozen entries (about
// 60 bytes an event for the copies), and `new Map(map)` and `for…of` took an [key, value] pair
// and an iterator result per entry. They are put back only when a batch is undone.

function entriesOfMap(map: ReadonlyMap<unknown, unknown>): unknown[] {
  const entries = new Array<unknown>(map.size * 2);
  let index = 0;
  map.forEach((value, key) => {
    entries[index++] = key;
    entries[index++] = value;
  });
  return entries;
}

function membersOfSet(set: ReadonlySet<unknown>): unknown[] {
  const members = new Array<unknown>(set.size);
  let index = 0;
  set.forEach((value) => {
    members[index++] = value;
  });
  return members;
}

function restoreMap(map: Map<unknown, unknown>, entries: readonly unknown[]): void {
  map.clear();
  for (let index = 0; index < entries.length; index += 2)
    map.set(entries[index], entries[index + 1]);
}

function restoreSet(set: Set<unknown>, members: readonly unknown[]): void {
  set.clear();
  for (let index = 0; index < members.length; index += 1) set.add(members[index]);
}

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

/** Applies open-item effects to a map; assumes the decider has checked them. */
export function applyOpenItemEffects(
  openItems: Map<string, OpenItem>,
  effects: readonly OpenItemEffect[],
  eventId: string,
): void {
  for (let index = 0; index < effects.length; index += 1) {
    const effect = effects[index]!;
    if (effect.effect === 'open') {
      const existing = openItems.get(effect.item.postId);
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
 * The kind and open amount of item `postId`, whether it is held in full or kept compactly
 * (settled before the state's checkpoint or a stored year close since: nothing open), or
 * `undefined` when no item of that id was ever opened.
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
 * The items settled before the state's checkpoint (or a stored year close it compacted at) that
 * `events` touch and the state holds only compactly: the recorder reads each one's opening event
 * and hands it to {@link loadSettledItem} before the events are checked or folded.
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
  foldPostings(state, event, effects, posted.verifikationer);
  return posted;
}

/**
 * {@link evolveBookkeepingState} of an event already posted as `drafts`, without building its
 * numbered verifikationer (the write side keeps balances, not verifikationer): the decider's fold.
 */
export function foldBookkeepingEvent(
  state: BookkeepingState,
  event: BookkeepingEvent,
  effects: readonly OpenItemEffect[],
  drafts: readonly VerifikationDraft[],
): void {
  state.numbering.take(event, drafts);
  foldPostings(state, event, effects, drafts);
}

/** The fold after numbering: balances, results, open items, the correction index. */
function foldPostings(
  state: BookkeepingState,
  event: BookkeepingEvent,
  effects: readonly OpenItemEffect[],
  drafts: readonly VerifikationDraft[],
): void {
  const module = bookkeepingModule(event.type);
  module.evolve(state, event);
  if (module.posted && state.openingBalance === undefined) {
    const year = yearOf(module.definition.businessDate(event.data));
    state.firstYear = state.firstYear === undefined ? year : Math.min(state.firstYear, year);
  }
  if (module.correctable) state.correctableEvents.set(event.eventId, new CorrectableEvent(event));
  // The whole ledger balances after every event: the balances change only here, by the rows of
  // verifikationer each asserted balanced as it was numbered (`post`, `take`), so the sum of the
  // balances stays the zero it starts at (a checkpoint's balances are checked as it is loaded).
  // Index loops: `for…of` left an iterator per list of every event folded.
  for (let index = 0; index < drafts.length; index += 1) {
    const draft = drafts[index]!;
    const år = yearOf(draft.datum);
    for (let row = 0; row < draft.rader.length; row += 1) {
      const rad = draft.rader[row]!;
      state.balances.set(rad.konto, (state.balances.get(rad.konto) ?? Money.zero).plus(rad.belopp));
      const line = state.chart.account(rad.konto).line;
      // The year's result is income minus costs: the negated sum of result-statement lines,
      // without the closing entry that moves it to equity.
      if (isIncomeStatementLine(line) && line !== 'resultatdisposition') {
        state.yearResults.set(år, (state.yearResults.get(år) ?? Money.zero).minus(rad.belopp));
      }
    }
  }
  applyOpenItemEffects(state.openItems, effects, event.eventId);
}
