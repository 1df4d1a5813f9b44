import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { ledgerError, toLedgerError, type LedgerError } from '../error.js';
import { createEventRecorder, type RecordResult } from '../ledger/EventRecorder.js';
import { Money } from '../money/Money.js';
import type { EventMetadata } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';
import {
  mainStatements,
  replayBookkeeping,
  decodeBookkeepingEvents,
  type MainStatements,
} from '../statements/replayStatements.js';
import type { LedgerTotals } from '../statements/LedgerTotals.js';
import {
  replayAnnualReport,
  type AnnualReport,
  type AnnualReportOptions,
} from '../statements/annualReport.js';
import {
  bookkeepingCatalog,
  bookkeepingStreamId,
  type BookkeepingEvent,
  type BookkeepingEventType,
} from './bookkeepingCatalog.js';
import { createBookkeepingDecider } from './bookkeepingDecider.js';
import { placementOf } from './OpenItem.js';
import type { BookkeepingState } from './BookkeepingState.js';
import { defaultChart, type Chart } from './ChartOfAccounts.js';
import { postEvents } from './postingFold.js';
import type { Verifikation } from './Verifikation.js';
import { withVocabulary, type RecordingVocabulary } from './recordingVocabulary.js';
import type { FinancialGuidelines } from '../statements/FinansiellaRiktlinjer.js';

/** Who records, and optionally the idempotency key. */
export interface RecordOptions {
  readonly metadata: EventMetadata;
  /** Give a stable id to make a retry safe: recording the same id twice books once. */
  readonly eventId?: string;
}

/** What recording reports: the event as stored, and whether it was already there. */
export interface Recorded<Event extends BookkeepingEvent = BookkeepingEvent> extends RecordResult {
  readonly event: Event;
}

/** A förbund's books on a store: record events under the rules, replay statements. */
export interface Ledger {
  readonly streamId: string;
  readonly chart: Chart;
  /** Validates `data` against the event's schema, checks the rules, and appends it. Nothing is written on a refusal. */
  record<Type extends BookkeepingEventType>(
    type: Type,
    data: unknown,
    options: RecordOptions,
  ): TE.TaskEither<LedgerError, Recorded<Extract<BookkeepingEvent, { type: Type }>>>;
  /** Records several events atomically: all or none. */
  recordAll(
    events: readonly { type: BookkeepingEventType; data: unknown; options: RecordOptions }[],
  ): TE.TaskEither<LedgerError, RecordResult>;
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
  /** The write-side state (open items, balances, closed years), caught up from the store. */
  state(): TE.TaskEither<LedgerError, BookkeepingState>;
  /** Replays the stream into totals for statements. */
  totals(): Promise<LedgerTotals>;
  /** Resultaträkning, balansräkning and kassaflödesanalys of `year`, with `year − 1` as comparison. */
  statements(year: number): Promise<MainStatements>;
  /** Every financial part of the årsredovisning of `year`: the main statements, driftredovisning, Not 1–4, flerårsöversikt and the guideline checks. */
  annualReport(year: number, options?: AnnualReportOptions): Promise<AnnualReport>;
  /** The journal: every verifikation, numbered, in recording order; optionally of one year. */
  verifikationer(year?: number): AsyncIterable<Verifikation>;
}

/**
 * Opens a förbund's books on any store. The books live in one stream,
 * `bokforing-<förbundId>`; the decider enforces the write-side rules.
 */
