import type { LedgerError } from '@finsam-ledger/core';

/** How a refused field is named: `field data.belopp`, or a spreadsheet's `kolumn belopp`. */
export type FieldName = (path: string) => string;

/** A field named by its path: `field data.belopp`, `field (whole value)`. */
export const fieldOfPath: FieldName = (path) => `field ${path === '' ? '(whole value)' : path}`;

/**
 * A refusal as a person reads it: the code and message, then each violated rule with the
 * field it names. `where` (e.g. `line 3`) comes first when the refusal belongs to a place
 * in an input file; `fieldName` names the fields as that file does.
 */
export function describeError(
  error: LedgerError,
  where?: string,
  fieldName: FieldName = fieldOfPath,
): string {
  const prefix = where === undefined ? '' : `${where}: `;
  return [
    `${prefix}${error.code}: ${error.message}`,
    ...describeIssues(error, fieldName),
    ...(error.code === 'ASSERTION_FAILED' ? describeBrokenInvariant(error) : []),
  ].join('\n');
}

/** What {@link describeIssues} reads of a refusal: a `LedgerError`, a `SieError`, a print error. */
export interface RefusalWithIssues {
  readonly message: string;
  readonly issues: LedgerError['issues'];
}

/**
 * Each violated rule of a refusal as every refusal prints it, one line each, under the line with
 * the refusal's message: the field (`(whole value)` when the rule is about the input as a whole,
 * a file cut short say), the rule and why. The why is left out when the refusal's message says it
 * already (most refusals of one field quote their issue's message, or are made of them): a user
 * reads each reason once, and still finds the field and the rule on a line of their own.
 */
export const describeIssues = (
  refusal: RefusalWithIssues,
  fieldName: FieldName = fieldOfPath,
): string[] =>
  refusal.issues.map((issue) => {
    const field = `  ${fieldName(issue.path)}: rule ${issue.rule}`;
    return refusal.message.includes(issue.message) ? field : `${field}: ${issue.message}`;
  });

/**
 * A broken invariant's figures (which row, which year, both amounts), and where to look: the
 * ledger keeps its invariants for every event it records, so books that break one were changed
 * around it, which `finsam audit` traces to events.
 */
function describeBrokenInvariant(error: LedgerError): string[] {
  const details = Object.entries(error.details ?? {}).map(
    ([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return [
    ...(details.length === 0 ? [] : [`  ${details.join(', ')}`]),
    '  The books break an invariant the ledger keeps for every event it records: run finsam verify and finsam audit to find the events behind it.',
  ];
}
