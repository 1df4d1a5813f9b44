import { ledgerError, type ErrorCode, type LedgerError } from '@finsam-ledger/core';
import type { ChangedLine } from '../changedLines.js';
import type { CrossedLine } from '../crossedLines.js';
import { refuse } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { EventLine, LineRefusal } from '../readEventsFile.js';
import type { RepeatedLine } from '../repeatedLines.js';
import { jsonLinesPlaces, linesCounted, linesNamed, type LinePlaces } from '../linePlaces.js';

/**
 * The refused lines printed, at most: a file that is not an events file at all (a semicolon
 * table saved as .txt, say) would otherwise print a refusal for each of its lines.
 */
const refusedLinesPrintedMax = 50;

/**
 * Everything a run found wrong with a file: every refused line with each reason (a line may
 * have several), a refusal that belongs to no line, what the check of the books' rules covered,
 * and what to do.
 */
export interface RecordRefusal {
  readonly refusals: readonly LineRefusal[];
  /** A refusal of the whole file, not of a line (the store could not be copied, say). */
  readonly fileRefusal?: LedgerError;
  /** What the rules of the books were checked on, when that was not every line. */
  readonly notes: readonly string[];
  readonly hints: readonly string[];
}

/** The last line of every refusal: nothing was written, and whether this run could have. */
const nothingWrittenText = (dryRun: boolean): string =>
  dryRun
    ? 'Refused, in a dry run (--dry-run): nothing was written, and a dry run writes nothing anyway; without --dry-run the file would be refused the same.'
    : 'Refused: nothing was written.';

/**
 * Every refused line named with each of its refusals, in the file's order (of the first lines
 * only, when there are many), then the count, what the rules were checked on, that nothing was
 * written (and whether it was a dry run), and the hints.
 */
export function reportRefusals(
  report: RecordRefusal,
  dryRun: boolean,
  places: LinePlaces = jsonLinesPlaces,
): ExitCode {
  const ordered = [...report.refusals].sort((left, right) => left.lineNumber - right.lineNumber);
  const lineNumbers = [...new Set(ordered.map((refusal) => refusal.lineNumber))];
  const shown = new Set(lineNumbers.slice(0, refusedLinesPrintedMax));
  for (const refusal of ordered)
    if (shown.has(refusal.lineNumber))
      refuse(refusal.error, places.of(refusal.lineNumber), places.field);
  if (report.fileRefusal !== undefined) refuse(report.fileRefusal);
  const more = lineNumbers.length - shown.size;
  if (more > 0)
    process.stderr.write(`… and ${more} more ${linesNamed(places, more)} refused, not shown.\n`);
  if (lineNumbers.length > 1)
    process.stderr.write(`${lineNumbers.length} ${places.lines} refused.\n`);
  for (const note of report.notes) process.stderr.write(`${note}\n`);
  process.stderr.write(`${nothingWrittenText(dryRun)}\n`);
  if (ordered.some(hasMalformedEventId)) process.stderr.write(`${eventIdHint}\n`);
  for (const hint of report.hints) process.stderr.write(`${hint}\n`);
  return exitCodes.refused;
}

/**
 * The rules of an `eventId` a user breaks with an id of their own: not a string, not a lower-case
 * UUID, digits shaped like a personnummer (a random UUID's, about once in 70 000).
 */
const eventIdFormatRules: ReadonlySet<string> = new Set([
  'string',
  'invalid_format',
  'no-personnummer',
]);

const hasMalformedEventId = (refusal: LineRefusal): boolean =>
  refusal.error.issues.some(
    (issue) => issue.path === 'eventId' && eventIdFormatRules.has(issue.rule),
  );

/**
 * What a user of the command line does about an id refused as malformed: the refusal itself
 * gives the ledger's advice to a program (`newEventId()`, `eventIdFromKey(key)`), which
 * `finsam id` gives on the command line.
 */
const eventIdHint =
  'hint: an eventId is a lower-case UUID without digits shaped like a personnummer. Make one with finsam id KEY, from a key of your own such as an invoice number (the same id every time for the same key), or finsam id --new for a new random one.';

