import { assert } from '../error.js';

/**
 * The hand-off between the ledger's catalog and the stores (issue 15, "validate once"). The
 * catalog checks every event it makes in full (its data with the type's zod schema, the envelope's
 * id by the envelope's own rule, or a new id drawn so that it passes it), and then a store checks
 * it again as it would a stranger's. What the store may skip is what cannot have changed since
 * the catalog checked it:
 *
 * - the data: the catalog hands on its schema's output deeply frozen, plain JSON, each object
 *   either built by zod for that parse and frozen where it is, or a frozen copy (see
 *   `ledger/frozenEventData.ts`): nothing else holds it, nothing can change it, so a store need not
 *   copy it again, nor check it to be plain JSON; the in-memory store keeps it as it is;
 * - the event id, a string: the certificate remembers the id the catalog made the event with, and
 *   only an envelope that carries that same id with that same data skips the id's rule;
 * - the personnummer search's first look at the data (`valueMayHoldPersonnummer`), taken once on
 *   the frozen data but on the texts its schema proved free of one (its own rule searched them in
 *   full, or they cannot hold ten digits): where it finds no string that may hold one, the store
 *   need not look at the data's JSON text; where it may, the store searches the data in full, as
 *   for any caller;
 * - the metadata: the catalog hands on a frozen copy that the store's own metadata rules made and
 *   checked, with the bytes of its JSON text counted then (`certifiedCatalogMetadata` in
 *   quickCheckedEnvelope.ts); the books' numbering derives each numbered event's metadata from it
 *   the same way (`withVerifikationsnummer`). Its stamp is its own ({@link CertifiedMetadata}), so
 *   that neither certificate passes for the other;
 * - the envelope: the ledger hands a store a new envelope for each event (`toNewEvent`), and when
 *   its data and metadata are certified as above, its id is the data's, and its type and schema
 *   version pass the store's rules, it stamps that envelope ({@link CertifiedEnvelope}) and
 *   freezes it: a store keeps it as it is, without reading its members one by one, checking them
 *   again or copying it (`certifiedCatalogEnvelope` in quickCheckedEnvelope.ts).
 *
 * Everything else is checked by the store as for any caller: the envelope of any other object,
 * the personnummer rule on the data as its certificate allows, every size limit, and no id twice
 * in one append. The proof is a module-private class field stamped on the object itself (the
 * data, the metadata, the envelope) just before it is frozen (see {@link CertifiedData}): nothing
 * outside core can stamp an object (the module is not exported from any entry of the package), a
 * caller's own objects are never stamped, a copy or a proxy of a stamped object is not stamped,
 * and the stamp is invisible to JSON, to `Object.keys` and to every other reflection, so the
 * object stays plain JSON. (A `WeakMap` from the data to its certificate did the same at about
 * ten times the cost per event: V8's weak tables cost several hundred nanoseconds an entry,
 * garbage collection included.)
 */

/** What the catalog proved of the data it certified. */
export interface CatalogCertificate {
  /** The id the catalog made the event with. */
  readonly eventId: string;
  /**
   * False if no string of the data, keys included, can hold a personnummer (by the first look, or
   * by what the data's schema proved of a text).
   */
  readonly mayHoldPersonnummer: boolean;
}

/** A constructor that returns the object it is given: its subclass stamps that object. */
class Stamped {
  constructor(target: object) {
    return target;
  }
}

/**
 * The stamp: a private field that the constructor adds to the data object (the base class's
 * constructor returns the data object itself, so the field is defined on it). Only this class can
 * add or read the field.
 */
class CertifiedData extends Stamped {
  readonly #certificate: CatalogCertificate;

  private constructor(data: object, certificate: CatalogCertificate) {
    super(data);
    this.#certificate = certificate;
  }

  /** Stamps `data` (not yet frozen) with its certificate. */
  static stamp(data: object, certificate: CatalogCertificate): void {
    // The catalog certifies each parse's own new data once: a second stamp is a broken invariant.
    assert(!(#certificate in data), 'catalog data is certified once', {
      eventId: certificate.eventId,
    });
    new CertifiedData(data, certificate);
  }

  static certificateOf(data: object): CatalogCertificate | undefined {
    return #certificate in data ? (data as CertifiedData).#certificate : undefined;
  }
}

/**
 * Certifies `data` of an event the catalog made with `eventId`, and freezes it: plain JSON that
 * nobody else holds, whose every member object is frozen already (as `frozenEventData` in
 * ledger/frozenEventData.ts leaves it), and that is not frozen itself yet; `mayHoldPersonnummer`
 * is `valueMayHoldPersonnummer(data)`, taken as it was frozen, or false where a text that look
 * would not pass was proved free of a personnummer by its schema. Only the catalog calls this, with
 * data it made so.
 */
export function certifyCatalogData(
  data: object,
  eventId: string,
  mayHoldPersonnummer: boolean,
): void {
  CertifiedData.stamp(data, { eventId, mayHoldPersonnummer });
  Object.freeze(data);
}

