import { z } from 'zod';

/**
 * The JSON Schema (draft 2020-12) of what a person writes for `schema`: zod's input side, so a
 * field with a default is optional. What JSON Schema cannot say (a refinement across fields, a
 * transform) stays zod's check alone and is written as an open schema. The published schemas
 * (forbund.json, a printed report) and the event catalog are generated with it.
 */
export const inputJsonSchemaOf = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;

/** A JSON Schema as a published file's text: two-space indented, ending in a newline. */
export const jsonSchemaText = (jsonSchema: Record<string, unknown>): string =>
  `${JSON.stringify(jsonSchema, null, 2)}\n`;
