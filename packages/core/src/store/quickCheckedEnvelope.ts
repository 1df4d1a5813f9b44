import { findPersonnummerInValue } from '../privacy/findPersonnummerInValue.js';
import { jsonTextMayHoldPersonnummer } from '../privacy/jsonTextMayHoldPersonnummer.js';
import {
  catalogCertificateOf,
  certifiedEnvelopeDataCertificate,
  certifiedMetadataBytes,
  certifyCatalogEnvelope,
  certifyCatalogMetadata,
  type CatalogCertificate,
} from './catalogCertificate.js';
import {
  envelopeLimits,
  verifikationsnummerPattern,
  type EventMetadata,
  type NewEvent,
} from './EventEnvelope.js';
import { isoInstantPattern } from './envelopePatterns.js';
import type { JsonValue } from './json.js';
import { jsonByteLength, jsonStringByteLength } from './jsonByteLength.js';
import { hasOnlyNames, quickCopy, quickDataValue } from './quickCopy.js';
import {
  acceptedMetadataTexts,
  acceptedRecordedAt,
  acceptedTypes,
  isEventId,
  isMetadataText,
  isRecordedAt,
  isSchemaVersion,
  isType,
  passesTextRule,
} from './quickEnvelopeCheck.js';

/** An event that passed the quick pass: its copy, its data's JSON text and its metadata's size. */
export interface QuickCheckedEnvelope {
  readonly event: NewEvent;
  /** `JSON.stringify(event.data)`. */
  readonly dataJson: string;
  /** The UTF-8 bytes of `JSON.stringify(event.metadata)` (see `jsonByteLength`). */
  readonly metadataBytes: number;
}

/**
 * The envelope's copy and its quick check in one pass (issue 15): what `quickCopyKeeping` and
 * `passesEnvelopeQuickly` do one after the other, without reading the envelope twice, without a
 * generic copy's loops over members it knows by name, and measuring the metadata's size as it is
 * copied. The data of an event the catalog certified (`catalogCertificate.ts`) is kept, and its
 * id is not checked again when the envelope carries the id it was made with; metadata the
 * catalog certified is kept with the size counted when it was made. Internal to the
 * store module: not exported from the package.
 *
 * `undefined` means "not certain": the caller then takes the path this pass shortcuts (the quick
 * copy, the quick check, and the schema that names a refusal), so every refusal is what it was.
 * `quickCheckedEnvelope.property.spec.ts` holds the two to the same copies and the same answers.
 */
export function quickCheckedEnvelope(value: unknown): QuickCheckedEnvelope | undefined {
  try {
    return checkedOnce(value);
  } catch {
    // A proxy or a getter that throws: the full path names it.
    return undefined;
  }
}

const envelopeMemberCount = 5;

function checkedOnce(value: unknown): QuickCheckedEnvelope | undefined {
  // An envelope the ledger certified is kept as it is (a frozen plain object, see below).
  const envelopeCertificate = isObject(value) ? certifiedEnvelopeDataCertificate(value) : undefined;
  return envelopeCertificate === undefined
    ? checkedMemberByMember(value)
    : certifiedChecked(value as NewEvent, envelopeCertificate);
}

/** Any other envelope: each member read once, checked by its rule and copied. */
function checkedMemberByMember(value: unknown): QuickCheckedEnvelope | undefined {
  if (!isPlainObject(value)) return undefined;
  const names = Object.getOwnPropertyNames(value);
  const members = envelopeMembers(value, names);
  if (
    members === undefined ||
    !passesTextRule(members.type, acceptedTypes, isType) ||
    !isSchemaVersion(members.schemaVersion)
  )
    return undefined;
  const { eventId, data } = members;
  if (typeof eventId !== 'string' || !isObject(data)) return undefined;
  const certificate = catalogCertificateOf(data);
  // Certified data is frozen plain JSON already (depth 1: the data's depth in an envelope).
  const dataCopy = certificate === undefined ? quickCopy(data, 1) : (data as JsonValue);
  if (!isJsonObject(dataCopy)) return undefined;
  const metadataCopy = certifiedOrCopied(members.metadata);
  if (metadataCopy === undefined || (certificate?.eventId !== eventId && !isEventId(eventId)))
    return undefined;
  const dataJson = JSON.stringify(dataCopy);
  if (!holdsNoPersonnummer(dataCopy, dataJson, certificate)) return undefined;
  // The members were read into a new object: it becomes the copy, with the data's and metadata's.
  members.data = dataCopy;
  members.metadata = metadataCopy.copy;
  return {
    event: (isEnvelopeOrder(names) ? members : inOrder(names, members)) as unknown as NewEvent,
    dataJson,
    metadataBytes: metadataCopy.bytes,
  };
}