/** One refusal: of a line, or of the whole file (it cannot be read, the store refuses). */
export const refuseLine = (
  refusal: LineRefusal | LedgerError,
  dryRun: boolean,
  places: LinePlaces = jsonLinesPlaces,
): ExitCode =>
  reportRefusals(
    'lineNumber' in refusal
      ? { refusals: [refusal], notes: [], hints: [] }
      : { refusals: [], fileRefusal: refusal, notes: [], hints: [] },
    dryRun,
    places,
  );

/**
 * Lines that give an `eventId` an earlier line of the file gives: each event has its own id, and
 * the store would refuse the batch without naming the lines.
 */
export function sharedIdRefusals(
  events: readonly EventLine[],
  places: LinePlaces = jsonLinesPlaces,
): LineRefusal[] {
  const firstLineOf = new Map<string, number>();
  const refusals: LineRefusal[] = [];
  for (const { eventId, lineNumber } of events) {
    if (eventId === undefined) continue;
    const first = firstLineOf.get(eventId);
    if (first === undefined) {
      firstLineOf.set(eventId, lineNumber);
      continue;
    }
    const message = `eventId ${eventId} is ${places.of(first)}'s too: each event has its own id`;
    refusals.push({
      lineNumber,
      error: ledgerError('EVENT_ID_CONFLICT', message, {
        issues: [{ path: 'eventId', rule: 'unique-in-file', message }],
      }),
    });
  }
  return refusals;
}

/** How events without ids are kept from being booked twice: what the hints below advise. */
const idsFromTheFirstRun = ({ line, lines }: LinePlaces): string =>
  `An eventId (a UUID) makes a rerun record only new ${lines} if the ${line} had it when it was first recorded: adding ids to ${lines} recorded without them books those ${lines} again`;

/**
 * Lines without `eventId` that repeat recorded events, refused each with the event they repeat,
 * and what to do: the same file recorded again would book them twice.
 */
export function repeatsRefusal(
  repeats: readonly RepeatedLine[],
  places: LinePlaces = jsonLinesPlaces,
): RecordRefusal {
  const refusals = repeats.map(({ lineNumber, type, stored }) => {
    const message = `${type} is recorded already with the same type and data (${stored.streamId}@${stored.streamRevision}, recorded ${stored.recordedAt} by ${stored.recordedBy})`;
    const rule = `a ${places.line} without an eventId whose event is recorded already is refused, unless --allow-repeats`;
    return {
      lineNumber,
      error: ledgerError('EVENT_ALREADY_RECORDED', message, {
        issues: [{ path: 'eventId', rule: 'not-recorded-before', message: rule }],
      }),
    };
  });
  const one = repeats.length === 1;
  const hint = `hint: ${one ? `a ${places.line}` : linesCounted(places, repeats.length)} without an eventId repeat${one ? 's' : ''} what the books hold: this file (or ${one ? `this ${places.line}` : `these ${places.lines}`}) was most likely recorded before, and recording ${one ? 'it' : 'them'} again would book ${one ? 'it' : 'them'} twice. Take the recorded ${one ? places.line : places.lines} out of the file and record the rest. ${idsFromTheFirstRun(places)}. If ${one ? 'it is a new event that matches a recorded one' : 'they are new events that match recorded ones'} (two taxi rides of one day), record with --allow-repeats.`;
  return { refusals, notes: [], hints: repeats.length === 0 ? [] : [hint] };
}

/**
 * Lines whose `eventId` the förbund's other stream holds (a booking line given a participant
 * event's id, or the other way round), and what to do.
 */
