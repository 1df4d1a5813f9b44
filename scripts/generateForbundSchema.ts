/**
 * Writes packages/core/forbund.schema.json (the JSON Schema of forbund.json) from the zod
 * schema: `pnpm run docs:forbund-schema`. A test fails while the committed copy is stale.
 */
import { writeFileSync } from 'node:fs';
import { förbundConfigurationJsonSchemaText } from '../packages/core/src/configuration/förbundConfigurationJsonSchema.js';

writeFileSync(
  new URL('../packages/core/forbund.schema.json', import.meta.url),
  förbundConfigurationJsonSchemaText(),
);
console.log('packages/core/forbund.schema.json written');