/**
 * An envelope the ledger certified (`certifiedCatalogEnvelope`): frozen, its members checked when
 * it was made, so it is kept as it is; what is left is what its certificate does not settle, the
 * personnummer rule on the data (as the data's certificate allows it) and its JSON text, which the
 * size limits measure.
 */
function certifiedChecked(
  envelope: NewEvent,
  certificate: CatalogCertificate,
): QuickCheckedEnvelope | undefined {
  const metadataBytes = certifiedMetadataBytes(envelope.metadata);
  if (metadataBytes === undefined) return undefined;
  const data = envelope.data as JsonValue;
  const dataJson = JSON.stringify(data);
  if (!holdsNoPersonnummer(data, dataJson, certificate)) return undefined;
  return { event: envelope, dataJson, metadataBytes };
}

/**
 * The envelope the ledger hands a store for a domain event (`toNewEvent`): a new object with the
 * event's five members in the order a store keeps them, certified and frozen when the store's
 * quick pass would take its members as they are (a type and a schema version that pass the
 * store's rules, data the catalog certified with this id, metadata the catalog certified), so
 * that a store keeps it as it is; any other is handed on as it is, for the store to check in full.
 */
export function certifiedCatalogEnvelope(event: {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}): NewEvent {
  // Each member read once, into an object of ours: what is checked below is what it holds.
  const envelope = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data as JsonValue,
    metadata: event.metadata,
  };
  const { eventId, data, metadata } = envelope;
  const certificate =
    isObject(data) && !Array.isArray(data) ? catalogCertificateOf(data) : undefined;
  if (
    certificate !== undefined &&
    certificate.eventId === eventId &&
    isObject(metadata) &&
    certifiedMetadataBytes(metadata) !== undefined &&
    passesTextRule(envelope.type, acceptedTypes, isType) &&
    isSchemaVersion(envelope.schemaVersion)
  )
    certifyCatalogEnvelope(envelope, certificate);
  return envelope as NewEvent;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

const isJsonObject = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The personnummer rule on the data: the certificate's first look, or the look at the JSON text,
 * then the search wherever either says one may be there.
 */
function holdsNoPersonnummer(
  data: JsonValue,
  dataJson: string,
  certificate: CatalogCertificate | undefined,
): boolean {
  const mayHold =
    certificate === undefined
      ? jsonTextMayHoldPersonnummer(dataJson)
      : certificate.mayHoldPersonnummer;
  return !mayHold || findPersonnummerInValue(data) === undefined;
}

/** An envelope's five members as read, once each. */
interface EnvelopeMembers {
  eventId: unknown;
  type: unknown;
  schemaVersion: unknown;
  data: unknown;
  metadata: unknown;
}

/**
 * Reads the five members of an envelope, once each: `undefined` unless the envelope is a plain
 * object with exactly those members, each an enumerable data property (no getter, no symbol).
 */
function envelopeMembers(value: object, names: readonly string[]): EnvelopeMembers | undefined {
  if (names.length !== envelopeMemberCount || Object.getOwnPropertySymbols(value).length !== 0)
    return undefined;
  const read: EnvelopeMembers = {
    eventId: undefined,
    type: undefined,
    schemaVersion: undefined,
    data: undefined,
    metadata: undefined,
  };
  // Own names are distinct: five known ones are the five members.
  for (let index = 0; index < envelopeMemberCount; index += 1) {
    const name = names[index]!;
    const member = quickDataValue(value, name);
    if (member === undefined || !isEnvelopeMember(name)) return undefined;
    read[name] = member;
  }
  return read;
}

const isEnvelopeMember = (name: string): name is keyof EnvelopeMembers =>
  name === 'eventId' ||
  name === 'type' ||
  name === 'schemaVersion' ||
  name === 'data' ||
  name === 'metadata';
/** True for the members in the order `toNewEvent` writes them: the copy is then one literal. */
const isEnvelopeOrder = (names: readonly string[]): boolean =>
  names[0] === 'eventId' &&
  names[1] === 'type' &&
  names[2] === 'schemaVersion' &&
  names[3] === 'data';

