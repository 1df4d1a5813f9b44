import type { EventStore } from '../store/EventStore.js';
import type { AnnualReport, AnnualReportOptions } from '../statements/annualReport.js';
import { storeWatchOf } from '../store/CheckpointStorage.js';
import { foldAnnualReport, type FoldAnnualReportOptions } from './foldAnnualReport.js';

/** Options of {@link watchAnnualReport}. */
export interface WatchAnnualReportOptions extends AnnualReportOptions, FoldAnnualReportOptions {
  /** Ends the watch (the iteration then finishes). */
  readonly signal?: AbortSignal;
  /**
   * How often the stream is read for new events besides the store's own notification (a
   * safety net for a file system that does not report changes), in milliseconds; default 1000.
   */
  readonly pollIntervalMs?: number;
}

/** Limits of the live report. */
export const watchLimits = { pollIntervalMsDefault: 1000 } as const;

/**
 * A live annual report of `year`: yields the report once folded (through checkpoints, see
 * `foldAnnualReport`), then again after each change to the stream, reading only the events
 * after its position. It wakes on the store's notification (the file store watches its file,
 * the in-memory store tells of its appends) and polls besides. Ends when `signal` aborts.
 *
 * ```ts
 * for await (const report of watchAnnualReport(store, ledger.streamId, 2025, { signal }))
 *   console.log(renderAnnualReportText(report));
 * ```
 */
export async function* watchAnnualReport(
  store: EventStore,
  streamId: string,
  year: number,
  options: WatchAnnualReportOptions = {},
): AsyncGenerator<AnnualReport> {
  const aborted = (): boolean => options.signal?.aborted === true;
  let pending = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    pending = true;
    wake?.();
  };
  // Watched before the first fold: an event appended while it runs is read right after it.
  const stopWatching = storeWatchOf(store)?.(notify);
  const timer = setInterval(notify, options.pollIntervalMs ?? watchLimits.pollIntervalMsDefault);
  options.signal?.addEventListener('abort', notify);
  try {
    const fold = await foldAnnualReport(store, streamId, year, options);
    yield fold.report(options);
    while (!aborted()) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      pending = false;
      if (aborted()) return;
      let changed = false;
      for await (const stored of store.readStream(streamId, { fromRevision: fold.revision + 1 })) {
        fold.apply(stored);
        changed = true;
      }
      if (changed) yield fold.report(options);
    }
  } finally {
    stopWatching?.();
    clearInterval(timer);
    options.signal?.removeEventListener('abort', notify);
  }
}
