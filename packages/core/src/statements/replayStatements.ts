import * as E from 'fp-ts/Either';
import { bookkeepingCatalog, type BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents, type PostedEvent } from '../bookkeeping/postingFold.js';
import type { DomainEvent } from '../ledger/EventCatalog.js';
import { runProjections, type Projection } from '../projections/Projection.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { balansräkning } from './Balansräkning.js';
import { kassaflödesanalys } from './Kassaflödesanalys.js';
import { ledgerTotalsProjection, type LedgerTotals } from './LedgerTotals.js';
import { resultaträkning } from './Resultaträkning.js';
import type { Statement } from './Statement.js';
import { ledgerError } from '../error.js';

/**
 * Decodes stored bookkeeping events (upcasting, schema check), throwing a `LedgerError` on a bad
 * one.
 */
export async function* decodeBookkeepingEvents(
  stored: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
): AsyncGenerator<BookkeepingEvent> {
  for await (const event of stored) {
    const decoded = bookkeepingCatalog.decode(event);
    if (E.isLeft(decoded)) throw decoded.left;
    yield decoded.right;
  }
}

/** The three main statements of a year. */
export interface MainStatements {
  readonly resultaträkning: Statement;
  readonly balansräkning: Statement;
  readonly kassaflödesanalys: Statement;
}

/** The main statements of `year`, computed from totals. */
export const mainStatements = (totals: LedgerTotals, year: number): MainStatements => ({
  resultaträkning: resultaträkning(totals, year),
  balansräkning: balansräkning(totals, year),
  kassaflödesanalys: kassaflödesanalys(totals, year),
});

/**
 * Replays bookkeeping events (already decoded, or straight from a store's read) in one
 * streaming pass: posts them, and runs the totals projection plus any `extra` projections
 * over the posted events. Memory is the projections' state, not the events. An extra
 * projection named `totals` is refused (`VALIDATION_FAILED` on `extra.totals`): the result's
 * `totals` are the ledger's own.
 */
export async function replayBookkeeping<
  Extra extends Record<string, Projection<PostedEvent<BookkeepingEvent>, unknown, unknown>>,
>(
  events: AsyncIterable<StoredEvent | DomainEvent> | Iterable<StoredEvent | DomainEvent>,
  options: { chart?: Chart; extra?: Extra } = {},
): Promise<
  { totals: LedgerTotals } & {
    [Key in keyof Extra]: Extra[Key] extends Projection<never, unknown, infer Result>
      ? Result
      : never;
  }
> {
  const chart = options.chart ?? defaultChart;
  if (options.extra !== undefined && Object.hasOwn(options.extra, 'totals'))
    throw ledgerError(
      'VALIDATION_FAILED',
      'An extra projection may not be named totals: that is the ledger totals’ own result; name it otherwise',
      {
        issues: [
          { path: 'extra.totals', rule: 'name-not-reserved', message: 'totals is reserved' },
        ],
      },
    );
  const decoded = decodeBookkeepingEvents(events as AsyncIterable<StoredEvent>);
  const results = await runProjections(postEvents(decoded, chart), {
    ...(options.extra ?? ({} as Extra)),
    totals: ledgerTotalsProjection(chart),
  });
  return results as never;
}
