import * as E from 'fp-ts/Either';
import { ledgerError, type ErrorCode, type Issue, type LedgerError } from '../error.js';
import {
  findPersonnummerInValue,
  personnummerMessage,
  personnummerRule,
} from '../privacy/findPersonnummerInValue.js';
import { envelopeLimits, newEventEnvelopeSchema, type NewEvent } from './EventEnvelope.js';
import { copyPlainJson, type JsonValue } from './json.js';
import { certifiedEventId, isCertifiedData } from './catalogCertificate.js';
import { jsonByteLength } from './jsonByteLength.js';
import { quickCopyKeeping } from './quickCopy.js';
import { passesEnvelopeQuickly } from './quickEnvelopeCheck.js';
import { quickCheckedEnvelope } from './quickCheckedEnvelope.js';
import { issuesOfZodError, type ZodErrorLike } from '../util/issuesOfZodError.js';

/**
 * The envelope rules of an append's batch (`validateAppend` in `appendRules.ts`): each event's
 * shape, ids, metadata, plain-JSON data, personnummer and size rules, and no id twice. Internal to
 * the store module: not exported from the package.
 */

/** The issues of a zod refusal, each path under `prefix`, each message without it. */
export const zodIssues = (prefix: string, error: ZodErrorLike): Issue[] =>
  issuesOfZodError(error, { prefix, messageNamesPath: false });

/**
 * The code of a refusal: a personnummer anywhere is `PERSONNUMMER_REFUSED`, whatever else is
 * wrong, so that every layer refuses it with the same code.
 */
export const refusalCode = (issues: readonly Issue[], otherwise: ErrorCode): ErrorCode =>
  issues.some((issue) => issue.rule === personnummerRule) ? 'PERSONNUMMER_REFUSED' : otherwise;

/** A batch that passed the envelope rules: the copies, and each copy's data as JSON text. */
export interface CheckedEvents {
  readonly events: readonly NewEvent[];
  readonly dataJson: readonly string[];
}

/**
 * {@link validateAppend}'s checks of a batch without the one quick pass over each envelope
 * (`quickCheckedEnvelope`): the path every event took before it, kept as the reference the
 * shortcut is held to (`quickCheckedEnvelope.property.spec.ts`). Internal: not exported from the
 * package.
 */
export const checkNewEventsInFull = (events: unknown): E.Either<LedgerError, CheckedEvents> =>
  checkNewEvents(events, false);

export function checkNewEvents(
  events: unknown,
  oneQuickPass = true,
): E.Either<LedgerError, CheckedEvents> {
  const refused = batchRefusal(events);
  if (refused !== undefined) return E.left(refused);
  const batch = events as readonly unknown[];
  const seen = new Set<string>();
  // Made at the batch's length and filled in order: pushed onto from empty, each list would be
  // grown and copied several times over a batch.
  const copies = new Array<NewEvent>(batch.length);
  const dataJson = new Array<string>(batch.length);
  const sizes = new AppendSizes(dataJson);
  for (let index = 0; index < batch.length; index += 1) {
    // Nearly every event passes the one quick pass; any other is examined rule by rule.
    const quick = oneQuickPass ? quickCheckedEnvelope(batch[index]) : undefined;
    let event: NewEvent;
    let json: string;
    let metadataBytes: number;
    if (quick === undefined) {
      const checked = checkEnvelope(batch[index], `events[${index}]`);
      if (E.isLeft(checked)) return checked;
      ({ event, dataJson: json } = checked.right);
      // The metadata is the checked copy, plain JSON: its bytes are counted, not written.
      metadataBytes = jsonByteLength(event.metadata as unknown as JsonValue);
    } else ({ event, dataJson: json, metadataBytes } = quick);
    const tooLarge = sizes.add(index, json, metadataBytes);
    if (tooLarge !== undefined) return E.left(tooLarge);
    if (seen.has(event.eventId)) return E.left(idTwiceRefusal(index, event.eventId));
    seen.add(event.eventId);
    copies[index] = event;
    dataJson[index] = json;
  }
  return E.right({ events: copies, dataJson });
}

