import * as E from 'fp-ts/Either';
import {
  bookkeepingStreamId,
  createLedger,
  createParticipantRegister,
  isStoreFailureError,
  ledgerError,
  ledgerOptionsFromConfiguration,
  participantStreamId,
  vocabularyFromConfiguration,
  type BookkeepingEventType,
  type EventInput,
  type EventStore,
  type EventToRecord,
  type FörbundConfiguration,
  type LedgerError,
  type ParticipantEventType,
} from '@finsam-ledger/core';
import { getStagedEventStore } from '@finsam-ledger/core/store';
import { refuse, withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { isConnectionString, missingStoreError } from '../openStore.js';
import { pathExists } from '../pathExists.js';
import { eventOfLine, isParticipantLine } from '../eventOfLine.js';
import {
  readEventsFile,
  type EventLine,
  type EventsFile,
  type LineRefusal,
} from '../readEventsFile.js';
import { recordNewLines, type LinesRecorded } from '../recordNewLines.js';
import { crossedLines } from '../crossedLines.js';
import { futureDatedRefusals } from '../futureDatedLines.js';
import { repeatedLines, type LineOfStream } from '../repeatedLines.js';
import { changedLines } from '../changedLines.js';
import { restatedLines } from '../restatedLines.js';
import {
  changedRefusal,
  crossedRefusal,
  joinRefusals,
  refuseLine,
  repeatsRefusal,
  reportRefusals,
  rerunHint,
  sharedIdRefusals,
  type RecordRefusal,
} from './recordRefusals.js';
import { ruleCheckNotes } from './ruleCheckNotes.js';
import { linesCounted, linesNamed, type LinePlaces } from '../linePlaces.js';
import { readSpreadsheetEvents, spreadsheetFormatOf } from '../readSpreadsheetEvents.js';
import { usageError } from '../usageError.js';
import { knownEventTypes, meantTypeText } from '../knownEventTypes.js';

/** The options of `finsam record`. */
export interface RecordCommandOptions extends StoreOptions {
  readonly dryRun: boolean;
  /** Records lines without `eventId` that repeat events the books hold (meant as new ones). */
  readonly allowRepeats?: boolean;
  /** The event type of a CSV file's rows (a CSV file only: an xlsx file's sheets name theirs). */
  readonly type?: string;
}

const optionsOf = (event: EventLine) => ({
  metadata: event.metadata,
  ...(event.eventId === undefined ? {} : { eventId: event.eventId }),
});

/**
 * A line as the ledger records it. The data's static type (`EventInput`) helps callers who
 * write events in TypeScript; a file's data is unknown until the event's schema validates it
 * when it is recorded, which happens all the same.
 */
const toEventToRecord = (event: EventLine): EventToRecord =>
  ({
    type: event.type as BookkeepingEventType,
    data: event.data,
    options: optionsOf(event),
  }) as EventToRecord;

/** The förbund's books and participant register on one store, as its configuration describes. */
const förbundOn = (store: EventStore, configuration: FörbundConfiguration) => ({
  ledger: createLedger({ store, ...ledgerOptionsFromConfiguration(configuration) }),
  register: createParticipantRegister({
    store,
    förbundId: configuration.förbundId,
    vocabulary: vocabularyFromConfiguration(configuration),
  }),
});

/**
 * Records the lines on `store`: the bookkeeping events in one atomic append to the books,
 * the participant events in one atomic append to the register; in each, the lines the stream
 * holds already (by `eventId`, with the same content) are left as they are.
 */
async function recordLines(
  store: EventStore,
  configuration: FörbundConfiguration,
  events: readonly EventLine[],
): Promise<E.Either<LedgerError, LinesRecorded>> {
  const { ledger, register } = förbundOn(store, configuration);
  const books = events.filter((event) => !isParticipantLine(event));
  const participants = events.filter(isParticipantLine);
  let total: LinesRecorded = { writtenCount: 0, alreadyStoredCount: 0 };
  if (books.length > 0) {
    const recorded = await recordNewLines(store, ledger.streamId, books, (lines) =>
      ledger.recordAll(lines.map(toEventToRecord)),
    );
    if (E.isLeft(recorded)) return recorded;
    total = sumOf(total, recorded.right);
  }
  if (participants.length > 0) {
    const recorded = await recordNewLines(store, register.streamId, participants, (lines) =>
      register.recordAll(
        lines.map((event) => ({
          type: event.type as ParticipantEventType,
          data: event.data,
          options: optionsOf(event),
        })),
      ),
    );
    if (E.isLeft(recorded)) return recorded;
    total = sumOf(total, recorded.right);
  }
  return E.right(total);
}

const sumOf = (left: LinesRecorded, right: LinesRecorded): LinesRecorded => ({
  writtenCount: left.writtenCount + right.writtenCount,
  alreadyStoredCount: left.alreadyStoredCount + right.alreadyStoredCount,
});

/**
 * Runs `check` on `store` staged: its events read from it, appends kept in memory (see
 * `getStagedEventStore`), so that the rules are checked without writing to the real store and
 * at the cost of the checked lines only (the ledger starts from the store's year-close
 * checkpoints, as a real recording does). Closed after, once its background work has ended.
 */
async function onStaged<Result>(
  store: EventStore,
  check: (staged: EventStore) => Promise<Result>,
): Promise<Result> {
  const staged = getStagedEventStore(store);
  try {
    return await check(staged);
  } finally {
    await staged.close();
  }
}

/**
 * A store's refusal of one line's event, its fields named as in the line (`eventId`), not as in
 * the one-event batch the line was recorded in (`events[0].eventId`).
 */
const asLineError = (error: LedgerError): LedgerError =>
  ledgerError(error.code, error.message, {
    details: { ...error.details },
    cause: error.cause,
    issues: error.issues.map((issue) => ({
      ...issue,
      path: issue.path.replace(/^events\[0\]\./, ''),
    })),
  });

/**
 * Finds the line a refused batch failed on: a batch is refused as a whole, so its events
 * are recorded one by one on the store staged until one is refused. Only run after a refusal;
 * the real store is never touched.
 */
async function locateRefusal(
  store: EventStore,
  configuration: FörbundConfiguration,
  events: readonly EventLine[],
  batchError: LedgerError,
): Promise<LineRefusal | LedgerError> {
  return onStaged(store, async (staged) => {
    const { ledger, register } = förbundOn(staged, configuration);
    for (const event of events) {
      const recorded = isParticipantLine(event)
        ? await register.record(event.type as ParticipantEventType, event.data, optionsOf(event))()
        : await ledger.record(
            event.type as BookkeepingEventType,
            event.data as EventInput<BookkeepingEventType>,
            optionsOf(event),
          )();
      // A store that cannot be read fails the file, not the line being checked.
      if (E.isLeft(recorded) && isStoreFailureError(recorded.left)) return recorded.left;
      if (E.isLeft(recorded))
        return { lineNumber: event.lineNumber, error: asLineError(recorded.left) };
    }
    return batchError;
  });
}

/** A line of a type no catalog knows, refused naming the one meant and the known types. */
function unknownTypeRefusal(event: EventLine): LineRefusal {
  const message = `unknown event type "${event.type}"; ${meantTypeText(event.type)} types: ${knownEventTypes.join(', ')}`;
  return {
    lineNumber: event.lineNumber,
    error: ledgerError('UNKNOWN_EVENT_TYPE', message, {
      issues: [{ path: 'type', rule: 'known-event-type', message }],
    }),
  };
}

/**
 * What can be told of each line alone, before any rule that depends on the books: its type is
 * known, and its data, metadata and id are what its event's schema takes (as the ledger's
 * catalog checks them when it records). Every line that fails is named at once; the rules that
 * depend on the events before (a closed year, a payment of an unknown invoice) come after
 * them, and the first refusal among them stops the check.
 */
function lineRefusals(events: readonly EventLine[]): LineRefusal[] {
  const refusals: LineRefusal[] = [];
  for (const event of events) {
    if (!knownEventTypes.includes(event.type)) {
      refusals.push(unknownTypeRefusal(event));
      continue;
    }
    const created = eventOfLine(event, isParticipantLine(event));
    if (E.isLeft(created)) refusals.push({ lineNumber: event.lineNumber, error: created.left });
  }
  return refusals;
}

/**
 * Checks the lines against the rules where that writes nothing real: on the store staged.
 * Needed for `--dry-run`, and before a file that mixes books and participants (two streams, two
 * appends) touches the real store, so that a refusal of the second append cannot leave the first
 * one written; and on the lines a refused file's other refusals
 * leave, to find the first the rules refuse. Returns the refusal of the whole batch;
 * `locateRefusal` finds the line it belongs to.
 */
async function checkStaged(
  store: EventStore,
  configuration: FörbundConfiguration,
  events: readonly EventLine[],
): Promise<E.Either<LedgerError, LinesRecorded>> {
  return onStaged(store, (staged) => recordLines(staged, configuration, events));
}

/** What a refused recording is reported with: the store and configuration, and the lines. */
interface RefusedRecording {
  readonly store: EventStore;
  readonly configuration: FörbundConfiguration;
  readonly events: readonly EventLine[];
  /** The refusals found before the rules were checked (ids, dates, repeats). */
  readonly found: RecordRefusal;
  /** The refusal of recording every line, when the lines were recorded (or checked staged). */
  readonly error?: LedgerError;
  /** How the file names its lines. */
  readonly places: LinePlaces;
}

/**
 * The line the rules of the books refuse first among `lines` (checked in the file's order on the
 * store staged), or the refusal of no line the check met; `undefined` when the
 * rules take every line. `knownError` is the refusal of exactly these lines, when known.
 */
async function ruleRefusal(
  store: EventStore,
  configuration: FörbundConfiguration,
  lines: readonly EventLine[],
  knownError: LedgerError | undefined,
): Promise<LineRefusal | LedgerError | undefined> {
  if (lines.length === 0) return undefined;
  let error = knownError;
  if (error === undefined) {
    const checked = await checkStaged(store, configuration, lines);
    if (E.isRight(checked)) return undefined;
    error = checked.left;
  }
  return locateRefusal(store, configuration, lines, error);
}

/**
 * Everything wrong with a refused file, as a user can act on it in one run: the refusals found
 * before (`found`), every line whose data its event's schema refuses, every line that gives a
 * recorded event's id for other content (with what differs), then the first line the rules of the
 * books refuse among the lines not refused already, checked in the file's order without the
 * refused ones. The rules stop there: each line is checked against the books as the lines before
 * it leave them, which a refused line no longer does; the report says which lines that leaves
 * unchecked. The lines are checked alone only here, after a refusal: the recording checks each
 * with the same schema, so a file it takes is validated once.
 */
async function everyRefusal(refused: RefusedRecording): Promise<RecordRefusal> {
  const { store, configuration, events, found, places } = refused;
  const changed = await changedLines(store, linesOfStreams(configuration, events));
  const before = joinRefusals(
    found,
    { refusals: lineRefusals(events), notes: [], hints: [] },
    changedRefusal(changed, places),
  );
  const refusedLines = new Set(before.refusals.map((refusal) => refusal.lineNumber));
  const rest = events.filter((event) => !refusedLines.has(event.lineNumber));
  const knownError = rest.length === events.length ? refused.error : undefined;
  const rules = await ruleRefusal(store, configuration, rest, knownError);
  const notes = ruleCheckNotes(events, refusedLines, rules, places);
  if (rules === undefined) return joinRefusals(before, { refusals: [], notes, hints: [] });
  if (!('lineNumber' in rules))
    return joinRefusals(before, { refusals: [], fileRefusal: rules, notes, hints: [] });
  const hint = rerunHint(events, rules, places);
  return joinRefusals(before, {
    refusals: [rules],
    notes,
    hints: hint === undefined ? [] : [hint],
  });
}

const eventsText = (count: number): string => (count === 1 ? '1 event' : `${count} events`);
const newEventsText = (count: number): string =>
  count === 1 ? '1 new event' : `${count} new events`;

/** The lines left as they were, as the summary names them. */
const keptText = (count: number): string =>
  count === 1
    ? 'the other was recorded before (the same eventId, type and data) and is left as it is'
    : `the other ${count} were recorded before (the same eventId, type and data) and are left as they are`;

/** What a run wrote, and what the books held already. */
function describeRecorded(path: string, where: string, counts: LinesRecorded): string {
  const { writtenCount, alreadyStoredCount } = counts;
  if (writtenCount === 0)
    return alreadyStoredCount === 1
      ? `the event of ${path} was already recorded; nothing new was written.`
      : `the ${alreadyStoredCount} events of ${path} were already recorded; nothing new was written.`;
  if (alreadyStoredCount === 0)
    return `recorded ${eventsText(writtenCount)} from ${path} ${where}.`;
  return `recorded ${newEventsText(writtenCount)} from ${path} ${where}; ${keptText(alreadyStoredCount)}.`;
}

/** What a dry run found: the lines that pass the rules, and those the books hold already. */
function describeDryRun(path: string, counts: LinesRecorded): string {
  const { writtenCount, alreadyStoredCount } = counts;
  if (writtenCount === 0)
    return `${alreadyStoredCount === 1 ? 'the event' : `all ${alreadyStoredCount} events`} of ${path} ${alreadyStoredCount === 1 ? 'was' : 'were'} recorded before (the same eventId, type and data); nothing would be written.`;
  const pass = writtenCount === 1 ? 'passes' : 'pass';
  if (alreadyStoredCount === 0)
    return `${writtenCount === 1 ? 'the event' : `the ${writtenCount} events`} of ${path} ${pass} the rules; nothing was written.`;
  return `${newEventsText(writtenCount)} of ${path} ${pass} the rules; ${keptText(alreadyStoredCount)}; nothing was written.`;
}

/** The lines printed, at most, whose metadata differs from their recorded event's. */
const restatedPrintedMax = 50;

/**
 * After a run that found lines recorded before: the lines among them whose metadata (who
 * recorded it, when) differs from the recorded event's, each with what differs, since the
 * recorded event stands and the line's metadata is not recorded. Nothing when there is none.
 */
async function noteRestated(
  store: EventStore,
  lines: readonly LineOfStream[],
  counts: LinesRecorded,
  places: LinePlaces,
): Promise<void> {
  if (counts.alreadyStoredCount === 0) return;
  const restated = await restatedLines(store, lines);
  if (restated.length === 0) return;
  const one = restated.length === 1;
  const shown = restated.slice(0, restatedPrintedMax);
  const hidden = restated.length - shown.length;
  process.stdout.write(
    `note: ${one ? `${places.of(restated[0]!.lineNumber)} gives` : `${linesCounted(places, restated.length)} give`} other metadata than the ${one ? 'event recorded under its eventId, which stands as it was' : 'events recorded under their eventIds, which stand as they were'} recorded: an event's type and data make it, and recording it again changes nothing.\n${shown
      .map(
        ({ lineNumber, streamId, streamRevision, differences }) =>
          `  ${places.of(lineNumber)} (${streamId}@${streamRevision}): ${differences.join('; ')}\n`,
      )
      .join('')}${hidden > 0 ? `  … and ${hidden} more ${linesNamed(places, hidden)}\n` : ''}`,
  );
}

/** Each line with the stream its event goes to. */
const linesOfStreams = (
  configuration: FörbundConfiguration,
  events: readonly EventLine[],
): LineOfStream[] =>
  events.map((line) => {
    const participant = isParticipantLine(line);
    const streamId = participant
      ? participantStreamId(configuration.förbundId)
      : bookkeepingStreamId(configuration.förbundId);
    return { line, streamId, participant };
  });

/**
 * The refusals that need no rule of the books: lines that are not well-formed envelopes, lines
 * that share an id or are dated after their recording, lines given the id of an event in the
 * förbund's other stream, and (unless `--allow-repeats`) id-less lines that repeat recorded
 * events. Every one of them, each kind independent of the others.
 */
async function refusalsBeforeRules(
  store: EventStore,
  configuration: FörbundConfiguration,
  file: EventsFile,
  options: RecordCommandOptions,
): Promise<RecordRefusal> {
  const { events } = file;
  const lines = linesOfStreams(configuration, events);
  const streamIds = [
    bookkeepingStreamId(configuration.förbundId),
    participantStreamId(configuration.förbundId),
  ];
  const ofLines = {
    refusals: [
      ...file.refusals,
      ...sharedIdRefusals(events, file.places),
      ...futureDatedRefusals(events),
    ],
    notes: [],
    hints: [],
  };
  const crossed = crossedRefusal(await crossedLines(store, lines, streamIds), file.places);
  if (options.allowRepeats === true) return joinRefusals(ofLines, crossed);
  return joinRefusals(
    ofLines,
    crossed,
    repeatsRefusal(await repeatedLines(store, lines), file.places),
  );
}

/**
 * `--type` names the event type of a CSV file's rows, and only of a CSV file's: a usage error
 * where it is missing or stands beside another file.
 */
function checkTypeOption(path: string, type: string | undefined): void {
  const format = spreadsheetFormatOf(path);
  if (format === 'csv' && type === undefined)
    throw usageError(
      `a CSV events file holds events of one type: name it with --type (e.g. --type KostnadBokförd).`,
    );
  if (format !== 'csv' && type !== undefined)
    throw usageError(
      format === 'xlsx'
        ? `--type is for a CSV file: each sheet of ${path} is named by the type of its rows' events.`
        : `--type is for a CSV file: each line of ${path} gives its event's type.`,
    );
}

/** The events of a JSON Lines file, or of a spreadsheet (`.csv`, `.xlsx`). */
const readRecordFile = (path: string, recordedAt: string, csvType: string | undefined) => {
  const format = spreadsheetFormatOf(path);
  return format === undefined
    ? readEventsFile(path, recordedAt)
    : readSpreadsheetEvents(path, {
        format,
        recordedAt,
        ...(csvType === undefined ? {} : { csvType }),
      });
};

/**
 * `finsam record EVENTS.jsonl`: appends the file's events to the förbund's books (and its
 * participant register, for participant events) through the ledger's rules: all of them
 * or none. `--dry-run` checks them against the rules on the store staged (appends kept in
 * memory) and writes nothing.
 */
export async function runRecord(path: string, options: RecordCommandOptions): Promise<ExitCode> {
  checkTypeOption(path, options.type);
  // Opening a file store for writing creates it: a mistyped --store would silently start
  // new books. A store is created by `finsam init` (or `finsam copy`), never by `record`.
  if (!isConnectionString(options.store) && !(await pathExists(options.store)))
    return refuse(missingStoreError(options.store));
  const mode = options.dryRun ? 'read-only-checked' : 'read-write';
  return withConfigurationAndStore(options, mode, async (configuration, opened) => {
    // The writer is this run: a line that does not say when it was recorded is recorded now.
    const file = await readRecordFile(path, new Date().toISOString(), options.type);
    if (E.isLeft(file)) return refuseLine(file.left, options.dryRun);
    const { events, places } = file.right;
    const context = { store: opened.store, configuration, events, places };
    const found = await refusalsBeforeRules(opened.store, configuration, file.right, options);
    const refused = async (error?: LedgerError) =>
      reportRefusals(
        await everyRefusal({ ...context, found, ...(error === undefined ? {} : { error }) }),
        options.dryRun,
        places,
      );
    if (found.refusals.length > 0) return refused();
    const mixed = events.some(isParticipantLine) && !events.every(isParticipantLine);
    if (options.dryRun || mixed) {
      const checked = await checkStaged(opened.store, configuration, events);
      if (E.isLeft(checked)) return refused(checked.left);
      if (options.dryRun) {
        process.stdout.write(`dry run: ${describeDryRun(path, checked.right)}\n`);
        await noteRestated(
          opened.store,
          linesOfStreams(configuration, events),
          checked.right,
          places,
        );
        return exitCodes.ok;
      }
    }
    const recorded = await recordLines(opened.store, configuration, events);
    if (E.isLeft(recorded)) return refused(recorded.left);
    const where = `for ${configuration.förbundId} (${opened.location})`;
    process.stdout.write(`${describeRecorded(path, where, recorded.right)}\n`);
    await noteRestated(opened.store, linesOfStreams(configuration, events), recorded.right, places);
    return exitCodes.ok;
  });
}
