import type { PostedEvent } from '../bookkeeping/postingFold.js';
import type { Verifikation } from '../bookkeeping/Verifikation.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';
import {
  statementOfPart,
  type AnnualReportInputs,
  type AnnualReportPart,
} from './annualReportParts.js';

/** The figures of some statements: `part/rowKey` → one amount per column (`null`: none). */
export type CellAmounts = ReadonlyMap<string, readonly (Money | null)[]>;

/** The figures of the statements `parts`, computed as the annual report computes them. */
export function cellsOf(
  parts: readonly AnnualReportPart[],
  inputs: AnnualReportInputs,
): CellAmounts {
  const cells = new Map<string, readonly (Money | null)[]>();
  for (const part of parts)
    for (const row of statementOfPart(part, inputs).rows)
      cells.set(`${part}/${row.key}`, row.amounts);
  return cells;
}

/** One figure that differs between two sets of figures. */
export interface CellDifference {
  readonly cell: string;
  readonly column: number;
  /** `after − before`, a missing row or an empty column counted as zero. */
  readonly amount: Money;
}

/**
 * The figures that differ, `after − before`. With `countPresence`, a figure that appears or
 * disappears counts even when it is zero (a zero the historical figures state is still theirs).
 */
export function* amountDifferences(
  after: CellAmounts,
  before: CellAmounts,
  countPresence: boolean,
): Generator<CellDifference> {
  for (const cell of new Set([...after.keys(), ...before.keys()])) {
    const afterAmounts = after.get(cell) ?? [];
    const beforeAmounts = before.get(cell) ?? [];
    const columns = Math.max(afterAmounts.length, beforeAmounts.length);
    for (let column = 0; column < columns; column += 1) {
      const afterAmount = afterAmounts[column] ?? null;
      const beforeAmount = beforeAmounts[column] ?? null;
      if (afterAmount === null && beforeAmount === null) continue;
      const amount = (afterAmount ?? Money.zero).minus(beforeAmount ?? Money.zero);
      const presenceChanged = (afterAmount === null) !== (beforeAmount === null);
      if (!amount.isZero() || (countPresence && presenceChanged)) yield { cell, column, amount };
    }
  }
}

/** Runs a projection over posted events already in memory (synchronously). */
export function foldPosted<Event extends DomainEvent, State, Result>(
  projection: Projection<PostedEvent<Event>, State, Result>,
  posted: Iterable<PostedEvent<Event>>,
): Result {
  let state = projection.init();
  for (const event of posted) state = projection.apply(state, event);
  return projection.result(state);
}

/** The verifikation with every line's sign turned: adding it takes the verifikation out again. */
export const negatedVerifikation = (verifikation: Verifikation): Verifikation => ({
  ...verifikation,
  rader: verifikation.rader.map((rad) => ({ ...rad, belopp: rad.belopp.negated() })),
});
