import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { EventRecorder } from '../ledger/EventRecorder.js';
import { foldParticipantHistories } from '../participants/foldParticipantHistories.js';
import { participantStreamId } from '../participants/participantStreamId.js';
import { checkpointStorageOf } from '../store/CheckpointStorage.js';
import type { EventStore } from '../store/EventStore.js';
import type { CheckpointObserver } from '../checkpoints/checkpointShelf.js';
import { foldAnnualReport } from '../checkpoints/foldAnnualReport.js';

/** A year after every year of any books: the fold starts at the latest checkpoint there is. */
const everyYear = 9998;

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
 * close that has none), one at a time, in the background. A fold or a save that fails changes
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
  let running: Promise<void> | undefined;
  let closedSinceStart = false;
  const foldOnce = async () => {
    try {
      await foldAnnualReport(options.store, options.streamId, everyYear, {
        chart: options.chart,
        ...observe,
      });
      await foldParticipantHistories(options.store, participants);
    } catch (error) {
      options.observe?.({
        kind: 'save-failed',
        name: options.streamId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const foldWhileClosing = async () => {
    // A close stored while a fold runs may come after what that fold read: fold again.
    do {
      closedSinceStart = false;
      await foldOnce();
    } while (closedSinceStart);
    running = undefined;
  };
  const closeStored = () => {
    closedSinceStart = true;
    if (running !== undefined) return;
    running = foldWhileClosing();
    storage.keepOpenFor?.(running);
  };
  return {
    ...recorder,
    record: (events, recordOptions) =>
      pipe(
        recorder.record(events, recordOptions),
        TE.map((result) => {
          if (!result.alreadyStored && events.some((event) => event.type === 'RäkenskapsårStängt'))
            closeStored();
          return result;
        }),
      ),
  };
}
