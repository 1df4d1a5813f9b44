import { START, type ResolvedEvent } from '@eventstore/db-client';
import {
  followLimits,
  type StoredEvent,
  type SubscribeToStreamOptions,
  LedgerError,
} from '@finsam-ledger/core';
import * as E from 'fp-ts/Either';
import { decodeRecordedEvent } from './envelopeCodec.js';
import { fromEventStoreDBError, isRetryableStoreError } from './error.js';
import type { ClientSubscription } from './EventStoreDBClientLike.js';
import { closedError, type EventStoreDBContext } from './eventStoreDBContext.js';
import { readStreamOfEventStoreDB } from './readFromEventStoreDB.js';
import { backoffMs } from './retry.js';

/** gRPC's status for a method the server does not serve. */
const grpcUnimplemented = 12;

/** Where a subscription is: the next revision to deliver, and the failures since the last news. */
interface SubscriptionCursor {
  next: number;
  failures: number;
}

/**
 * `subscribeToStream` of the EventStoreDB store: the client's catch-up subscription
 * (`subscribeToStream`, `Streams.Read` with subscription options) from the revision before
 * `fromRevision`, since the server sends the events after the revision it is given. The server
 * confirms, sends what is stored, says it caught up, and sends each new event as it is
 * appended; the events buffered in the client when the subscription is read are delivered
 * together.
 *
 * A lost connection (`STORE_UNAVAILABLE`) subscribes again after the last revision delivered,
 * with the retry policy's backoff; the count of failures starts again at each confirmation or
 * event, so a long watch survives any number of separate outages, and only `attemptsMax`
 * failures in a row end it. A server that refuses subscriptions (`UNIMPLEMENTED`: an old server
 * or a proxy) is read page by page every `pollIntervalMs` instead. Any other error ends the
 * iteration by throwing it.
 */
export async function* subscribeToStreamOfEventStoreDB(
  context: EventStoreDBContext,
  streamId: string,
  options: SubscribeToStreamOptions,
): AsyncGenerator<readonly StoredEvent[]> {
  if (context.closed) throw closedError();
  const { signal } = options;
  const streamName = context.mapping.toEventStoreDBStreamName(streamId);
  const cursor: SubscriptionCursor = { next: options.fromRevision, failures: 0 };
  let refused = false;
  while (!signal.aborted && !context.closed && !refused) {
    const subscription = context.client.subscribeToStream(streamName, {
      fromRevision: cursor.next === 0 ? START : BigInt(cursor.next - 1),
    });
    try {
      for await (const resolved of batchesOf(subscription, signal, () => (cursor.failures = 0))) {
        const events = decodeNew(context, cursor, resolved);
        if (events.length > 0) yield events;
      }
      // The server ended the call without an error: subscribe again, as after a lost connection.
      if (!signal.aborted && !context.closed)
        await waitToResubscribe(context, cursor, endedError(streamName), signal);
    } catch (thrown) {
      const error = fromEventStoreDBError(thrown, { streamName, fromRevision: cursor.next });
      refused = error.details['grpcStatus'] === grpcUnimplemented;
      if (!refused) await waitToResubscribe(context, cursor, error, signal);
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
  }
  if (refused) yield* pollStream(context, streamId, cursor, options);
  else if (context.closed && !signal.aborted) throw closedError();
}

const endedError = (streamName: string): LedgerError =>
  new LedgerError('STORE_UNAVAILABLE', 'EventStoreDB ended the subscription', {
    details: { streamName },
  });

/** The events of a batch after the cursor, decoded (ours only), moving the cursor past them. */
function decodeNew(
  context: EventStoreDBContext,
  cursor: SubscriptionCursor,
  resolved: readonly ResolvedEvent[],
): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (const { event: recorded } of resolved) {
    const decoded = decodeRecordedEvent(recorded, context.mapping);
    if (E.isLeft(decoded)) throw decoded.left;
    const event = decoded.right;
    if (event === undefined || event.streamRevision < cursor.next) continue;
    events.push(event);
    cursor.next = event.streamRevision + 1;
  }
  cursor.failures = 0;
  return events;
}

/**
 * After a failed subscription: rethrows what is not a lost connection, or what failed
 * `attemptsMax` times in a row; else waits the backoff (or until `signal` aborts).
 */
async function waitToResubscribe(
  context: EventStoreDBContext,
  cursor: SubscriptionCursor,
  error: LedgerError,
  signal: AbortSignal,
): Promise<void> {
  if (!isRetryableStoreError(error) || signal.aborted) {
    if (signal.aborted) return;
    throw error;
  }
  cursor.failures += 1;
  if (cursor.failures >= context.policy.attemptsMax)
    throw new LedgerError(
      error.code,
      `${error.message} (gave up after ${cursor.failures} subscriptions)`,
      {
        issues: error.issues,
        details: { ...error.details, attempts: cursor.failures },
        cause: error,
      },
    );
  const delayMs = backoffMs(context.policy, cursor.failures);
  context.onRetry?.({ operation: 'subscribeToStream', attempt: cursor.failures, error, delayMs });
  await abortableSleep(delayMs, signal);
}

/**
 * The subscription's events in batches: every event buffered in the client when it is read.
 * Ends when the server ends the call or `signal` aborts; throws the subscription's error after
 * the events received before it. `onConfirmed` is told of each confirmation.
 */
async function* batchesOf(
  subscription: ClientSubscription,
  signal: AbortSignal,
  onConfirmed: () => void,
): AsyncGenerator<ResolvedEvent[]> {
  let pending = true;
  let ended = false;
  let failure: { readonly error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    pending = true;
    wake?.();
  };
  const onEnd = (): void => {
    ended = true;
    notify();
  };
  const onError = (error: unknown): void => {
    failure = { error };
    notify();
  };
  subscription.on('readable', notify);
  subscription.on('end', onEnd);
  subscription.on('close', onEnd);
  subscription.on('error', onError);
  subscription.on('confirmation', onConfirmed);
  signal.addEventListener('abort', notify);
  try {
    for (;;) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      pending = false;
      if (signal.aborted) return;
      const batch: ResolvedEvent[] = [];
      for (let event = subscription.read(); event !== null; event = subscription.read())
        batch.push(event);
      if (batch.length > 0) yield batch;
      else if (failure !== undefined) throw failure.error;
      else if (ended) return;
    }
  } finally {
    subscription.off('readable', notify);
    subscription.off('end', onEnd);
    subscription.off('close', onEnd);
    subscription.off('error', onError);
    subscription.off('confirmation', onConfirmed);
    signal.removeEventListener('abort', notify);
  }
}

/**
 * The fallback when the server refuses subscriptions: the stream read page by page after the
 * cursor, then again every `pollIntervalMs`, until `signal` aborts.
 */
async function* pollStream(
  context: EventStoreDBContext,
  streamId: string,
  cursor: SubscriptionCursor,
  options: SubscribeToStreamOptions,
): AsyncGenerator<readonly StoredEvent[]> {
  while (!options.signal.aborted) {
    let batch: StoredEvent[] = [];
    for await (const event of readStreamOfEventStoreDB(context, streamId, {
      fromRevision: cursor.next,
    })) {
      batch.push(event);
      cursor.next = event.streamRevision + 1;
      if (batch.length < followLimits.eventsPerBatchMax) continue;
      yield batch;
      batch = [];
    }
    if (batch.length > 0) yield batch;
    await abortableSleep(options.pollIntervalMs, options.signal);
  }
}

/** Waits `delayMs`, or less when `signal` aborts. */
function abortableSleep(delayMs: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, delayMs);
    signal.addEventListener('abort', done);
  });
}
