import * as E from 'fp-ts/Either';
import { ledgerError, type ErrorCode, type Issue, type LedgerError } from '../error.js';
import {
  findPersonnummerInValue,
  personnummerMessage,
  personnummerRule,
} from '../privacy/findPersonnummerInValue.js';
import {
  envelopeLimits,
  newEventEnvelopeSchema,
  streamIdSchema,
  type NewEvent,
} from './EventEnvelope.js';
import type { AppendResult, ExpectedRevision } from './EventStore.js';
import { canonicalJson, copyPlainJson, type JsonValue } from './json.js';
import { certifiedEventId, isCertifiedData } from './catalogCertificate.js';
import { jsonByteLength } from './jsonByteLength.js';
import { quickCopyKeeping } from './quickCopy.js';
import { passesEnvelopeQuickly } from './quickEnvelopeCheck.js';

/**
 * The shared write rules of every adapter: what a valid append looks like, how the expected
 * revision is checked and what counts as an idempotent retry. Adapters call these so that
 * they all refuse the same things with the same codes.
 */

const zodIssues = (
  prefix: string,
  error: { issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[] },
): Issue[] =>
  error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    rule: (issue as { params?: { rule?: string } }).params?.rule ?? issue.code,
    message: issue.message,
  }));

/**
 * The code of a refusal: a personnummer anywhere is `PERSONNUMMER_REFUSED`, whatever else is
 * wrong, so that every layer refuses it with the same code.
 */
const refusalCode = (issues: readonly Issue[], otherwise: ErrorCode): ErrorCode =>
  issues.some((issue) => issue.rule === personnummerRule) ? 'PERSONNUMMER_REFUSED' : otherwise;

/** Checks a stream id. */
export function validateStreamId(streamId: unknown): E.Either<LedgerError, string> {
  const parsed = streamIdSchema.safeParse(streamId);
  if (parsed.success) return E.right(parsed.data);
  const issues = zodIssues('streamId', parsed.error);
  return E.left(
    ledgerError(
      refusalCode(issues, 'INVALID_STREAM_ID'),
      `Invalid stream id: ${parsed.error.issues[0]?.message ?? 'not a string'}`,
      { issues },
    ),
  );
}

/** Checks an expected revision. */
export function validateExpectedRevision(
  expected: unknown,
): E.Either<LedgerError, ExpectedRevision> {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists')
    return E.right(expected);
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
    return E.right(expected);
  return E.left(
    ledgerError(
      'INVALID_EVENT',
      "expectedRevision must be 'any', 'no_stream', 'stream_exists' or a whole number >= 0",
      {
        issues: [
          {
            path: 'expectedRevision',
            rule: 'expected-revision',
            message: `got ${expected === null ? 'null' : String(expected)}; leave expectedRevision out (or pass 'any') to skip the check`,
          },
        ],
      },
    ),
  );
}

/**
 * Checks the envelopes of a batch: shape, UUID ids, plain-JSON data within the size
 * limit, no id twice in one batch. Business schemas are checked earlier, by the ledger.
 */
export function validateNewEvents(events: unknown): E.Either<LedgerError, readonly NewEvent[]> {
  const checked = checkNewEvents(events);
  return E.isLeft(checked) ? checked : E.right(checked.right.events);
}

/** A batch that passed the envelope rules: the copies, and each copy's data as JSON text. */
interface CheckedEvents {
  readonly events: readonly NewEvent[];
  readonly dataJson: readonly string[];
}

function checkNewEvents(events: unknown): E.Either<LedgerError, CheckedEvents> {
  const refused = batchRefusal(events);
  if (refused !== undefined) return E.left(refused);
  const batch = events as readonly unknown[];
  const seen = new Set<string>();
  const copies: NewEvent[] = [];
  const dataJson: string[] = [];
  let appendBytes = 0;
  for (let index = 0; index < batch.length; index += 1) {
    const prefix = `events[${index}]`;
    const checked = checkEnvelope(batch[index], prefix);
    if (E.isLeft(checked)) return checked;
    const { event, dataJson: json } = checked.right;
    const sized = checkEventSize(event, json, prefix, appendBytes);
    if (E.isLeft(sized)) return sized;
    appendBytes = sized.right;
    if (seen.has(event.eventId)) {
      return E.left(
        ledgerError(
          'INVALID_EVENT',
          `${prefix}.eventId ${event.eventId} appears twice in one append`,
          {
            issues: [
              {
                path: `${prefix}.eventId`,
                rule: 'unique-in-append',
                message: 'the same event id appears twice in one append',
              },
            ],
          },
        ),
      );
    }
    seen.add(event.eventId);
    copies.push(event);
    dataJson.push(json);
  }
  return E.right({ events: copies, dataJson });
}

