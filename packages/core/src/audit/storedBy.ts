import * as TE from 'fp-ts/TaskEither';
import { ledgerError, type LedgerError } from '../error.js';
import { isCalendarDate } from '../events/zodFields.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';

/** Limits of as-of reads. */
export const asOfLimits = {
  /**
   * Events without a store stamp (stored before stores stamped) held while an as-of read looks
   * for the next stamped event, which tells whether they were stored by then.
   */
  unstampedEventsHeldMax: 100_000,
} as const;

/** Options of the ledger's reads that replay the books as they were stored by an instant. */
export interface AsOfOptions {
  /**
   * Replay only what the store had stored by this instant (its own stamp, `storedAt`, not the
   * writer's `recordedAt`): an ISO-8601 instant (in UTC, `Z`, or with its offset), or a date
   * `YYYY-MM-DD` meaning the end of that day (23:59:59.999 UTC). Left out: everything.
   */
  readonly asOf?: string;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
// An instant in UTC (`Z`) or with its offset (`+01:00`, Swedish winter time): either names one
// moment.
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const asOfRefusal = (value: string): LedgerError =>
  ledgerError(
    'VALIDATION_FAILED',
    `as-of ${JSON.stringify(value)} is neither a date (YYYY-MM-DD) nor an instant (2021-04-20T07:30:00Z, 2021-04-20T09:30:00+02:00)`,
    {
      issues: [
        {
          path: 'asOf',
          rule: 'date-or-instant',
          message: 'must be a date YYYY-MM-DD or an ISO-8601 instant ending in Z or an offset',
        },
      ],
    },
  );

// Written as a date should be but no day of the calendar: `Date.parse` would roll 2023-02-30
// over into March, so the day is checked first.
const nonexistentDateRefusal = (value: string): LedgerError =>
  ledgerError(
    'VALIDATION_FAILED',
    `as-of ${JSON.stringify(value)} is not a date that exists: ${value.slice(0, 10)} is no day of the calendar`,
    {
      issues: [{ path: 'asOf', rule: 'date-exists', message: 'must be a date that exists' }],
    },
  );

/**
 * The instant an as-of value stands for, in milliseconds since the epoch: the end of the day
 * (UTC) for a date, the instant itself for an instant. Throws `VALIDATION_FAILED` naming `asOf`
 * for anything else.
 */
export function asOfInstantMs(value: string): number {
  const isDate = datePattern.test(value);
  if (!isDate && !instantPattern.test(value)) throw asOfRefusal(value);
  if (!isCalendarDate(value.slice(0, 10))) throw nonexistentDateRefusal(value);
  const ms = Date.parse(isDate ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(ms)) throw asOfRefusal(value);
  return ms;
}

const unknownError = (held: readonly StoredEvent[], asOf: string, reason: string): LedgerError =>
  ledgerError(
    'STORED_AT_UNKNOWN',
    `${held.length} events from ${held[0]!.streamId}@${held[0]!.streamRevision} (event ${held[0]!.eventId}) carry no store stamp (storedAt): they were stored before stores stamped events, and ${reason}, so whether they were stored by ${asOf} is unknown`,
    {
      details: {
        streamId: held[0]!.streamId,
        fromRevision: held[0]!.streamRevision,
        eventCount: held.length,
        asOf,
      },
    },
  );

/**
 * The events of a store read that were stored by `asOf` (see {@link AsOfOptions}): the read's
 * longest prefix whose events were certainly stored by then. A store stores in order, so the
 * first event stamped after `asOf` ends it, whatever the stamps after it say. An event without
 * a stamp (written before stores stamped) was stored before the next stamped event: it is
 * included when that event is, and when none follows, or the next one was stored after `asOf`,
 * the read fails with `STORED_AT_UNKNOWN` rather than guess.
 */
export async function* eventsStoredBy(
  events: AsyncIterable<StoredEvent>,
  asOf: string,
): AsyncGenerator<StoredEvent> {
  const limitMs = asOfInstantMs(asOf);
  const held: StoredEvent[] = [];
  for await (const event of events) {
    if (event.storedAt === undefined) {
      held.push(event);
      if (held.length > asOfLimits.unstampedEventsHeldMax)
        throw unknownError(held, asOf, 'no stamped event follows them closely enough to tell');
      continue;
    }
    if (Date.parse(event.storedAt) > limitMs) {
      if (held.length > 0)
        throw unknownError(held, asOf, `the next event was stored after it, at ${event.storedAt}`);
      return;
    }
    yield* held.splice(0);
    yield event;
  }
  if (held.length > 0) throw unknownError(held, asOf, 'no stamped event follows them');
}

/**
 * A read-only view of `store` as it was at `asOf`: its reads hold only what was stored by then
 * ({@link eventsStoredBy}); appends are refused with `ACCESS_DENIED`. Hand it to anything that
 * reads a store (the ledger, the participant register, an export) to see the books as an
 * auditor would have seen them on that day. Closing the view closes the store.
 */
export function storeAsOf(store: EventStore, asOf: string): EventStore {
  asOfInstantMs(asOf);
  return {
    appendToStream: () =>
      TE.left(
        ledgerError('ACCESS_DENIED', `A view of the store as of ${asOf} is read-only`, {
          details: { asOf },
        }),
      ),
    readStream: (streamId, options) => eventsStoredBy(store.readStream(streamId, options), asOf),
    readAll: (options) => eventsStoredBy(store.readAll(options), asOf),
    close: () => store.close(),
  };
}
