import * as E from 'fp-ts/Either';
import { z } from 'zod';
import { ledgerError, type Issue, type LedgerError } from '../error.js';
import { issuesOfZodError } from '../util/issuesOfZodError.js';

/** Turns an older schema version's data into the next version's. */
export interface Upcaster {
  /** The version this upcaster reads; it produces `fromVersion + 1`. */
  readonly fromVersion: number;
  upcast(data: unknown): unknown;
}

/**
 * One event of the catalog: its type name, current schema version, zod schema (the
 * contract users see), business date, a paragraph on what it means in the förbund's
 * world, and upcasters from older versions. `Input` is what the schema accepts as typed
 * by the caller (amounts as decimal strings); `Data` what it gives back once validated.
 */
export interface EventDefinition<Type extends string = string, Data = unknown, Input = unknown> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly schema: z.ZodType<Data, Input>;
  /** Which part of the ledger the event belongs to. */
  readonly category: 'bokföring' | 'deltagare' | 'budget' | 'verksamhet';
  /** The date the business fact happened (affärshändelsens datum), `YYYY-MM-DD`. */
  businessDate(data: Data): string;
  /** What the event means, in a paragraph; printed in the generated event catalog. */
  readonly description: string;
  readonly upcasters: readonly Upcaster[];
}

/** Declares an event definition. */
export function defineEvent<const Type extends string, Data, Input>(definition: {
  type: Type;
  schemaVersion?: number;
  schema: z.ZodType<Data, Input>;
  category: EventDefinition['category'];
  businessDate: (data: Data) => string;
  description: string;
  upcasters?: readonly Upcaster[];
}): EventDefinition<Type, Data, Input> {
  return { schemaVersion: 1, upcasters: [], ...definition };
}

/** The data type of an event definition. */
export type DataOf<Definition> =
  Definition extends EventDefinition<string, infer Data, unknown> ? Data : never;

/** What a caller writes for an event definition's data: the schema's input type. */
export type InputOf<Definition> =
  Definition extends EventDefinition<string, unknown, infer Input> ? Input : never;

/**
 * Zod's issues of an event's data or metadata as ours, each path under `prefix` (see
 * {@link issuesOfZodError}); with the `input` that was parsed, a field it lacks is `required`.
 */
export const issuesFromZod = (prefix: string, error: z.ZodError, input?: unknown): Issue[] =>
  issuesOfZodError(error, { prefix, input });

/** Each schema's compiled parser, made on its first use (see {@link compiledSchemaOf}). */
const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema as zod's ahead-of-time compiler (`z.compile`) makes it: a parser generated once
 * from the schema's tree, calling the schema's own refinements and transforms, that answers
 * every input it accepts and hands every other input to zod's ordinary parser, so that a
 * refusal's issues are the ordinary parser's own. A schema the compiler cannot model (or a
 * runtime without `new Function`) is given back as it is. Every event recorded and every event
 * replayed is checked here: the compiled parser takes about a third of the time of the
 * ordinary one and allocates no result object per field.
 */
export function compiledSchemaOf<Data, Input>(
  schema: z.ZodType<Data, Input>,
): z.ZodType<Data, Input> {
  let compiled = compiledSchemas.get(schema);
  if (compiled === undefined) {
    compiled = z.compile(schema);
    compiledSchemas.set(schema, compiled);
  }
  return compiled as z.ZodType<Data, Input>;
}

/**
 * Data that its definition refused, told apart from valid data by its class (see
 * {@link parseEventData}).
 */
export class InvalidEventData {
  constructor(readonly error: LedgerError) {}
}

/**
 * Validates data against a definition (after upcasting from `schemaVersion`). The error
 * code is `PERSONNUMMER_REFUSED` when any issue is a personnummer, `INVALID_AMOUNT` when
 * every issue is about an amount, and `VALIDATION_FAILED` otherwise.
 */
export function validateEventData<Type extends string, Data>(
  definition: EventDefinition<Type, Data>,
  data: unknown,
  schemaVersion: number = definition.schemaVersion,
): E.Either<LedgerError, Data> {
  const parsed = parseEventData(definition, data, schemaVersion);
  return parsed instanceof InvalidEventData ? E.left(parsed.error) : E.right(parsed);
}

/**
 * {@link validateEventData} for the catalog's hot path: the valid data itself, or the refusal in
 * an {@link InvalidEventData}, without an `Either` (nor zod's result object) per event.
 */
export function parseEventData<Type extends string, Data>(
  definition: EventDefinition<Type, Data>,
  data: unknown,
  schemaVersion: number = definition.schemaVersion,
): Data | InvalidEventData {
  if (schemaVersion > definition.schemaVersion || schemaVersion < 1) {
    return new InvalidEventData(
      ledgerError(
        'UNSUPPORTED_SCHEMA_VERSION',
        `${definition.type} has schema versions 1 to ${definition.schemaVersion}; got ${schemaVersion}`,
        {
          details: { type: definition.type, schemaVersion },
        },
      ),
    );
  }
  let current = data;
  for (let version = schemaVersion; version < definition.schemaVersion; version += 1) {
    const upcaster = definition.upcasters.find((candidate) => candidate.fromVersion === version);
    if (!upcaster) {
      return new InvalidEventData(
        ledgerError(
          'UNSUPPORTED_SCHEMA_VERSION',
          `${definition.type} has no upcaster from version ${version}`,
          { details: { type: definition.type, schemaVersion: version } },
        ),
      );
    }
    current = upcaster.upcast(current);
  }
  try {
    // `parse`, not `safeParse`: valid data (nearly every event) comes back as it is; refused data
    // throws zod's error with the issues `safeParse` gives.
    return compiledSchemaOf(definition.schema).parse(current);
  } catch (thrown) {
    if (!(thrown instanceof z.ZodError)) throw thrown;
    return new InvalidEventData(refusalOfData(definition.type, thrown, current));
  }
}

const moneyRuleNames: ReadonlySet<string> = new Set([
  'decimal-string-required',
  'not-a-number',
  'no-exponent',
  'at-most-two-decimals',
  'decimal-format',
  'amount-max',
  'amount-positive',
  'amount-non-negative',
]);

/**
 * The refusal of the data of an event of `type` that its schema refused with `error`; given the
 * `data` parsed, a field it lacks is named as required.
 */
export function refusalOfData(type: string, error: z.ZodError, data?: unknown): LedgerError {
  const issues = issuesFromZod('data', error, data);
  const code = issues.some((issue) => issue.rule === 'no-personnummer')
    ? 'PERSONNUMMER_REFUSED'
    : issues.every((issue) => moneyRuleNames.has(issue.rule))
      ? 'INVALID_AMOUNT'
      : 'VALIDATION_FAILED';
  return ledgerError(
    code,
    `${type} refused: ${issues.map((issue) => `${issue.message} [${issue.rule}]`).join('; ')}`,
    { issues, details: { type } },
  );
}
