import type { EventMetadata } from './EventEnvelope.js';

/** The clock a store stamps events with: the current instant. Injectable for tests and replays. */
export type StoreClock = () => Date;

/** The system clock. */
export const systemClock: StoreClock = () => new Date();

/**
 * The stamp of the next event a store stores: the clock's instant as an ISO-8601 UTC string
 * (`2021-04-20T07:30:00.000Z`), or the previous stamp when the clock has gone back (a system
 * clock stepped by NTP). Stamps therefore never decrease in a store's order, so "what was
 * stored by D" is always a prefix of the store, and a reader can tell it by the first stamp
 * after D.
 */
export function nextStoredAt(clock: StoreClock, previous: string | undefined): string {
  const now = clock().toISOString();
  return previous !== undefined && previous > now ? previous : now;
}

/**
 * When an event was first stored: the stamp of the store it was first stored in, kept in
 * `metadata.copiedFrom` when it was copied since, else the store's own `storedAt`; `undefined`
 * for an event no store stamped (or one not read from a store).
 */
export const firstStoredAtOf = (event: {
  readonly metadata: EventMetadata;
  readonly storedAt?: string;
}): string | undefined => event.metadata.copiedFrom?.storedAt ?? event.storedAt;