/** The refusal of an id that appears twice in one append. */
function idTwiceRefusal(index: number, eventId: string): LedgerError {
  const prefix = `events[${index}]`;
  return ledgerError('INVALID_EVENT', `${prefix}.eventId ${eventId} appears twice in one append`, {
    issues: [
      {
        path: `${prefix}.eventId`,
        rule: 'unique-in-append',
        message: 'the same event id appears twice in one append',
      },
    ],
  });
}

/** The refusal of a batch that is not an array of 1 to `eventsPerAppendMax` events, if it is. */
function batchRefusal(events: unknown): LedgerError | undefined {
  if (!Array.isArray(events)) {
    return ledgerError('INVALID_EVENT', 'events must be an array', {
      issues: [{ path: 'events', rule: 'array', message: 'events must be an array' }],
    });
  }
  if (events.length === 0) {
    return ledgerError('INVALID_EVENT', 'an append needs at least one event', {
      issues: [
        { path: 'events', rule: 'non-empty', message: 'an append needs at least one event' },
      ],
    });
  }
  if (events.length > envelopeLimits.eventsPerAppendMax) {
    return ledgerError(
      'INVALID_EVENT',
      `an append takes at most ${envelopeLimits.eventsPerAppendMax} events`,
      {
        issues: [
          { path: 'events', rule: 'events-per-append-max', message: `got ${events.length}` },
        ],
      },
    );
  }
  return undefined;
}

/**
 * The size limits of an append's events, checked event by event in order: each event's data, and
 * the data and metadata of the events up to it. A text of `length` UTF-16 units takes at most
 * `3 * length` bytes in UTF-8, so while those bounds stay within both limits no exact count can
 * exceed them and none is taken (nearly every append: a 1 MiB limit, events of a few hundred
 * bytes); from the first event whose bound does not, the data's bytes are counted exactly, those
 * of the events before it included, and checked as before. The refusals, and the byte counts
 * they name, are therefore those of counting every event exactly.
 */
class AppendSizes {
  /** The metadata's bytes of the events so far (always exact). */
  private metadataBytes = 0;
  /** An upper bound of the data's bytes of the events so far, while `exactBytes` is not kept. */
  private dataBytesBound = 0;
  /** The exact bytes of the data and metadata of the events so far, once counted. */
  private exactBytes: number | undefined;

  /** `dataJson`: the events' data as JSON text, in order, each added before it is checked. */
  constructor(private readonly dataJson: readonly string[]) {}

  /** Checks event `index` (its data's JSON text and its metadata's bytes); its refusal, if any. */
  add(index: number, json: string, metadataBytes: number): LedgerError | undefined {
    this.metadataBytes += metadataBytes;
    if (this.exactBytes === undefined) {
      const bound = json.length * 3;
      if (
        bound <= envelopeLimits.eventDataBytesMax &&
        this.dataBytesBound + bound + this.metadataBytes <= envelopeLimits.appendBytesMax
      ) {
        this.dataBytesBound += bound;
        return undefined;
      }
      // The events before this one, counted exactly (each passed the check on its bound).
      let exact = this.metadataBytes - metadataBytes;
      for (let before = 0; before < index; before += 1)
        exact += Buffer.byteLength(this.dataJson[before]!, 'utf8');
      this.exactBytes = exact;
    }
    const dataBytes = Buffer.byteLength(json, 'utf8');
    this.exactBytes += dataBytes + metadataBytes;
    return sizeRefusal(index, dataBytes, this.exactBytes);
  }
}

/**
 * The refusal of an event whose data is over its limit, or of an append over its limit at this
 * event (`appendBytes` counts the data and metadata of the events up to it), if it is.
 */
