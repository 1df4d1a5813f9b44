/**
 * Writes packages/core/printed-report.schema.json (the JSON Schema of a printed report, the
 * input of `finsam reconcile`) from the zod schema: `pnpm run docs:printed-report-schema`. A
 * test fails while the committed copy is stale.
 */
import { writeFileSync } from 'node:fs';
import { printedReportJsonSchemaText } from '../packages/core/src/reconcile/printedReportJsonSchema.js';

writeFileSync(
  new URL('../packages/core/printed-report.schema.json', import.meta.url),
  printedReportJsonSchemaText(),
);
console.log('packages/core/printed-report.schema.json written');
