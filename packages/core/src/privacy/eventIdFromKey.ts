import { findPersonnummer } from './personnummer.js';

/**
 * A stable event id for a key of the caller's own (an invoice's id in its own system, a payment's
 * reference, a row of an import): a UUID (version 8, name-based) made of the SHA-256 of the key,
 * so recording the same key again gives the same id and the ledger books it once.
 *
 * Use it, or {@link newEventId} for a fresh id, rather than a UUID of your own: every stored
 * string is checked for personnummer, ids included, and about one random UUID in 70 000 holds
 * digits shaped like one (the store refuses it with `PERSONNUMMER_REFUSED` on `eventId`). Such an
 * id is derived again from the same key with an attempt number, so the same key still always
 * gives the same id, and every id this function ever returned for a key is the one it returns.
 *
 * ```ts
 * const eventId = await eventIdFromKey(`fakturor/${invoice.id}`);
 * await ledger.record('KostnadBokförd', data, { metadata, eventId })();
 * ```
 */
export async function eventIdFromKey(key: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const eventId = await nameBasedUuid(attempt === 0 ? key : `${key}\u0000${attempt}`);
    if (findPersonnummer(eventId) === undefined) return eventId;
  }
}

/** A version 8 UUID made of the SHA-256 of `name` (its UTF-8 bytes), lower case. */
async function nameBasedUuid(name: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(name));
  const bytes = new Uint8Array(digest).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