function sizeRefusal(
  index: number,
  dataBytes: number,
  appendBytes: number,
): LedgerError | undefined {
  if (dataBytes > envelopeLimits.eventDataBytesMax) {
    const prefix = `events[${index}]`;
    return ledgerError(
      'INVALID_EVENT',
      `${prefix}.data is ${dataBytes} bytes; the limit is ${envelopeLimits.eventDataBytesMax}`,
      {
        issues: [
          { path: `${prefix}.data`, rule: 'event-data-bytes-max', message: `${dataBytes} bytes` },
        ],
      },
    );
  }
  if (appendBytes > envelopeLimits.appendBytesMax) {
    const prefix = `events[${index}]`;
    return ledgerError(
      'INVALID_EVENT',
      `the append is over ${envelopeLimits.appendBytesMax} bytes at ${prefix}; split it into several appends`,
      {
        issues: [
          {
            path: prefix,
            rule: 'append-bytes-max',
            message: `over ${envelopeLimits.appendBytesMax} bytes in one append`,
          },
        ],
      },
    );
  }
  return undefined;
}

/**
 * Copies one event as plain JSON (reading each property once), then checks the copy's
 * envelope, metadata and personnummer rules. The copy is what the adapter stores, so what
 * was checked is what is stored. The rules are checked quickly first (`passesEnvelopeQuickly`);
 * only an event that does not pass them quickly is examined by the schema, which names the
 * field and the rule of a refusal. Data the catalog made (`catalogCertificate.ts`) is frozen
 * plain JSON already: it is kept, not copied, and an id it was made with is not checked again.
 */
function checkEnvelope(
  event: unknown,
  prefix: string,
): E.Either<LedgerError, { event: NewEvent; dataJson: string }> {
  // Data the catalog certified (frozen plain JSON) is kept as it is; the rest is copied.
  const quick = quickCopyKeeping(event, isCertifiedData);
  const copied = quick === undefined ? copyPlainJson(event, prefix) : { value: quick };
  if ('issue' in copied) {
    return E.left(
      ledgerError('INVALID_EVENT', `Invalid event: ${copied.issue.message}`, {
        issues: [copied.issue],
      }),
    );
  }
  const data = (copied.value as { data?: JsonValue } | null)?.data;
  const dataJson = JSON.stringify(data) ?? '';
  if (passesEnvelopeQuickly(copied.value, dataJson, eventIdProven(copied.value, data)))
    return E.right({ event: copied.value, dataJson });
  const parsed = newEventEnvelopeSchema.safeParse(copied.value);
  if (!parsed.success) {
    const issues = zodIssues(prefix, parsed.error);
    return E.left(
      ledgerError(
        refusalCode(issues, 'INVALID_EVENT'),
        `Invalid event at ${issues[0]?.path}: ${issues[0]?.message}`,
        { issues },
      ),
    );
  }
  const copy = copied.value as unknown as NewEvent;
  // The schema's record of data leaves out an own `__proto__` key (zod never copies one), so
  // its personnummer rule never saw what is stored under it; the stored copy is searched whole.
  const hidden = findPersonnummerInValue(copy.data);
  if (hidden !== undefined) {
    const path = [prefix, 'data', ...hidden.path.map(String)]
      .filter((part) => part !== '')
      .join('.');
    const message = personnummerMessage(
      hidden.match,
      hidden.inKey ? 'is a key that looks like' : 'looks like',
    );
    return E.left(
      ledgerError('PERSONNUMMER_REFUSED', `Invalid event at ${path}: ${message}`, {
        issues: [{ path, rule: personnummerRule, message }],
      }),
    );
  }
  return E.right({ event: copy, dataJson });
}

/** True if the catalog made the event with this id and this (certified) data. */
function eventIdProven(copy: JsonValue, data: JsonValue | undefined): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const eventId = certifiedEventId(data);
  return eventId !== undefined && eventId === (copy as { eventId?: JsonValue }).eventId;
}
