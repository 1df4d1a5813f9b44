import * as grpc from '@grpc/grpc-js';

/** A delay fault waits at most this long, so that a forgotten fault cannot hang a test run. */
export const delayMsMax = 30_000;

/** The status of an injected unavailability. */
export const unavailableStatus = (): Partial<grpc.StatusObject> => ({
  code: grpc.status.UNAVAILABLE,
  details: 'emulator: injected unavailability',
});

/** The status EventStoreDB answers when an ACL refuses the call. */
export const accessDeniedStatus = (): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'access-denied');
  return { code: grpc.status.PERMISSION_DENIED, details: 'Access denied', metadata };
};

/** The status EventStoreDB answers for an append larger than its limit. */
export const appendTooLargeStatus = (appendBytesMax: number): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'maximum-append-size-exceeded');
  metadata.set('maximum-append-size', String(appendBytesMax));
  return {
    code: grpc.status.INVALID_ARGUMENT,
    details: `Maximum Append Size of ${appendBytesMax} Exceeded.`,
    metadata,
  };
};

/**
 * Waits, at most {@link delayMsMax}. Unreferenced: a delayed call must not keep a finished test
 * process alive.
 */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.min(ms, delayMsMax)).unref());

/**
 * Ends a server-streaming call with an error status. grpc-js sends the status of an error
 * *emitted* on the call (`destroy` would drop the call without any status, and the client
 * would wait for its deadline); grpc-js reads the status from the emitted error's fields.
 */
export function failStream(
  call: { emit(event: 'error', error: Error): boolean },
  status: Partial<grpc.StatusObject>,
): void {
  call.emit('error', Object.assign(new Error(status.details ?? 'error'), status));
}
