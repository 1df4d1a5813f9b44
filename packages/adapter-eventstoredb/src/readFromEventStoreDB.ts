import { FORWARDS, START, type AllStreamResolvedEvent } from '@eventstore/db-client';
import {
  isLedgerError,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
} from '@finsam-ledger/core';
import {
  assert,
  validateReadAllOptions,
  validateReadStreamOptions,
} from '@finsam-ledger/core/store';
import * as E from 'fp-ts/Either';
import { decodeRecordedEvent } from './envelopeCodec.js';
import { isRetryableStoreError } from './error.js';
import { closedError, type EventStoreDBContext } from './eventStoreDBContext.js';
import { eventStoreDBLimits } from './eventStoreDBLimits.js';
import { fromGlobalPosition } from './globalPosition.js';
import { readPage, readStreamPage, type Page } from './readPage.js';
import { withRetry } from './retry.js';

type AllPosition = { commit: bigint; prepare: bigint } | typeof START;

/**
 * Where a read of `$all` is: the next page's start, the last prepare position met, the last global
 * position yielded.
 */
interface AllCursor {
  start: AllPosition;
  lastPrepare: bigint;
  lastGlobalPosition: number;
}

/**
 * `readStream` of the EventStoreDB store: pages from a revision, each retried while the server is
 * unavailable.
 */
export async function* readStreamOfEventStoreDB(
  context: EventStoreDBContext,
  streamId: string,
  options: ReadStreamOptions,
): AsyncGenerator<StoredEvent> {
  if (context.closed) throw closedError();
  // A bad option is the caller's mistake: VALIDATION_FAILED naming it, as in every adapter.
  validateReadStreamOptions(options);
  const streamName = context.mapping.toEventStoreDBStreamName(streamId);
  let next = options.fromRevision ?? 0;
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  for (let pages = 0; pages < eventStoreDBLimits.readPagesMax && remaining > 0; pages += 1) {
    const count = Math.min(context.pageSize, remaining);
    const from = next;
    // A page that fails for unavailability is read again from the same revision: nothing
    // is yielded twice and nothing is skipped.
    const page = await withRetry(
      'readStream',
      context.policy,
      isRetryableStoreError,
      () => readStreamPage(context, streamName, from, count),
      context.onRetry,
    );
    if (page.notFound) return;
    for (const resolved of page.events) {
      const decoded = decodeRecordedEvent(resolved.event, context.mapping);
      if (E.isLeft(decoded)) throw decoded.left;
      const event = decoded.right;
      assert(
        event !== undefined && event.streamRevision === next,
        'a stream read returns our events in revision order without gaps',
        { streamName, next },
      );
      next += 1;
      remaining -= 1;
      if (context.closed) throw closedError();
      yield event;
    }
    if (page.events.length < count) return;
  }
}

/**
 * `readAll` of the EventStoreDB store: `$all` holds everyone's events, so pages are
 * full-size whatever is left to read; the client in this version sends no server-side
 * filter on reads, so events outside our prefix are skipped here.
 */
export async function* readAllOfEventStoreDB(
  context: EventStoreDBContext,
  options: ReadAllOptions,
): AsyncGenerator<StoredEvent> {
  if (context.closed) throw closedError();
  validateReadAllOptions(options);
  const fromPosition = Math.max(0, options.fromPosition ?? 0);
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  // The last position yielded or skipped comes back first in the next page, since a read
  // from a position includes it: `lastPrepare` drops it.
  const cursor: AllCursor = {
    start: fromPosition === 0 ? START : fromGlobalPosition(fromPosition),
    lastPrepare: BigInt(fromPosition) - 1n,
    lastGlobalPosition: -1,
  };
  for (let pages = 0; pages < eventStoreDBLimits.readPagesMax && remaining > 0; pages += 1) {
    const page = await readAllPageFrom(context, cursor.start, pages === 0 ? fromPosition : 0);
    for (const resolved of page.events) {
      const event = advance(context, cursor, resolved);
      if (event === undefined) continue;
      remaining -= 1;
      if (context.closed) throw closedError();
      yield event;
      if (remaining <= 0) return;
    }
    if (page.events.length < context.pageSize) return;
  }
}

/**
 * One page of `$all` from a position. Only a record boundary is a valid `$all` position on
 * the server. A caller resuming with `lastPosition + 1` (the core's convention) names the
 * byte after a record; `lastPosition` itself is then the boundary, and the cursor drops
 * that event. `resumePosition` is the caller's `fromPosition` on the first page, else 0.
 */
async function readAllPageFrom(
  context: EventStoreDBContext,
  from: AllPosition,
  resumePosition: number,
): Promise<Page<AllStreamResolvedEvent>> {
  try {
    return await readAllPage(context, from);
  } catch (thrown) {
    const retryAtPrevious =
      from !== START && resumePosition > 0 && isLedgerError(thrown, 'IO_ERROR');
    if (!retryAtPrevious) throw thrown;
    return readAllPage(context, fromGlobalPosition(resumePosition - 1));
  }
}

/** One page of `$all`, retried while the server is unavailable. */
const readAllPage = (
  context: EventStoreDBContext,
  position: AllPosition,
): Promise<Page<AllStreamResolvedEvent>> =>
  withRetry(
    'readAll',
    context.policy,
    isRetryableStoreError,
    () =>
      readPage(
        context,
        () =>
          context.client.readAll({
            fromPosition: position,
            maxCount: context.pageSize,
            direction: FORWARDS,
          }),
        { stream: '$all', position: position === START ? 'start' : position.prepare.toString() },
      ),
    context.onRetry,
  );

/** Moves the cursor past one resolved event; returns it decoded when it is one of ours and new. */
function advance(
  context: EventStoreDBContext,
  cursor: AllCursor,
  resolved: AllStreamResolvedEvent,
): StoredEvent | undefined {
  const recorded = resolved.event;
  if (recorded === undefined || recorded.position === undefined) return undefined;
  if (recorded.position.prepare <= cursor.lastPrepare) return undefined;
  cursor.lastPrepare = recorded.position.prepare;
  cursor.start = { commit: recorded.position.commit, prepare: recorded.position.prepare };
  const decoded = decodeRecordedEvent(recorded, context.mapping);
  if (E.isLeft(decoded)) throw decoded.left;
  const event = decoded.right;
  if (event === undefined) return undefined;
  assert(
    event.globalPosition > cursor.lastGlobalPosition,
    'global positions strictly increase in $all order',
    { previous: cursor.lastGlobalPosition, next: event.globalPosition },
  );
  cursor.lastGlobalPosition = event.globalPosition;
  return event;
}
