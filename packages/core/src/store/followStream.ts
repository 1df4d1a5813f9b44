import { assert } from '../error.js';
import type { StoredEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';
import { storeWatchOf } from './CheckpointStorage.js';

/** Options of a live read of a stream (see {@link SubscribableStore}). */
export interface SubscribeToStreamOptions {
  /** The first revision to deliver. */
  readonly fromRevision: number;
  /** Ends the subscription: the iteration then finishes. */
  readonly signal: AbortSignal;
  /**
   * How often a store that cannot be told of new events (or whose server refuses subscriptions)
   * reads the stream again instead, in milliseconds.
   */
  readonly pollIntervalMs: number;
}

/**
 * A store that delivers a stream's events as they are stored, through a subscription of its own
 * (EventStoreDB's catch-up subscription).
 */
export interface SubscribableStore {
  /**
   * The events of `streamId` from `fromRevision` on, in revision order and each once: those
   * already stored, then every new one as it is stored, until `signal` aborts. Each item holds
   * the events that arrived together (at least one). A lost connection is the store's to
   * recover from (it subscribes again after the last revision delivered); an error it cannot
   * recover from ends the iteration by throwing.
   */
  subscribeToStream(
    streamId: string,
    options: SubscribeToStreamOptions,
  ): AsyncIterable<readonly StoredEvent[]>;
}

/** Limits of {@link followStream}. */
export const followLimits = {
  /** Default of `pollIntervalMs`. */
  pollIntervalMsDefault: 1_000,
  /** A store read again (tailing) yields at most this many events at a time. */
  eventsPerBatchMax: 1_000,
} as const;

/** The store's own subscription, when it has one (the EventStoreDB store does). */
export const storeSubscriptionOf = (
  store: EventStore,
): SubscribableStore['subscribeToStream'] | undefined => {
  const subscribe = (store as Partial<SubscribableStore>).subscribeToStream;
  return subscribe === undefined ? undefined : subscribe.bind(store);
};

/**
 * Follows a stream: its events from `fromRevision` on, those stored and then each new one, in
 * revision order and each exactly once, until `signal` aborts. Through the store's own
 * subscription when it has one ({@link SubscribableStore}: EventStoreDB); else by tailing: the
 * stream is read after the last revision delivered whenever the store says it may have changed
 * (the file store watches its file, the in-memory store tells of its appends) and every
 * `pollIntervalMs` besides. Either way, a revision already delivered is dropped and a gap is a
 * broken invariant of the store (`ASSERTION_FAILED`), never a silent loss.
 *
 * ```ts
 * for await (const events of followStream(store, streamId, { fromRevision: 0, signal }))
 *   for (const event of events) fold.apply(event);
 * ```
 */
export async function* followStream(
  store: EventStore,
  streamId: string,
  options: { readonly fromRevision: number; readonly signal: AbortSignal } & Partial<
    Pick<SubscribeToStreamOptions, 'pollIntervalMs'>
  >,
): AsyncGenerator<readonly StoredEvent[]> {
  const resolved: SubscribeToStreamOptions = {
    fromRevision: options.fromRevision,
    signal: options.signal,
    pollIntervalMs: options.pollIntervalMs ?? followLimits.pollIntervalMsDefault,
  };
  const subscribe = storeSubscriptionOf(store);
  const batches =
    subscribe === undefined ? tailStream(store, streamId, resolved) : subscribe(streamId, resolved);
  let next = options.fromRevision;
  for await (const batch of batches) {
    const fresh: StoredEvent[] = [];
    for (const event of batch) {
      if (event.streamRevision < next) continue;
      assert(event.streamRevision === next, 'a followed stream delivers every revision in order', {
        streamId,
        expected: next,
        delivered: event.streamRevision,
      });
      fresh.push(event);
      next += 1;
    }
    if (fresh.length > 0) yield fresh;
    if (options.signal.aborted) return;
  }
}

/**
 * Tails a stream: reads after the last revision read, at the start and then whenever the store's
 * watch or the poll timer says it may have changed. The watch is set before the first read, so
 * that an append between a read and the wait that follows it is never missed.
 */
async function* tailStream(
  store: EventStore,
  streamId: string,
  options: SubscribeToStreamOptions,
): AsyncGenerator<readonly StoredEvent[]> {
  const { signal } = options;
  let next = options.fromRevision;
  let pending = true;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    pending = true;
    wake?.();
  };
  const stopWatching = storeWatchOf(store)?.(notify);
  const timer = setInterval(notify, options.pollIntervalMs);
  signal.addEventListener('abort', notify);
  try {
    while (!signal.aborted) {
      if (!pending) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      pending = false;
      if (signal.aborted) return;
      let batch: StoredEvent[] = [];
      for await (const stored of store.readStream(streamId, { fromRevision: next })) {
        batch.push(stored);
        next = stored.streamRevision + 1;
        if (batch.length < followLimits.eventsPerBatchMax) continue;
        yield batch;
        batch = [];
      }
      if (batch.length > 0) yield batch;
    }
  } finally {
    stopWatching?.();
    clearInterval(timer);
    signal.removeEventListener('abort', notify);
  }
}
