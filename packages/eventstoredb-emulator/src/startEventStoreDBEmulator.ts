import * as grpc from '@grpc/grpc-js';
import { CountSignal } from './CountSignal.js';
import { createAppendHandler } from './appendHandler.js';
import { createGossipHandler, createSupportedMethodsHandler } from './discoveryHandlers.js';
import { appendLimits, type EmulatorContext } from './emulatorContext.js';
import {
  FaultQueue,
  faultQueueLimits,
  type EmulatorFault,
  type EmulatorMethod,
} from './emulatorFaults.js';
import { EmulatorStore, type EmulatorRecord } from './emulatorStore.js';
import { loadGeneratedProtocol } from './generatedProtocol.js';
import { delayMsMax, failStream } from './grpcStatus.js';
import { createReadHandler } from './readHandler.js';

export type { EmulatorFault, EmulatorMethod } from './emulatorFaults.js';

/** Options of {@link startEventStoreDBEmulator}. */
export interface EventStoreDBEmulatorOptions {
  /** Faults active from the start. */
  readonly faults?: readonly EmulatorFault[];
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /**
   * The largest append the server accepts, in bytes of data and metadata; EventStoreDB's default is
   * 1 MiB.
   */
  readonly appendBytesMax?: number;
  /**
   * `strict`: a read of `$all` from a position that is not the start of a record (nor the
   * end of the log) fails with `INVALID_ARGUMENT`, as a real server may do for a position
   * inside a record. `lenient` (the default): it reads from the next record.
   */
  readonly allPositionCheck?: 'strict' | 'lenient';
  /**
   * Write a few system events and another application's stream first, as on a real server (default
   * true).
   */
  readonly seedSystemEvents?: boolean;
  /**
   * `served` (the default): `Streams.Read` with subscription options is a catch-up subscription
   * to a stream. `refused`: it fails with `UNIMPLEMENTED`, as a server or proxy without
   * subscriptions would answer.
   */
  readonly subscriptions?: 'served' | 'refused';
}

/** A running emulator. */
export interface EventStoreDBEmulator {
  /** `esdb://127.0.0.1:<port>?tls=false`. */
  readonly connectionString: string;
  /** The port it listens on (127.0.0.1 only). */
  readonly port: number;
  /** Adds a fault for the next matching calls. */
  injectFault(fault: EmulatorFault): void;
  /** Removes every pending fault. */
  clearFaults(): void;
  /** How many calls of each method the emulator received (including failed ones). */
  callCount(method: EmulatorMethod): number;
  /** The records of one EventStoreDB stream (by its EventStoreDB name), for assertions. */
  recordsOf(streamName: string): readonly EmulatorRecord[];
  /** Every record, in `$all` order. */
  allRecords(): readonly EmulatorRecord[];
  /**
   * Resolves once the emulator has settled `count` append calls in all (stored, refused,
   * or dropped because the client went away): a test waits on this, not on a clock, to
   * know a fault has played out.
   */
  whenAppendsSettled(count: number): Promise<void>;
  /** Resolves once append calls have received `count` proposed events in all, stored or not. */
  whenProposalsReceived(count: number): Promise<void>;
  /** Resolves once `count` subscriptions in all have been confirmed to their clients. */
  whenSubscriptionsConfirmed(count: number): Promise<void>;
  /**
   * Resolves once `count` confirmed subscriptions in all have ended (cancelled by the client,
   * dropped, or failed).
   */
  whenSubscriptionsEnded(count: number): Promise<void>;
  /** How many subscriptions are open now. */
  openSubscriptionCount(): number;
  /**
   * Fails every open subscription with `UNAVAILABLE`, as a lost connection does; the server
   * goes on serving (a client may subscribe again).
   */
  dropSubscriptions(): void;
  /** Stops listening and drops every open call: later connections are refused. */
  stop(): Promise<void>;
}

/** Limits of the emulator's protocol handling. */
export const emulatorLimits = {
  appendBytesMaxDefault: 1_048_576,
  /** A delay fault waits at most this long, so that a forgotten fault cannot hang a test run. */
  delayMsMax,
  faultsPendingMax: faultQueueLimits.faultsPendingMax,
  /** A single append carries at most this many events (the adapter's own limit is 10 000). */
  eventsPerAppendMax: appendLimits.eventsPerAppendMax,
} as const;

