import * as grpc from '@grpc/grpc-js';
import { loadGeneratedProtocol } from './generatedProtocol.js';
import {
  EmulatorStore,
  type EmulatorRecord,
  type ProposedRecord,
  type WireExpectedRevision,
} from './emulatorStore.js';

/** The calls the emulator serves, for faults and counters. */
export type EmulatorMethod = 'append' | 'read' | 'serverFeatures' | 'gossip';

/**
 * A fault the emulator injects into the next matching calls.
 *
 * - `unavailable`: answer `UNAVAILABLE` without doing anything.
 * - `accessDenied`: answer `PERMISSION_DENIED` with EventStoreDB's `access-denied` exception.
 * - `delay`: wait `delayMs` before handling the call (past a client's deadline, typically).
 * - `dropMidRead`: a read sends `afterEvents` events, then fails with `UNAVAILABLE`.
 * - `storeThenFail`: an append is stored, then answered with `UNAVAILABLE`
 *   (`respond: 'unavailable'`) or never answered (`respond: 'never'`, the client's deadline fires).
 *
 * `times` (default 1) says for how many matching calls the fault holds.
 */
export type EmulatorFault =
  | { readonly kind: 'unavailable'; readonly method: EmulatorMethod; readonly times?: number }
  | { readonly kind: 'accessDenied'; readonly method: 'append' | 'read'; readonly times?: number }
  | {
      readonly kind: 'delay';
      readonly method: 'append' | 'read';
      readonly delayMs: number;
      readonly times?: number;
    }
  | { readonly kind: 'dropMidRead'; readonly afterEvents: number; readonly times?: number }
  | {
      readonly kind: 'storeThenFail';
      readonly respond: 'unavailable' | 'never';
      readonly times?: number;
    };

/** Options of {@link startEventStoreDBEmulator}. */
export interface EventStoreDBEmulatorOptions {
  /** Faults active from the start. */
  readonly faults?: readonly EmulatorFault[];
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** The largest append the server accepts, in bytes of data and metadata; EventStoreDB's default is 1 MiB. */
  readonly appendBytesMax?: number;
  /**
   * `strict`: a read of `$all` from a position that is not the start of a record (nor the
   * end of the log) fails with `INVALID_ARGUMENT`, as a real server may do for a position
   * inside a record. `lenient` (the default): it reads from the next record.
   */
  readonly allPositionCheck?: 'strict' | 'lenient';
  /** Write a few system events and another application's stream first, as on a real server (default true). */
  readonly seedSystemEvents?: boolean;
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
  /** Stops listening and drops every open call: later connections are refused. */
  stop(): Promise<void>;
}

/** Limits of the emulator's protocol handling. */
export const emulatorLimits = {
  appendBytesMaxDefault: 1_048_576,
  /** A delay fault waits at most this long, so that a forgotten fault cannot hang a test run. */
  delayMsMax: 30_000,
  faultsPendingMax: 1_000,
  /** A single append carries at most this many events (the adapter's own limit is 10 000). */
  eventsPerAppendMax: 20_000,
} as const;

const serverVersion = '24.10.0-finsam-emulator';

/**
 * Starts a loopback gRPC server on 127.0.0.1 that speaks the part of EventStoreDB's protocol
 * the official Node.js client uses for appending and reading: `Streams.Append`,
 * `Streams.Read` (a stream and `$all`, both directions, from a revision or position, with a
 * count), `ServerFeatures.GetSupportedMethods` and `Gossip.Read` (one leader node, so that
 * `esdb+discover://` and multi-host connection strings work). Everything is in memory.
 */
