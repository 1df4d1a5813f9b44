import { förbundConfigurationSchema } from './förbundConfigurationSchema.js';
import { inputJsonSchemaOf, jsonSchemaText } from '../util/inputJsonSchema.js';

/**
 * The JSON Schema (draft 2020-12) of `forbund.json`, generated from the zod schema by
 * `z.toJSONSchema` for the input side (fields with defaults are optional, as a person
 * writes them). Published as packages/core/forbund.schema.json so that editors complete
 * and check the file; a test keeps the published copy current. The checks across fields
 * (shares summing to Finsam 5 §, every account mapped) are zod's alone.
 */
export function förbundConfigurationJsonSchema(): Record<string, unknown> {
  return {
    ...inputJsonSchemaOf(förbundConfigurationSchema),
    title: 'finsam-ledger förbund configuration (forbund.json), version 1',
    description:
      'A samordningsförbund described as data: name, organisationsnummer, members, chart of accounts as tables, Not 2 posts and insatser per year, financial guidelines and presentation unit. See docs/setting-up-your-forbund.md.',
  };
}

/** The JSON Schema as the published file's text: two-space indented, ending in a newline. */
export const förbundConfigurationJsonSchemaText = (): string =>
  jsonSchemaText(förbundConfigurationJsonSchema());
