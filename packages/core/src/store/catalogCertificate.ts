import { valueMayHoldPersonnummer } from '../privacy/valueMayHoldPersonnummer.js';
import { frozenQuickCopy } from './quickCopy.js';

/**
 * The hand-off between the ledger's catalog and the stores (issue 15, "validate once"). The
 * catalog checks every event it makes in full (its data with the type's zod schema, the envelope's
 * id by the envelope's own rule, or a new id drawn so that it passes it), and then a store checks
 * it again as it would a stranger's. What the store may skip is what cannot have changed since
 * the catalog checked it:
 *
 * - the data: the catalog hands on a frozen plain-JSON copy of its schema's output (nothing else
 *   holds it, nothing can change it), so a store need not copy it again, nor check it to be plain
 *   JSON; the in-memory store keeps it as it is;
 * - the event id, a string: the certificate remembers the id the catalog made the event with, and
 *   only an envelope that carries that same id with that same data skips the id's rule;
 * - the personnummer search's first look at the data (`valueMayHoldPersonnummer`), taken once on
 *   the frozen copy: where it finds no string that may hold one, the store need not look at the
 *   data's JSON text; where it may, the store searches the data in full, as for any caller.
 *
 * Everything else is checked by the store as for any caller: the envelope's shape, type, schema
 * version and metadata (which the rules annotate after the catalog), and every size limit. The
 * proof is a module-private `WeakMap` from the frozen data to its certificate: nothing outside
 * core can add to it (the module is not exported from any entry of the package), and a caller's
 * own objects are never in it.
 */
const certificates = new WeakMap<object, CatalogCertificate>();

/** What the catalog proved of the data it certified. */
export interface CatalogCertificate {
  /** The id the catalog made the event with. */
  readonly eventId: string;
  /** False if no string of the data, keys included, can hold a personnummer. */
  readonly mayHoldPersonnummer: boolean;
}

/**
 * The event the catalog made, with its data replaced by a frozen plain-JSON copy that the stores
 * recognise (see above). Data that is not plain JSON (a schema's transform that gave a `Date`, a
 * -0) is left as it is, uncertified, so that a store refuses it as it always did.
 */
export function certifyCatalogEvent<
  Event extends { readonly eventId: string; readonly data: unknown },
>(event: Event): Event {
  // The depth the data has inside an envelope, where the store's depth limit counts it.
  const frozen = frozenQuickCopy(event.data, 1);
  if (frozen === undefined || typeof frozen !== 'object' || frozen === null) return event;
  certificates.set(frozen, {
    eventId: event.eventId,
    mayHoldPersonnummer: valueMayHoldPersonnummer(frozen),
  });
  return { ...event, data: frozen };
}

/** True if `data` is a copy the catalog certified (frozen plain JSON). */
export const isCertifiedData = (data: object): boolean => certificates.has(data);

/** The id the catalog made the event of `data` with, if `data` is a certified copy. */
export const certifiedEventId = (data: object): string | undefined =>
  certificates.get(data)?.eventId;

/** The catalog's certificate of `data`, if `data` is a certified copy. */
export const catalogCertificateOf = (data: object): CatalogCertificate | undefined =>
  certificates.get(data);
