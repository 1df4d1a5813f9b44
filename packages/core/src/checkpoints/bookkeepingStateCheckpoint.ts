import type { HistoriskaÅrsuppgifterData } from '../bookkeeping/events/HistoriskaÅrsuppgifterRegistrerade.js';
import type { IngåendeBalansData } from '../bookkeeping/events/IngåendeBalansRegistrerad.js';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { OpenItem } from '../bookkeeping/OpenItem.js';
import { VerifikationNumbering } from '../bookkeeping/postingFold.js';
import { Money } from '../money/Money.js';
import { chartFingerprint } from './chartFingerprint.js';
import type { CheckpointKind } from './checkpointShelf.js';

/**
 * The write side's state as plain JSON. The correctable events' fingerprints are left out on
 * purpose: they grow with every booking ever made, and a correction of an event before the
 * checkpoint looks its original up in the store by id instead (see `findStoredEvent`).
 */
interface SerialisedBookkeepingState {
  readonly firstYear: number | null;
  readonly closedYears: number[];
  readonly yearResults: [number, string][];
  readonly balances: [string, string][];
  readonly openItems: [string, OpenItem][];
  readonly correctedEventIds: string[];
  readonly historicalYears: [number, HistoriskaÅrsuppgifterData][];
  readonly openingBalance: IngåendeBalansData | null;
  readonly budgetDecisionDates: [number, string][];
  readonly staffingYears: number[];
  readonly numbering: [number, number][];
}

/** The write-side state as plain JSON (money as decimal strings), fingerprints left out. */
export function serialiseBookkeepingState(state: BookkeepingState): SerialisedBookkeepingState {
  return {
    firstYear: state.firstYear ?? null,
    closedYears: [...state.closedYears],
    yearResults: [...state.yearResults].map(([year, result]) => [year, result.toString()]),
    balances: [...state.balances].map(([konto, balance]) => [konto, balance.toString()]),
    openItems: [...state.openItems],
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
  return {
    chart,
    firstYear: serialised.firstYear ?? undefined,
    closedYears: new Set(serialised.closedYears),
    yearResults: new Map(
      serialised.yearResults.map(([year, result]) => [year, Money.from(result)]),
    ),
    balances: new Map(serialised.balances.map(([konto, balance]) => [konto, Money.from(balance)])),
    openItems: new Map(serialised.openItems),
    correctableEvents: new Map(),
    correctedEventIds: new Set(serialised.correctedEventIds),
    historicalYears: new Map(serialised.historicalYears),
    openingBalance: serialised.openingBalance ?? undefined,
    budgetDecisionDates: new Map(serialised.budgetDecisionDates),
    staffingYears: new Set(serialised.staffingYears),
    numbering: VerifikationNumbering.fromEntries(serialised.numbering),
  };
}

/** The version of the write side's fold: bump it when the decider's state or rules change. */
export const bookkeepingStateVersion = 1;

/** The write side's checkpoint kind, for a chart. */
export const bookkeepingStateCheckpointKind = (chart: Chart): CheckpointKind<BookkeepingState> => ({
  projection: 'bookkeeping-decider',
  variant: chartFingerprint(chart),
  codeVersion: bookkeepingStateVersion,
  serialise: serialiseBookkeepingState,
  deserialise: (serialised) =>
    deserialiseBookkeepingState(chart, serialised as SerialisedBookkeepingState),
});
