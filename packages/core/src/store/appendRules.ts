import * as E from 'fp-ts/Either';
import { ledgerError, type LedgerError } from '../error.js';
import { streamIdSchema, type NewEvent } from './EventEnvelope.js';
import type { AppendResult, ExpectedRevision } from './EventStore.js';
import { canonicalJson } from './json.js';
import { checkNewEvents, refusalCode, zodIssues } from './checkNewEvents.js';

/**
 * The shared write rules of every adapter: what a valid append looks like, how the expected
 * revision is checked and what counts as an idempotent retry. Adapters call these so that
 * they all refuse the same things with the same codes.
 */

/**
 * The last stream id {@link validateStreamId} accepted, as its result. A writer appends batch
 * after batch to one stream, and the schema's verdict depends on the text alone: an id equal to
 * this one is accepted without asking it again. The schema's parse cost some 15-27 µs a call in a
 * process whose other zod schemas had run (the ledger's event schemas), 7 ms over 400 appends.
 */
let lastAcceptedStreamId: E.Right<string> | undefined;

/** Checks a stream id. */
export function validateStreamId(streamId: unknown): E.Either<LedgerError, string> {
  // Only a string can equal the accepted id, and a string's verdict is its text's.
  if (lastAcceptedStreamId !== undefined && streamId === lastAcceptedStreamId.right)
    return lastAcceptedStreamId;
  const parsed = streamIdSchema.safeParse(streamId);
  if (parsed.success) {
    lastAcceptedStreamId = { _tag: 'Right', right: parsed.data };
    return lastAcceptedStreamId;
  }
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
