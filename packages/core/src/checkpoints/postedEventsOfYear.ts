import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents, type PostedEvent } from '../bookkeeping/postingFold.js';
import type { EventStore } from '../store/EventStore.js';
import { checkpointStorageOf } from '../store/CheckpointStorage.js';
import { decodeBookkeepingEvents } from '../statements/replayStatements.js';
import { annualReportCheckpointKind, type AnnualReportFoldState } from './annualReportFold.js';
import { loadLatestCheckpoint } from './checkpointShelf.js';
import type { FoldAnnualReportOptions } from './foldAnnualReport.js';

/** The stream's events a listing of one year needs, posted, and where they start. */
export interface PostedEventsOfYear {
  /**
   * The annual report's fold state at the checkpoint the events continue from, read for this
   * call alone (its numbering counts on as `posted` is read); undefined when they start at the
   * stream's first event.
   */
  readonly start: AnnualReportFoldState | undefined;
  /** The events after the start, to the stream's end, posted and numbered as a replay does. */
  readonly posted: AsyncIterable<PostedEvent<BookkeepingEvent>>;
}

/**
 * The events of a store's stream that a listing of `year` (its verifikationer, its huvudbok)
 * needs, posted: those after the latest annual-report checkpoint that verifies and by which no
 * verifikation of `year` had been numbered, continuing that checkpoint's numbering; without one,
 * every event from the first. A year's close numbers the next year's omföring, and January's
 * bookings often come before the close of December, so that is usually the close of the year
 * two before. Every event after the start is read, to the stream's end: a verifikation of the
 * year is never assumed absent from a later part of the stream, and its corrections of later
 * years are there. The numbers are those a replay from the first event gives, since the
 * checkpoint's counters are (and the numbers stored with each event are checked against them).
 */
export async function postedEventsOfYear(
  store: EventStore,
  streamId: string,
  year: number,
  options: FoldAnnualReportOptions = {},
): Promise<PostedEventsOfYear> {
  const chart = options.chart ?? defaultChart;
  const storage = checkpointStorageOf(store);
  const loaded =
    storage === undefined
      ? undefined
      : await loadLatestCheckpoint(storage, annualReportCheckpointKind(chart), streamId, {
          // A checkpoint of the year's own close or later holds its verifikationer, if any.
          closedBefore: year,
          usable: (state) => state.numbering.next(year) === 1,
          ...(options.observe === undefined ? {} : { observe: options.observe }),
        });
  const events = decodeBookkeepingEvents(
    store.readStream(streamId, { fromRevision: (loaded?.revision ?? -1) + 1 }),
  );
  return {
    start: loaded?.state,
    posted: postEvents(events, chart, loaded?.state.numbering),
  };
}
