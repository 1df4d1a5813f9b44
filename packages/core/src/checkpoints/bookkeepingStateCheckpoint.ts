import type { HistoriskaÅrsuppgifterData } from '../bookkeeping/events/HistoriskaÅrsuppgifterRegistrerade.js';
import type { IngåendeBalansData } from '../bookkeeping/events/IngåendeBalansRegistrerad.js';
import { replaceSettledItems, type BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { OpenItem } from '../bookkeeping/OpenItem.js';
import { VerifikationNumbering } from '../bookkeeping/postingFold.js';
import {
  compareIds,
  mergedById,
  serialiseSettledOpenItems,
  SettledOpenItems,
  SettledOpenItemsInOrder,
  type SerialisedSettledOpenItems,
  type SettledOpenItem,
} from '../bookkeeping/SettledOpenItems.js';
import { assert } from '../error.js';
import { Money } from '../money/Money.js';
import { chartFingerprint } from './chartFingerprint.js';
import type { CheckpointKind } from './checkpointShelf.js';

/**
 * The write side's state as plain JSON. The correctable events' fingerprints are left out on
 * purpose: they grow with every booking ever made, and a correction of an event before the
 * checkpoint looks its original up in the store by id instead (see `findStoredEvent`). For the
 * same reason only the items still open are kept in full; every settled one is kept as its id,
 * kind and opening event (`settledItems`), and read in full from the store when a batch
 * reopens it. Both lists are in the order of their ids, so that a state resumed from a
 * checkpoint and one folded from the first event serialise alike.
 */
interface SerialisedBookkeepingState {
  readonly firstYear: number | null;
  readonly closedYears: number[];
  readonly yearResults: [number, string][];
  readonly balances: [string, string][];
  /** The items with something open, in full. */
  readonly openItems: OpenItem[];
  readonly settledItems: SerialisedSettledOpenItems;
  readonly correctedEventIds: string[];
  readonly historicalYears: [number, HistoriskaÅrsuppgifterData][];
  readonly openingBalance: IngåendeBalansData | null;
  readonly budgetDecisionDates: [number, string][];
  readonly staffingYears: number[];
  readonly numbering: [number, number][];
}

/**
 * The write-side state as plain JSON (money as decimal strings), fingerprints left out. With
 * `settledInOrder`, the settled items are merged into the order it kept from the last call
 * instead of sorted again; the result is the same.
 */
export function serialiseBookkeepingState(
  state: BookkeepingState,
  settledInOrder?: SettledOpenItemsInOrder,
): SerialisedBookkeepingState {
  return {
    firstYear: state.firstYear ?? null,
    closedYears: [...state.closedYears],
    yearResults: [...state.yearResults].map(([year, result]) => [year, result.toString()]),
    balances: [...state.balances].map(([konto, balance]) => [konto, balance.toString()]),
    ...serialisedOpenItems(state, settledInOrder),
    correctedEventIds: [...state.correctedEventIds],
    historicalYears: [...state.historicalYears],
    openingBalance: state.openingBalance ?? null,
    budgetDecisionDates: [...state.budgetDecisionDates],
    staffingYears: [...state.staffingYears],
    numbering: state.numbering.entries(),
  };
}

/** The write-side state from its serialised form, with no correctable events known yet. */
export function deserialiseBookkeepingState(
  chart: Chart,
  serialised: SerialisedBookkeepingState,
): BookkeepingState {
  const balances = new Map(
    serialised.balances.map(([konto, balance]) => [konto, Money.fromSerialised(balance)] as const),
  );
  // The fold keeps the ledger balanced from here on only if it starts balanced.
  assert(Money.sum(balances.values()).isZero(), 'a checkpoint’s ledger balances');
  return {
    chart,
    firstYear: serialised.firstYear ?? undefined,
    closedYears: new Set(serialised.closedYears),
    yearResults: new Map(
      serialised.yearResults.map(([year, result]) => [year, Money.fromSerialised(result)]),
    ),
    balances,
    openItems: new Map(serialised.openItems.map((item) => [item.postId, item])),
    settledItems: SettledOpenItems.fromSerialised(serialised.settledItems),
    correctableEvents: new Map(),
    correctedEventIds: new Set(serialised.correctedEventIds),
    historicalYears: new Map(serialised.historicalYears),
    openingBalance: serialised.openingBalance ?? undefined,
    budgetDecisionDates: new Map(serialised.budgetDecisionDates),
    staffingYears: new Set(serialised.staffingYears),
    numbering: VerifikationNumbering.fromEntries(serialised.numbering),
  };
}

/**
 * The items of a state split into those still open, in full, and the settled ones, compactly:
 * those settled since the state was folded, resumed or last compacted, and those it keeps
 * compactly ({@link compactSettledItems}).
 */
function serialisedOpenItems(
  state: BookkeepingState,
  settledInOrder: SettledOpenItemsInOrder | undefined,
): Pick<SerialisedBookkeepingState, 'openItems' | 'settledItems'> {
  const open: OpenItem[] = [];
  const settledInFull: SettledOpenItem[] = [];
  // `forEach`, not `for…of`: a close runs too seldom for its loops to be optimised, and there an
  // iterator result per item was allocated.
  state.openItems.forEach((item) => {
    // An open item has the fields of a settled one: no copy of each at every save.
    if (isSettled(item)) settledInFull.push(item);
    else open.push(item);
  });
  return {
    openItems: open.sort((left, right) => compareIds(left.postId, right.postId)),
    settledItems: settledItemsOf(state, settledInFull, settledInOrder),
  };
}

/**
 * Every settled item of `state`, in id order: `settledInFull` (its settled `openItems`) and the
 * rest.
 */
function settledItemsOf(
  state: BookkeepingState,
  settledInFull: readonly SettledOpenItem[],
  settledInOrder: SettledOpenItemsInOrder | undefined,
): SerialisedSettledOpenItems {
  const inFull =
    settledInOrder === undefined
      ? serialiseSettledOpenItems(settledInFull)
      : settledInOrder.serialise(settledInFull);
  if (state.settledItems.size === 0) return inFull;
  // An item kept compactly and also in full was loaded for a batch: the full one is the item.
  const compact = state.settledItems.serialisedWithout((postId) => state.openItems.has(postId));
  return mergedById(compact, inFull);
}

/** Every item settled whole reads '0.00' (Money's text of zero): no parse for each of them. */
const isSettled = (item: OpenItem): boolean =>
  item.öppetBelopp === zeroText || Money.fromSerialised(item.öppetBelopp).isZero();

/**
 * Keeps compactly, as id, kind and opening event, every settled item `state` holds in full but
 * those of `keptInFull`: the state then holds its items as one resumed from a checkpoint saved
 * now would. A writer folded from the first event, or running for years, otherwise keeps every
 * item it ever saw settled in full (about a kilobyte each, 0.9 GB for a million-event store
 * folded after an upgrade of the write side). The recorder reads an item again from its opening
 * event when a batch touches it (`loadSettledItems`). Every item compacted must be settled by
 * stored events: `keptInFull` holds every item a batch in flight touched (evolved into the
 * state, not yet stored), whose undo puts back its entry in `openItems`. An item that batch
 * opened would otherwise stay behind in `settledItems`, settled, once the batch is undone. Only
 * those strictly need it (any other item the undo puts back in `openItems` shadows its compact
 * entry wherever it is read); every touched item is kept, which needs no such argument.
 */
export function compactSettledItems(
  state: BookkeepingState,
  keptInFull: ReadonlySet<string> = noneKeptInFull,
): void {
  const settledInFull: SettledOpenItem[] = [];
  state.openItems.forEach((item) => {
    if (isSettled(item) && !keptInFull.has(item.postId)) settledInFull.push(item);
  });
  const settled = SettledOpenItems.fromSerialised(settledItemsOf(state, settledInFull, undefined));
  for (let index = 0; index < settledInFull.length; index += 1)
    state.openItems.delete(settledInFull[index]!.postId);
  replaceSettledItems(state, settled);
}

const zeroText = Money.zero.toString();
const noneKeptInFull: ReadonlySet<string> = new Set();

/**
 * The version of the write side's fold: bump it when the decider's state or rules change.
 * Version 2 keeps settled open items as id, kind and opening event instead of in full.
 */
export const bookkeepingStateVersion = 2;

/**
 * The write side's checkpoint kind, for a chart. Its `serialise` keeps the settled items in id
 * order from one save to the next (see {@link SettledOpenItemsInOrder}), so a kind is best made
 * once per writer.
 */
export const bookkeepingStateCheckpointKind = (chart: Chart): CheckpointKind<BookkeepingState> =>
  bookkeepingStateCheckpointKindWith(chart, new SettledOpenItemsInOrder());

/**
 * {@link bookkeepingStateCheckpointKind} keeping the settled items' order in `settledInOrder`,
 * which the caller may tell to forget them (a writer that compacts its state, whose items then
 * no longer match).
 */
export const bookkeepingStateCheckpointKindWith = (
  chart: Chart,
  settledInOrder: SettledOpenItemsInOrder,
): CheckpointKind<BookkeepingState> => {
  return {
    projection: 'bookkeeping-decider',
    variant: chartFingerprint(chart),
    codeVersion: bookkeepingStateVersion,
    serialise: (state) => serialiseBookkeepingState(state, settledInOrder),
    deserialise: (serialised) =>
      deserialiseBookkeepingState(chart, serialised as SerialisedBookkeepingState),
  };
};
