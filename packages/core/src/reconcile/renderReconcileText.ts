import { findingId, type ReconcileFinding } from './ReconcileFinding.js';
import type { ReconcileResult } from './reconcileReport.js';

/** The rounding rule every text output of reconcile states. */
export const reconcileRoundingRule =
  'Rounding: a printed figure stands for the exact kronor rounded half away from zero to its last printed digit; a difference such rounding explains is listed as avrundning and does not count.';

const countText = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;

/** One finding as two lines: where, and the figures with the arithmetic. */
export const renderFindingText = (finding: ReconcileFinding): string =>
  `${finding.severity} ${findingId(finding)} ${finding.row}\n` +
  `  printed ${finding.printed}, expected ${finding.expected}: ${finding.arithmetic}`;

/** The whole result as text: a headline with the counts, the rounding rule, every finding. */
export function renderReconcileText(result: ReconcileResult): string {
  const differences = result.findings.filter((finding) => finding.severity === 'avvikelse').length;
  const roundings = result.findings.length - differences;
  const ledger =
    result.ledger === undefined
      ? 'internal checks only (no ledger)'
      : `compared with the ledger at ${result.ledger.compared} figures (${result.ledger.uncompared} without a ledger row)`;
  return [
    `${result.förbund}, årsredovisning ${result.år}: ${result.figures} printed figures, ${countText(differences, 'avvikelse', 'avvikelser')}, ${countText(roundings, 'avrundning', 'avrundningar')}; ${ledger}.`,
    reconcileRoundingRule,
    ...result.findings.map(renderFindingText),
  ].join('\n');
}
