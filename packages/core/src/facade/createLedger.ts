import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  bookkeepingCatalog,
  bookkeepingStreamId,
  type BookkeepingEvent,
  type BookkeepingEventType,
} from '../bookkeeping/bookkeepingCatalog.js';
import { createBookkeepingDecider } from '../bookkeeping/bookkeepingDecider.js';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import type { Verifikation } from '../bookkeeping/Verifikation.js';
import { withVocabulary, type RecordingVocabulary } from '../bookkeeping/recordingVocabulary.js';
import type { FinancialGuidelines } from '../statements/FinansiellaRiktlinjer.js';
import { toLedgerError, type LedgerError } from '../error.js';
import {
  createEventRecorder,
  type EventRecorder,
  type RecordResult,
} from '../ledger/EventRecorder.js';
import type { EventMetadata, StoredEvent } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import {
  replayAnnualReport,
  type AnnualReport,
  type AnnualReportOptions,
} from '../statements/annualReport.js';
import type { LedgerTotals } from '../statements/LedgerTotals.js';
import {
  decodeBookkeepingEvents,
  mainStatements,
  replayBookkeeping,
  type MainStatements,
} from '../statements/replayStatements.js';
import type { EventInput } from './EventInput.js';
import { closeYearEvent, correctionEvent, reversalEvent } from './ledgerCommands.js';
import { eventsStoredBy, type AsOfOptions } from '../audit/storedBy.js';
import { bookkeepingRecorderCheckpoints } from '../checkpoints/bookkeepingRecorderCheckpoints.js';
import { foldAnnualReport, replayAnnualReportFromStore } from '../checkpoints/foldAnnualReport.js';
import { postedEventsOfYear } from '../checkpoints/postedEventsOfYear.js';
import {
  watchAnnualReport,
  type WatchAnnualReportOptions,
} from '../checkpoints/watchAnnualReport.js';
import { assertFörbundId } from '../configuration/assertFörbundId.js';
import { assertYearArgument } from '../events/assertYearArgument.js';
import { EntryOrder } from './EntryOrder.js';
import { withEveryCorrectableEvent } from './everyCorrectableEvent.js';
import { withReportCheckpointsAtClose } from './reportCheckpointsAtClose.js';

/** A year after every year of any books: the totals' fold may start at any checkpoint. */
const everyYear = 9998;

/** Who records, and optionally the idempotency key. */
export interface RecordOptions {
  readonly metadata: EventMetadata;
  /**
   * Give a stable id to make a retry safe: recording the same id twice books once. Take it from
   * `eventIdFromKey` (a key of your own system, such as an invoice id) or `newEventId`:
   * a UUID made elsewhere holds digits shaped like a personnummer about once in 70 000, and is
   * refused (`PERSONNUMMER_REFUSED` on `eventId`), as every stored string with one is. Ids are
   * kept apart per stream (as EventStoreDB keeps them): the books do not check that the
   * participant register holds no event of the same id, so keep the keys of the two apart.
   */
  readonly eventId?: string;
}

/** What recording reports: the event as stored, and whether it was already there. */
export interface Recorded<Event extends BookkeepingEvent = BookkeepingEvent> extends RecordResult {
  readonly event: Event;
}

/**
 * One event of {@link Ledger.recordAll}: its type, its data as typed by its schema, and who records
 * it.
 */
export type EventToRecord = {
  readonly [Type in BookkeepingEventType]: {
    readonly type: Type;
    readonly data: EventInput<Type>;
    readonly options: RecordOptions;
  };
}[BookkeepingEventType];

/**
 * A förbund's books on a store: record events under the rules, replay statements. `record` and
 * `recordAll` calls take their turn when their task is run: calls started without awaiting the
 * ones before are decided, numbered and stored in the order they were started, each as if the
 * calls had run one at a time (a refused one writes nothing and leaves the others as they would
 * be without it).
 */
