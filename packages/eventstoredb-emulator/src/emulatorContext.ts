import type { EmulatorStore } from './emulatorStore.js';
import type { FaultQueue } from './emulatorFaults.js';
import type { GeneratedProtocol } from './generatedProtocol.js';
import type { CountSignal } from './CountSignal.js';

/** What the emulator's service handlers share: the protocol, the storage, the faults. */
export interface EmulatorContext {
  readonly protocol: GeneratedProtocol;
  readonly store: EmulatorStore;
  readonly faults: FaultQueue;
  /** Appends held without an answer (`storeThenFail` with `respond: 'never'`), failed on stop. */
  readonly pendingCalls: Set<{ cancel(): void }>;
  /** Append calls settled so far: stored, refused, or dropped because the client went away. */
  readonly settledAppends: CountSignal;
  /** Proposed events received by append calls so far, stored or not. */
  readonly receivedProposals: CountSignal;
  /** Subscriptions open now: each can be dropped, as a lost connection drops it. */
  readonly subscriptions: Set<{ drop(): void }>;
  /** Subscriptions confirmed so far. */
  readonly confirmedSubscriptions: CountSignal;
  /** Subscriptions ended so far (cancelled by the client, dropped, or failed). */
  readonly endedSubscriptions: CountSignal;
  /** Whether `Streams.Read` serves subscriptions or refuses them with `UNIMPLEMENTED`. */
  readonly subscriptionsServed: boolean;
  /** The largest append accepted, in bytes of data and metadata. */
  readonly appendBytesMax: number;
  /** How a read of `$all` from a position inside a record is answered. */
  readonly allPositionCheck: 'strict' | 'lenient';
  /** The port the server listens on; 0 until it is bound. Gossip announces it. */
  port: number;
}

/** The limits of one append the emulator accepts. */
export const appendLimits = {
  /** A single append carries at most this many events (the adapter's own limit is 10 000). */
  eventsPerAppendMax: 20_000,
} as const;