/**
 * Starts a loopback gRPC server on 127.0.0.1 that speaks the part of EventStoreDB's protocol
 * the official Node.js client uses for appending and reading: `Streams.Append`,
 * `Streams.Read` (a stream and `$all`, both directions, from a revision or position, with a
 * count; and a catch-up subscription to a stream), `ServerFeatures.GetSupportedMethods` and
 * `Gossip.Read` (one leader node, so that `esdb+discover://` and multi-host connection strings
 * work). Everything is in memory.
 *
 * ```ts
 * const emulator = await startEventStoreDBEmulator({
 *   faults: [{ kind: 'unavailable', method: 'append' }],
 * });
 * ```
 */
export async function startEventStoreDBEmulator(
  options: EventStoreDBEmulatorOptions = {},
): Promise<EventStoreDBEmulator> {
  const context: EmulatorContext = {
    protocol: loadGeneratedProtocol(),
    store: seededStore(options.seedSystemEvents ?? true),
    faults: new FaultQueue(),
    pendingCalls: new Set(),
    appendBytesMax: options.appendBytesMax ?? emulatorLimits.appendBytesMaxDefault,
    allPositionCheck: options.allPositionCheck ?? 'lenient',
    port: 0,
    settledAppends: new CountSignal(),
    receivedProposals: new CountSignal(),
    subscriptions: new Set(),
    confirmedSubscriptions: new CountSignal(),
    endedSubscriptions: new CountSignal(),
    subscriptionsServed: (options.subscriptions ?? 'served') === 'served',
  };
  for (const fault of options.faults ?? []) context.faults.add(fault);
  const server = createServer(context);
  context.port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `127.0.0.1:${options.port ?? 0}`,
      grpc.ServerCredentials.createInsecure(),
      (error, boundPort) => (error ? reject(error) : resolve(boundPort)),
    );
  });

  let stopped = false;
  return {
    connectionString: `esdb://127.0.0.1:${context.port}?tls=false`,
    port: context.port,
    injectFault: (fault) => context.faults.add(fault),
    clearFaults: () => context.faults.clear(),
    callCount: (method) => context.faults.callCount(method),
    recordsOf: (streamName) => context.store.stream(streamName) ?? [],
    allRecords: () => context.store.log,
    whenAppendsSettled: (count) => context.settledAppends.whenCounted(count),
    whenProposalsReceived: (count) => context.receivedProposals.whenCounted(count),
    whenSubscriptionsConfirmed: (count) => context.confirmedSubscriptions.whenCounted(count),
    whenSubscriptionsEnded: (count) => context.endedSubscriptions.whenCounted(count),
    openSubscriptionCount: () => context.subscriptions.size,
    dropSubscriptions: () => {
      for (const subscription of [...context.subscriptions]) subscription.drop();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const pending of context.pendingCalls) pending.cancel();
      context.pendingCalls.clear();
      for (const subscription of [...context.subscriptions]) subscription.drop();
      // Force: open reads and held appends end now, and new connections are refused.
      server.forceShutdown();
    },
  };
}

/**
 * A store that, like a real server, already holds system events and another application's stream.
 */
function seededStore(seedSystemEvents: boolean): EmulatorStore {
  const store = new EmulatorStore();
  if (seedSystemEvents) {
    store.seed('$settings', '$settings', { $userStreamAcl: { $r: '$all' } });
    store.seed('$users', '$User', { loginName: 'admin' });
    store.seed('other-application-1', 'SomethingElseHappened', { unrelated: true });
  }
  return store;
}

/** The gRPC server with the four services the client uses; the rest answer `UNIMPLEMENTED`. */
function createServer(context: EmulatorContext): grpc.Server {
  const { protocol } = context;
  const unimplemented = (
    _call: unknown,
    callback: (error: Partial<grpc.StatusObject>) => void,
  ): void => callback({ code: grpc.status.UNIMPLEMENTED, details: 'not served by the emulator' });
  const server = new grpc.Server();
  server.addService(protocol.streamsGrpc.StreamsService, {
    append: createAppendHandler(context),
    read: createReadHandler(context),
    delete: unimplemented,
    tombstone: unimplemented,
    batchAppend: (call: grpc.ServerDuplexStream<unknown, unknown>) =>
      failStream(call, { code: grpc.status.UNIMPLEMENTED, details: 'not served by the emulator' }),
  });
  server.addService(protocol.serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: createSupportedMethodsHandler(context),
  });
  server.addService(protocol.gossipGrpc.GossipService, { read: createGossipHandler(context) });
  return server;
}
