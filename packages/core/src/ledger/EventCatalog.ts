import * as E from 'fp-ts/Either';
import { ledgerError, refusalInBatch, type LedgerError } from '../error.js';
import {
  compiledSchemaOf,
  InvalidEventData,
  issuesFromZod,
  parseEventData,
  validateEventData,
  type EventDefinition,
} from '../events/defineEvent.js';
import { personnummerRule } from '../privacy/findPersonnummerInValue.js';
import { newEventId, newEventIds } from '../privacy/newEventId.js';
import { certifyCatalogData } from '../store/catalogCertificate.js';
import { refusalCode, zodIssues } from '../store/checkNewEvents.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../store/EventEnvelope.js';
import { eventMetadataSchema, newEventEnvelopeSchema } from '../store/EventEnvelope.js';
import {
  certifiedCatalogEnvelope,
  certifiedCatalogMetadata,
} from '../store/quickCheckedEnvelope.js';
import type { ZodErrorLike } from '../util/issuesOfZodError.js';
import { frozenEventData } from './frozenEventData.js';

/** A validated event of the catalog, at its current schema version. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** A domain event read back from a store: with its stream position. */
export interface RecordedDomainEvent<
  Type extends string = string,
  Data = unknown,
> extends DomainEvent<Type, Data> {
  readonly streamId: string;
  readonly streamRevision: number;
  readonly globalPosition: number;
}

/** Options of {@link EventCatalog.create}. */
export interface CreateEventOptions {
  /** The idempotency key; a random UUID when left out. Give it to make retries safe. */
  readonly eventId?: string;
  readonly metadata: EventMetadata;
}

/** The union of the domain events of a list of definitions. */
export type DomainEventOf<Definitions extends readonly EventDefinition<string, unknown>[]> = {
  [Index in keyof Definitions]: Definitions[Index] extends EventDefinition<infer Type, infer Data>
    ? DomainEvent<Type, Data>
    : never;
}[number];

/** The definitions of a list of event modules, one per module, in the same order and types. */
export type DefinitionsOf<Modules extends readonly { readonly definition: EventDefinition }[]> = {
  [Index in keyof Modules]: Modules[Index]['definition'];
};

/**
 * The definitions of a list of event modules (anything with a `definition`), keeping each
 * module's type, so that a catalog can be built from the one list of modules.
 */
export const definitionsOf = <
  const Modules extends readonly { readonly definition: EventDefinition }[],
>(
  modules: Modules,
): DefinitionsOf<Modules> => modules.map((module) => module.definition) as DefinitionsOf<Modules>;

/**
 * A set of event definitions by type: validates new events on the way in (zod), upcasts
 * and decodes stored events on the way out.
 */
export interface EventCatalog<Event extends DomainEvent = DomainEvent> {
  readonly definitions: readonly EventDefinition<string, unknown>[];
  definition(type: string): EventDefinition<string, unknown> | undefined;
  /** Validates `data` against the type's schema and wraps it in an envelope. */
  create<Type extends Event['type']>(
    type: Type,
    data: unknown,
    options: CreateEventOptions,
  ): E.Either<LedgerError, Extract<Event, { type: Type }>>;
  /**
   * Creates several events, each as {@link create} does, in order: the first refusal is the
   * answer. A metadata object that several of them share is checked once (what `recordAll`
   * gives when one writer records a batch).
   */
  createAll(
    entries: readonly {
      readonly type: Event['type'];
      readonly data: unknown;
      readonly options: CreateEventOptions;
    }[],
  ): E.Either<LedgerError, Event[]>;
  /** Decodes a stored event: known type, supported version, upcast, schema-valid. */
  decode(stored: StoredEvent): E.Either<LedgerError, Event & RecordedDomainEvent>;
  /**
   * Checks an event built by hand (not by `create`): known type, current schema version,
   * UUID id, valid metadata and schema-valid data. Returns the event with its parsed data.
   */
  validate(event: DomainEvent): E.Either<LedgerError, Event>;
  /**
   * Turns a domain event into what a store takes: a new envelope, certified and frozen when the
   * catalog made the event's data (with this id) and metadata and the store's rules accept its
   * type and schema version (then a store takes it without copying it); otherwise handed on as
   * built, for the store to check in full.
   */
  toNewEvent(event: Event): NewEvent;
}

