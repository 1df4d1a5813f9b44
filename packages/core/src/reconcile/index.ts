export {
  printedFigurePattern,
  printedReportSchema,
  printedStatementNames,
  type PrintedColumn,
  type PrintedParticipantTable,
  type PrintedReport,
  type PrintedRow,
  type PrintedStatement,
  type PrintedStatementName,
} from './PrintedReport.js';
export { parsePrintedReport } from './parsePrintedReport.js';
export { printedReportJsonSchema, printedReportJsonSchemaText } from './printedReportJsonSchema.js';
export { findingId, type ReconcileCheck, type ReconcileFinding } from './ReconcileFinding.js';
export { reconcileReport, type ReconcileOptions, type ReconcileResult } from './reconcileReport.js';
export {
  reconcileRoundingRule,
  renderFindingText,
  renderReconcileText,
} from './renderReconcileText.js';