/** The refusal of a batch that is not an array of 1 to `eventsPerAppendMax` events, if it is. */
function batchRefusal(events: unknown): LedgerError | undefined {
  if (!Array.isArray(events)) {
    return ledgerError('INVALID_EVENT', 'events must be an array', {
      issues: [{ path: 'events', rule: 'array', message: 'events must be an array' }],
    });
  }
  if (events.length === 0) {
    return ledgerError('INVALID_EVENT', 'an append needs at least one event', {
      issues: [
        { path: 'events', rule: 'non-empty', message: 'an append needs at least one event' },
      ],
    });
  }
  if (events.length > envelopeLimits.eventsPerAppendMax) {
    return ledgerError(
      'INVALID_EVENT',
      `an append takes at most ${envelopeLimits.eventsPerAppendMax} events`,
      {
        issues: [
          { path: 'events', rule: 'events-per-append-max', message: `got ${events.length}` },
        ],
      },
    );
  }
  return undefined;
}

/** Checks one event's data size and the append's running size; returns the new running size. */
function checkEventSize(
  event: NewEvent,
  dataJson: string,
  prefix: string,
  appendBytesBefore: number,
): E.Either<LedgerError, number> {
  const bytes = Buffer.byteLength(dataJson, 'utf8');
  if (bytes > envelopeLimits.eventDataBytesMax) {
    return E.left(
      ledgerError(
        'INVALID_EVENT',
        `${prefix}.data is ${bytes} bytes; the limit is ${envelopeLimits.eventDataBytesMax}`,
        {
          issues: [
            { path: `${prefix}.data`, rule: 'event-data-bytes-max', message: `${bytes} bytes` },
          ],
        },
      ),
    );
  }
  // The metadata is the checked copy, plain JSON: its bytes are counted, not written.
  const appendBytes =
    appendBytesBefore + bytes + jsonByteLength(event.metadata as unknown as JsonValue);
  if (appendBytes > envelopeLimits.appendBytesMax) {
    return E.left(
      ledgerError(
        'INVALID_EVENT',
        `the append is over ${envelopeLimits.appendBytesMax} bytes at ${prefix}; split it into several appends`,
        {
          issues: [
            {
              path: prefix,
              rule: 'append-bytes-max',
              message: `over ${envelopeLimits.appendBytesMax} bytes in one append`,
            },
          ],
        },
      ),
    );
  }
  return E.right(appendBytes);
}

/**
 * Copies one event as plain JSON (reading each property once), then checks the copy's
 * envelope, metadata and personnummer rules. The copy is what the adapter stores, so what
 * was checked is what is stored. The rules are checked quickly first (`passesEnvelopeQuickly`);
 * only an event that does not pass them quickly is examined by the schema, which names the
 * field and the rule of a refusal. Data the catalog made (`catalogCertificate.ts`) is frozen
 * plain JSON already: it is kept, not copied, and an id it was made with is not checked again.
 */
function checkEnvelope(
  event: unknown,
  prefix: string,
): E.Either<LedgerError, { event: NewEvent; dataJson: string }> {
  // Data the catalog certified (frozen plain JSON) is kept as it is; the rest is copied.
  const quick = quickCopyKeeping(event, isCertifiedData);
  const copied = quick === undefined ? copyPlainJson(event, prefix) : { value: quick };
  if ('issue' in copied) {
    return E.left(
      ledgerError('INVALID_EVENT', `Invalid event: ${copied.issue.message}`, {
        issues: [copied.issue],
      }),
    );
  }
  const data = (copied.value as { data?: JsonValue } | null)?.data;
  const dataJson = JSON.stringify(data) ?? '';
  if (passesEnvelopeQuickly(copied.value, dataJson, eventIdProven(copied.value, data)))
    return E.right({ event: copied.value, dataJson });
  const parsed = newEventEnvelopeSchema.safeParse(copied.value);
  if (!parsed.success) {
    const issues = zodIssues(prefix, parsed.error);
    return E.left(
      ledgerError(
        refusalCode(issues, 'INVALID_EVENT'),
        `Invalid event at ${issues[0]?.path}: ${issues[0]?.message}`,
        { issues },
      ),
    );
  }
  const copy = copied.value as unknown as NewEvent;
  // The schema's record of data leaves out an own `__proto__` key (zod never copies one), so
  // its personnummer rule never saw what is stored under it; the stored copy is searched whole.
  const hidden = findPersonnummerInValue(copy.data);
  if (hidden !== undefined) {
    const path = [prefix, 'data', ...hidden.path.map(String)]
      .filter((part) => part !== '')
      .join('.');
    const message = personnummerMessage(
      hidden.match,
      hidden.inKey ? 'is a key that looks like' : 'looks like',
    );
    return E.left(
      ledgerError('PERSONNUMMER_REFUSED', `Invalid event at ${path}: ${message}`, {
        issues: [{ path, rule: personnummerRule, message }],
      }),
    );
  }
  return E.right({ event: copy, dataJson });
}

/** True if the catalog made the event with this id and this (certified) data. */
function eventIdProven(copy: JsonValue, data: JsonValue | undefined): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const eventId = certifiedEventId(data);
  return eventId !== undefined && eventId === (copy as { eventId?: JsonValue }).eventId;
}

