import type { EventDefinition } from './defineEvent.js';
import { businessYearRange } from './zodFields.js';
import { eventDataJsonSchema, isAmountJsonSchema } from './eventDataJsonSchema.js';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  default?: unknown;
}

const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** How a field's type reads in the catalog's table: its constant, its values, or its type. */
function describe(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(', ');
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return describeVariants(variants);
  if (schema.type === 'array' && schema.items)
    return `list of ${schema.items.properties ? 'objects (below)' : describe(schema.items)}`;
  if (isAmountJsonSchema(schema)) return 'amount (decimal string)';
  return describeScalar(schema);
}

/**
 * A union of objects: each variant's fields in braces, `or` between them; a field the variant
 * may leave out is marked `?`, as TypeScript writes it.
 */
const describeVariants = (variants: readonly JsonSchema[]): string =>
  variants
    .map(
      (variant) =>
        `{${Object.entries(variant.properties ?? {})
          .map(([key, child]) => {
            const optional = variant.required?.includes(key) === true ? '' : '?';
            return `${key}${optional}: ${describe(child)}`;
          })
          .join('; ')}}`,
    )
    .join(' or ');

/** A plain value: its type (a date named as such) and its length and range limits. */
function describeScalar(schema: JsonSchema): string {
  const parts = [Array.isArray(schema.type) ? schema.type.join('|') : (schema.type ?? 'any')];
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') parts[0] = 'date YYYY-MM-DD';
  if (schema.maxLength !== undefined) parts.push(`≤ ${schema.maxLength} chars`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    parts.push(`${schema.minimum}–${schema.maximum}`);
  return parts.join(', ');
}

function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  const rows: string[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(name) && child.default === undefined ? 'yes' : 'no';
    rows.push(
      `| \`${prefix}${name}\` | ${escape(describe(child))} | ${required} | ${escape(child.description ?? '')} |`,
    );
    if (child.properties) rows.push(...fieldRows(child, `${prefix}${name}.`));
    if (child.type === 'array' && child.items?.properties)
      rows.push(...fieldRows(child.items, `${prefix}${name}[].`));
  }
  return rows;
}

/**
 * Renders the event catalog as Markdown, from the zod schemas themselves (their JSON
 * Schema), so the documentation cannot drift from the contract. Deterministic.
 */
export function renderEventCatalog(
  sections: readonly { title: string; definitions: readonly EventDefinition<string, unknown>[] }[],
): string {
  const lines = [
    '# Event catalog',
    '',
    `Generated from the zod schemas by \`pnpm run docs:catalog\`; a test fails when this file is stale. Amounts are decimal strings with at most two decimals (never JSON numbers); dates are \`YYYY-MM-DD\` in the years ${businessYearRange.min}–${businessYearRange.max} (\`businessYearRange\`, also the range of every financial year); free-text fields refuse control characters and anything that looks like a personnummer (docs/participants.md, "The personnummer rule"), and so does every other string a store takes.`,
    '',
  ];
  for (const section of sections) {
    lines.push(`## ${section.title}`, '');
    for (const definition of section.definitions) {
      const schema = eventDataJsonSchema(definition) as JsonSchema;
      lines.push(
        `### ${definition.type} (schema version ${definition.schemaVersion})`,
        '',
        definition.description,
        '',
        '| field | type | required | meaning |',
        '| --- | --- | --- | --- |',
        ...fieldRows(schema),
        '',
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