export interface Ledger {
  readonly streamId: string;
  readonly chart: Chart;
  /**
   * Validates `data` against the event's schema, checks the rules, and appends it. Nothing
   * is written on a refusal. `data` is typed from the schema (a misspelled field or a
   * number amount does not compile); the schema still checks it when it runs, so data from
   * JSON can be cast and is refused with the field and rule it breaks.
   */
  record<Type extends BookkeepingEventType>(
    type: Type,
    data: EventInput<Type>,
    options: RecordOptions,
  ): TE.TaskEither<LedgerError, Recorded<Extract<BookkeepingEvent, { type: Type }>>>;
  /** Records several events atomically: all or none. */
  recordAll(events: readonly EventToRecord[]): TE.TaskEither<LedgerError, RecordResult>;
  /** Reverses an open accrual or prepayment whole, building the event from the open item. */
  reverseAccrual(
    postId: string,
    datum: string,
    options: RecordOptions & { text?: string },
  ): TE.TaskEither<LedgerError, Recorded>;
  /** Corrects an earlier event: reads it from the store and books its exact reverse on `datum`. */
  correct(
    eventId: string,
    datum: string,
    orsak: string,
    options: RecordOptions,
  ): TE.TaskEither<LedgerError, Recorded>;
  /** Closes `år` with the result the books show. */
  closeYear(
    år: number,
    datum: string,
    options: RecordOptions,
  ): TE.TaskEither<LedgerError, Recorded>;
  /**
   * The write-side state (open items, balances, closed years), caught up from the store. Its
   * `correctableEvents` are those of every event of the books, as a full replay folds them,
   * whatever checkpoints the store keeps: the same events give the same answer (a checkpoint is
   * derived data). On a store that keeps checkpoints the writer holds only the recent ones, and
   * once it has forgotten older ones this call reads the stream for them. The answer is the state
   * at the call: its collections are copies, which later calls do not change.
   */
  state(): TE.TaskEither<LedgerError, BookkeepingState>;
  /**
   * Replays the stream into totals for statements; with `asOf`, only what the store had stored by
   * then.
   */
  totals(options?: AsOfOptions): Promise<LedgerTotals>;
  /**
   * Resultaträkning, balansräkning and kassaflödesanalys of `year`, with `year − 1` as comparison.
   * Like every read, it rejects rather than returning an `Either`: with a `LedgerError`,
   * `VALIDATION_FAILED` for a year that is not a whole number from 1990 to 2200, or the store's.
   */
  statements(year: number, options?: AsOfOptions): Promise<MainStatements>;
  /**
   * Every financial part of the årsredovisning of `year`: the main statements, driftredovisning,
   * Not 1–4, flerårsöversikt and the guideline checks. With `asOf`, the report as the books stood
   * in the store at that instant (its own stamps): two as-of reports show what was recorded
   * between them, such as a later correction. Rejects as {@link Ledger.statements} does.
   */
  annualReport(year: number, options?: AnnualReportOptions & AsOfOptions): Promise<AnnualReport>;
  /**
   * The live annual report of `year` (see `watchAnnualReport`) with this ledger's chart, name,
   * guidelines and flerårsöversikt years, as {@link Ledger.annualReport} has them: yields the
   * report, then again after each change to the books, until `signal` aborts.
   *
   * ```ts
   * for await (const report of ledger.watchAnnualReport(2025, { signal }))
   *   console.log(renderAnnualReportText(report));
   * ```
   */
  watchAnnualReport(
    year: number,
    options?: Omit<WatchAnnualReportOptions, 'chart'>,
  ): AsyncGenerator<AnnualReport & { readonly totals: LedgerTotals }>;
  /**
   * The journal: every verifikation, numbered, in recording order; optionally of one year. Its
   * iteration rejects as {@link Ledger.statements} does. One year of the books as they are is
   * read from the checkpoint before its first verifikation (`postedEventsOfYear`), not from the
   * stream's first event.
   */
  verifikationer(year?: number, options?: AsOfOptions): AsyncIterable<Verifikation>;
}

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  readonly store: EventStore;
  readonly förbundId: string;
  /** The chart of accounts; the BAS-style default when left out. */
  readonly chart?: Chart;
  /** The names recording accepts (members, Not 2 posts, insatser); left out, any name. */
  readonly vocabulary?: RecordingVocabulary;
  /** The förbund's name: the annual report's title. */
  readonly namn?: string;
  /** The financial guidelines the annual report checks (per call, `annualReport`'s options win). */
  readonly guidelines?: Partial<FinancialGuidelines>;
  /**
   * How many years the annual report's flerårsöversikt shows (default 6; per call,
   * `annualReport`'s options win).
   */
  readonly flerårsöversiktYears?: number;
}

/**
 * Opens a förbund's books on any store. The books live in one stream,
 * `bokforing-<förbundId>`; the decider enforces the write-side rules.
 *
 * @throws LedgerError `INVALID_STREAM_ID` naming `förbundId` when it is not 1 to 64 lower-case
 * letters a–z, digits and hyphens (as the configuration's `förbundId`).
 */