/** True if `data` is data the catalog certified (frozen plain JSON). */
export const isCertifiedData = (data: object): boolean =>
  CertifiedData.certificateOf(data) !== undefined;

/** The id the catalog made the event of `data` with, if `data` is certified. */
export const certifiedEventId = (data: object): string | undefined =>
  CertifiedData.certificateOf(data)?.eventId;

/** The catalog's certificate of `data`, if `data` is certified. */
export const catalogCertificateOf = (data: object): CatalogCertificate | undefined =>
  CertifiedData.certificateOf(data);

/**
 * The metadata's stamp, apart from the data's so that neither passes for the other: a private
 * field holding the bytes of the metadata's JSON text (as `jsonByteLength` counts them), counted
 * once by the store's own rules (`certifiedCatalogMetadata` in quickCheckedEnvelope.ts) as the
 * catalog made the metadata. Only this class can add or read the field.
 */
class CertifiedMetadata extends Stamped {
  readonly #metadataBytes: number;

  private constructor(metadata: object, metadataBytes: number) {
    super(metadata);
    this.#metadataBytes = metadataBytes;
  }

  /** Stamps `metadata` (not yet frozen) with its size. */
  static stamp(metadata: object, metadataBytes: number): void {
    // Each certified metadata object is a new one made for its certificate: a second stamp is a
    // broken invariant.
    assert(!(#metadataBytes in metadata), 'catalog metadata is certified once', {
      metadataBytes,
    });
    new CertifiedMetadata(metadata, metadataBytes);
  }

  static metadataBytesOf(metadata: object): number | undefined {
    return #metadataBytes in metadata ? (metadata as CertifiedMetadata).#metadataBytes : undefined;
  }
}

/**
 * Certifies `metadata` that passed every metadata rule of the store, and freezes it: a new
 * object nobody else holds, whose member objects and arrays are frozen already, and whose JSON
 * text is `metadataBytes` bytes long. Only `certifiedCatalogMetadata` (quickCheckedEnvelope.ts)
 * calls this, with the copy its rules made.
 */
export function certifyCatalogMetadata(metadata: object, metadataBytes: number): void {
  CertifiedMetadata.stamp(metadata, metadataBytes);
  Object.freeze(metadata);
}

/** The bytes of the JSON text of `metadata`, if the catalog certified it; else `undefined`. */
export const certifiedMetadataBytes = (metadata: object): number | undefined =>
  CertifiedMetadata.metadataBytesOf(metadata);

/**
 * The envelope's stamp, apart from the data's and the metadata's so that none passes for another:
 * a private field holding the certificate of the envelope's data. The ledger stamps an envelope it
 * built itself (`certifiedCatalogEnvelope` in quickCheckedEnvelope.ts) just before it freezes it,
 * and only one whose members passed the store's own rules: exactly the five members, in the order
 * a store keeps, as plain data properties; a type and a schema version that pass their rules; data
 * the catalog certified with the envelope's id; metadata the catalog certified. Only this class
 * can add or read the field.
 */
class CertifiedEnvelope extends Stamped {
  readonly #dataCertificate: CatalogCertificate;

  private constructor(envelope: object, dataCertificate: CatalogCertificate) {
    super(envelope);
    this.#dataCertificate = dataCertificate;
  }

  /** Stamps `envelope` (not yet frozen) with its data's certificate. */
  static stamp(envelope: object, dataCertificate: CatalogCertificate): void {
    // Each certified envelope is a new one made for its certificate: a second stamp is a broken
    // invariant.
    assert(!(#dataCertificate in envelope), 'a catalog envelope is certified once', {
      eventId: dataCertificate.eventId,
    });
    new CertifiedEnvelope(envelope, dataCertificate);
  }

  static dataCertificateOf(envelope: object): CatalogCertificate | undefined {
    return #dataCertificate in envelope
      ? (envelope as CertifiedEnvelope).#dataCertificate
      : undefined;
  }
}

/**
 * Certifies an envelope the ledger built, and freezes it: a new object nobody else holds, with
 * exactly the members `eventId`, `type`, `schemaVersion`, `data` and `metadata` in that order, its
 * type and schema version passing the store's rules, its data certified (`dataCertificate`, with
 * the envelope's id) and its metadata certified. Only `certifiedCatalogEnvelope`
 * (quickCheckedEnvelope.ts) calls this, with the envelope it checked so.
 */
export function certifyCatalogEnvelope(
  envelope: object,
  dataCertificate: CatalogCertificate,
): void {
  CertifiedEnvelope.stamp(envelope, dataCertificate);
  Object.freeze(envelope);
}

/** The certificate of the data of `envelope`, if the ledger certified the envelope. */
export const certifiedEnvelopeDataCertificate = (
  envelope: object,
): CatalogCertificate | undefined => CertifiedEnvelope.dataCertificateOf(envelope);
