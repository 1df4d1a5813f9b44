import * as E from 'fp-ts/Either';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { EventRecorder } from '../ledger/EventRecorder.js';
import {
  startParticipantHistoriesFold,
  type ParticipantHistoriesSource,
} from '../participants/foldParticipantHistories.js';
import { participantStreamId } from '../participants/participantStreamId.js';
import { checkpointStorageOf, type CheckpointStorage } from '../store/CheckpointStorage.js';
import type { EventStore } from '../store/EventStore.js';
import type { CheckpointObserver } from '../checkpoints/checkpointShelf.js';
import { startAnnualReportFold } from '../checkpoints/foldAnnualReport.js';
import { FoldsWhenIdle } from './FoldsWhenIdle.js';

/** Where the books are and how their report is folded, for {@link withReportCheckpointsAtClose}. */
export interface ReportCheckpointsAtCloseOptions {
  readonly store: EventStore;
  /** The books' stream. */
  readonly streamId: string;
  /** The förbund: its participant stream's checkpoints are saved at the books' closes too. */
  readonly förbundId: string;
  readonly chart: Chart;
  /** Told what happened to each checkpoint (saved, discarded), and of a fold that failed. */
  readonly observe?: CheckpointObserver;
}

/**
 * The recorder, saving the readers' checkpoints (the annual report's fold and the participant
 * register's, see `foldAnnualReport` and `foldParticipantHistories`) whenever a year close it
 * recorded is stored, also a close inside a batch: the first report after the books were written
 * then reads only the open years, instead of folding the whole store and saving them itself.
 *
 * The checkpoints are derived data, saved after the append is acknowledged and never awaited by
 * it: the same folds the readers run (from the latest checkpoint that verifies, saving every
 * close that has none), one at a time, in the background, once the writer is idle (see
 * {@link FoldsWhenIdle}). A fold or a save that fails changes
 * nothing the append did (the next reader folds and saves them instead). A store that keeps
 * checkpoints may keep its close waiting for the folds in flight (the file store does), so that
 * a process that records a close and closes its store leaves the checkpoints behind. A store
 * without checkpoint storage gets the recorder unchanged.
 */
export function withReportCheckpointsAtClose<State>(
  recorder: EventRecorder<State, BookkeepingEvent>,
  options: ReportCheckpointsAtCloseOptions,
): EventRecorder<State, BookkeepingEvent> {
  const storage = checkpointStorageOf(options.store);
  if (storage === undefined) return recorder;
  const observe = options.observe === undefined ? {} : { observe: options.observe };
  const participants = {
    participantStreamId: participantStreamId(options.förbundId),
    booksStreamId: options.streamId,
    ...observe,
  };
  const foldOnce = async () => {
    try {
      await foldReadersCheckpoints(options.store, storage, {
        streamId: options.streamId,
        chart: options.chart,
        participants,
        ...observe,
      });
    } catch (error) {
      options.observe?.({
        kind: 'save-failed',
        name: options.streamId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const folds = new FoldsWhenIdle(foldOnce, (work) => storage.keepOpenFor?.(work));
  return {
    ...recorder,
    record: (events, recordOptions) => async () => {
      folds.recordStarted();
      let closed = false;
      try {
        const result = await recorder.record(events, recordOptions)();
        closed =
          E.isRight(result) &&
          !result.right.alreadyStored &&
          events.some((event) => event.type === 'RäkenskapsårStängt');
        return result;
      } finally {
        folds.recordEnded(closed ? 'close' : 'other', events.length);
      }
    },
  };
}

/**
 * The annual report's fold and the participant register's, each from its latest checkpoint,
 * saving theirs at every year close that has none, in one walk of the store: the books' events
 * after the report's checkpoint go to the report's fold, every event after the register's to
 * the register's. Each fold sees exactly the events it would read alone (`foldAnnualReport`,
 * `foldParticipantHistories`), so the checkpoints are the same; a bulk load's close walked the
 * whole store once for each.
 */
export async function foldReadersCheckpoints(
  store: EventStore,
  storage: CheckpointStorage,
  options: {
    readonly streamId: string;
    readonly chart: Chart;
    readonly participants: ParticipantHistoriesSource;
    readonly observe?: CheckpointObserver;
  },
): Promise<void> {
  const { streamId } = options;
  const observe = options.observe === undefined ? {} : { observe: options.observe };
  const report = await startAnnualReportFold(store, streamId, undefined, {
    chart: options.chart,
    ...observe,
  });
  const register = await startParticipantHistoriesFold(storage, options.participants);
  const reportFrom = await positionOfRevision(store, streamId, report.fold.revision + 1);
  const fromPosition = Math.min(register.position + 1, reportFrom ?? Number.POSITIVE_INFINITY);
  for await (const stored of store.readAll({ fromPosition })) {
    if (stored.streamId === streamId && stored.streamRevision > report.fold.revision)
      report.accept(stored);
    const saving = register.accept(stored);
    if (saving !== undefined) await saving;
  }
  await Promise.all([report.finish(), register.finish()]);
}

/** The global position of a stream's event at `revision`, if the stream has one. */
async function positionOfRevision(
  store: EventStore,
  streamId: string,
  revision: number,
): Promise<number | undefined> {
  for await (const stored of store.readStream(streamId, { fromRevision: revision, maxCount: 1 }))
    return stored.globalPosition;
  return undefined;
}
