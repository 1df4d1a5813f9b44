import { z } from 'zod';
import {
  findPersonnummerInValue,
  holdsNoPersonnummer,
  personnummerMessage,
  personnummerRefusal,
  personnummerRule,
} from '../privacy/findPersonnummerInValue.js';
import {
  isoInstantPattern,
  streamIdPattern,
  typePattern,
  unprintable,
  uuidPattern,
} from './envelopePatterns.js';

/**
 * Who recorded an event and why. Stored with the event, never part of what it means.
 */
export interface EventMetadata {
  /** When the event was recorded, as an ISO-8601 UTC instant (`2021-01-15T09:30:00.000Z`). */
  readonly recordedAt: string;
  /** Who recorded it: a user name or a system name. Never a personnummer. */
  readonly recordedBy: string;
  /** Groups the events of one business operation (e.g. one import). */
  readonly correlationId?: string;
  /** The id of the event or command that caused this one. */
  readonly causationId?: string;
  /**
   * The numbers (`år-löpnummer`, e.g. `2020-17`) of the verifikationer the event books, in
   * posting order, assigned by the ledger when the event is recorded. Replay asserts them, so
   * a change in posting code can never renumber a closed year. Absent for events that book
   * nothing and for events recorded before numbers were stored.
   */
  readonly verifikationsnummer?: readonly string[];
  /**
   * Where a copied event was first stored (`copyEvents`, `finsam copy`): the store stamp and
   * the global position it had there, so that an auditor of the copy still sees when the
   * event was first entered into the books. Kept through a copy of a copy. Absent for events
   * stored by their writer, and for events copied from a store that did not stamp.
   */
  readonly copiedFrom?: CopiedFrom;
}

/** Where a copied event was first stored: see {@link EventMetadata.copiedFrom}. */
export interface CopiedFrom {
  /** The first store's stamp (`StoredEvent.storedAt`). */
  readonly storedAt: string;
  /** The event's position in the first store's global order. */
  readonly globalPosition: number;
}

/**
 * An event as it is handed to a store: the envelope around the business data.
 *
 * `eventId` is the idempotency key: appending an event whose id is already stored in
 * the stream is a no-op, never a second booking.
 */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** A UUID in its canonical textual form; the idempotency key. */
  readonly eventId: string;
  /** The event type, e.g. `KostnadBokförd`. */
  readonly type: Type;
  /** The version of the data's schema, starting at 1. */
  readonly schemaVersion: number;
  /** The business data: a JSON object. Money travels as decimal strings. */
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** An event read back from a store, with its place in the stream and in the store. */
export interface StoredEvent<Type extends string = string, Data = unknown> extends NewEvent<
  Type,
  Data
> {
  readonly streamId: string;
  /** 0-based position in its stream; contiguous. */
  readonly streamRevision: number;
  /** Position in the store's one global order; strictly increasing, not necessarily contiguous. */
  readonly globalPosition: number;
  /**
   * When the store stored the event, by the store's own clock (an ISO-8601 UTC instant), beside
   * the writer's `metadata.recordedAt`. Never earlier than the stamp of the event stored before
   * it. Absent for events stored by a store version that did not stamp (see docs/stores.md).
   */
  readonly storedAt?: string;
}

/** Limits on what a store accepts. Every adapter enforces the same ones. */
export const envelopeLimits = {
  eventIdLength: 36,
  typeLengthMax: 100,
  schemaVersionMax: 1000,
  recordedByLengthMax: 200,
  correlationIdLengthMax: 200,
  streamIdLengthMax: 200,
  eventsPerAppendMax: 10_000,
  eventDataBytesMax: 1_048_576,
  /** One append in all (data and metadata as JSON): EventStoreDB's default maximum append size. */
  appendBytesMax: 1_048_576,
  jsonDepthMax: 32,
  /** Verifikation numbers in one event's metadata. */
  verifikationsnummerPerEventMax: 10_000,
} as const;

/** A verifikation number as stored: the year, a hyphen, the löpnummer from 1 (`2020-17`). */
export const verifikationsnummerPattern = /^\d{4}-[1-9]\d{0,6}$/;

/**
 * Refuses a personnummer anywhere in a value: a string, or any string or key inside JSON.
 * The issue names the path and carries the rule `no-personnummer`, which every layer turns
 * into the code `PERSONNUMMER_REFUSED`.
 */
const noPersonnummer = (value: unknown, context: z.RefinementCtx) => {
  const found = findPersonnummerInValue(value);
  if (found) {
    context.addIssue({
      code: 'custom',
      path: [...found.path],
      message: personnummerMessage(
        found.match,
        found.inKey ? 'is a key that looks like' : 'looks like',
      ),
      params: { rule: personnummerRule },
    });
  }
};

/**
 * The personnummer rule of an event id, saying what to do: a caller's own random UUID holds
 * digits shaped like a personnummer about once in 70 000, which no retry with the same id mends.
 */
