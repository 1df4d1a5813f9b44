import type { EventStore } from '../store/EventStore.js';
import { defaultChart, isIncomeStatementLine, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import { Money } from '../money/Money.js';
import { runProjections, type Projection } from '../projections/Projection.js';
import { huvudbok, huvudbokProjection, type Huvudbok } from '../statements/Huvudbok.js';
import { ledgerTotalsProjection } from '../statements/LedgerTotals.js';
import type { AnnualReportFoldState } from './annualReportFold.js';
import type { FoldAnnualReportOptions } from './foldAnnualReport.js';
import { postedEventsOfYear } from './postedEventsOfYear.js';

/**
 * The huvudbok of `year` from a store's stream, read from the latest checkpoint before the
 * year's first verifikation (see {@link postedEventsOfYear}) to the stream's end: the opening
 * balances of what the checkpoint had folded come from its totals and closing entries, the rest
 * as a full replay gives them, and the totals go on from the checkpoint's. Equal to
 * `replayHuvudbok` over the whole stream, and checked against the statements as it is.
 */
export async function replayHuvudbokFromStore(
  store: EventStore,
  streamId: string,
  year: number,
  options: FoldAnnualReportOptions = {},
): Promise<Huvudbok> {
  const chart = options.chart ?? defaultChart;
  const { start, posted } = await postedEventsOfYear(store, streamId, year, options);
  const projection = huvudbokProjection(chart, year);
  const totalsProjection = ledgerTotalsProjection(chart);
  const results = await runProjections(posted, {
    totals: continued(totalsProjection, start?.totals),
    huvudbok: continued(
      projection,
      start === undefined
        ? undefined
        : { opening: openingAt(start, chart, year), lines: new Map() },
    ),
  });
  return huvudbok(results.totals, results.huvudbok, year);
}

/** `projection` continued from `state` (a checkpoint's), or from its start without one. */
const continued = <Item, State, Result>(
  projection: Projection<Item, State, Result>,
  state: State | undefined,
): Projection<Item, State, Result> => ({ ...projection, init: () => state ?? projection.init() });

/**
 * The balance-sheet accounts' balances at the start of `year` from what a checkpoint folded, as
 * the huvudbok's projection sums them: the opening balance unless it is dated after the year,
 * and every earlier year's verifikationer, closing entries included. The checkpoint holds no
 * verifikation of the year itself (see {@link postedEventsOfYear}).
 */
function openingAt(state: AnnualReportFoldState, chart: Chart, year: number): Map<string, Money> {
  const opening = new Map<string, Money>();
  const add = (amounts: ReadonlyMap<string, Money> | undefined) => {
    for (const [konto, belopp] of amounts ?? []) {
      if (isIncomeStatementLine(chart.account(konto).line)) continue;
      opening.set(konto, (opening.get(konto) ?? Money.zero).plus(belopp));
    }
  };
  const { totals, closingEntries } = state;
  if (totals.openingYear !== undefined && totals.openingYear <= year) add(totals.opening);
  for (const [movementYear, amounts] of totals.movements) if (movementYear < year) add(amounts);
  for (const [entryYear, amounts] of closingEntries) if (entryYear < year) add(amounts);
  return opening;
}
