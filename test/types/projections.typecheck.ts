/**
 * A consumer's type check of `runProjections` and `replayBookkeeping`: checked by `tsc`
 * (`pnpm run typecheck`, part of `test`), never run. Each projection's result keeps its own
 * type whatever its state is: an inferred `never`, `unknown` or `any` here fails the check.
 */
import {
  replayBookkeeping,
  runProjections,
  type LedgerTotals,
  type PostedEvent,
  type BookkeepingEvent,
  type Projection,
} from '@finsam-ledger/core';

/** True only when `Left` and `Right` are the same type (`any` equals nothing else). */
type Equal<Left, Right> =
  (<T>() => T extends Left ? 1 : 2) extends <T>() => T extends Right ? 1 : 2 ? true : false;

declare const countByName: Projection<string, Map<string, number>, readonly string[]>;
declare const total: Projection<string, { sum: bigint }, bigint>;

export const projected = await runProjections(['a', 'b'], { names: countByName, total });
export const namesKeepsItsType: Equal<typeof projected.names, readonly string[]> = true;
export const totalKeepsItsType: Equal<typeof projected.total, bigint> = true;

declare const eventCount: Projection<PostedEvent<BookkeepingEvent>, { count: number }, number>;

export const replayed = await replayBookkeeping([], { extra: { eventCount } });
export const extraKeepsItsType: Equal<typeof replayed.eventCount, number> = true;
export const totalsKeepTheirType: Equal<typeof replayed.totals, LedgerTotals> = true;
