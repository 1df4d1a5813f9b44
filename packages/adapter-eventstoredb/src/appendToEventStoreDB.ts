import { NO_STREAM, type AppendExpectedRevision } from '@eventstore/db-client';
import {
  ledgerError,
  type AppendOptions,
  type AppendResult,
  type ExpectedRevision,
  type LedgerError,
  type NewEvent,
} from '@finsam-ledger/core';
import { assert, decideAppend, eventFingerprint, validateAppend } from '@finsam-ledger/core/store';
import * as E from 'fp-ts/Either';
import { decodeRecordedEvent, toEventStoreDBEvent } from './envelopeCodec.js';
import { fromEventStoreDBError, isRetryableStoreError } from './error.js';
import { closedError, type EventStoreDBContext } from './eventStoreDBContext.js';
import { eventStoreDBLimits } from './eventStoreDBLimits.js';
import { EventIdIndex } from './EventIdIndex.js';
import { readStreamPage } from './readPage.js';
import { withRetry } from './retry.js';

/**
 * `appendToStream` of the EventStoreDB store: validated by the core's shared rules, then
 * attempted (check, conditional write) and retried while the server is unavailable. See
 * `getEventStoreDBEventStore` for why the check and the write are one atomic step.
 */
export async function appendToEventStoreDB(
  context: EventStoreDBContext,
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions | undefined,
): Promise<E.Either<LedgerError, AppendResult>> {
  if (context.closed) return E.left(closedError());
  const valid = validateAppend(streamId, events, options?.expectedRevision);
  if (E.isLeft(valid)) return valid;
  const write: WriteOutcome = { unresolved: false };
  try {
    return await withRetry(
      'append',
      context.policy,
      isRetryableStoreError,
      () =>
        appendAttempt(
          context,
          valid.right.streamId,
          valid.right.events,
          valid.right.expectedRevision,
          write,
        ),
      context.onRetry,
    );
  } catch (thrown) {
    const error = fromEventStoreDBError(thrown, { streamId });
    return E.left(
      write.unresolved ? outcomeUnknownError(streamId, valid.right.events, error) : error,
    );
  }
}

/**
 * Whether a write request left and failed without an answer that says what happened
 * (a lost connection, a deadline), with no later read of the stream to settle it.
 */
interface WriteOutcome {
  unresolved: boolean;
}

/** Failures of a write that are the server's answer: nothing was stored. */
const refusalCodes: ReadonlySet<string> = new Set([
  'CONCURRENCY_CONFLICT',
  'ACCESS_DENIED',
  'INVALID_EVENT',
]);

/**
 * The error for an append that may or may not be stored. Its events carry their ids, so
 * appending the same batch again is safe: stored once, acknowledged as already stored.
 * Booking it again with new ids may book it twice.
 */
function outcomeUnknownError(
  streamId: string,
  events: readonly NewEvent[],
  failure: LedgerError,
): LedgerError {
  return ledgerError(
    'APPEND_OUTCOME_UNKNOWN',
    `The append to stream ${streamId} was sent, but EventStoreDB did not answer (${failure.message}): it may or may not be stored. Append the same batch again, with the same event ids, once EventStoreDB is back: if it was stored, the store answers alreadyStored; never book it again with new ids`,
    {
      cause: failure,
      details: {
        ...failure.details,
        streamId,
        failureCode: failure.code,
        eventIds: events.map((event) => event.eventId),
      },
    },
  );
}

/**
 * Brings the index of `streamName` up to the stream's end. Reads only what the index does
 * not know yet: the whole stream the first time, then only new events. Returns the
 * current revision (`undefined`: no stream) and the fingerprint hashes of the batch's ids
 * met on the way (which covers streams the index does not hold).
 */