/** The definitions of a catalog by type. */
type DefinitionsByType = ReadonlyMap<string, EventDefinition>;

const unknownType = (byType: DefinitionsByType, type: string) =>
  ledgerError(
    'UNKNOWN_EVENT_TYPE',
    `Unknown event type ${JSON.stringify(type)}; known types: ${[...byType.keys()].join(', ')}`,
    {
      issues: [
        {
          path: 'type',
          rule: 'known-event-type',
          message: `unknown event type ${JSON.stringify(type)}`,
        },
      ],
      details: { type },
    },
  );

function parseMetadata(metadata: unknown): E.Either<LedgerError, EventMetadata> {
  // Compiled as the data's schemas are: the refusals are zod's parser's own.
  const parsed = compiledSchemaOf(eventMetadataSchema).safeParse(metadata);
  // Handed on certified (a frozen copy the store's own rules checked), so that a store takes it as
  // it is; metadata those rules are not certain of is handed on as it is, for the store to check.
  if (parsed.success) return E.right(certifiedCatalogMetadata(parsed.data));
  const issues = issuesFromZod('metadata', parsed.error, metadata);
  const code = issues.some((issue) => issue.rule === personnummerRule)
    ? 'PERSONNUMMER_REFUSED'
    : 'VALIDATION_FAILED';
  return E.left(
    ledgerError(code, `metadata refused: ${issues.map((issue) => issue.message).join('; ')}`, {
      issues,
    }),
  );
}

/**
 * One refusal for an event whose metadata and data are both refused, so that whoever wrote it
 * mends every field at once rather than learning of the data only after mending the metadata.
 */
function refusalOfMetadataAndData(
  type: string,
  metadataError: LedgerError,
  dataError: LedgerError,
): LedgerError {
  const issues = [...metadataError.issues, ...dataError.issues];
  const code = [metadataError.code, dataError.code].includes('PERSONNUMMER_REFUSED')
    ? 'PERSONNUMMER_REFUSED'
    : 'VALIDATION_FAILED';
  const listed = issues.map((issue) => `${issue.message} [${issue.rule}]`).join('; ');
  return ledgerError(code, `${type} refused: ${listed}`, { issues, details: { type } });
}

/** Metadata already checked in one {@link createEvents} call, by the object given. */
type ParsedMetadata = Map<unknown, E.Either<LedgerError, EventMetadata>>;

/**
 * A refusal of {@link createEvent}, told apart from an event by its class: a batch's events are
 * made without an `Either` each, and the `Either` is built once, at the catalog's API.
 */
class Refused {
  constructor(readonly error: LedgerError) {}
}

function createEvent(
  byType: DefinitionsByType,
  type: string,
  data: unknown,
  options: CreateEventOptions,
  parsedMetadata?: ParsedMetadata,
  batchIds?: BatchEventIds,
): DomainEvent | Refused {
  const definition = byType.get(type);
  if (!definition) return new Refused(unknownType(byType, type));
  let metadata = parsedMetadata?.get(options.metadata);
  if (metadata === undefined) {
    metadata = parseMetadata(options.metadata);
    parsedMetadata?.set(options.metadata, metadata);
  }
  const validated = parseEventData(definition, data);
  if (E.isLeft(metadata))
    return new Refused(
      validated instanceof InvalidEventData
        ? refusalOfMetadataAndData(type, metadata.left, validated.error)
        : metadata.left,
    );
  if (validated instanceof InvalidEventData) return new Refused(validated.error);
  // A given id is checked here as `validate` checks it, so that what `create` returns is
  // valid in full and need not be validated again before it is recorded.
  if (options.eventId !== undefined) {
    const refused = refuseEnvelope(
      type,
      options.eventId,
      eventIdSchema.safeParse({ eventId: options.eventId }),
    );
    if (refused !== undefined) return new Refused(refused);
  }
  const eventId = eventIdOf(options.eventId, batchIds);
  // Handed on certified (frozen data), so that a store need not check again what was checked here;
  // data that is not plain JSON is handed on as it is, for the store to refuse.
  const frozen = frozenEventData(definition.schema, validated, data);
  const certified = typeof frozen?.data === 'object' && frozen.data !== null;
  if (certified) certifyCatalogData(frozen.data, eventId, frozen.mayHoldPersonnummer);
  return {
    eventId,
    type,
    schemaVersion: definition.schemaVersion,
    data: certified ? frozen.data : validated,
    metadata: metadata.right,
  };
}