export function crossedRefusal(
  crossed: readonly CrossedLine[],
  places: LinePlaces = jsonLinesPlaces,
): RecordRefusal {
  const refusals = crossed.map(({ lineNumber, eventId, participant, stored }) => {
    const where = `${stored.streamId}@${stored.streamRevision}, ${stored.type}`;
    const message = participant
      ? `eventId ${eventId} is a booking's, recorded in the books (${where}): a participant event cannot take it`
      : `eventId ${eventId} is a participant event's, recorded in the register (${where}): a booking cannot take it`;
    return {
      lineNumber,
      error: eventIdConflict(
        message,
        'unique-in-forbund',
        "an eventId names one event of the förbund's books and participant register",
      ),
    };
  });
  const one = crossed.length === 1;
  const { line, lines } = places;
  const edited = one ? `A ${line}` : `${lines[0]!.toUpperCase()}${lines.slice(1)}`;
  const hint = `hint: an eventId names one event, in the books or in the participant register. ${edited} edited from the event recorded under ${one ? 'its id' : 'their ids'} into another kind: put ${one ? 'it' : 'them'} back as ${one ? 'it was' : 'they were'} (what is recorded is never changed) and write the new event as a ${line} of its own, with an eventId of its own. A new ${line} that took a recorded event's id: give it an eventId of its own.`;
  return { refusals, notes: [], hints: crossed.length === 0 ? [] : [hint] };
}

/**
 * Lines whose `eventId` is a recorded event's with other content, every one with what differs,
 * and what to do. What was recorded is never changed.
 */
export function changedRefusal(
  changed: readonly ChangedLine[],
  places: LinePlaces = jsonLinesPlaces,
): RecordRefusal {
  const refusals = changed.map(({ lineNumber, eventId, streamId, streamRevision, differences }) => {
    const message = `eventId ${eventId} was recorded (${streamId}@${streamRevision}) with other content: ${differences.join('; ')}`;
    return {
      lineNumber,
      error: eventIdConflict(
        message,
        'same-id-same-content',
        'a recorded event id was given for other content',
      ),
    };
  });
  const participant = changed.some((line) => line.participant)
    ? ` A participant event cannot be corrected once recorded: put its ${places.line} back as it was.`
    : '';
  const hint = `hint: what is recorded is never changed. A ${places.line} edited since it was recorded: put it back as it was, and correct the booking with a new ${places.line}, HändelseRättad (see docs/concepts.md, "Events").${participant} A new event that took a recorded event's id: give it an eventId of its own.`;
  return { refusals, notes: [], hints: changed.length === 0 ? [] : [hint] };
}

/** A line's `EVENT_ID_CONFLICT`: its `eventId` breaks `rule`. */
const eventIdConflict = (message: string, rule: string, ruleMessage: string): LedgerError =>
  ledgerError('EVENT_ID_CONFLICT', message, {
    issues: [{ path: 'eventId', rule, message: ruleMessage }],
  });

/** Several findings as one. */
export function joinRefusals(...parts: readonly RecordRefusal[]): RecordRefusal {
  const fileRefusal = parts.find((part) => part.fileRefusal !== undefined)?.fileRefusal;
  return {
    refusals: parts.flatMap((part) => part.refusals),
    ...(fileRefusal === undefined ? {} : { fileRefusal }),
    notes: parts.flatMap((part) => part.notes),
    hints: parts.flatMap((part) => part.hints),
  };
}

/** Refusals of a fact the books already hold: what running the same file again meets. */
const alreadyHeldCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'OPENING_BALANCE_ALREADY_RECORDED',
  'BUDGET_ALREADY_ADOPTED',
  'OPEN_ITEM_ALREADY_EXISTS',
  'YEAR_ALREADY_CLOSED',
  'EVENT_ALREADY_CORRECTED',
  'PARTICIPANT_ALREADY_ENROLLED',
  'PARTICIPANT_ALREADY_CONCLUDED',
]);

/**
 * What to do when a line without an `eventId` is refused as something the books already hold:
 * most often the same file recorded twice (with `--allow-repeats`, or with a line changed).
 */
export function rerunHint(
  events: readonly EventLine[],
  refusal: LineRefusal,
  places: LinePlaces = jsonLinesPlaces,
): string | undefined {
  const line = events.find((event) => event.lineNumber === refusal.lineNumber);
  if (line === undefined || line.eventId !== undefined) return undefined;
  if (!alreadyHeldCodes.has(refusal.error.code)) return undefined;
  return `hint: ${places.of(refusal.lineNumber)} has no eventId, so each run records it as a new event. If this file was recorded before, its events are in the books already: take the recorded ${places.lines} out and record the rest. ${idsFromTheFirstRun(places)}.`;
}
