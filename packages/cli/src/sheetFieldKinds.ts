import { type EventDefinition, eventDataJsonSchema, isAmountJsonSchema } from '@finsam-ledger/core';

/**
 * What a spreadsheet cell becomes in a field of an event's data: a whole number (`år`), a
 * number, a truth value, an amount (a decimal string with öre), a list (which a row cannot
 * hold), or text (a date, a name, an id: taken as typed).
 */
export type SheetFieldKind = 'integer' | 'number' | 'boolean' | 'amount' | 'list' | 'text';

/** What is read of a field's JSON Schema. */
interface FieldSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly oneOf?: readonly FieldSchema[];
  readonly anyOf?: readonly FieldSchema[];
}

/** A field's kind by its JSON Schema; an amount is told as the event catalog tells it. */
function kindOf(schema: FieldSchema): SheetFieldKind {
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  if (types.includes('array')) return 'list';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  if (isAmountJsonSchema(schema)) return 'amount';
  return 'text';
}

/** The fields of an object schema and of each variant of a union of objects, nested ones too. */
function addFields(kinds: Map<string, SheetFieldKind>, schema: FieldSchema, prefix: string): void {
  for (const variant of [schema, ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
    for (const [name, child] of Object.entries(variant.properties ?? {})) {
      const path = `${prefix}${name}`;
      const nested = child.properties !== undefined || (child.oneOf ?? child.anyOf) !== undefined;
      if (nested) addFields(kinds, child, `${path}.`);
      else if (!kinds.has(path)) kinds.set(path, kindOf(child));
    }
}

/**
 * Every field of an event's data a spreadsheet column can name, by its dotted path
 * (`betalning.postId`), with its kind: derived from the event's schema in the catalog (its
 * JSON Schema, what a person writes, as `docs:catalog` documents it), not kept by hand.
 */
export function sheetFieldKinds(
  definition: EventDefinition<string, unknown>,
): ReadonlyMap<string, SheetFieldKind> {
  const schema = eventDataJsonSchema(definition) as FieldSchema;
  const kinds = new Map<string, SheetFieldKind>();
  addFields(kinds, schema, '');
  return kinds;
}
