import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import type { AnnualReport, AnnualReportOptions } from '../statements/annualReport.js';
import type { LedgerTotals } from '../statements/LedgerTotals.js';
import type { OpenItemsAtYearEndState } from '../statements/openItemsAtYearEnd.js';
import {
  AnnualReportFold,
  annualReportCheckpointKind,
  foldStateServesYear,
} from './annualReportFold.js';
import { checkpointStorageOf } from '../store/CheckpointStorage.js';
import { checkpointName } from '../store/checkpointEnvelope.js';
import {
  loadLatestCheckpoint,
  saveCheckpoint,
  type CheckpointObserver,
} from './checkpointShelf.js';

/** Options of {@link foldAnnualReport}. */
export interface FoldAnnualReportOptions {
  readonly chart?: Chart;
  /** Told what happened to each checkpoint (used, saved, discarded). */
  readonly observe?: CheckpointObserver;
}

/**
 * A copy of open items that the fold may change without changing the original: the entries'
 * open amounts are assigned anew as effects come in, while the items themselves and the money
 * amounts are never changed, so they are shared (a serialised round trip cost as much as the
 * rest of a warm report).
 */
const copyOfOpenItems = (openItems: OpenItemsAtYearEndState): OpenItemsAtYearEndState => ({
  ...openItems,
  items: new Map(
    [...openItems.items].map(([postId, entry]) => [
      postId,
      { item: entry.item, öppetBelopp: entry.öppetBelopp },
    ]),
  ),
  settled: new Map(openItems.settled),
});

/**
 * An annual report's fold started at its latest usable checkpoint (see {@link foldAnnualReport}),
 * fed the stream's events after it one by one: what a walk that feeds other folds too (the
 * writer's fold of the readers' checkpoints at close) shares with {@link foldAnnualReport}.
 */
export interface AnnualReportFolding {
  readonly fold: AnnualReportFold;
  /**
   * Folds the stream's next event (revision `fold.revision + 1`) and, at a year close that has
   * no checkpoint, starts saving one.
   */
  accept(stored: StoredEvent): void;
  /** The fold, once every checkpoint started has been saved (or its failure reported). */
  finish(): Promise<AnnualReportFold>;
}

/**
 * Starts the annual report's fold of `year` from a store's stream at the latest checkpoint that
 * verifies and serves the year (see {@link foldAnnualReport}); the caller feeds it the events
 * after `fold.revision`. Without a year, the fold is for the checkpoints alone (the writer's at
 * close): it starts at the latest checkpoint and keeps no year's open items for a report.
 */
export async function startAnnualReportFold(
  store: EventStore,
  streamId: string,
  year: number | undefined,
  options: FoldAnnualReportOptions = {},
): Promise<AnnualReportFolding> {
  const chart = options.chart ?? defaultChart;
  const storage = checkpointStorageOf(store);
  const kind = annualReportCheckpointKind(chart);
  const loaded =
    storage === undefined
      ? undefined
      : await loadLatestCheckpoint(storage, kind, streamId, {
          usable: (state) => year === undefined || foldStateServesYear(state, year),
          ...(options.observe === undefined ? {} : { observe: options.observe }),
        });
  const fold = new AnnualReportFold(
    chart,
    year,
    loaded === undefined
      ? undefined
      : {
          state: loaded.state,
          // The year's open items start from their own copy: the two states diverge after it.
          copy:
            year === undefined
              ? loaded.state
              : { ...loaded.state, openItems: copyOfOpenItems(loaded.state.openItems) },
          revision: loaded.revision,
        },
  );
  const saved = new Set(storage === undefined ? [] : await storage.list());
  const saves: Promise<void>[] = [];
  return {
    fold,
    accept: (stored) => {
      const { event } = fold.apply(stored);
      if (storage === undefined || event.type !== 'RäkenskapsårStängt') return;
      const closed = event.data.år;
      if (saved.has(checkpointName(kind.projection, kind.codeVersion, streamId, closed))) return;
      // Serialised now: the fold goes on changing the state while the save waits for the hash.
      saves.push(
        saveCheckpoint(
          storage,
          kind,
          { streamId, year: closed, revision: stored.streamRevision },
          kind.serialise(fold.state),
          options.observe,
        ),
      );
    },
    finish: async () => {
      await Promise.all(saves);
      return fold;
    },
  };
}

/**
 * Folds the annual report's projection of `year` from a store's stream, starting at the latest
 * checkpoint that verifies and serves the year (a closed year before it, usually the year
 * before), and reading only the events after it; without one, from the start. On the way it
 * saves a checkpoint at every year close that has none. A store without checkpoint storage (the
 * in-memory store) is folded from the start.
 */
export async function foldAnnualReport(
  store: EventStore,
  streamId: string,
  year: number,
  options: FoldAnnualReportOptions = {},
): Promise<AnnualReportFold> {
  const folding = await startAnnualReportFold(store, streamId, year, options);
  for await (const stored of store.readStream(streamId, {
    fromRevision: folding.fold.revision + 1,
  }))
    folding.accept(stored);
  return folding.finish();
}

/**
 * The annual report of `year` from a store, through checkpoints (see {@link foldAnnualReport}),
 * with the totals. Equal, figure for figure, to `replayAnnualReport` over the whole stream.
 */
export async function replayAnnualReportFromStore(
  store: EventStore,
  streamId: string,
  year: number,
  options: AnnualReportOptions & FoldAnnualReportOptions = {},
): Promise<AnnualReport & { totals: LedgerTotals }> {
  const fold = await foldAnnualReport(store, streamId, year, options);
  return { ...fold.report(options), totals: fold.state.totals };
}
