import { EmulatorError } from './error.js';

/** The calls the emulator serves, for faults and counters. */
export type EmulatorMethod = 'append' | 'read' | 'subscribe' | 'serverFeatures' | 'gossip';

/**
 * A fault the emulator injects into the next matching calls.
 *
 * - `unavailable`: answer `UNAVAILABLE` without doing anything.
 * - `accessDenied`: answer `PERMISSION_DENIED` with EventStoreDB's `access-denied` exception.
 * - `delay`: wait `delayMs` before handling the call (past a client's deadline, typically).
 * - `dropMidRead`: a read sends `afterEvents` events, then fails with `UNAVAILABLE`.
 * - `dropSubscription`: a subscription (`Streams.Read` with subscription options, method
 *   `subscribe`) sends `afterEvents` events, then fails with `UNAVAILABLE`, as when the
 *   connection to the server is lost.
 * - `storeThenFail`: an append is stored, then answered with `UNAVAILABLE`
 *   (`respond: 'unavailable'`) or never answered (`respond: 'never'`, the client's deadline fires).
 *
 * `times` (default 1) says for how many matching calls the fault holds.
 */
export type EmulatorFault =
  | { readonly kind: 'unavailable'; readonly method: EmulatorMethod; readonly times?: number }
  | {
      readonly kind: 'accessDenied';
      readonly method: 'append' | 'read' | 'subscribe';
      readonly times?: number;
    }
  | {
      readonly kind: 'delay';
      readonly method: 'append' | 'read' | 'subscribe';
      readonly delayMs: number;
      readonly times?: number;
    }
  | { readonly kind: 'dropMidRead'; readonly afterEvents: number; readonly times?: number }
  | { readonly kind: 'dropSubscription'; readonly afterEvents: number; readonly times?: number }
  | {
      readonly kind: 'storeThenFail';
      readonly respond: 'unavailable' | 'never';
      readonly times?: number;
    };

/** Limits of the fault queue, so that a runaway test fails instead of eating memory. */
export const faultQueueLimits = { faultsPendingMax: 1_000 } as const;

/** The pending faults, and how many calls of each method the emulator received. */
export class FaultQueue {
  private readonly faults: { fault: EmulatorFault; remaining: number }[] = [];
  private readonly calls = new Map<EmulatorMethod, number>();

  /** Adds a fault for the next matching calls; a malformed one is an `INVALID_FAULT`. */
  add(fault: EmulatorFault): void {
    if (this.faults.length >= faultQueueLimits.faultsPendingMax)
      throw new EmulatorError(
        'INVALID_FAULT',
        `At most ${faultQueueLimits.faultsPendingMax} pending faults`,
      );
    const times = fault.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1)
      throw new EmulatorError('INVALID_FAULT', 'fault.times must be a whole number >= 1');
    this.faults.push({ fault, remaining: times });
  }

  /** Removes every pending fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** Counts a call of `method` and takes the first pending fault that applies to it, if any. */
  take(method: EmulatorMethod): EmulatorFault | undefined {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    const index = this.faults.findIndex(({ fault }) => {
      if (fault.kind === 'dropMidRead') return method === 'read';
      if (fault.kind === 'dropSubscription') return method === 'subscribe';
      if (fault.kind === 'storeThenFail') return method === 'append';
      return fault.method === method;
    });
    if (index < 0) return undefined;
    const entry = this.faults[index]!;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.faults.splice(index, 1);
    return entry.fault;
  }

  /** How many calls of `method` were received (including failed ones). */
  callCount(method: EmulatorMethod): number {
    return this.calls.get(method) ?? 0;
  }
}