async function catchUp(
  context: EventStoreDBContext,
  streamName: string,
  batchIds: ReadonlySet<string>,
): Promise<{ current: number | undefined; seen: Map<string, string> }> {
  const { index, mapping, pageSize } = context;
  const seen = new Map<string, string>();
  let known = index.knownThroughRevision(streamName);
  for (let pages = 0; pages < eventStoreDBLimits.readPagesMax; pages += 1) {
    const page = await readStreamPage(
      context,
      streamName,
      known === undefined ? 0 : known + 1,
      pageSize,
    );
    if (page.notFound) return { current: known, seen };
    for (const resolved of page.events) {
      const decoded = decodeRecordedEvent(resolved.event, mapping);
      if (E.isLeft(decoded)) throw decoded.left;
      const event = decoded.right;
      assert(event !== undefined, 'an event of one of our streams decodes as ours', { streamName });
      assert(event.streamRevision === (known ?? -1) + 1, 'stream revisions are contiguous', {
        streamName,
        revision: event.streamRevision,
        known,
      });
      const hash = EventIdIndex.hash(eventFingerprint(event));
      // Concurrent appends on one store catch up at once: another may have indexed this page
      // while ours was on the wire, so only the next revision of the index is recorded.
      const indexedThrough = index.knownThroughRevision(streamName);
      if (event.streamRevision === (indexedThrough ?? -1) + 1) {
        index.record(streamName, event.eventId, hash, event.streamRevision);
      }
      if (batchIds.has(event.eventId)) seen.set(event.eventId, hash);
      known = event.streamRevision;
    }
    if (page.events.length < pageSize) return { current: known, seen };
  }
  assert(false, 'a stream is read within readPagesMax pages', { streamName });
}

/**
 * One attempt of an append: check, then a conditional write, again while other writers get in
 * between.
 */
async function appendAttempt(
  context: EventStoreDBContext,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  write: WriteOutcome,
): Promise<E.Either<LedgerError, AppendResult>> {
  const streamName = context.mapping.toEventStoreDBStreamName(streamId);
  const batchIds = new Set(events.map((event) => event.eventId));
  const fingerprintById = new Map(events.map((event) => [event.eventId, eventFingerprint(event)]));
  for (let round = 1; round <= context.contentionAttemptsMax; round += 1) {
    const { current, seen } = await catchUp(context, streamName, batchIds);
    // The stream has been read since any earlier write: its outcome is known now.
    write.unresolved = false;
    // classifyBatch compares fingerprints; the index keeps hashes, so a stored hash equal
    // to the batch event's hash stands for the batch event's own fingerprint.
    const decision = decideAppend(streamId, events, expectedRevision, current, (eventId) => {
      const storedHash = seen.get(eventId) ?? context.index.lookup(streamName, eventId);
      if (storedHash === undefined) return undefined;
      const fingerprint = fingerprintById.get(eventId)!;
      return EventIdIndex.hash(fingerprint) === storedHash ? fingerprint : `stored:${storedHash}`;
    });
    if (E.isLeft(decision)) return decision;
    if (decision.right.action === 'already-stored') return E.right(decision.right.result);
    const written = await writeConditionally(context, streamId, streamName, events, current, write);
    if (written !== 'contended') return E.right(written);
  }
  return E.left(
    ledgerError(
      'CONCURRENCY_CONFLICT',
      `Stream ${streamId} kept changing under ${context.contentionAttemptsMax} append attempts`,
      {
        details: {
          streamId,
          expectedRevision,
          contentionAttemptsMax: context.contentionAttemptsMax,
        },
      },
    ),
  );
}

/**
 * Appends with the exact observed revision as EventStoreDB's expected revision; `contended`
 * when another writer got in between the check and the write (the caller checks again, and
 * refuses with CONCURRENCY_CONFLICT if the caller's expectation no longer holds).
 */
async function writeConditionally(
  context: EventStoreDBContext,
  streamId: string,
  streamName: string,
  events: readonly NewEvent[],
  current: number | undefined,
  write: WriteOutcome,
): Promise<AppendResult | 'contended'> {
  const expected: AppendExpectedRevision = current === undefined ? NO_STREAM : BigInt(current);
  // `expectedRevision` is @eventstore/db-client's name, `streamState` that of its successor
  // @kurrent/kurrentdb-client; each ignores the other's, and the successor defaults to
  // "any", which would drop the check. The option type accepts either client's call (its
  // methods compare bivariantly), so a spec runs the race with both.
  const options = {
    expectedRevision: expected,
    streamState: expected,
    deadline: context.deadlineMs,
  };
  let nextRevision: bigint;
  try {
    const result = await context.client.appendToStream(
      streamName,
      events.map(toEventStoreDBEvent),
      options,
    );
    nextRevision = result.nextExpectedRevision;
  } catch (thrown) {
    const error = fromEventStoreDBError(thrown, { streamId, streamName });
    if (error.code === 'CONCURRENCY_CONFLICT') return 'contended';
    if (!refusalCodes.has(error.code)) write.unresolved = true;
    throw error;
  }
  const next = Number(nextRevision);
  assert(
    next === (current ?? -1) + events.length,
    'a conditional append of new events moves the stream by the batch size',
    { next, current, count: events.length },
  );
  context.index.recordAppended(streamName, current, events);
  return { nextExpectedRevision: next, alreadyStored: false };
}
