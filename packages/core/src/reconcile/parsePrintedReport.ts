import * as E from 'fp-ts/Either';
import { ledgerError, type LedgerError } from '../error.js';
import { issuesOfZodError } from '../util/issuesOfZodError.js';
import { printedReportSchema, type PrintedReport } from './PrintedReport.js';

/**
 * Reads a printed report (the parsed JSON of a transcription, see docs/reconcile.md). A
 * refusal is a `LedgerError` (`VALIDATION_FAILED`) whose `issues` name each bad field by its
 * path (`statements.2.rows.4.amounts.1`) and the rule it broke.
 */
export function parsePrintedReport(json: unknown): E.Either<LedgerError, PrintedReport> {
  const parsed = printedReportSchema.safeParse(json);
  if (parsed.success) return E.right(parsed.data);
  const issues = issuesOfZodError(parsed.error, {
    input: json,
    unknownFieldOf: 'of a printed report',
  });
  return E.left(
    ledgerError(
      'VALIDATION_FAILED',
      `Invalid printed report: ${issues.map((issue) => `${issue.message} [${issue.rule}]`).join('; ')}`,
      { issues },
    ),
  );
}
