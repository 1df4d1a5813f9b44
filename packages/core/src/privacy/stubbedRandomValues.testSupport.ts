import type { ExecutionContext } from 'ava';

/**
 * Replaces `crypto.getRandomValues` until {@link StubbedRandomValues.restore} or the test's end:
 * each draw hands `fill` the bytes asked for, which it fills (or throws, as a source without
 * entropy does). The ids `newEventIds` makes are then known in advance. The test must be serial:
 * every id drawn in the process comes from the stub meanwhile.
 */
export function stubRandomValues(
  t: ExecutionContext,
  fill: (bytes: Uint8Array) => void,
): StubbedRandomValues {
  const crypto = globalThis.crypto;
  const original = crypto.getRandomValues;
  const restore = () => {
    crypto.getRandomValues = original;
  };
  t.teardown(restore);
  crypto.getRandomValues = function <T extends ArrayBufferView | null>(values: T): T {
    fill(new Uint8Array(values!.buffer, values!.byteOffset, values!.byteLength));
    return values;
  } as typeof original;
  return { restore };
}

/** What {@link stubRandomValues} gives back. */
export interface StubbedRandomValues {
  /** Puts the real `crypto.getRandomValues` back (also done when the test ends). */
  readonly restore: () => void;
}