/** The id given, or a new one: the batch's next when a batch is made, else one drawn alone. */
const eventIdOf = (given: string | undefined, batchIds: BatchEventIds | undefined): string =>
  given ?? batchIds?.next() ?? newEventId();

/**
 * The ids {@link createEvents} draws for the events of a batch that come without one: drawn
 * together (`newEventIds`), when the first of them needs one, as many as the batch has entries
 * from that one on; each handed out where `createEvent` would draw one alone, so that every event
 * is read and refused in the same order as before.
 */
class BatchEventIds {
  private drawn: readonly string[] = [];
  private taken = 0;
  /** The entry being made: the ids a draw needs at most are those of it and the ones after it. */
  private entryIndex = 0;

  constructor(private readonly eventCount: number) {}

  /** Says which entry of the batch is made next. */
  atEntry(index: number): void {
    this.entryIndex = index;
  }

  /** The next id drawn for the batch. */
  next(): string {
    if (this.taken === this.drawn.length) {
      this.drawn = newEventIds(this.eventCount - this.entryIndex);
      this.taken = 0;
    }
    return this.drawn[this.taken++]!;
  }
}

/**
 * Creates each event in order, stopping at the first refusal. The events are made one after
 * another without yielding, so a metadata object cannot change between them: it is parsed once
 * (keyed by the object itself) and its parsed copy is shared by the events that gave it.
 */
function createEvents(
  byType: DefinitionsByType,
  entries: readonly {
    readonly type: string;
    readonly data: unknown;
    readonly options: CreateEventOptions;
  }[],
): E.Either<LedgerError, DomainEvent[]> {
  // The type says an array; a caller from plain JavaScript may hand anything. The list below is
  // made at `entries.length`, which for anything else would be a list of holes taken as events.
  if (!Array.isArray(entries))
    return E.left(
      ledgerError('INVALID_EVENT', 'the events to create must be an array', {
        issues: [{ path: 'events', rule: 'array', message: 'the events must be an array' }],
      }),
    );
  const parsedMetadata: ParsedMetadata = new Map();
  // Made at the batch's length and filled in order: pushed onto from empty, it would be grown
  // and copied several times over a batch.
  const created = new Array<DomainEvent>(entries.length);
  const batchIds = new BatchEventIds(entries.length);
  for (let index = 0; index < entries.length; index += 1) {
    const { type, data, options } = entries[index]!;
    batchIds.atEntry(index);
    const event = createEvent(byType, type, data, options, parsedMetadata, batchIds);
    if (event instanceof Refused)
      return E.left(refusalInBatch(event.error, index, entries.length, String(type)));
    created[index] = event;
  }
  return E.right(created);
}

// The envelope's own rule for an id, with the path `eventId` its issues carry in the envelope.
const eventIdSchema = newEventEnvelopeSchema.pick({ eventId: true });

