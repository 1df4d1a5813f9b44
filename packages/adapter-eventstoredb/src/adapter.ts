import { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStoreDBClientLike } from './EventStoreDBClientLike.js';
import type { EventStore, SubscribableStore } from '@finsam-ledger/core';
import { appendToEventStoreDB } from './appendToEventStoreDB.js';
import { invalidOptionError } from './error.js';
import type { EventStoreDBContext } from './eventStoreDBContext.js';
import { eventStoreDBLimits } from './eventStoreDBLimits.js';
import { EventIdIndex } from './EventIdIndex.js';
import { readAllOfEventStoreDB, readStreamOfEventStoreDB } from './readFromEventStoreDB.js';
import { subscribeToStreamOfEventStoreDB } from './subscribeToEventStoreDB.js';
import { resolveRetryPolicy, type RetryEvent, type RetryPolicy } from './retry.js';
import { createStreamMapping, type StreamMapping } from './streamMapping.js';

export { eventStoreDBLimits } from './eventStoreDBLimits.js';

/** Options of {@link getEventStoreDBEventStore}. Give `connectionString` or `client`. */
export interface EventStoreDBEventStoreOptions {
  /**
   * An EventStoreDB connection string: a single node (`esdb://localhost:2113?tls=false`), a
   * cluster by DNS discovery (`esdb+discover://cluster.example:2113`) or by several gossip
   * seeds (`esdb://node1:2113,node2:2113,node3:2113`). The store owns the client it creates
   * and disposes it on `close()`.
   */
  readonly connectionString?: string;
  /**
   * An existing client instead of a connection string: an `EventStoreDBClient` of
   * `@eventstore/db-client` or a `KurrentDBClient` of `@kurrent/kurrentdb-client` (same
   * gRPC protocol). The caller keeps owning it: `close()` leaves it open.
   */
  readonly client?: EventStoreDBClientLike;
  /**
   * Prefix of the EventStoreDB stream names that hold our streams; default `finsam.`. See
   * streamMapping.ts.
   */
  readonly streamPrefix?: string;
  /** How transient unavailability is retried; see retry.ts. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Deadline of one call to the server (an append, or one page of a read), in milliseconds; default
   * 10 000.
   */
  readonly deadlineMs?: number;
  /** Events per page when reading; default 500. */
  readonly readPageSize?: number;
  /**
   * How many times an append re-checks the stream when another writer got in between its
   * check and its write (only possible with `'any'` or `'stream_exists'`); default 10.
   */
  readonly contentionAttemptsMax?: number;
  /**
   * How many event ids (over all streams) the idempotency index keeps in memory; default 100 000.
   */
  readonly eventIdIndexEventsMax?: number;
  /** Called before each retry: for logs and metrics. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** An {@link EventStore} on EventStoreDB, with the client and the stream mapping it uses. */
export interface EventStoreDBEventStore extends EventStore, SubscribableStore {
  readonly client: EventStoreDBClientLike;
  readonly streamMapping: StreamMapping;
}

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
  const limits = resolveLimits(options);
  const policy = resolveRetryPolicy(options.retry);
  const mapping = createStreamMapping(options.streamPrefix);
  const ownsClient = options.client === undefined;
  const context: EventStoreDBContext = {
    client: options.client ?? connect(options.connectionString),
    mapping,
    index: new EventIdIndex(limits.eventIdIndexEventsMax),
    policy,
    deadlineMs: limits.deadlineMs,
    pageSize: limits.pageSize,
    contentionAttemptsMax: limits.contentionAttemptsMax,
    onRetry: options.onRetry,
    closed: false,
  };
  return {
    client: context.client,
    streamMapping: mapping,
    appendToStream: (streamId, events, appendOptions) => () =>
      appendToEventStoreDB(context, streamId, events, appendOptions),
    readStream: (streamId, readOptions = {}) =>
      readStreamOfEventStoreDB(context, streamId, readOptions),
    readAll: (readOptions = {}) => readAllOfEventStoreDB(context, readOptions),
    subscribeToStream: (streamId, subscribeOptions) =>
      subscribeToStreamOfEventStoreDB(context, streamId, subscribeOptions),
    async close() {
      if (context.closed) return;
      context.closed = true;
      context.index.clear();
      if (ownsClient) await context.client.dispose();
    },
  };
}

/** Checks the numeric options against {@link eventStoreDBLimits} and fills in the defaults. */
function resolveLimits(options: EventStoreDBEventStoreOptions): {
  deadlineMs: number;
  pageSize: number;
  contentionAttemptsMax: number;
  eventIdIndexEventsMax: number;
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
    eventIdIndexEventsMax: wholeNumberOption(
      'eventIdIndexEventsMax',
      options.eventIdIndexEventsMax,
      limits.eventIdIndexEventsMaxDefault,
      limits.eventIdIndexEventsMaxMax,
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
