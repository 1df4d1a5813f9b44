import { findPersonnummer } from '../privacy/personnummer.js';
import { findPersonnummerInValue } from '../privacy/findPersonnummerInValue.js';
import { jsonTextMayHoldPersonnummer } from '../privacy/jsonTextMayHoldPersonnummer.js';
import {
  envelopeLimits,
  isExistingInstant,
  verifikationsnummerPattern,
  type NewEvent,
} from './EventEnvelope.js';
import { isoInstantPattern, typePattern, unprintable, uuidPattern } from './envelopePatterns.js';
import type { JsonValue } from './json.js';

/**
 * The envelope rules of `newEventEnvelopeSchema`, written out for the events a store takes
 * every day (issue 15): each rule is still checked on every event, but without zod's copies and
 * issue objects, and a text that already passed its rule (an event type, `recordedBy`, an
 * instant) is not examined again. `true` only where the schema, and the personnummer rule, would
 * accept the event; `false` means "not certain", and the schema then examines the event rule by
 * rule to name what is wrong. `envelopeQuickCheck.property.spec.ts` holds the two to that.
 *
 * @param copy - the event as `copyPlainJson` copied it: plain JSON, read once.
 * @param dataJson - `JSON.stringify(copy.data)`: the personnummer search looks at it first.
 * @param eventIdProven - true when the catalog made the event with this id and data (see
 *   `catalogCertificate.ts`): the id already passed its rule there, and a string cannot change.
 */
export function passesEnvelopeQuickly(
  copy: JsonValue,
  dataJson: string,
  eventIdProven = false,
): copy is JsonValue & NewEvent {
  if (!isJsonObject(copy) || !hasOnlyKeys(copy, envelopeKeys, envelopeKeys.length)) return false;
  const { eventId, type, schemaVersion, data, metadata } = copy;
  return (
    typeof eventId === 'string' &&
    (eventIdProven || isEventId(eventId)) &&
    passesTextRule(type, acceptedTypes, isType) &&
    isSchemaVersion(schemaVersion) &&
    isJsonObject(data) &&
    (!jsonTextMayHoldPersonnummer(dataJson) || findPersonnummerInValue(data) === undefined) &&
    passesMetadataQuickly(metadata)
  );
}

type JsonObject = { readonly [key: string]: JsonValue };

const isJsonObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const envelopeKeys = ['eventId', 'type', 'schemaVersion', 'data', 'metadata'] as const;
const metadataKeys = [
  'recordedAt',
  'recordedBy',
  'correlationId',
  'causationId',
  'verifikationsnummer',
  'copiedFrom',
] as const;
const copiedFromKeys = ['storedAt', 'globalPosition'] as const;

/** True if every own key is one of `known`, and there are at least `requiredCount` of them. */
function hasOnlyKeys(value: JsonObject, known: readonly string[], requiredCount: number): boolean {
  const keys = Object.keys(value);
  if (keys.length < requiredCount || keys.length > known.length) return false;
  for (let index = 0; index < keys.length; index += 1)
    if (!known.includes(keys[index]!)) return false;
  return true;
}

function passesMetadataQuickly(metadata: JsonValue | undefined): boolean {
  if (!isJsonObject(metadata) || !hasOnlyKeys(metadata, metadataKeys, 2)) return false;
  const { recordedAt, recordedBy, correlationId, causationId, verifikationsnummer, copiedFrom } =
    metadata;
  return (
    passesTextRule(recordedAt, acceptedRecordedAt, isRecordedAt) &&
    passesTextRule(recordedBy, acceptedMetadataTexts, isMetadataText) &&
    (correlationId === undefined ||
      passesTextRule(correlationId, acceptedMetadataTexts, isMetadataText)) &&
    (causationId === undefined ||
      passesTextRule(causationId, acceptedMetadataTexts, isMetadataText)) &&
    (verifikationsnummer === undefined || isVerifikationsnummerList(verifikationsnummer)) &&
    (copiedFrom === undefined || isCopiedFrom(copiedFrom))
  );
}

export const isEventId = (value: string): boolean =>
  uuidPattern.test(value) && findPersonnummer(value) === undefined;

export const isSchemaVersion = (value: unknown): boolean =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= 1 &&
  value <= envelopeLimits.schemaVersionMax;

export const isType = (value: string): boolean =>
  value.length >= 1 &&
  value.length <= envelopeLimits.typeLengthMax &&
  typePattern.test(value) &&
  findPersonnummer(value) === undefined;

export const isRecordedAt = (value: string): boolean =>
  isoInstantPattern.test(value) && isExistingInstant(value);

// recordedBy, correlationId and causationId share one rule; the quick check takes the smaller
// of their limits, and a longer text goes to the schema.
const metadataTextLengthMax = Math.min(
  envelopeLimits.recordedByLengthMax,
  envelopeLimits.correlationIdLengthMax,
);

export const isMetadataText = (value: string): boolean =>
  value.length >= 1 &&
  value.length <= metadataTextLengthMax &&
  !unprintable.test(value) &&
  findPersonnummer(value) === undefined;

function isVerifikationsnummerList(value: JsonValue): boolean {
  if (!Array.isArray(value) || value.length > envelopeLimits.verifikationsnummerPerEventMax)
    return false;
  for (let index = 0; index < value.length; index += 1) {
    const number: JsonValue = value[index]!;
    if (typeof number !== 'string' || !verifikationsnummerPattern.test(number)) return false;
  }
  return true;
}

function isCopiedFrom(value: JsonValue): boolean {
  if (!isJsonObject(value) || !hasOnlyKeys(value, copiedFromKeys, copiedFromKeys.length))
    return false;
  const { storedAt, globalPosition } = value;
  return (
    typeof storedAt === 'string' &&
    isoInstantPattern.test(storedAt) &&
    typeof globalPosition === 'number' &&
    Number.isSafeInteger(globalPosition) &&
    globalPosition >= 0
  );
}

/**
 * Texts that passed their rule, remembered so that the same text (an event type, the recorder's
 * name, the batch's instant) is not examined again. A rule is a pure function of the text, so
 * remembering its answer changes nothing; the set is emptied when it is full, so it stays small.
 */
export class PassedTexts {
  private readonly texts = new Set<string>();

  constructor(private readonly sizeMax: number) {}

  has(text: string): boolean {
    return this.texts.has(text);
  }

  add(text: string): void {
    if (this.texts.size >= this.sizeMax) this.texts.clear();
    this.texts.add(text);
  }
}

export const acceptedTypes = new PassedTexts(1_024);
export const acceptedRecordedAt = new PassedTexts(1_024);
export const acceptedMetadataTexts = new PassedTexts(1_024);

export function passesTextRule(
  value: unknown,
  passed: PassedTexts,
  rule: (text: string) => boolean,
): value is string {
  if (typeof value !== 'string') return false;
  if (passed.has(value)) return true;
  if (!rule(value)) return false;
  passed.add(value);
  return true;
}
