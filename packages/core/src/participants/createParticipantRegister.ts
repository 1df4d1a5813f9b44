import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { toLedgerError, type LedgerError } from '../error.js';
import type { CreateEventOptions, RecordedDomainEvent } from '../ledger/EventCatalog.js';
import { createEventRecorder, type RecordResult } from '../ledger/EventRecorder.js';
import { bookkeepingStreamId } from '../bookkeeping/bookkeepingCatalog.js';
import { withVocabulary, type RecordingVocabulary } from '../bookkeeping/recordingVocabulary.js';
import type { CheckpointObserver } from '../checkpoints/checkpointShelf.js';
import type { EventStore } from '../store/EventStore.js';
import {
  participantCatalog,
  type ParticipantEvent,
  type ParticipantEventType,
} from './participantCatalog.js';
import { participantDecider, type ParticipantDeciderState } from './participantDecider.js';
import { participantStreamId } from './participantStreamId.js';
import { foldParticipantHistories } from './foldParticipantHistories.js';
import {
  assertParticipantTablesYear,
  participantTablesFromHistories,
  type ParticipantTables,
} from './projections/participantTables.js';

/**
 * What recording one participant event reports: the event as stored, and whether it was already
 * there.
 */
export interface RecordedParticipantEvent<
  Event extends ParticipantEvent = ParticipantEvent,
> extends RecordResult {
  readonly event: Event;
}

/** One event to record with {@link ParticipantRegister.recordAll}. */
export interface ParticipantEventToRecord {
  readonly type: ParticipantEventType;
  readonly data: unknown;
  readonly options: CreateEventOptions;
}

/** A participant event as read back from the store. */
export type ReplayedParticipantEvent = ParticipantEvent & RecordedDomainEvent;

/**
 * A förbund's participant register on a store: record events under the rules, replay the statistics
 * of a year.
 */
export interface ParticipantRegister {
  /** The stream that holds the register: `deltagare-<förbundId>`. */
  readonly streamId: string;
  /**
   * Validates `data` against the event's schema (refusing personnummer), checks the rules,
   * and appends it. Nothing is written on a refusal. Give `options.eventId` to make a
   * retry safe: recording the same id twice stores it once.
   */
  record<Type extends ParticipantEventType>(
    type: Type,
    data: unknown,
    options: CreateEventOptions,
  ): TE.TaskEither<
    LedgerError,
    RecordedParticipantEvent<Extract<ParticipantEvent, { type: Type }>>
  >;
  /** Records several events atomically, in order: all or none. */
  recordAll(events: readonly ParticipantEventToRecord[]): TE.TaskEither<LedgerError, RecordResult>;
  /** The write-side state (each participation by insats), caught up from the store. */
  state(): TE.TaskEither<LedgerError, ParticipantDeciderState>;
  /**
   * The register's events in recording order, decoded (and upcast), for any projection.
   * Iterating throws a `LedgerError` if the store fails or holds an event it cannot decode.
   */
  replay(): AsyncIterable<ReplayedParticipantEvent>;
  /**
   * The participant statistics of `year`: for every insats with participants in the year,
   * the Bilaga 1 tables and goal fulfilment of the year and since the insats's first day.
   * A year that is not a whole number from 1990 to 2200 is refused (`VALIDATION_FAILED`).
   * On a store that keeps checkpoints (the file store), the histories are folded from the
   * latest participant checkpoint saved at a year close of the books, reading only the store
   * after it, and checkpoints are saved at the closes read on the way; equal to a full replay.
   */
  tables(year: number): TE.TaskEither<LedgerError, ParticipantTables>;
}

/** Options of {@link createParticipantRegister}. */
export interface ParticipantRegisterOptions {
  readonly store: EventStore;
  /** The förbund's id: lower-case a-z, digits and -, as for `createLedger`. */
  readonly förbundId: string;
  /** Told what happened to each participant checkpoint (used, saved, discarded). */
  readonly observe?: CheckpointObserver;
  /**
   * The names recording accepts, as for `createLedger`; the register checks its `insatser`: an
   * `insatsId` or `tillInsatsId` must be the slug of a declared insats's name (refused with
   * `VALIDATION_FAILED`, rule `declared-insats-id`). Left out or without insatser, any id.
   */
  readonly vocabulary?: RecordingVocabulary;
}

/**
 * Opens a förbund's participant register on any store, as `createLedger` opens its books.
 * The register lives in one stream, `deltagare-<förbundId>`, apart from the bookkeeping
 * (see docs/participants.md); the participant rules (`participantDecider`) are checked
 * before anything is appended.
 *
 * @throws LedgerError `INVALID_STREAM_ID` when `förbundId` is not lower-case a-z, digits and -.
 */
export function createParticipantRegister(
  options: ParticipantRegisterOptions,
): ParticipantRegister {
  const streamId = participantStreamId(options.förbundId);
  const recorder = createEventRecorder({
    store: options.store,
    streamId,
    catalog: participantCatalog,
    decider: withVocabulary(participantDecider, options.vocabulary),
  });

  async function* replay(): AsyncGenerator<ReplayedParticipantEvent> {
    for await (const stored of options.store.readStream(streamId)) {
      const decoded = participantCatalog.decode(stored);
      if (E.isLeft(decoded)) throw decoded.left;
      yield decoded.right;
    }
  }

  const create = ({ type, data, options: createOptions }: ParticipantEventToRecord) =>
    participantCatalog.create(type, data, createOptions);

  return {
    streamId,
    record: <Type extends ParticipantEventType>(
      type: Type,
      data: unknown,
      createOptions: CreateEventOptions,
    ) =>
      pipe(
        TE.fromEither(participantCatalog.create(type, data, createOptions)),
        TE.chain((event) =>
          pipe(
            recorder.record([event]),
            TE.map((result) => ({ ...result, event })),
          ),
        ),
      ),
    recordAll: (events) =>
      pipe(
        TE.fromEither(E.sequenceArray(events.map(create))),
        TE.chain((created) => recorder.record(created)),
      ),
    state: () => recorder.state(),
    replay,
    tables: (year) =>
      TE.tryCatch(
        async () => {
          assertParticipantTablesYear(year);
          const histories = await foldParticipantHistories(options.store, {
            participantStreamId: streamId,
            booksStreamId: bookkeepingStreamId(options.förbundId),
            ...(options.observe === undefined ? {} : { observe: options.observe }),
          });
          return participantTablesFromHistories(histories, year);
        },
        (thrown) => toLedgerError(thrown),
      ),
  };
}
