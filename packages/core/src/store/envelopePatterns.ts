/**
 * The patterns of the envelope rules, shared by the schemas in `EventEnvelope.ts` and by the
 * quick check of a store's append (`quickEnvelopeCheck.ts`), so that both test the same thing.
 * Internal to the store module: not exported from the package.
 */

/** A UUID in its canonical lower-case form. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An ISO-8601 UTC instant (`2021-01-15T09:30:00.000Z`), its parts captured. */
export const isoInstantPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** An event type: a letter, then letters, digits, `_`, `.` and `-`. */
export const typePattern = /^[\p{L}][\p{L}\p{N}_.-]*$/u;

/**
 * Stream ids are printable, without white space, and never start with `$` (EventStoreDB's system
 * streams).
 */
export const streamIdPattern = /^[^\s$\p{C}][^\s\p{C}]*$/u;

/**
 * Control, format (bidi overrides such as U+202E, zero-width characters), surrogate, private-use
 * and line or paragraph separator characters: they make a name print as something other than
 * what is stored.
 */
export const unprintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