const eventIdHoldsNoPersonnummer = (value: string, context: z.RefinementCtx) => {
  const found = findPersonnummerInValue(value);
  if (found) {
    context.addIssue({
      code: 'custom',
      message: `${personnummerMessage(found.match)}; a random UUID does so about once in 70 000, so take ids from newEventId() or eventIdFromKey(key), which never return one`,
      params: { rule: personnummerRule },
    });
  }
};

/**
 * The year range of {@link EventMetadata.recordedAt}: no computer recorded anything before 1970.
 */
export const recordedAtYearRange = { min: 1970, max: 9999 } as const;

/** True if an ISO-8601 UTC instant names a moment that exists (no 30 February, no 24:00). */
export function isExistingInstant(value: string): boolean {
  const parts = isoInstantPattern.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as number[];
  if (year! < recordedAtYearRange.min || year! > recordedAtYearRange.max) return false;
  if (hour! > 23 || minute! > 59 || second! > 59) return false;
  const date = new Date(Date.UTC(2000, month! - 1, day!));
  date.setUTCFullYear(year!);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day
  );
}

/** A metadata text: 1 to `lengthMax` printable characters, no personnummer. */
const metadataText = (field: string, lengthMax: number) =>
  z
    .string({ error: `${field} must be a string` })
    .min(1, { error: `${field} must not be empty` })
    .max(lengthMax, { error: `${field} must be at most ${lengthMax} characters` })
    .refine((value) => !unprintable.test(value), {
      error: `${field} must hold only printable characters (no control characters, no bidi overrides, no zero-width characters)`,
      params: { rule: 'printable-text' },
    })
    .refine(holdsNoPersonnummer, personnummerRefusal);

/**
 * Zod schema of {@link EventMetadata}. Unknown keys are refused so that the contract stays
 * explicit.
 */
export const eventMetadataSchema = z
  .object({
    recordedAt: z
      .string({ error: 'recordedAt must be a string' })
      .regex(isoInstantPattern, {
        error: 'recordedAt must be an ISO-8601 UTC instant such as 2021-01-15T09:30:00.000Z',
      })
      .refine(isExistingInstant, {
        error: `recordedAt must be a date and time that exists, in the years ${recordedAtYearRange.min} to ${recordedAtYearRange.max}`,
        params: { rule: 'instant-exists' },
      }),
    recordedBy: metadataText('recordedBy', envelopeLimits.recordedByLengthMax),
    correlationId: metadataText('correlationId', envelopeLimits.correlationIdLengthMax).optional(),
    causationId: metadataText('causationId', envelopeLimits.correlationIdLengthMax).optional(),
    verifikationsnummer: z
      .array(
        z.string().regex(verifikationsnummerPattern, {
          error: 'a verifikation number is år-löpnummer, such as 2020-17',
        }),
        { error: 'verifikationsnummer must be an array of strings' },
      )
      .max(envelopeLimits.verifikationsnummerPerEventMax)
      .optional(),
    copiedFrom: z
      .object({
        storedAt: z.string().regex(isoInstantPattern, {
          error:
            'copiedFrom.storedAt must be an ISO-8601 UTC instant such as 2021-01-15T09:30:00.000Z',
        }),
        globalPosition: z
          .number({ error: 'copiedFrom.globalPosition must be a number' })
          .int({ error: 'copiedFrom.globalPosition must be a whole number' })
          .min(0, { error: 'copiedFrom.globalPosition is at least 0' }),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * Zod schema of the envelope of a {@link NewEvent}; `data` is checked to be plain JSON separately.
 */
export const newEventEnvelopeSchema = z
  .object({
    eventId: z
      .string({ error: 'eventId must be a string' })
      .regex(uuidPattern, {
        error: 'eventId must be a lower-case UUID such as 0b6f9f7e-4a51-4c1e-9b43-2f5a3c3d8e11',
      })
      .superRefine(eventIdHoldsNoPersonnummer),
    type: z
      .string({ error: 'type must be a string' })
      .min(1, { error: 'type must not be empty' })
      .max(envelopeLimits.typeLengthMax)
      .regex(typePattern, {
        error: 'type must start with a letter and hold only letters, digits, _ . -',
      })
      .superRefine(noPersonnummer),
    schemaVersion: z
      .number({ error: 'schemaVersion must be a number' })
      .int({ error: 'schemaVersion must be a whole number' })
      .min(1, { error: 'schemaVersion starts at 1' })
      .max(envelopeLimits.schemaVersionMax),
    data: z
      .record(z.string(), z.unknown(), { error: 'data must be a JSON object' })
      .superRefine(noPersonnummer),
    metadata: eventMetadataSchema,
  })
  .strict();

/** Zod schema of a stream id. */
export const streamIdSchema = z
  .string({ error: 'streamId must be a string' })
  .min(1, { error: 'streamId must not be empty' })
  .max(envelopeLimits.streamIdLengthMax, {
    error: `streamId must be at most ${envelopeLimits.streamIdLengthMax} characters`,
  })
  .regex(streamIdPattern, {
    error: 'streamId must be printable, without white space, and must not start with $',
  })
  .superRefine(noPersonnummer);
