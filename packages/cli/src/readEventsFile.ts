import * as E from 'fp-ts/Either';
import { ledgerError, type EventMetadata, type LedgerError } from '@finsam-ledger/core';
import { jsonLinesPlaces, type LinePlaces } from './linePlaces.js';
import { readTextFile } from './readTextFile.js';

/** One event of an events file, with the line it came from. */
export interface EventLine {
  readonly lineNumber: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** Whether the line gives `metadata.recordedAt`; else it is the moment of this run. */
  readonly recordedAtGiven: boolean;
  readonly eventId?: string;
}

/** A refusal that belongs to a line of the events file. */
export interface LineRefusal {
  readonly lineNumber: number;
  readonly error: LedgerError;
}

const allowedKeys = new Set(['type', 'data', 'metadata', 'eventId']);

const shapeError = (path: string, rule: string, message: string): LedgerError =>
  ledgerError('INVALID_EVENT', message, { issues: [{ path, rule, message }] });

type Issue = LedgerError['issues'][number];

/** Every rule of a line's envelope that `record` breaks, in the order of the line's keys. */
function envelopeIssues(record: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const broken = (path: string, rule: string, message: string) =>
    issues.push({ path, rule, message });
  for (const key of Object.keys(record))
    if (!allowedKeys.has(key))
      broken(
        key,
        'known-keys',
        `unknown key "${key}"; a line has type, data, metadata and optionally eventId`,
      );
  if (typeof record['type'] !== 'string')
    broken('type', 'required', 'type must be the event type, a string');
  if (!('data' in record)) broken('data', 'required', 'data is required');
  if (typeof record['metadata'] !== 'object' || record['metadata'] === null)
    broken(
      'metadata',
      'required',
      'metadata must be an object with recordedBy (and recordedAt, for an event recorded elsewhere)',
    );
  if (record['eventId'] !== undefined && typeof record['eventId'] !== 'string')
    broken('eventId', 'string', 'eventId must be a UUID string');
  return issues;
}

/**
 * Checks one line's envelope: an object with a string `type`, `data`, an object
 * `metadata` and optionally a string `eventId`, nothing else; a line that breaks several of these
 * rules is refused naming each. The data and metadata themselves are checked by the ledger's
 * schemas when the event is recorded. A line whose metadata leaves out `recordedAt` is recorded
 * now, by this run: `recordedAt` is when the writer recorded the event, and a line that does not
 * say otherwise is recorded as the file is.
 */
function parseLine(
  text: string,
  recordedAt: string,
): E.Either<LedgerError, Omit<EventLine, 'lineNumber'>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (thrown) {
    return E.left(shapeError('', 'json', `not JSON: ${(thrown as Error).message}`));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return E.left(shapeError('', 'object', 'each line must be one JSON object'));
  const record = value as Record<string, unknown>;
  const issues = envelopeIssues(record);
  if (issues.length > 0)
    return E.left(
      ledgerError('INVALID_EVENT', issues.map((issue) => issue.message).join('; '), { issues }),
    );
  const metadata = record['metadata'] as Partial<EventMetadata>;
  return E.right({
    type: record['type'] as string,
    data: record['data'],
    metadata: (metadata.recordedAt === undefined
      ? { recordedAt, ...metadata }
      : metadata) as EventMetadata,
    recordedAtGiven: metadata.recordedAt !== undefined,
    ...(record['eventId'] === undefined ? {} : { eventId: record['eventId'] as string }),
  });
}

/** An events file read: its well-formed lines' events, and a refusal for every other line. */
export interface EventsFile {
  readonly events: readonly EventLine[];
  /** Every line that is not a well-formed event envelope, in the file's order. */
  readonly refusals: readonly LineRefusal[];
  /** How the file's lines and fields are named: `line 3`, or a spreadsheet's `rad 3`. */
  readonly places: LinePlaces;
}

/**
 * Reads an events file: JSON Lines, one event per line; blank lines are skipped. Returns every
 * well-formed event and a refusal for each line that is not one, so that a caller names them all
 * at once. `recordedAt` (an ISO-8601 UTC instant, the moment of this recording) goes to every
 * line that does not give its own.
 */
export async function readEventsFile(
  path: string,
  recordedAt: string,
): Promise<E.Either<LedgerError, EventsFile>> {
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (thrown) {
    const error = thrown as NodeJS.ErrnoException;
    return E.left(
      ledgerError('IO_ERROR', `Cannot read the events file ${path}: ${error.message}`, {
        cause: error,
        details: { path, errno: error.code },
      }),
    );
  }
  const events: EventLine[] = [];
  const refusals: LineRefusal[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line, recordedAt);
    if (E.isLeft(parsed)) refusals.push({ lineNumber: index + 1, error: parsed.left });
    else events.push({ lineNumber: index + 1, ...parsed.right });
  }
  if (events.length === 0 && refusals.length === 0)
    return E.left(ledgerError('INVALID_EVENT', `${path} holds no events`, { details: { path } }));
  return E.right({ events, refusals, places: jsonLinesPlaces });
}