export function createLedger(options: LedgerOptions): Ledger {
  assertFörbundId(options.förbundId);
  const chart = options.chart ?? defaultChart;
  const streamId = bookkeepingStreamId(options.förbundId);
  const readStream = () => options.store.readStream(streamId);
  const checkpoints = bookkeepingRecorderCheckpoints(options.store, streamId, chart);
  const recorder = withReportCheckpointsAtClose(
    createEventRecorder({
      store: options.store,
      streamId,
      catalog: bookkeepingCatalog,
      decider: withVocabulary(createBookkeepingDecider(chart), options.vocabulary),
      ...checkpointsOption(checkpoints),
    }),
    { store: options.store, streamId, förbundId: options.förbundId, chart },
  );
  // Calls enter the recorder in the order they were started, the commands' reads included.
  const order = new EntryOrder();
  const reportDefaults: AnnualReportOptions = {
    ...(options.namn === undefined ? {} : { namn: options.namn }),
    ...(options.guidelines === undefined ? {} : { guidelines: options.guidelines }),
    ...(options.flerårsöversiktYears === undefined
      ? {}
      : { flerårsöversiktYears: options.flerårsöversiktYears }),
  };
  return {
    streamId,
    chart,
    ...ledgerWrites(recorder, order, readStream, streamId),
    // After the calls started before it, the commands included; and a writer with checkpoints
    // that resumed from one, or passed a stored year close, has forgotten the correctable events
    // before it, which are then read from the stream.
    state: () => () =>
      order
        .now(() => recorder.stateAtRevision()())
        .then((caughtUp) =>
          E.isLeft(caughtUp)
            ? caughtUp
            : withEveryCorrectableEvent(
                options.store,
                streamId,
                caughtUp.right,
                checkpoints?.holdsEveryCorrectableEvent === false,
              ).then(E.right, (thrown: unknown) => E.left(toLedgerError(thrown))),
        ),
    ...ledgerReads({ store: options.store, streamId, readStream }, chart, reportDefaults),
    watchAnnualReport: (year, watchOptions = {}) => {
      assertYearArgument(year);
      return watchAnnualReport(options.store, streamId, year, {
        ...reportDefaults,
        ...watchOptions,
        chart,
      });
    },
  };
}

const checkpointsOption = <Value>(checkpoints: Value | undefined) =>
  checkpoints === undefined ? {} : { checkpoints };

type BookkeepingRecorder = EventRecorder<BookkeepingState, BookkeepingEvent>;

/**
 * The write side of the ledger: every event goes through the catalog's schema and the decider's
 * rules.
 */
function ledgerWrites(
  recorder: BookkeepingRecorder,
  order: EntryOrder,
  readStream: () => AsyncIterable<StoredEvent>,
  streamId: string,
): Pick<Ledger, 'record' | 'recordAll' | 'reverseAccrual' | 'correct' | 'closeYear'> {
  const { entered, command } = enteringInOrder(recorder, order);

  const recordOne = <Type extends BookkeepingEventType>(
    type: Type,
    data: unknown,
    recordOptions: RecordOptions,
  ): TE.TaskEither<LedgerError, Recorded<Extract<BookkeepingEvent, { type: Type }>>> => {
    const created = create(type, data, recordOptions) as E.Either<
      LedgerError,
      Extract<BookkeepingEvent, { type: Type }>
    >;
    if (E.isLeft(created)) return TE.left(created.left);
    // The recorder's task is run as this task is, not a microtask later (as `TE.chain` after
    // `TE.fromEither` would): a `record` started before a `recordAll` is decided before it.
    return () => order.now(() => entered(created));
  };

  return {
    record: recordOne,
    recordAll: (events) => {
      // One metadata object shared by the batch's events is checked once. Written out, not piped
      // through `TE.chain`: every call of a bulk load comes through here.
      const created = bookkeepingCatalog.createAll(events) as E.Either<
        LedgerError,
        BookkeepingEvent[]
      >;
      if (E.isLeft(created)) return TE.left(created.left);
      const recording = recorder.record(created.right, { validated: true });
      return () => order.now(() => recording());
    },
    reverseAccrual: (postId, datum, recordOptions) =>
      command('PeriodiseringÅterförd', recordOptions, (state) =>
        Promise.resolve(reversalEvent(state, postId, datum, recordOptions.text)),
      ),
    correct: (eventId, datum, orsak, recordOptions) =>
      // The state is read first only to wait for the calls before: the original may be theirs.
      command('HändelseRättad', recordOptions, () =>
        correctionEvent(readStream, streamId, { eventId, datum, orsak })(),
      ),
    closeYear: (år, datum, recordOptions) =>
      command('RäkenskapsårStängt', recordOptions, (state) =>
        Promise.resolve(E.right(closeYearEvent(state, år, datum))),
      ),
  };
}

