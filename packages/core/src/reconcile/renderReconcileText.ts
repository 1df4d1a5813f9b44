import { findingId, type ReconcileFinding } from './ReconcileFinding.js';
import type { ReconcileResult } from './reconcileReport.js';
import { countText } from '../util/countText.js';

/** The rounding rule every text output of reconcile states. */
export const reconcileRoundingRule =
  'Rounding: a printed figure stands for the exact kronor rounded half away from zero to its last printed digit; a difference such rounding explains is listed as avrundning and does not count.';

/** One finding as two lines: where, and the figures with the arithmetic. */
export const renderFindingText = (finding: ReconcileFinding): string =>
  `${finding.severity} ${findingId(finding)} ${finding.row}\n` +
  `  printed ${finding.printed}, expected ${finding.expected}: ${finding.arithmetic}`;

/**
 * What the ledger was compared at: the printed statements' figures, then the participant tables'
 * counts and percentages when any were compared, each with how many had no ledger row.
 */
function ledgerText(ledger: NonNullable<ReconcileResult['ledger']>): string {
  const participant = ledger.participantTableFigures;
  const figures = `${countText(ledger.compared - participant.compared, 'figure', 'figures')} (${ledger.uncompared - participant.uncompared} without a ledger row)`;
  if (participant.compared + participant.uncompared === 0)
    return `compared with the ledger at ${figures}`;
  return `compared with the ledger at ${figures} and ${countText(participant.compared, 'participant count or percentage', 'participant counts and percentages')} (${participant.uncompared} without a ledger table)`;
}

/** The whole result as text: a headline with the counts, the rounding rule, every finding. */
export function renderReconcileText(result: ReconcileResult): string {
  const differences = result.findings.filter((finding) => finding.severity === 'avvikelse').length;
  const roundings = result.findings.length - differences;
  const ledger =
    result.ledger === undefined ? 'internal checks only (no ledger)' : ledgerText(result.ledger);
  return [
    `${result.förbund}, årsredovisning ${result.år}: ${result.figures} printed figures, ${countText(differences, 'avvikelse', 'avvikelser')}, ${countText(roundings, 'avrundning', 'avrundningar')}; ${ledger}.`,
    reconcileRoundingRule,
    ...result.findings.map(renderFindingText),
  ].join('\n');
}
