import * as grpc from '@grpc/grpc-js';
import type { EmulatorContext } from './emulatorContext.js';
import type { EmulatorFault } from './emulatorFaults.js';
import type { GeneratedProtocol } from './generatedProtocol.js';
import { accessDeniedStatus, failStream, sleep, unavailableStatus } from './grpcStatus.js';
import { caughtUpResponseOf, readResponseOf, streamNameOf } from './wireMessages.js';

type Streams = GeneratedProtocol['streams'];
type ReadRequest = InstanceType<Streams['ReadReq']>;
type ReadResponse = InstanceType<Streams['ReadResp']>;
type StreamOptions = InstanceType<Streams['ReadReq']['Options']['StreamOptions']>;
type SubscriptionCall = grpc.ServerWritableStream<ReadRequest, ReadResponse>;

/**
 * A catch-up subscription to one stream (`Streams.Read` with subscription options), as the
 * server serves it: a confirmation first; then the stream's events after the revision the
 * subscriber names (a revision is the last one it has, so the next is sent first; `start` sends
 * from the first event, `end` only what comes next); then `CaughtUp` once it has everything stored
 * so far; then each event as it is appended, until the client cancels. A stream that does not
 * exist yet is not an error: its first events come when it is written.
 *
 * Every record is read from the stream by its revision, after the append that wrote it is
 * complete (the store tells of an append only then): nothing is sent twice or skipped at the
 * boundary between catching up and going live, whatever is appended while the subscription
 * waits for the client to read.
 */
export async function serveSubscription(
  context: EmulatorContext,
  call: SubscriptionCall,
  fault: EmulatorFault | undefined,
): Promise<void> {
  if (!context.subscriptionsServed)
    return failStream(call, {
      code: grpc.status.UNIMPLEMENTED,
      details: 'the emulator was started without subscriptions',
    });
  if (fault?.kind === 'unavailable') return failStream(call, unavailableStatus());
  if (fault?.kind === 'accessDenied') return failStream(call, accessDeniedStatus());
  if (fault?.kind === 'delay') await sleep(fault.delayMs);
  if (call.cancelled) return;
  const options = call.request.getOptions()!;
  const streamOptions = options.getStream();
  if (streamOptions === undefined)
    return failStream(call, {
      code: grpc.status.UNIMPLEMENTED,
      details: 'the emulator serves subscriptions to a stream, not to $all',
    });
  await new StreamSubscription(context, call, streamOptions, fault).serve();
}

/** One subscription's state: the next revision to send, and what wakes it. */
class StreamSubscription {
  private readonly streamName: string;
  private next: number;
  private sent = 0;
  private changed = true;
  private ended = false;
  /** Wakes the subscription waiting for an append. */
  private wake: (() => void) | undefined;
  /** Ends a wait for the client to drain (only when the subscription ends). */
  private stopDraining: (() => void) | undefined;

  constructor(
    private readonly context: EmulatorContext,
    private readonly call: SubscriptionCall,
    options: StreamOptions,
    private readonly fault: EmulatorFault | undefined,
  ) {
    this.streamName = streamNameOf(options.getStreamIdentifier());
    const length = context.store.stream(this.streamName)?.length ?? 0;
    this.next = options.hasRevision()
      ? Number(BigInt(options.getRevision()) + 1n)
      : options.hasEnd()
        ? length
        : 0;
  }

  async serve(): Promise<void> {
    const { context, call } = this;
    const stopListening = context.store.onAppend((streamName) => {
      if (streamName === this.streamName) this.notify();
    });
    const handle = { drop: () => this.end(unavailableStatus()) };
    const onCancelled = (): void => this.end();
    call.on('cancelled', onCancelled);
    context.subscriptions.add(handle);
    try {
      const { streams: pb } = context.protocol;
      const confirmation = new pb.ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(globalThis.crypto.randomUUID());
      const confirmed = new pb.ReadResp();
      confirmed.setConfirmation(confirmation);
      call.write(confirmed);
      context.confirmedSubscriptions.add();
      await this.pump();
    } finally {
      stopListening();
      call.off('cancelled', onCancelled);
      context.subscriptions.delete(handle);
      context.endedSubscriptions.add();
    }
  }

  /** Sends what is stored after `next`, then `CaughtUp` once, then waits for appends. */
  private async pump(): Promise<void> {
    let caughtUp = false;
    while (!this.ended) {
      this.changed = false;
      const records = this.context.store.stream(this.streamName) ?? [];
      while (this.next < records.length && !this.ended) {
        if (this.fault?.kind === 'dropSubscription' && this.sent >= this.fault.afterEvents)
          return this.end(unavailableStatus());
        const writable = this.call.write(
          readResponseOf(this.context.protocol, records[this.next]!),
        );
        this.next += 1;
        this.sent += 1;
        // Respect back-pressure: a slow subscriber makes the subscription wait, not the server.
        if (!writable) await this.waitFor('drain');
      }
      if (!caughtUp && !this.ended) {
        caughtUp = true;
        this.call.write(caughtUpResponseOf(this.context.protocol));
      }
      if (!this.changed && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  private notify(): void {
    this.changed = true;
    this.wake?.();
  }

  private waitFor(event: 'drain'): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.call.off(event, done);
        this.stopDraining = undefined;
        resolve();
      };
      this.call.once(event, done);
      this.stopDraining = done;
    });
  }

  /** Ends the subscription: with a status (a dropped connection), or quietly when cancelled. */
  private end(status?: Partial<grpc.StatusObject>): void {
    if (this.ended) return;
    this.ended = true;
    if (status !== undefined && !this.call.cancelled) failStream(this.call, status);
    this.wake?.();
    this.stopDraining?.();
  }
}