// The schema validates whatever arrives; the type of `data` only helps callers write it.
const create = (type: BookkeepingEventType, data: unknown, recordOptions: RecordOptions) =>
  bookkeepingCatalog.create(type, data, recordOptions) as E.Either<LedgerError, BookkeepingEvent>;

/**
 * How a call enters the recorder: `entered` at once with an event the catalog made; `command`
 * with the event of `type` made from the books as every call started before it left them
 * (`build` reads the state, caught up, and maybe the stream), before any call started after it.
 */
function enteringInOrder(recorder: BookkeepingRecorder, order: EntryOrder) {
  const entered = <Event extends BookkeepingEvent>(
    created: E.Either<LedgerError, Event>,
  ): Promise<E.Either<LedgerError, Recorded<Event>>> => {
    if (E.isLeft(created)) return Promise.resolve(created);
    const event = created.right;
    // Made by the catalog: validated in full, not validated again.
    return recorder
      .record([event], { validated: true })()
      .then((result) => (E.isLeft(result) ? result : E.right({ ...result.right, event })));
  };
  const command =
    (
      type: BookkeepingEventType,
      recordOptions: RecordOptions,
      build: (state: BookkeepingState) => Promise<E.Either<LedgerError, unknown>>,
    ): TE.TaskEither<LedgerError, Recorded> =>
    () =>
      order.afterRead(async () => {
        let data: E.Either<LedgerError, unknown>;
        try {
          const state = await recorder.state()();
          data = E.isLeft(state) ? state : await build(state.right);
        } catch (thrown) {
          data = E.left(toLedgerError(thrown));
        }
        return {
          settled: E.isLeft(data)
            ? Promise.resolve(data)
            : entered(create(type, data.right, recordOptions)),
        };
      });
  return { entered, command };
}

/**
 * The read side of the ledger: every read replays the stream (from the latest checkpoint that
 * verifies, on a store that keeps them), so it sees every writer's events.
 */
function ledgerReads(
  source: {
    readonly store: EventStore;
    readonly streamId: string;
    readonly readStream: () => AsyncIterable<StoredEvent>;
  },
  chart: Chart,
  reportDefaults: AnnualReportOptions,
): Pick<Ledger, 'totals' | 'statements' | 'annualReport' | 'verifikationer'> {
  const { store, streamId, readStream } = source;
  // An as-of read sees only what the store had stored by then (issue 16): it replays from the
  // start, since a checkpoint holds what was stored later too.
  const readAsOf = (asOf: string | undefined) =>
    asOf === undefined ? readStream() : eventsStoredBy(readStream(), asOf);
  // Totals serve every year: any checkpoint will do, so the year is the last one there is.
  const totals = async (options: AsOfOptions = {}) =>
    options.asOf === undefined
      ? (await foldAnnualReport(store, streamId, everyYear, { chart })).state.totals
      : (await replayBookkeeping(readAsOf(options.asOf), { chart })).totals;
  return {
    totals,
    statements: async (year, options = {}) => {
      assertYearArgument(year);
      return mainStatements(
        options.asOf === undefined
          ? (await foldAnnualReport(store, streamId, year, { chart })).state.totals
          : await totals(options),
        year,
      );
    },
    annualReport: async (year, { asOf, ...reportOptions } = {}) => {
      assertYearArgument(year);
      const options = { ...reportDefaults, ...reportOptions, chart };
      const { totals: _totals, ...report } =
        // Checkpoints keep the corrections and historical figures too, so a footnoted report
        // folds from them as well.
        asOf === undefined
          ? await replayAnnualReportFromStore(store, streamId, year, options)
          : await replayAnnualReport(readAsOf(asOf), year, options);
      return report;
    },
    async *verifikationer(year?: number, options: AsOfOptions = {}) {
      if (year !== undefined) assertYearArgument(year);
      // The books as they are: a year's are read from the checkpoint before its first one.
      const { posted: events } =
        year === undefined || options.asOf !== undefined
          ? { posted: postEvents(decodeBookkeepingEvents(readAsOf(options.asOf)), chart) }
          : await postedEventsOfYear(store, streamId, year, { chart });
      for await (const posted of events) {
        for (const verifikation of posted.verifikationer)
          if (year === undefined || verifikation.år === year) yield verifikation;
      }
    },
  };
}
