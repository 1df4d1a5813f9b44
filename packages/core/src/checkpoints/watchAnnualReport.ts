import type { EventStore } from '../store/EventStore.js';
import type { AnnualReport, AnnualReportOptions } from '../statements/annualReport.js';
import type { LedgerTotals } from '../statements/LedgerTotals.js';
import { followLimits, followStream } from '../store/followStream.js';
import { foldAnnualReport, type FoldAnnualReportOptions } from './foldAnnualReport.js';

/** Options of {@link watchAnnualReport}. */
export interface WatchAnnualReportOptions extends AnnualReportOptions, FoldAnnualReportOptions {
  /** Ends the watch (the iteration then finishes). */
  readonly signal?: AbortSignal;
  /**
   * How often the stream is read for new events when the store cannot tell of them (a safety
   * net beside the file store's watch, for a file system that does not report changes; the
   * EventStoreDB store's fallback when the server refuses subscriptions), in milliseconds;
   * default 1000.
   */
  readonly pollIntervalMs?: number;
}

/** Limits of the live report. */
export const watchLimits = { pollIntervalMsDefault: followLimits.pollIntervalMsDefault } as const;

/**
 * A live annual report of `year`, with the books' totals: yields the report once folded (through
 * checkpoints, see `foldAnnualReport`), then again after each change to the stream. It follows the
 * stream from its position (`followStream`: EventStoreDB's subscription, the file store's tail),
 * folds only the new events into the projection and derives the year's statements again from the
 * folded totals, never replaying the history. Ends when `signal` aborts or the caller stops
 * iterating. `totals` are the fold's own, which go on changing as it folds: read them before
 * asking for the next report.
 *
 * A ledger's own live report, with its chart, name, guidelines and flerårsöversikt years, is
 * `ledger.watchAnnualReport(year, { signal })`. Called directly, give the same options the
 * ledger has, or the report checks the default guidelines on the default chart:
 *
 * ```ts
 * const options = { ...annualReportOptionsFromConfiguration(configuration), signal };
 * for await (const report of watchAnnualReport(store, ledger.streamId, 2025, options))
 *   console.log(renderAnnualReportText(report));
 * ```
 */
export async function* watchAnnualReport(
  store: EventStore,
  streamId: string,
  year: number,
  options: WatchAnnualReportOptions = {},
): AsyncGenerator<AnnualReport & { readonly totals: LedgerTotals }> {
  // The follow ends with the watch, also when the caller stops iterating early.
  const following = new AbortController();
  const stop = (): void => following.abort();
  options.signal?.addEventListener('abort', stop);
  try {
    if (options.signal?.aborted === true) return;
    const fold = await foldAnnualReport(store, streamId, year, options);
    yield { ...fold.report(options), totals: fold.state.totals };
    const events = followStream(store, streamId, {
      fromRevision: fold.revision + 1,
      signal: following.signal,
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    });
    for await (const batch of events) {
      for (const stored of batch) fold.apply(stored);
      yield { ...fold.report(options), totals: fold.state.totals };
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    following.abort();
  }
}