/** The members in the caller's order, as a copy member by member keeps them. */
function inOrder(names: readonly string[], members: EnvelopeMembers): object {
  const copy: Record<string, unknown> = {};
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index] as keyof EnvelopeMembers;
    copy[name] = members[name];
  }
  return copy;
}

/** True for an object whose prototype is `Object.prototype` or `null`, as plain JSON's are. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Metadata the catalog certified (frozen, every member checked by the rules below when it was
 * made, its size counted then) as it is; any other metadata copied and checked member by member.
 */
function certifiedOrCopied(metadata: unknown): { copy: EventMetadata; bytes: number } | undefined {
  const bytes = isObject(metadata) ? certifiedMetadataBytes(metadata) : undefined;
  return bytes === undefined
    ? copyMetadataQuickly(metadata)
    : { copy: metadata as EventMetadata, bytes };
}

/**
 * The catalog's side of the metadata's certificate (issue 15, "validate once"): a frozen copy of
 * `metadata` made and checked by the very rules a store applies (`copyMetadataQuickly`), its size
 * counted once, certified, so that each store given an event with it takes it as it is. Metadata
 * those rules are not certain of is handed back as it is, for the store to check in full. Only the
 * ledger calls this, once per metadata object it made (`EventCatalog`'s parse of the metadata).
 */
export function certifiedCatalogMetadata(metadata: EventMetadata): EventMetadata {
  const checked = copyMetadataQuickly(metadata);
  if (checked === undefined) return metadata;
  const copy = checked.copy as { verifikationsnummer?: unknown; copiedFrom?: unknown };
  if (copy.verifikationsnummer !== undefined) Object.freeze(copy.verifikationsnummer);
  if (copy.copiedFrom !== undefined) Object.freeze(copy.copiedFrom);
  certifyCatalogMetadata(checked.copy, checked.bytes);
  return checked.copy;
}

/**
 * Certified metadata with the verifikation numbers the books gave its event (what
 * `numberVerifikationer` stores with an event that books verifikationer): a new object with the
 * members of `metadata` and `numbers`, the numbers checked by the store's rule and the size
 * counted from the certified one's. Metadata that is not certified, or numbers the rule is not
 * certain of, give the same object uncertified, for the store to check in full.
 */
export function withVerifikationsnummer(
  metadata: EventMetadata,
  numbers: readonly string[],
): EventMetadata {
  const annotated: { -readonly [Key in keyof EventMetadata]: EventMetadata[Key] } = Object.assign(
    {},
    metadata,
  );
  annotated.verifikationsnummer = numbers as string[];
  const bytes = certifiedMetadataBytes(metadata);
  const checked = bytes === undefined ? undefined : checkedNumbersCopy(numbers);
  if (bytes === undefined || checked === undefined) return annotated;
  const given = metadata.verifikationsnummer;
  // A number list already given keeps its place; a new one is a member more: its name in quotes,
  // a colon and a comma.
  const withoutGiven =
    given === undefined
      ? bytes + 'verifikationsnummer'.length + 4
      : bytes - verifikationsnummerBytes(given);
  annotated.verifikationsnummer = Object.freeze(checked) as string[];
  certifyCatalogMetadata(annotated, withoutGiven + verifikationsnummerBytes(checked));
  return annotated;
}

/**
 * A copy of the numbers the books gave an event, each checked by the store's rule as it is read:
 * what is copied is what was checked, so the list given need not be read as a stranger's is
 * (`copyVerifikationsnummer`); `undefined` if a number does not pass.
 */
function checkedNumbersCopy(numbers: readonly string[]): string[] | undefined {
  const length = numbers.length;
  if (!(length <= envelopeLimits.verifikationsnummerPerEventMax)) return undefined;
  // Made at its length: a list pushed onto from empty gets room for some twenty numbers.
  const copy: string[] = new Array<string>(length);
  for (let index = 0; index < length; index += 1) {
    const number: unknown = numbers[index];
    if (typeof number !== 'string' || !verifikationsnummerPattern.test(number)) return undefined;
    copy[index] = number;
  }
  return copy;
}

/**
 * The metadata's copy, each member checked by its rule as it is read, and the bytes of its JSON
 * text as `jsonByteLength` counts them; `undefined` if any member is not certain.
 */
