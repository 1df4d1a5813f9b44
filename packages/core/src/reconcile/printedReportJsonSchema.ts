import { printedReportSchema } from './PrintedReport.js';
import { inputJsonSchemaOf, jsonSchemaText } from '../util/inputJsonSchema.js';

/**
 * The JSON Schema (draft 2020-12) of a printed report, generated from the zod schema:
 * published as packages/core/printed-report.schema.json so that editors complete and check a
 * transcription; a test keeps the published copy current. The checks across fields (one
 * figure per column, row keys unique, sumOf naming rows) are zod's alone.
 */
export function printedReportJsonSchema(): Record<string, unknown> {
  return {
    ...inputJsonSchemaOf(printedReportSchema),
    title: 'finsam-ledger printed report (a published årsredovisning as printed)',
    description:
      'A published annual report transcribed digit for digit: förbund, year, unit, and per statement its rows with the printed figure of each column, and the participant tables. Read by finsam reconcile; see docs/reconcile.md.',
  };
}

/** The JSON Schema as the published file's text: two-space indented, ending in a newline. */
export const printedReportJsonSchemaText = (): string => jsonSchemaText(printedReportJsonSchema());
