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
  }

  /** The client went away: nothing is answered any more. */
  abandon(): void {
    this.answered = true;
  }

  /** Applies the fault, then stores the append and answers as the server would. */
  async finish(): Promise<void> {
    const { fault, context } = this;
    if (this.answered) return;
    if (fault?.kind === 'unavailable') return this.fail(unavailableStatus());
    if (fault?.kind === 'accessDenied') return this.fail(accessDeniedStatus());
    if (fault?.kind === 'delay') await sleep(fault.delayMs);
    if (this.call.cancelled) return;
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
    this.callback(null, appendResponseOf(context.protocol, outcome, this.expected));
  }

  private fail(status: Partial<grpc.StatusObject>): void {
    if (this.answered) return;
    this.answered = true;
    this.callback(status, null);
  }
}
