import * as grpc from '@grpc/grpc-js';
import { appendLimits, type EmulatorContext } from './emulatorContext.js';
import type { EmulatorFault } from './emulatorFaults.js';
import type { ProposedRecord, WireExpectedRevision } from './emulatorStore.js';
import type { GeneratedProtocol } from './generatedProtocol.js';
import {
  accessDeniedStatus,
  appendTooLargeStatus,
  sleep,
  unavailableStatus,
} from './grpcStatus.js';
import {
  appendResponseOf,
  expectedRevisionOf,
  proposedRecordOf,
  streamNameOf,
} from './wireMessages.js';

type AppendRequest = InstanceType<GeneratedProtocol['streams']['AppendReq']>;
type AppendResponse = InstanceType<GeneratedProtocol['streams']['AppendResp']>;
type AppendServerCall = grpc.ServerReadableStream<AppendRequest, AppendResponse>;

/**
 * `Streams.Append`: client streaming; the options come first, then the proposed messages.
 * The append is decided when the client ends its stream.
 */
export function createAppendHandler(
  context: EmulatorContext,
): grpc.handleClientStreamingCall<AppendRequest, AppendResponse> {
  return (call, callback) => {
    const append = new AppendCall(context, call, callback, context.faults.take('append'));
    call.on('data', (request: AppendRequest) => append.receive(request));
    call.on('error', () => append.abandon());
    call.on('cancelled', () => append.abandon());
    call.on('end', () => void append.finish());
  };
}

/** One append call: what it received so far, and whether it was answered. */
class AppendCall {
  private streamName: string | undefined;
  private expected: WireExpectedRevision = { kind: 'any' };
  private readonly proposed: ProposedRecord[] = [];
  private bytes = 0;
  private answered = false;

  constructor(
    private readonly context: EmulatorContext,
    private readonly call: AppendServerCall,
    private readonly callback: grpc.sendUnaryData<AppendResponse>,
    private readonly fault: EmulatorFault | undefined,
  ) {}

  /** Takes the options or one proposed message. */
  receive(request: AppendRequest): void {
    if (this.answered) return;
    if (request.hasOptions()) {
      const options = request.getOptions()!;
      this.streamName = streamNameOf(options.getStreamIdentifier());
      this.expected = expectedRevisionOf(options);
      return;
    }
    const message = request.getProposedMessage();
    if (message === undefined) return;
    if (this.proposed.length >= appendLimits.eventsPerAppendMax) {
      this.fail({
        code: grpc.status.INVALID_ARGUMENT,
        details: `at most ${appendLimits.eventsPerAppendMax} events per append`,
      });
      return;
    }
    const record = proposedRecordOf(message);
    this.bytes += record.data.length + record.customMetadata.length;
    this.proposed.push(record);
    this.context.receivedProposals.add();
  }

  /** The client went away: nothing is stored or answered any more. */
  abandon(): void {
    if (this.answered) return;
    this.answered = true;
    this.context.settledAppends.add();
  }

  /** Applies the fault, then stores the append and answers as the server would. */
  async finish(): Promise<void> {
    const { fault, context } = this;
    if (this.answered) return;
    if (fault?.kind === 'unavailable') return this.fail(unavailableStatus());
    if (fault?.kind === 'accessDenied') return this.fail(accessDeniedStatus());
    if (fault?.kind === 'delay') await sleep(fault.delayMs);
    // A real server stores an append only when the client ended its stream; a stream the
    // client reset (a dropped connection) is not an end, however grpc-js reports it.
    if (isReset(this.call)) return this.abandon();
    if (this.streamName === undefined || this.streamName === '')
      return this.fail({ code: grpc.status.INVALID_ARGUMENT, details: 'append without options' });
    if (this.bytes > context.appendBytesMax)
      return this.fail(appendTooLargeStatus(context.appendBytesMax));
    const outcome = context.store.append(this.streamName, this.expected, this.proposed);
    if (fault?.kind === 'storeThenFail') {
      if (fault.respond === 'unavailable') return this.fail(unavailableStatus());
      // Never answer: the client's deadline fires, as when a response is lost on the way.
      context.pendingCalls.add({ cancel: () => this.fail(unavailableStatus()) });
      return;
    }
    this.answered = true;
    context.settledAppends.add();
    this.callback(null, appendResponseOf(context.protocol, outcome, this.expected));
  }

  private fail(status: Partial<grpc.StatusObject>): void {
    if (this.answered) return;
    this.answered = true;
    this.context.settledAppends.add();
    this.callback(status, null);
  }
}

/** What the emulator reads of grpc-js's server call: the HTTP/2 stream under it. */
interface CallLayer {
  readonly call?: CallLayer;
  readonly nextCall?: CallLayer;
  readonly stream?: { readonly closed?: boolean; readonly destroyed?: boolean };
}

/**
 * True when the client reset the call's stream. grpc-js (1.14) reports a reset HTTP/2
 * stream as a half-close ('end') and marks the call cancelled only later, on the stream's
 * 'close'; but the HTTP/2 stream is already closed when that 'end' comes, while after a
 * real half-close it stays open for the answer. grpc-js keeps that stream under its
 * interceptor layers, which are not public API: the pinned version is tested by the
 * partial-append spec of adapter-eventstoredb, which fails if this stops finding it.
 */
function isReset(call: AppendServerCall): boolean {
  if (call.cancelled) return true;
  let layer: CallLayer | undefined = call as unknown as CallLayer;
  for (let depth = 0; layer !== undefined && depth < 5; depth += 1) {
    if (layer.stream !== undefined)
      return layer.stream.closed === true || layer.stream.destroyed === true;
    layer = layer.nextCall ?? layer.call;
  }
  return false;
}