export function createLedger(options: {
  store: EventStore;
  förbundId: string;
  chart?: Chart;
  /** The names recording accepts (members, Not 2 posts, insatser); left out, any name. */
  vocabulary?: RecordingVocabulary;
  /** The förbund's name: the annual report's title. */
  namn?: string;
  /** The financial guidelines the annual report checks (per call, `annualReport`'s options win). */
  guidelines?: Partial<FinancialGuidelines>;
}): Ledger {
  const chart = options.chart ?? defaultChart;
  const streamId = bookkeepingStreamId(options.förbundId);
  const recorder = createEventRecorder({
    store: options.store,
    streamId,
    catalog: bookkeepingCatalog,
    decider: withVocabulary(createBookkeepingDecider(chart), options.vocabulary),
  });
  const reportDefaults: AnnualReportOptions = {
    ...(options.namn === undefined ? {} : { namn: options.namn }),
    ...(options.guidelines === undefined ? {} : { guidelines: options.guidelines }),
  };

  const create = (
    type: BookkeepingEventType,
    data: unknown,
    recordOptions: RecordOptions,
  ): E.Either<LedgerError, BookkeepingEvent> =>
    bookkeepingCatalog.create(type, data, recordOptions) as E.Either<LedgerError, BookkeepingEvent>;

  const recordOne = <Type extends BookkeepingEventType>(
    type: Type,
    data: unknown,
    recordOptions: RecordOptions,
  ) =>
    pipe(
      TE.fromEither(create(type, data, recordOptions)),
      TE.chain((event) =>
        pipe(
          recorder.record([event]),
          TE.map((result) => ({
            ...result,
            event: event as Extract<BookkeepingEvent, { type: Type }>,
          })),
        ),
      ),
    );

  const ledger: Ledger = {
    streamId,
    chart,
    record: recordOne,
    recordAll: (events) =>
      pipe(
        TE.fromEither(
          E.sequenceArray(
            events.map(({ type, data, options: recordOptions }) =>
              create(type, data, recordOptions),
            ),
          ),
        ),
        TE.chain((created) => recorder.record(created)),
      ),
    reverseAccrual: (postId, datum, recordOptions) =>
      pipe(
        recorder.state(),
        TE.chain((state) => {
          const item = state.openItems.get(postId);
          if (!item)
            return TE.left(
              ledgerError('OPEN_ITEM_NOT_FOUND', `No open item ${postId}`, { details: { postId } }),
            );
          if (
            item.slag !== 'upplupen-intäkt' &&
            item.slag !== 'förutbetald-kostnad' &&
            item.slag !== 'upplupen-kostnad'
          ) {
            return TE.left(
              ledgerError(
                'OPEN_ITEM_MISMATCH',
                `${postId} is a ${item.slag}, not an accrual or prepayment`,
                { details: { postId } },
              ),
            );
          }
          return recordOne(
            'PeriodiseringÅterförd',
            {
              datum,
              postId,
              slag: item.slag,
              belopp: item.öppetBelopp,
              text: recordOptions.text ?? `Återföring: ${item.text}`,
              ...placementOf(item),
            },
            recordOptions,
          );
        }),
      ),
    correct: (eventId, datum, orsak, recordOptions) =>
      pipe(
        TE.tryCatch(
          async () => {
            for await (const event of decodeBookkeepingEvents(options.store.readStream(streamId)))
              if (event.eventId === eventId) return event;
            throw ledgerError('EVENT_NOT_FOUND', `No event ${eventId} in ${streamId}`, {
              details: { eventId },
            });
          },
          (thrown) => toLedgerError(thrown),
        ),
        TE.chain((original) =>
          recordOne(
            'HändelseRättad',
            {
              datum,
              rättadEventId: eventId,
              orsak,
              original: {
                type: original.type,
                schemaVersion: original.schemaVersion,
                data: original.data,
              },
            },
            recordOptions,
          ),
        ),
      ),
    closeYear: (år, datum, recordOptions) =>
      pipe(
        recorder.state(),
        TE.chain((state) =>
          recordOne(
            'RäkenskapsårStängt',
            { år, datum, åretsResultat: (state.yearResults.get(år) ?? Money.zero).toString() },
            recordOptions,
          ),
        ),
      ),
    state: () => recorder.state(),
    totals: async () =>
      (await replayBookkeeping(options.store.readStream(streamId), { chart })).totals,
    statements: async (year) => mainStatements(await ledger.totals(), year),
    annualReport: async (year, reportOptions = {}) => {
      const { totals: _totals, ...report } = await replayAnnualReport(
        options.store.readStream(streamId),
        year,
        { ...reportDefaults, ...reportOptions, chart },
      );
      return report;
    },
    async *verifikationer(year?: number) {
      for await (const posted of postEvents(
        decodeBookkeepingEvents(options.store.readStream(streamId)),
        chart,
      )) {
        for (const verifikation of posted.verifikationer)
          if (year === undefined || verifikation.år === year) yield verifikation;
      }
    },
  };
  return ledger;
}