/**
 * Validates stream id, batch and expected revision together. The events are copies (see
 * `copyPlainJson`): the adapter stores them, and nothing the caller does to its own objects later
 * changes them. `dataJson` holds each copy's data as `JSON.stringify` writes it (measured for the
 * size limits), for an adapter that stores JSON text, so that it need not write it again.
 */
export function validateAppend(
  streamId: unknown,
  events: unknown,
  expectedRevision: unknown = 'any',
): E.Either<
  LedgerError,
  {
    streamId: string;
    events: readonly NewEvent[];
    expectedRevision: ExpectedRevision;
    dataJson: readonly string[];
  }
> {
  const stream = validateStreamId(streamId);
  if (E.isLeft(stream)) return stream;
  const expected = validateExpectedRevision(expectedRevision);
  if (E.isLeft(expected)) return expected;
  const batch = checkNewEvents(events);
  if (E.isLeft(batch)) return batch;
  return E.right({
    streamId: stream.right,
    events: batch.right.events,
    expectedRevision: expected.right,
    dataJson: batch.right.dataJson,
  });
}

/**
 * Checks the expected revision against the stream's current one
 * (`undefined` when the stream does not exist).
 */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: number | undefined,
): E.Either<LedgerError, void> {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'number' && current === expected);
  if (ok) return E.right(undefined);
  return E.left(
    ledgerError(
      'CONCURRENCY_CONFLICT',
      `Stream ${streamId} is at ${current === undefined ? 'no_stream' : `revision ${current}`}, but the append expected ${String(expected)}`,
      {
        details: { streamId, expectedRevision: expected, actualRevision: current ?? 'no_stream' },
      },
    ),
  );
}

/**
 * What identifies an event's content for idempotency: type, schema version and data (not metadata).
 */
export const eventFingerprint = (
  event: Pick<NewEvent, 'type' | 'schemaVersion' | 'data'>,
): string =>
  canonicalJson({ type: event.type, schemaVersion: event.schemaVersion, data: event.data });

/**
 * Decides whether a batch is new, an idempotent retry, or a conflict.
 *
 * @param storedFingerprint - the fingerprint of the event with that id already in the
 *   stream, or `undefined` if the id is not stored there.
 */
export function classifyBatch(
  streamId: string,
  events: readonly NewEvent[],
  storedFingerprint: (eventId: string) => string | undefined,
): E.Either<LedgerError, 'new' | 'already-stored'> {
  let storedCount = 0;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index]!;
    const stored = storedFingerprint(event.eventId);
    if (stored === undefined) continue;
    if (stored !== eventFingerprint(event)) {
      return E.left(
        ledgerError(
          'EVENT_ID_CONFLICT',
          `Event id ${event.eventId} is already stored in ${streamId} with different content`,
          {
            issues: [
              {
                path: `events[${index}].eventId`,
                rule: 'same-id-same-content',
                message: 'a stored event id was reused for different content',
              },
            ],
            details: { streamId, eventId: event.eventId },
          },
        ),
      );
    }
    storedCount += 1;
  }
  if (storedCount === 0) return E.right('new');
  if (storedCount === events.length) return E.right('already-stored');
  return E.left(
    ledgerError(
      'EVENT_ID_CONFLICT',
      `${storedCount} of the ${events.length} events are already stored in ${streamId}; retry the whole original batch or only new events`,
      {
        details: { streamId, storedCount, batchCount: events.length },
      },
    ),
  );
}

/** What an adapter must do with a valid batch: nothing (an idempotent retry), or write it. */
export type AppendDecision =
  | { readonly action: 'already-stored'; readonly result: AppendResult }
  | {
      readonly action: 'write';
      /** The revision the batch's first event gets. */ readonly firstRevision: number;
    };

/**
 * The one decision every adapter makes before it writes, in the order the contract
 * needs: a retried batch (same ids, same content) is a no-op whatever the expected
 * revision; a reused id or a mixed batch is `EVENT_ID_CONFLICT`; otherwise the expected
 * revision must match the stream's current one (`undefined` when the stream does not exist).
 */
export function decideAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  currentRevision: number | undefined,
  storedFingerprint: (eventId: string) => string | undefined,
): E.Either<LedgerError, AppendDecision> {
  const classified = classifyBatch(streamId, events, storedFingerprint);
  if (E.isLeft(classified)) return classified;
  if (classified.right === 'already-stored') {
    if (currentRevision === undefined) {
      return E.left(
        ledgerError(
          'ASSERTION_FAILED',
          `Invariant broken: an already-stored batch implies that ${streamId} exists`,
        ),
      );
    }
    return E.right({
      action: 'already-stored',
      result: { nextExpectedRevision: currentRevision, alreadyStored: true },
    });
  }
  const revisionCheck = checkExpectedRevision(streamId, expectedRevision, currentRevision);
  if (E.isLeft(revisionCheck)) return revisionCheck;
  return E.right({ action: 'write', firstRevision: (currentRevision ?? -1) + 1 });
}
