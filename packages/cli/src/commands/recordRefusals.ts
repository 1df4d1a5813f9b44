import { ledgerError, type ErrorCode, type LedgerError } from '@finsam-ledger/core';
import type { ChangedLine } from '../changedLines.js';
import type { CrossedLine } from '../crossedLines.js';
import { refuse } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { EventLine, LineRefusal } from '../readEventsFile.js';
import type { RepeatedLine } from '../repeatedLines.js';

/**
 * The malformed lines printed, at most: a file that is not an events file at all (a CSV given by
 * mistake) would otherwise print a refusal for each of its lines.
 */
const refusedLinesPrintedMax = 50;

/** Every refused line named, in the file's order, then the count; nothing is written. */
export const refuseLines = (refusals: readonly LineRefusal[]): ExitCode => {
  const ordered = [...refusals].sort((left, right) => left.lineNumber - right.lineNumber);
  const printed = ordered.slice(0, refusedLinesPrintedMax);
  for (const refusal of printed) refuse(refusal.error, `line ${refusal.lineNumber}`);
  const more = ordered.length - printed.length;
  if (more > 0) process.stderr.write(`… and ${more} more lines refused, not shown.\n`);
  if (ordered.length > 1) process.stderr.write(`${ordered.length} lines refused.\n`);
  process.stderr.write('Refused: nothing was written.\n');
  if (ordered.some(hasMalformedEventId)) process.stderr.write(`${eventIdHint}\n`);
  return exitCodes.refused;
};

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
export const refuseLine = (refusal: LineRefusal | LedgerError): ExitCode => {
  if ('lineNumber' in refusal) return refuseLines([refusal]);
  refuse(refusal);
  process.stderr.write('Refused: nothing was written.\n');
  return exitCodes.refused;
};

/**
 * Lines that give an `eventId` an earlier line of the file gives: each event has its own id, and
 * the store would refuse the batch without naming the lines.
 */