function copyMetadataQuickly(
  metadata: unknown,
): { copy: EventMetadata; bytes: number } | undefined {
  if (!isPlainObject(metadata)) return undefined;
  const names = Object.getOwnPropertyNames(metadata);
  if (names.length < 2 || names.length > 6 || Object.getOwnPropertySymbols(metadata).length !== 0)
    return undefined;
  const copy: Record<string, JsonValue> = {};
  // Braces, a colon per member and the commas between them.
  let bytes = names.length * 2 + 1;
  let required = 0;
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index]!;
    const memberBytes = copyMetadataMember(name, quickDataValue(metadata, name), copy);
    if (memberBytes < 0) return undefined;
    if (name === 'recordedAt' || name === 'recordedBy') required += 1;
    // Every known member's name is ASCII: its quotes and its characters.
    bytes += name.length + 2 + memberBytes;
  }
  return required === 2 ? { copy: copy as unknown as EventMetadata, bytes } : undefined;
}

/**
 * Copies one member of the metadata into `copy` if it passes its rule; returns the bytes of its
 * value's JSON text, or -1 (nothing copied) if it is not certain.
 */
function copyMetadataMember(
  name: string,
  member: unknown,
  copy: Record<string, JsonValue>,
): number {
  let bytes: number;
  let value: JsonValue | undefined = member as JsonValue;
  switch (name) {
    case 'recordedAt':
      // An ISO instant is ASCII without anything JSON escapes.
      if (!passesTextRule(member, acceptedRecordedAt, isRecordedAt)) return -1;
      bytes = member.length + 2;
      break;
    case 'recordedBy':
    case 'correlationId':
    case 'causationId':
      if (!passesTextRule(member, acceptedMetadataTexts, isMetadataText)) return -1;
      bytes = jsonStringByteLength(member);
      break;
    case 'verifikationsnummer':
      value = copyVerifikationsnummer(member);
      if (value === undefined) return -1;
      bytes = verifikationsnummerBytes(value as readonly string[]);
      break;
    case 'copiedFrom':
      value = copyCopiedFrom(member);
      if (value === undefined) return -1;
      bytes = jsonByteLength(value);
      break;
    default:
      return -1;
  }
  copy[name] = value;
  return bytes;
}

/** A list of verifikation numbers: an array without holes or extra members, each number valid. */
function copyVerifikationsnummer(member: unknown): string[] | undefined {
  if (!Array.isArray(member) || Object.getPrototypeOf(member) !== Array.prototype) return undefined;
  const length = member.length;
  if (
    length > envelopeLimits.verifikationsnummerPerEventMax ||
    // The length and one key per number: no holes, no extra members.
    !hasOnlyNames(member, length + 1)
  )
    return undefined;
  const copy: string[] = new Array<string>(length);
  for (let index = 0; index < length; index += 1) {
    const number = quickDataValue(member, index);
    if (typeof number !== 'string' || !verifikationsnummerPattern.test(number)) return undefined;
    copy[index] = number;
  }
  return copy;
}

/**
 * The bytes of a list of verifikation numbers as JSON: its brackets, the commas between the
 * numbers, and each number (ASCII digits and a dash) in its quotes.
 */
function verifikationsnummerBytes(numbers: readonly string[]): number {
  let bytes = numbers.length === 0 ? 2 : numbers.length + 1;
  for (let index = 0; index < numbers.length; index += 1) bytes += numbers[index]!.length + 2;
  return bytes;
}

/** Where an event was copied from: its stamp and its position, nothing else. */
function copyCopiedFrom(member: unknown): JsonValue | undefined {
  if (!isPlainObject(member)) return undefined;
  const names = Object.getOwnPropertyNames(member);
  if (names.length !== 2 || Object.getOwnPropertySymbols(member).length !== 0) return undefined;
  const copy: Record<string, JsonValue> = {};
  for (const name of names) {
    const value = quickDataValue(member, name);
    if (name === 'storedAt') {
      if (typeof value !== 'string' || !isoInstantPattern.test(value)) return undefined;
      copy[name] = value;
    } else if (name === 'globalPosition') {
      if (
        typeof value !== 'number' ||
        !Number.isSafeInteger(value) ||
        value < 0 ||
        Object.is(value, -0)
      )
        return undefined;
      copy[name] = value;
    } else return undefined;
  }
  return copy;
}
