import * as grpc from '@grpc/grpc-js';
import type { EmulatorContext } from './emulatorContext.js';
import type { EmulatorFault } from './emulatorFaults.js';
import type { EmulatorRecord } from './emulatorStore.js';
import type { GeneratedProtocol } from './generatedProtocol.js';
import { accessDeniedStatus, failStream, sleep, unavailableStatus } from './grpcStatus.js';
import { serveSubscription } from './subscriptionHandler.js';
import { readResponseOf, streamNameOf } from './wireMessages.js';

type Streams = GeneratedProtocol['streams'];
type ReadRequest = InstanceType<Streams['ReadReq']>;
type ReadResponse = InstanceType<Streams['ReadResp']>;
type ReadOptions = InstanceType<Streams['ReadReq']['Options']>;
type StreamOptions = InstanceType<Streams['ReadReq']['Options']['StreamOptions']>;
type AllOptions = InstanceType<Streams['ReadReq']['Options']['AllOptions']>;
type ReadServerCall = grpc.ServerWritableStream<ReadRequest, ReadResponse>;

/** What a read selects: records to send, a stream that does not exist, or a refusal. */
type Selection =
  | { readonly kind: 'records'; readonly records: readonly EmulatorRecord[] }
  | { readonly kind: 'stream-not-found'; readonly options: StreamOptions }
  | { readonly kind: 'refused'; readonly status: Partial<grpc.StatusObject> };

/**
 * `Streams.Read`: server streaming, for one stream or for `$all`; with subscription options, a
 * catch-up subscription (see subscriptionHandler.ts).
 */
export function createReadHandler(
  context: EmulatorContext,
): grpc.handleServerStreamingCall<ReadRequest, ReadResponse> {
  return (call) => {
    if (call.request.getOptions()?.hasSubscription() === true)
      void serveSubscription(context, call, context.faults.take('subscribe'));
    else void serveRead(context, call, context.faults.take('read'));
  };
}

async function serveRead(
  context: EmulatorContext,
  call: ReadServerCall,
  fault: EmulatorFault | undefined,
): Promise<void> {
  if (fault?.kind === 'unavailable') return failStream(call, unavailableStatus());
  if (fault?.kind === 'accessDenied') return failStream(call, accessDeniedStatus());
  if (fault?.kind === 'delay') await sleep(fault.delayMs);
  if (call.cancelled) return;
  const selection = select(context, call.request.getOptions());
  if (selection.kind === 'refused') return failStream(call, selection.status);
  if (selection.kind === 'stream-not-found') {
    // As the server does: one StreamNotFound message, then a normal end of the call.
    const { streams: pb } = context.protocol;
    const notFound = new pb.ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(selection.options.getStreamIdentifier());
    const response = new pb.ReadResp();
    response.setStreamNotFound(notFound);
    call.write(response);
    call.end();
    return;
  }
  const countMax = BigInt(call.request.getOptions()!.getCount() || '0');
  await send(context, call, selection.records, countMax, fault);
}

/** Sends at most `countMax` records, respecting back-pressure, then ends the call. */
async function send(
  context: EmulatorContext,
  call: ReadServerCall,
  records: readonly EmulatorRecord[],
  countMax: bigint,
  fault: EmulatorFault | undefined,
): Promise<void> {
  let sent = 0n;
  for (const record of records) {
    if (sent >= countMax || call.cancelled) break;
    if (fault?.kind === 'dropMidRead' && sent >= BigInt(fault.afterEvents))
      return failStream(call, unavailableStatus());
    const writable = call.write(readResponseOf(context.protocol, record));
    sent += 1n;
    // Respect back-pressure, so that a long read does not pile up in the server's memory.
    if (!writable) await new Promise<void>((resolve) => call.once('drain', resolve));
  }
  if (!call.cancelled) call.end();
}

function select(context: EmulatorContext, options: ReadOptions | undefined): Selection {
  if (options === undefined) return refused(grpc.status.INVALID_ARGUMENT, 'read without options');
  const forwards =
    options.getReadDirection() === context.protocol.streams.ReadReq.Options.ReadDirection.FORWARDS;
  if (options.hasStream()) return selectFromStream(context, options.getStream()!, forwards);
  const allOptions = options.getAll();
  if (allOptions === undefined)
    return refused(grpc.status.INVALID_ARGUMENT, 'read of neither a stream nor $all');
  return selectFromAll(context, allOptions, forwards);
}

function selectFromStream(
  context: EmulatorContext,
  options: StreamOptions,
  forwards: boolean,
): Selection {
  const records = context.store.stream(streamNameOf(options.getStreamIdentifier()));
  if (records === undefined) return { kind: 'stream-not-found', options };
  const end = BigInt(forwards ? records.length : records.length - 1);
  const from = options.hasRevision()
    ? BigInt(options.getRevision())
    : options.hasEnd()
      ? end
      : forwards
        ? 0n
        : -1n;
  return {
    kind: 'records',
    records: forwards
      ? records.filter((record) => BigInt(record.revision) >= from)
      : records.filter((record) => BigInt(record.revision) <= from).reverse(),
  };
}

function selectFromAll(
  context: EmulatorContext,
  options: AllOptions,
  forwards: boolean,
): Selection {
  const position = options.getPosition();
  // The log is read from the record at the given prepare position: every event of an
  // implicit transaction is readable on its own, whatever its shared commit position.
  const from =
    options.hasPosition() && position !== undefined
      ? BigInt(position.getPreparePosition())
      : options.hasEnd() && forwards
        ? BigInt(Number.MAX_SAFE_INTEGER)
        : forwards
          ? 0n
          : -1n;
  if (
    options.hasPosition() &&
    context.allPositionCheck === 'strict' &&
    !context.store.isRecordBoundary(from)
  )
    return refused(
      grpc.status.INVALID_ARGUMENT,
      `Invalid position ${from}: not the start of a record`,
    );
  const log = context.store.log;
  return {
    kind: 'records',
    records: forwards
      ? log.filter((record) => record.preparePosition >= from)
      : log.filter((record) => from < 0n || record.preparePosition < from).reverse(),
  };
}

const refused = (code: grpc.status, details: string): Selection => ({
  kind: 'refused',
  status: { code, details },
});