export function sharedIdRefusals(events: readonly EventLine[]): LineRefusal[] {
  const firstLineOf = new Map<string, number>();
  const refusals: LineRefusal[] = [];
  for (const { eventId, lineNumber } of events) {
    if (eventId === undefined) continue;
    const first = firstLineOf.get(eventId);
    if (first === undefined) {
      firstLineOf.set(eventId, lineNumber);
      continue;
    }
    const message = `eventId ${eventId} is line ${first}'s too: each event has its own id`;
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
const idsFromTheFirstRun =
  'An eventId (a UUID) makes a rerun record only new lines if the line had it when it was first recorded: adding ids to lines recorded without them books those lines again';

/**
 * Lines without `eventId` that repeat recorded events, refused each with the event they repeat,
 * then what to do: the same file recorded again would book them twice.
 */
export function refuseRepeats(repeats: readonly RepeatedLine[], lineCount: number): ExitCode {
  const exitCode = refuseLines(
    repeats.map(({ lineNumber, type, stored }) => {
      const message = `${type} is recorded already with the same type and data (${stored.streamId}@${stored.streamRevision}, recorded ${stored.recordedAt} by ${stored.recordedBy})`;
      const rule =
        'a line without an eventId whose event is recorded already is refused, unless --allow-repeats';
      return {
        lineNumber,
        error: ledgerError('EVENT_ALREADY_RECORDED', message, {
          issues: [{ path: 'eventId', rule: 'not-recorded-before', message: rule }],
        }),
      };
    }),
  );
  const one = repeats.length === 1;
  process.stderr.write(
    `hint: ${one ? 'a line' : `${repeats.length} lines`} without an eventId repeat${one ? 's' : ''} what the books hold: this file (or ${one ? 'this line' : 'these lines'}) was most likely recorded before, and recording ${one ? 'it' : 'them'} again would book ${one ? 'it' : 'them'} twice. Take the recorded line${one ? '' : 's'} out of the file and record the rest. ${idsFromTheFirstRun}. If ${one ? 'it is a new event that matches a recorded one' : 'they are new events that match recorded ones'} (two taxi rides of one day), record with --allow-repeats.${uncheckedText(lineCount - repeats.length)}\n`,
  );
  return exitCode;
}

/**
 * Lines whose `eventId` the förbund's other stream holds: a booking line given a participant
 * event's id, or the other way round; then what to do.
 */
export function refuseCrossed(crossed: readonly CrossedLine[], lineCount: number): ExitCode {
  const exitCode = refuseLines(
    crossed.map(({ lineNumber, eventId, participant, stored }) => {
      const where = `${stored.streamId}@${stored.streamRevision}, ${stored.type}`;
      const message = participant
        ? `eventId ${eventId} is a booking's, recorded in the books (${where}): a participant event cannot take it`
        : `eventId ${eventId} is a participant event's, recorded in the register (${where}): a booking cannot take it`;
      return {
        lineNumber,
        error: ledgerError('EVENT_ID_CONFLICT', message, {
          issues: [
            {
              path: 'eventId',
              rule: 'unique-in-forbund',
              message: "an eventId names one event of the förbund's books and participant register",
            },
          ],
        }),
      };
    }),
  );
  const one = crossed.length === 1;
  process.stderr.write(
    `hint: an eventId names one event, in the books or in the participant register. ${one ? 'A line' : 'Lines'} edited from the event recorded under ${one ? 'its id' : 'their ids'} into another kind: put ${one ? 'it' : 'them'} back as ${one ? 'it was' : 'they were'} (what is recorded is never changed) and write the new event as a line of its own, with an eventId of its own. A new line that took a recorded event's id: give it an eventId of its own.${uncheckedText(lineCount - crossed.length)}\n`,
  );
  return exitCode;
}

/** The lines a refusal of repeats leaves unchecked against the books' rules, said. */
const uncheckedText = (count: number): string => {
  if (count === 0) return '';
  return count === 1
    ? " The file's other line is not yet checked, neither against what is recorded under its eventId nor against the rules of the books."
    : ` The file's other ${count} lines are not yet checked, neither against what is recorded under their eventIds nor against the rules of the books.`;
};

/**
 * Lines whose `eventId` is a recorded event's with other content, every one with what differs;
 * then what to do. What was recorded is never changed.
 */
export function refuseChanged(changed: readonly ChangedLine[]): ExitCode {
  const exitCode = refuseLines(
    changed.map(({ lineNumber, eventId, streamId, streamRevision, differences }) => {
      const message = `eventId ${eventId} was recorded (${streamId}@${streamRevision}) with other content: ${differences.join('; ')}`;
      return {
        lineNumber,
        error: ledgerError('EVENT_ID_CONFLICT', message, {
          issues: [
            {
              path: 'eventId',
              rule: 'same-id-same-content',
              message: 'a recorded event id was given for other content',
            },
          ],
        }),
      };
    }),
  );
  const participant = changed.some((line) => line.participant)
    ? ' A participant event cannot be corrected once recorded: put its line back as it was.'
    : '';
  process.stderr.write(
    `hint: what is recorded is never changed. A line edited since it was recorded: put it back as it was, and correct the booking with a new line, HändelseRättad (see docs/concepts.md, "Events").${participant} A new event that took a recorded event's id: give it an eventId of its own.\n`,
  );
  return exitCode;
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
export function rerunHint(events: readonly EventLine[], refusal: LineRefusal): string | undefined {
  const line = events.find((event) => event.lineNumber === refusal.lineNumber);
  if (line === undefined || line.eventId !== undefined) return undefined;
  if (!alreadyHeldCodes.has(refusal.error.code)) return undefined;
  return `hint: line ${refusal.lineNumber} has no eventId, so each run records it as a new event. If this file was recorded before, its events are in the books already: take the recorded lines out and record the rest. ${idsFromTheFirstRun}.`;
}
