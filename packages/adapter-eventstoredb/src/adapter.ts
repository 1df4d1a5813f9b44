import {
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import {
  assert,
  decideAppend,
  eventFingerprint,
  isLedgerError,
  ledgerError,
  validateAppend,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type LedgerError,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
} from '@finsam-ledger/core';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { decodeRecordedEvent, toEventStoreDBEvent } from './envelopeCodec.js';
import { fromEventStoreDBError, invalidOptionError, isRetryableStoreError } from './error.js';
import { EventIdIndex, eventIdIndexLimits } from './EventIdIndex.js';
import { fromGlobalPosition } from './globalPosition.js';
import { resolveRetryPolicy, withRetry, type RetryEvent, type RetryPolicy } from './retry.js';
import { createStreamMapping, type StreamMapping } from './streamMapping.js';

/** Options of {@link getEventStoreDBEventStore}. Give `connectionString` or `client`. */
export interface EventStoreDBEventStoreOptions {
  /**
   * An EventStoreDB connection string: a single node (`esdb://localhost:2113?tls=false`), a
   * cluster by DNS discovery (`esdb+discover://cluster.example:2113`) or by several gossip
   * seeds (`esdb://node1:2113,node2:2113,node3:2113`). The store owns the client it creates
   * and disposes it on `close()`.
   */
  readonly connectionString?: string;
  /** An existing client instead of a connection string. The caller keeps owning it: `close()` leaves it open. */
  readonly client?: EventStoreDBClient;
  /** Prefix of the EventStoreDB stream names that hold our streams; default `finsam.`. See streamMapping.ts. */
  readonly streamPrefix?: string;
  /** How transient unavailability is retried; see retry.ts. */
  readonly retry?: Partial<RetryPolicy>;
  /** Deadline of one call to the server (an append, or one page of a read), in milliseconds; default 10 000. */
  readonly deadlineMs?: number;
  /** Events per page when reading; default 500. */
  readonly readPageSize?: number;
  /**
   * How many times an append re-checks the stream when another writer got in between its
   * check and its write (only possible with `'any'` or `'stream_exists'`); default 10.
   */
  readonly contentionAttemptsMax?: number;
  /** How many event ids (over all streams) the idempotency index keeps in memory; default 100 000. */
  readonly eventIdIndexEventsMax?: number;
  /** Called before each retry: for logs and metrics. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** An {@link EventStore} on EventStoreDB, with the client and the stream mapping it uses. */
export interface EventStoreDBEventStore extends EventStore {
  readonly client: EventStoreDBClient;
  readonly streamMapping: StreamMapping;
}

/** Limits of the adapter's options. */
export const eventStoreDBLimits = {
  deadlineMsDefault: 10_000,
  deadlineMsMax: 600_000,
  readPageSizeDefault: 500,
  readPageSizeMax: 4_096,
  contentionAttemptsDefault: 10,
  contentionAttemptsMax: 100,
  /** A read stops (with an assertion) after this many pages: 2^31 pages of events is past any real ledger. */
  readPagesMax: 2 ** 31,
} as const;

/**
 * Creates an {@link EventStore} on EventStoreDB, through the official `@eventstore/db-client`.
 * It does no I/O: the client connects on the first call. A malformed option throws a
 * `LedgerError` with code `VALIDATION_FAILED` whose `issues` name the option.
 *
 * ```ts
 * const store = getEventStoreDBEventStore({ connectionString: 'esdb://localhost:2113?tls=false' });
 * ```
 *
 * How an append stays idempotent and atomic: it reads the stream's events after what its
 * in-memory index already knows, decides with the core's `decideAppend`
 * (already stored, new, or a conflict), checks the caller's expected revision against the
 * revision it observed, and then appends with that **exact observed revision** as
 * EventStoreDB's expected revision. So the check and the write are one atomic step on the
 * server: if anyone wrote in between, the server refuses, and the adapter checks again.
 * A failed attempt (server unavailable) is retried the same way, from the check, so a batch
 * whose first attempt was stored but whose answer was lost is found stored and not written
 * twice.
 *
 * One limit of the protocol: when two writers race to append the same batch, the loser's
 * conditional write may land exactly where the winner wrote the same ids, which EventStoreDB
 * acknowledges as an idempotent success indistinguishable from a write; both then report
 * `alreadyStored: false`. There is still exactly one copy. Docs: docs/adapter-eventstoredb.md.
 */
export function getEventStoreDBEventStore(
  options: EventStoreDBEventStoreOptions,
): EventStoreDBEventStore {
  const { deadlineMs, pageSize, contentionAttemptsMax } = resolveLimits(options);
  const policy = resolveRetryPolicy(options.retry);
  const mapping = createStreamMapping(options.streamPrefix);
  const ownsClient = options.client === undefined;
  const client = options.client ?? connect(options.connectionString);
  const index = new EventIdIndex(
    options.eventIdIndexEventsMax ?? eventIdIndexLimits.eventsMaxDefault,
  );
  let closed = false;

  const closedError = (): LedgerError =>
    ledgerError('STORE_CLOSED', 'The EventStoreDB store is closed');

  /**
   * Reads one page: at most `maxCount` events, within the deadline. The client gives reads
   * no deadline of their own, so the adapter cancels a page that takes longer than
   * `deadlineMs`. `notFound` is true when the stream does not exist.
   */
  async function readPage<T extends ResolvedEvent | AllStreamResolvedEvent>(
    open: () => AsyncIterable<T> & { cancel(): Promise<void> },
    context: Record<string, unknown>,
  ): Promise<{ events: T[]; notFound: boolean }> {
    const events: T[] = [];
    let timer: NodeJS.Timeout | undefined;
    let stream: (AsyncIterable<T> & { cancel(): Promise<void> }) | undefined;
    const deadlineError = ledgerError(
      'DEADLINE_EXCEEDED',
      `EventStoreDB: a read page took longer than ${deadlineMs} ms`,
      { details: { ...context, deadlineMs } },
    );
    const collecting = (async () => {
      stream = open();
      for await (const resolved of stream) events.push(resolved);
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(deadlineError), deadlineMs);
    });
    try {
      await Promise.race([collecting, deadline]);
      return { events, notFound: false };
    } catch (thrown) {
      if (thrown === deadlineError) {
        collecting.catch(() => undefined);
        await stream?.cancel().catch(() => undefined);
        throw deadlineError;
      }
      const error = fromEventStoreDBError(thrown, context);
      if (error.code === 'STREAM_NOT_FOUND') return { events: [], notFound: true };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** One page of a stream, from a revision. */
  const readStreamPage = (streamName: string, fromRevision: number, maxCount: number) =>
    readPage(
      () =>
        client.readStream(streamName, {
          fromRevision: BigInt(fromRevision),
          maxCount,
          direction: FORWARDS,
        }),
      { streamName, fromRevision },
    );

  /**
   * Brings the index of `streamName` up to the stream's end. Reads only what the index does
   * not know yet: the whole stream the first time, then only new events. Returns the
   * current revision (`undefined`: no stream) and the fingerprint hashes of the batch's ids
   * met on the way (which covers streams the index does not hold).
   */
  async function catchUp(
    streamName: string,
    batchIds: ReadonlySet<string>,
  ): Promise<{ current: number | undefined; seen: Map<string, string> }> {
    const seen = new Map<string, string>();
    let known = index.knownThroughRevision(streamName);
    for (let pages = 0; pages < eventStoreDBLimits.readPagesMax; pages += 1) {
      const from = known === undefined ? 0 : known + 1;
      const page = await readStreamPage(streamName, from, pageSize);
      if (page.notFound) return { current: known, seen };
      for (const resolved of page.events) {
        const decoded = decodeRecordedEvent(resolved.event, mapping);
        if (E.isLeft(decoded)) throw decoded.left;
        const event = decoded.right;
        assert(event !== undefined, 'an event of one of our streams decodes as ours', {
          streamName,
        });
        assert(event.streamRevision === (known ?? -1) + 1, 'stream revisions are contiguous', {
          streamName,
          revision: event.streamRevision,
          known,
        });
        const hash = EventIdIndex.hash(eventFingerprint(event));
        index.record(streamName, event.eventId, hash, event.streamRevision);
        if (batchIds.has(event.eventId)) seen.set(event.eventId, hash);
        known = event.streamRevision;
      }
      if (page.events.length < pageSize) return { current: known, seen };
    }
    assert(false, 'a stream is read within readPagesMax pages', { streamName });
  }

  /** One attempt of an append: check, then a conditional write; see the function's TSDoc. */
  async function appendAttempt(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<E.Either<LedgerError, AppendResult>> {
    const streamName = mapping.toEventStoreDBStreamName(streamId);
    const batchIds = new Set(events.map((event) => event.eventId));
    const fingerprintById = new Map(
      events.map((event) => [event.eventId, eventFingerprint(event)]),
    );
    for (let round = 1; round <= contentionAttemptsMax; round += 1) {
      const { current, seen } = await catchUp(streamName, batchIds);
      // classifyBatch compares fingerprints; the index keeps hashes, so a stored hash equal
      // to the batch event's hash stands for the batch event's own fingerprint.
      const decision = decideAppend(streamId, events, expectedRevision, current, (eventId) => {
        const storedHash = seen.get(eventId) ?? index.lookup(streamName, eventId);
        if (storedHash === undefined) return undefined;
        const fingerprint = fingerprintById.get(eventId)!;
        return EventIdIndex.hash(fingerprint) === storedHash ? fingerprint : `stored:${storedHash}`;
      });
      if (E.isLeft(decision)) return decision;
      if (decision.right.action === 'already-stored') return E.right(decision.right.result);
      try {
        const result = await client.appendToStream(streamName, events.map(toEventStoreDBEvent), {
          expectedRevision: current === undefined ? NO_STREAM : BigInt(current),
          deadline: deadlineMs,
        });
        const next = Number(result.nextExpectedRevision);
        assert(
          next === (current ?? -1) + events.length,
          'a conditional append of new events moves the stream by the batch size',
          { next, current, count: events.length },
        );
        index.recordAppended(streamName, current, events);
        return E.right({ nextExpectedRevision: next, alreadyStored: false });
      } catch (thrown) {
        const error = fromEventStoreDBError(thrown, { streamId, streamName });
        // Another writer got in between the check and the write: check again (the next
        // round refuses with CONCURRENCY_CONFLICT if the caller's expectation no longer holds).
        if (error.code === 'CONCURRENCY_CONFLICT') continue;
        throw error;
      }
    }
    return E.left(
      ledgerError(
        'CONCURRENCY_CONFLICT',
        `Stream ${streamId} kept changing under ${contentionAttemptsMax} append attempts`,
        {
          details: { streamId, expectedRevision, contentionAttemptsMax },
        },
      ),
    );
  }

  function appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    appendOptions?: AppendOptions,
  ): TaskEither<LedgerError, AppendResult> {
    return async () => {
      if (closed) return E.left(closedError());
      const valid = validateAppend(streamId, events, appendOptions?.expectedRevision ?? 'any');
      if (E.isLeft(valid)) return valid;
      try {
        return await withRetry(
          'append',
          policy,
          isRetryableStoreError,
          () =>
            appendAttempt(valid.right.streamId, valid.right.events, valid.right.expectedRevision),
          options.onRetry,
        );
      } catch (thrown) {
        return E.left(fromEventStoreDBError(thrown, { streamId }));
      }
    };
  }

  async function* readStream(
    streamId: string,
    readOptions: ReadStreamOptions = {},
  ): AsyncGenerator<StoredEvent> {
    if (closed) throw closedError();
    const streamName = mapping.toEventStoreDBStreamName(streamId);
    let next = readOptions.fromRevision ?? 0;
    let remaining = readOptions.maxCount ?? Number.POSITIVE_INFINITY;
    assert(Number.isSafeInteger(next) && next >= 0, 'fromRevision is a whole number >= 0', {
      fromRevision: next,
    });
    assert(
      remaining === Number.POSITIVE_INFINITY || (Number.isSafeInteger(remaining) && remaining >= 0),
      'maxCount is a whole number >= 0',
      { maxCount: remaining },
    );
    for (let pages = 0; pages < eventStoreDBLimits.readPagesMax && remaining > 0; pages += 1) {
      const count = Math.min(pageSize, remaining);
      const from = next;
      // A page that fails for unavailability is read again from the same revision: nothing
      // is yielded twice and nothing is skipped.
      const page = await withRetry(
        'readStream',
        policy,
        isRetryableStoreError,
        () => readStreamPage(streamName, from, count),
        options.onRetry,
      );
      if (page.notFound) return;
      for (const resolved of page.events) {
        const decoded = decodeRecordedEvent(resolved.event, mapping);
        if (E.isLeft(decoded)) throw decoded.left;
        const event = decoded.right;
        assert(
          event !== undefined && event.streamRevision === next,
          'a stream read returns our events in revision order without gaps',
          { streamName, next },
        );
        next += 1;
        remaining -= 1;
        if (closed) throw closedError();
        yield event;
      }
      if (page.events.length < count) return;
    }
  }

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    if (closed) throw closedError();
    const fromPosition = Math.max(0, readOptions.fromPosition ?? 0);
    let remaining = readOptions.maxCount ?? Number.POSITIVE_INFINITY;
    assert(
      remaining === Number.POSITIVE_INFINITY || (Number.isSafeInteger(remaining) && remaining >= 0),
      'maxCount is a whole number >= 0',
      { maxCount: remaining },
    );
    // Where the next page starts, and the last position yielded or skipped (that event comes
    // back first in the next page, since a read from a position includes it).
    let start: { commit: bigint; prepare: bigint } | typeof START =
      fromPosition === 0 ? START : fromGlobalPosition(fromPosition);
    let lastPrepare = BigInt(fromPosition) - 1n;
    let lastGlobalPosition = -1;
    for (let pages = 0; pages < eventStoreDBLimits.readPagesMax && remaining > 0; pages += 1) {
      const from = start;
      // $all holds everyone's events, so pages are full-size whatever `remaining` is; the
      // client in this version sends no server-side filter on reads, so we filter here.
      const readAllPage = (position: typeof from) =>
        withRetry(
          'readAll',
          policy,
          isRetryableStoreError,
          () =>
            readPage(
              () =>
                client.readAll({ fromPosition: position, maxCount: pageSize, direction: FORWARDS }),
              {
                stream: '$all',
                position: position === START ? 'start' : position.prepare.toString(),
              },
            ),
          options.onRetry,
        );
      let page: Awaited<ReturnType<typeof readAllPage>>;
      try {
        page = await readAllPage(from);
      } catch (thrown) {
        // Only a record boundary is a valid $all position on the server. A caller resuming
        // with `lastPosition + 1` (the core's convention) names the byte after a record;
        // `lastPosition` itself is then the boundary, and the skip above drops that event.
        const retryAtPrevious =
          pages === 0 && from !== START && fromPosition > 0 && isLedgerError(thrown, 'IO_ERROR');
        if (!retryAtPrevious) throw thrown;
        page = await readAllPage(fromGlobalPosition(fromPosition - 1));
      }
      for (const resolved of page.events) {
        const recorded = resolved.event;
        if (recorded === undefined || recorded.position === undefined) continue;
        if (recorded.position.prepare <= lastPrepare) continue;
        lastPrepare = recorded.position.prepare;
        start = { commit: recorded.position.commit, prepare: recorded.position.prepare };
        const decoded = decodeRecordedEvent(recorded, mapping);
        if (E.isLeft(decoded)) throw decoded.left;
        const event = decoded.right;
        if (event === undefined) continue;
        assert(
          event.globalPosition > lastGlobalPosition,
          'global positions strictly increase in $all order',
          { previous: lastGlobalPosition, next: event.globalPosition },
        );
        lastGlobalPosition = event.globalPosition;
        remaining -= 1;
        if (closed) throw closedError();
        yield event;
        if (remaining <= 0) return;
      }
      if (page.events.length < pageSize) return;
    }
  }

  return {
    client,
    streamMapping: mapping,
    appendToStream,
    readStream,
    readAll,
    async close() {
      if (closed) return;
      closed = true;
      index.clear();
      if (ownsClient) await client.dispose();
    },
  };
}

/** Checks the numeric options against {@link eventStoreDBLimits} and fills in the defaults. */
function resolveLimits(options: EventStoreDBEventStoreOptions): {
  deadlineMs: number;
  pageSize: number;
  contentionAttemptsMax: number;
} {
  if ((options.connectionString === undefined) === (options.client === undefined))
    throw invalidOptionError(
      'connectionString',
      'connection-string-or-client',
      'give exactly one of connectionString and client',
    );
  const limits = eventStoreDBLimits;
  return {
    deadlineMs: wholeNumberOption(
      'deadlineMs',
      options.deadlineMs,
      limits.deadlineMsDefault,
      limits.deadlineMsMax,
    ),
    pageSize: wholeNumberOption(
      'readPageSize',
      options.readPageSize,
      limits.readPageSizeDefault,
      limits.readPageSizeMax,
    ),
    contentionAttemptsMax: wholeNumberOption(
      'contentionAttemptsMax',
      options.contentionAttemptsMax,
      limits.contentionAttemptsDefault,
      limits.contentionAttemptsMax,
    ),
  };
}

/** A whole-number option from 1 to `max`, or its default when it is not given. */
function wholeNumberOption(
  path: string,
  value: number | undefined,
  defaultValue: number,
  max: number,
): number {
  if (value === undefined) return defaultValue;
  if (!Number.isSafeInteger(value) || value < 1 || value > max)
    throw invalidOptionError(
      path,
      'whole-number-in-range',
      `must be a whole number from 1 to ${max}`,
    );
  return value;
}

/** A client for a connection string; a malformed string is a caller's mistake, reported as such. */
function connect(connectionString: string | undefined): EventStoreDBClient {
  try {
    return EventStoreDBClient.connectionString(connectionString ?? '');
  } catch (thrown) {
    throw invalidOptionError(
      'connectionString',
      'esdb-connection-string',
      thrown instanceof Error ? thrown.message : String(thrown),
      thrown,
    );
  }
}