export async function startEventStoreDBEmulator(
  options: EventStoreDBEmulatorOptions = {},
): Promise<EventStoreDBEmulator> {
  const protocol = loadGeneratedProtocol();
  const { streams: pb, shared } = protocol;
  const store = new EmulatorStore();
  const appendBytesMax = options.appendBytesMax ?? emulatorLimits.appendBytesMaxDefault;
  if (options.seedSystemEvents ?? true) {
    // A fresh server already holds system events; a shared server holds other applications' streams.
    store.seed('$settings', '$settings', { $userStreamAcl: { $r: '$all' } });
    store.seed('$users', '$User', { loginName: 'admin' });
    store.seed('other-application-1', 'SomethingElseHappened', { unrelated: true });
  }

  const faults: { fault: EmulatorFault; remaining: number }[] = [];
  const calls = new Map<EmulatorMethod, number>();
  const pendingCalls = new Set<{ cancel(): void }>();
  for (const fault of options.faults ?? []) addFault(fault);

  function addFault(fault: EmulatorFault): void {
    if (faults.length >= emulatorLimits.faultsPendingMax)
      throw new Error(`At most ${emulatorLimits.faultsPendingMax} pending faults`);
    const times = fault.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1)
      throw new Error('fault.times must be a whole number >= 1');
    faults.push({ fault, remaining: times });
  }

  /** Takes the first pending fault that applies to this call, if any. */
  function takeFault(method: EmulatorMethod): EmulatorFault | undefined {
    const index = faults.findIndex(({ fault }) => {
      if (fault.kind === 'dropMidRead') return method === 'read';
      if (fault.kind === 'storeThenFail') return method === 'append';
      return fault.method === method;
    });
    if (index < 0) return undefined;
    const entry = faults[index]!;
    entry.remaining -= 1;
    if (entry.remaining === 0) faults.splice(index, 1);
    return entry.fault;
  }

  function count(method: EmulatorMethod): void {
    calls.set(method, (calls.get(method) ?? 0) + 1);
  }

  const unavailable = (): Partial<grpc.StatusObject> => ({
    code: grpc.status.UNAVAILABLE,
    details: 'emulator: injected unavailability',
  });
  const accessDenied = (): Partial<grpc.StatusObject> => {
    const metadata = new grpc.Metadata();
    metadata.set('exception', 'access-denied');
    return { code: grpc.status.PERMISSION_DENIED, details: 'Access denied', metadata };
  };

  // Unreferenced: a delayed call must not keep a finished test process alive.
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, Math.min(ms, emulatorLimits.delayMsMax)).unref());

  const streamNameOf = (identifier: { getStreamName_asU8(): Uint8Array } | undefined): string =>
    identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

  const uuidString = (uuid: InstanceType<typeof shared.UUID> | undefined): string => {
    if (uuid === undefined) return '';
    if (uuid.hasString()) return uuid.getString();
    const structured = uuid.getStructured();
    if (structured === undefined) return '';
    const bytes = Buffer.alloc(16);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
    bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  // ---- Streams.Append: client streaming; the options first, then the proposed messages.
  const append: grpc.handleClientStreamingCall<
    InstanceType<typeof pb.AppendReq>,
    InstanceType<typeof pb.AppendResp>
  > = (call, callback) => {
    count('append');
    const fault = takeFault('append');
    let streamName: string | undefined;
    let expected: WireExpectedRevision = { kind: 'any' };
    const proposed: ProposedRecord[] = [];
    let bytes = 0;
    let failed = false;
    const fail = (status: Partial<grpc.StatusObject>): void => {
      if (failed) return;
      failed = true;
      callback(status, null);
    };
    call.on('data', (request: InstanceType<typeof pb.AppendReq>) => {
      if (failed) return;
      if (request.hasOptions()) {
        const appendOptions = request.getOptions()!;
        streamName = streamNameOf(appendOptions.getStreamIdentifier());
        expected = appendOptions.hasRevision()
          ? { kind: 'revision', revision: BigInt(appendOptions.getRevision()) }
          : appendOptions.hasNoStream()
            ? { kind: 'no_stream' }
            : appendOptions.hasStreamExists()
              ? { kind: 'stream_exists' }
              : { kind: 'any' };
        return;
      }
      const message = request.getProposedMessage();
      if (message === undefined) return;
      if (proposed.length >= emulatorLimits.eventsPerAppendMax) {
        fail({
          code: grpc.status.INVALID_ARGUMENT,
          details: `at most ${emulatorLimits.eventsPerAppendMax} events per append`,
        });
        return;
      }
      const metadataMap = message.getMetadataMap();
      const record: ProposedRecord = {
        eventId: uuidString(message.getId()),
        type: metadataMap.get('type') ?? '',
        contentType: metadataMap.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      };
      bytes += record.data.length + record.customMetadata.length;
      proposed.push(record);
    });
    call.on('error', () => {
      failed = true;
    });
    call.on('end', () => {
      void (async () => {
        if (failed) return;
        if (fault?.kind === 'unavailable') return fail(unavailable());
        if (fault?.kind === 'accessDenied') return fail(accessDenied());
        if (fault?.kind === 'delay') await sleep(fault.delayMs);
        if (call.cancelled) return;
        if (streamName === undefined || streamName === '')
          return fail({ code: grpc.status.INVALID_ARGUMENT, details: 'append without options' });
        if (bytes > appendBytesMax) {
          const metadata = new grpc.Metadata();
          metadata.set('exception', 'maximum-append-size-exceeded');
          metadata.set('maximum-append-size', String(appendBytesMax));
          return fail({
            code: grpc.status.INVALID_ARGUMENT,
            details: `Maximum Append Size of ${appendBytesMax} Exceeded.`,
            metadata,
          });
        }
        const outcome = store.append(streamName, expected, proposed);
        if (fault?.kind === 'storeThenFail') {
          if (fault.respond === 'unavailable') return fail(unavailable());
          // Never answer: the client's deadline fires, as when a response is lost on the way.
          pendingCalls.add({ cancel: () => fail(unavailable()) });
          return;
        }
        const response = new pb.AppendResp();
        if (outcome.kind === 'wrong_expected_version') {
          const wrong = new pb.AppendResp.WrongExpectedVersion();
          if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new shared.Empty());
          else wrong.setCurrentRevision(String(outcome.currentRevision));
          if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
          else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
          else if (expected.kind === 'stream_exists')
            wrong.setExpectedStreamExists(new shared.Empty());
          else wrong.setExpectedAny(new shared.Empty());
          response.setWrongExpectedVersion(wrong);
        } else {
          const success = new pb.AppendResp.Success();
          if (outcome.currentRevision < 0) success.setNoStream(new shared.Empty());
          else success.setCurrentRevision(String(outcome.currentRevision));
          const position = new pb.AppendResp.Position();
          position.setCommitPosition(outcome.commitPosition.toString());
          position.setPreparePosition(outcome.preparePosition.toString());
          success.setPosition(position);
          response.setSuccess(success);
        }
        failed = true;
        callback(null, response);
      })();
    });
  };

  // ---- Streams.Read: server streaming, for one stream or for $all.
  const toReadResponse = (record: EmulatorRecord): InstanceType<typeof pb.ReadResp> => {
    const recorded = new pb.ReadResp.ReadEvent.RecordedEvent();
    const id = new shared.UUID();
    id.setString(record.eventId);
    recorded.setId(id);
    const identifier = new shared.StreamIdentifier();
    identifier.setStreamName(Buffer.from(record.streamName, 'utf8'));
    recorded.setStreamIdentifier(identifier);
    recorded.setStreamRevision(String(record.revision));
    recorded.setCommitPosition(record.commitPosition.toString());
    recorded.setPreparePosition(record.preparePosition.toString());
    recorded.getMetadataMap().set('type', record.type);
    recorded.getMetadataMap().set('content-type', record.contentType);
    recorded.getMetadataMap().set('created', record.createdTicks);
    recorded.setCustomMetadata(record.customMetadata);
    recorded.setData(record.data);
    const event = new pb.ReadResp.ReadEvent();
    event.setEvent(recorded);
    event.setCommitPosition(record.commitPosition.toString());
    const response = new pb.ReadResp();
    response.setEvent(event);
    return response;
  };

  const read: grpc.handleServerStreamingCall<
    InstanceType<typeof pb.ReadReq>,
    InstanceType<typeof pb.ReadResp>
  > = (call) => {
    count('read');
    const fault = takeFault('read');
    void (async () => {
      if (fault?.kind === 'unavailable') return failStream(call, unavailable());
      if (fault?.kind === 'accessDenied') return failStream(call, accessDenied());
      if (fault?.kind === 'delay') await sleep(fault.delayMs);
      if (call.cancelled) return;
      const readOptions = call.request.getOptions();
      if (readOptions === undefined)
        return failStream(call, {
          code: grpc.status.INVALID_ARGUMENT,
          details: 'read without options',
        });
      if (readOptions.hasSubscription())
        return failStream(call, {
          code: grpc.status.UNIMPLEMENTED,
          details: 'the emulator does not serve subscriptions',
        });
      const forwards = readOptions.getReadDirection() === pb.ReadReq.Options.ReadDirection.FORWARDS;
      const countMax = BigInt(readOptions.getCount() || '0');
      let selected: readonly EmulatorRecord[];
      if (readOptions.hasStream()) {
        const streamOptions = readOptions.getStream()!;
        const streamName = streamNameOf(streamOptions.getStreamIdentifier());
        const records = store.stream(streamName);
        if (records === undefined) {
          // As the server does: one StreamNotFound message, then a normal end of the call.
          const notFound = new pb.ReadResp.StreamNotFound();
          notFound.setStreamIdentifier(streamOptions.getStreamIdentifier());
          const response = new pb.ReadResp();
          response.setStreamNotFound(notFound);
          call.write(response);
          call.end();
          return;
        }
        const from = streamOptions.hasRevision()
          ? BigInt(streamOptions.getRevision())
          : streamOptions.hasEnd()
            ? forwards
              ? BigInt(records.length)
              : BigInt(records.length - 1)
            : forwards
              ? 0n
              : -1n;
        selected = forwards
          ? records.filter((record) => BigInt(record.revision) >= from)
          : records.filter((record) => BigInt(record.revision) <= from).reverse();
      } else {
        const allOptions = readOptions.getAll();
        if (allOptions === undefined)
          return failStream(call, {
            code: grpc.status.INVALID_ARGUMENT,
            details: 'read of neither a stream nor $all',
          });
        const position = allOptions.getPosition();
        // The log is read from the record at the given prepare position: every event of an
        // implicit transaction is readable on its own, whatever its shared commit position.
        const from =
          allOptions.hasPosition() && position !== undefined
            ? BigInt(position.getPreparePosition())
            : allOptions.hasEnd()
              ? forwards
                ? BigInt(Number.MAX_SAFE_INTEGER)
                : -1n
              : forwards
                ? 0n
                : -1n;
        if (
          allOptions.hasPosition() &&
          options.allPositionCheck === 'strict' &&
          !store.isRecordBoundary(from)
        ) {
          return failStream(call, {
            code: grpc.status.INVALID_ARGUMENT,
            details: `Invalid position ${from}: not the start of a record`,
          });
        }
        selected = forwards
          ? store.log.filter((record) => record.preparePosition >= from)
          : store.log.filter((record) => from < 0n || record.preparePosition < from).reverse();
      }
      let sent = 0n;
      for (const record of selected) {
        if (sent >= countMax || call.cancelled) break;
        if (fault?.kind === 'dropMidRead' && sent >= BigInt(fault.afterEvents))
          return failStream(call, unavailable());
        const writable = call.write(toReadResponse(record));
        sent += 1n;
        // Respect back-pressure, so that a long read does not pile up in the server's memory.
        if (!writable) await new Promise<void>((resolve) => call.once('drain', resolve));
      }
      if (!call.cancelled) call.end();
    })();
  };

  const unimplemented = (
    _call: unknown,
    callback: (error: Partial<grpc.StatusObject>) => void,
  ): void => callback({ code: grpc.status.UNIMPLEMENTED, details: 'not served by the emulator' });

  const server = new grpc.Server();
  server.addService(protocol.streamsGrpc.StreamsService, {
    append,
    read,
    delete: unimplemented,
    tombstone: unimplemented,
    batchAppend: (call: grpc.ServerDuplexStream<unknown, unknown>) =>
      failStream(call, { code: grpc.status.UNIMPLEMENTED, details: 'not served by the emulator' }),
  });

  server.addService(protocol.serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: (
      _call: unknown,
      callback: grpc.sendUnaryData<InstanceType<typeof protocol.serverFeatures.SupportedMethods>>,
    ) => {
      count('serverFeatures');
      if (takeFault('serverFeatures')?.kind === 'unavailable') return callback(unavailable(), null);
      const methods = [
        ['event_store.client.streams.streams', 'read'],
        ['event_store.client.streams.streams', 'append'],
        ['event_store.client.gossip.gossip', 'read'],
        ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
      ].map(([serviceName, methodName]) => {
        const method = new protocol.serverFeatures.SupportedMethod();
        method.setServiceName(serviceName!);
        method.setMethodName(methodName!);
        return method;
      });
      const supported = new protocol.serverFeatures.SupportedMethods();
      supported.setMethodsList(methods);
      supported.setEventStoreServerVersion(serverVersion);
      callback(null, supported);
    },
  });

  let port = 0;
  server.addService(protocol.gossipGrpc.GossipService, {
    read: (
      _call: unknown,
      callback: grpc.sendUnaryData<InstanceType<typeof protocol.gossip.ClusterInfo>>,
    ) => {
      count('gossip');
      if (takeFault('gossip')?.kind === 'unavailable') return callback(unavailable(), null);
      const member = new protocol.gossip.MemberInfo();
      const instanceId = new shared.UUID();
      instanceId.setString('00000000-0000-4000-8000-000000000001');
      member.setInstanceId(instanceId);
      member.setTimeStamp(String(BigInt(Date.now()) * 10_000n));
      member.setState(protocol.gossip.MemberInfo.VNodeState.LEADER);
      member.setIsAlive(true);
      const endpoint = new protocol.gossip.EndPoint();
      endpoint.setAddress('127.0.0.1');
      endpoint.setPort(port);
      member.setHttpEndPoint(endpoint);
      const cluster = new protocol.gossip.ClusterInfo();
      cluster.setMembersList([member]);
      callback(null, cluster);
    },
  });

  port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `127.0.0.1:${options.port ?? 0}`,
      grpc.ServerCredentials.createInsecure(),
      (error, boundPort) => (error ? reject(error) : resolve(boundPort)),
    );
  });

  let stopped = false;
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    injectFault: addFault,
    clearFaults: () => {
      faults.length = 0;
    },
    callCount: (method) => calls.get(method) ?? 0,
    recordsOf: (streamName) => store.stream(streamName) ?? [],
    allRecords: () => store.log,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const pending of pendingCalls) pending.cancel();
      pendingCalls.clear();
      // Force: open reads and held appends end now, and new connections are refused.
      server.forceShutdown();
    },
  };
}

/**
 * Ends a server-streaming call with an error status. grpc-js sends the status of an error
 * *emitted* on the call (`destroy` would drop the call without any status, and the client
 * would wait for its deadline).
 */
function failStream(
  call: { emit(event: 'error', error: Error): boolean },
  status: Partial<grpc.StatusObject>,
): void {
  call.emit('error', Object.assign(new Error(status.details ?? 'error'), status));
}
