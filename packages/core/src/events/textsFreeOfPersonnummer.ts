import type { z } from 'zod';

/**
 * The text schemas whose every valid value is known to hold no personnummer, so that the catalog
 * need not look at such a value again as it freezes the data (`ledger/frozenEventData.ts`): the
 * value a schema gives out has passed every check of that schema. Only the schemas of
 * `zodFields.ts` are marked, each with the reason it holds; any other schema (a copy of a marked
 * one too, such as `.describe(...)` makes) is looked at as before.
 */
const markedSchemas = new WeakSet<z.ZodType>();

/** Why a text schema's valid values hold no personnummer. */
export type FreeOfPersonnummerBecause =
  /** Its own rule searched the value in full (`findPersonnummer`) and found none. */
  | 'searched-in-full'
  /**
   * Its pattern leaves at most eight ASCII digits in a row, separators between them included
   * (`YYYY-MM-DD`), where a personnummer needs ten.
   */
  | 'too-few-digits';

/** Marks `schema` (as it is, not a copy) as one whose valid values hold no personnummer. */
export function markFreeOfPersonnummer<Schema extends z.ZodType>(
  schema: Schema,
  _because: FreeOfPersonnummerBecause,
): Schema {
  markedSchemas.add(schema);
  return schema;
}

/** True if `schema` itself was marked by {@link markFreeOfPersonnummer}. */
export const isFreeOfPersonnummer = (schema: z.ZodType): boolean => markedSchemas.has(schema);