/** The refusal of an envelope (or of its id alone) that zod did not accept. */
function refuseEnvelope(
  type: string,
  eventId: string,
  parsed: { success: boolean; error?: ZodErrorLike },
): LedgerError | undefined {
  if (parsed.success || parsed.error === undefined) return undefined;
  const issues = zodIssues('', parsed.error);
  // A refused id is not echoed: it may be the very personnummer the refusal is about.
  const named = issues.some((issue) => issue.path === 'eventId') ? type : `${type} ${eventId}`;
  return ledgerError(
    refusalCode(issues, 'INVALID_EVENT'),
    `${named} refused: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    { issues },
  );
}

function validateEvent(
  byType: DefinitionsByType,
  event: DomainEvent,
): E.Either<LedgerError, DomainEvent> {
  const definition = byType.get(event.type);
  if (!definition) return E.left(unknownType(byType, event.type));
  if (event.schemaVersion !== definition.schemaVersion) {
    return E.left(
      ledgerError(
        'UNSUPPORTED_SCHEMA_VERSION',
        `New ${event.type} events are written at schema version ${definition.schemaVersion}, not ${event.schemaVersion}`,
        {
          issues: [
            {
              path: 'schemaVersion',
              rule: 'current-schema-version',
              message: `must be ${definition.schemaVersion}`,
            },
          ],
          details: { type: event.type },
        },
      ),
    );
  }
  const envelope = newEventEnvelopeSchema.safeParse({
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
  });
  const refused = refuseEnvelope(event.type, event.eventId, envelope);
  if (refused !== undefined) return E.left(refused);
  const validated = validateEventData(definition, event.data);
  if (E.isLeft(validated)) return validated;
  return E.right({
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: validated.right,
    metadata: event.metadata,
  });
}

function decodeEvent(
  byType: DefinitionsByType,
  stored: StoredEvent,
): E.Either<LedgerError, RecordedDomainEvent> {
  const definition = byType.get(stored.type);
  if (!definition) return E.left(unknownType(byType, stored.type));
  const validated = validateEventData(definition, stored.data, stored.schemaVersion);
  if (E.isLeft(validated)) {
    return E.left(
      ledgerError(
        validated.left.code,
        `Stored event ${stored.eventId} (${stored.streamId}@${stored.streamRevision}) does not decode: ${validated.left.message}`,
        {
          issues: validated.left.issues,
          details: {
            eventId: stored.eventId,
            streamId: stored.streamId,
            streamRevision: stored.streamRevision,
          },
        },
      ),
    );
  }
  // `Object.assign`, not a spread: the same members in the same order, and faster on the hot
  // path of every replay.
  const decoded = Object.assign({}, stored) as {
    -readonly [Key in keyof StoredEvent]: StoredEvent[Key];
  };
  decoded.schemaVersion = definition.schemaVersion;
  decoded.data = validated.right;
  return E.right(decoded);
}

/** Builds a catalog from definitions; type names must be unique. */
export function createEventCatalog<
  const Definitions extends readonly EventDefinition<string, unknown>[],
>(definitions: Definitions): EventCatalog<DomainEventOf<Definitions>> {
  type Event = DomainEventOf<Definitions>;
  const byType = new Map<string, EventDefinition<string, unknown>>();
  for (const definition of definitions) {
    if (byType.has(definition.type))
      throw ledgerError('ASSERTION_FAILED', `Event type ${definition.type} is defined twice`);
    byType.set(definition.type, definition);
  }
  return {
    definitions,
    definition: (type) => byType.get(type),
    create: (type, data, options) => {
      const event = createEvent(byType, type, data, options);
      return (event instanceof Refused ? E.left(event.error) : E.right(event)) as E.Either<
        LedgerError,
        Extract<Event, { type: typeof type }>
      >;
    },
    createAll: (entries) => createEvents(byType, entries) as E.Either<LedgerError, Event[]>,
    validate: (event) => validateEvent(byType, event) as E.Either<LedgerError, Event>,
    decode: (stored) =>
      decodeEvent(byType, stored) as E.Either<LedgerError, Event & RecordedDomainEvent>,
    // Certified and frozen when the catalog made its data and metadata, so that a store keeps
    // the envelope as it is instead of reading it member by member (quickCheckedEnvelope.ts).
    toNewEvent: (event) => certifiedCatalogEnvelope(event),
  };
}
