import type { EventDefinition } from './defineEvent.js';
import { isAmountDescription } from '../money/zodMoney.js';
import { inputJsonSchemaOf } from '../util/inputJsonSchema.js';

/**
 * The JSON Schema (draft 2020-12) of what a person writes as an event's data: the input side
 * of its zod schema, as the event catalog documents it. A form, a spreadsheet template or an
 * import reads its fields here rather than keeping a list by hand.
 */
export const eventDataJsonSchema = (
  definition: EventDefinition<string, unknown>,
): Record<string, unknown> => inputJsonSchemaOf(definition.schema);

/**
 * Whether a field of {@link eventDataJsonSchema} is an amount: a decimal string of kronor with
 * at most two decimals (`"363333.00"`), which JSON Schema alone tells from any other string only
 * by the description every amount schema of core carries. One predicate, so that the catalog and
 * every import agree on which fields are money.
 */
export const isAmountJsonSchema = (schema: { readonly description?: unknown }): boolean =>
  typeof schema.description === 'string' && isAmountDescription(schema.description);
