import type { LedgerError } from '@finsam-ledger/core';

/**
 * A refusal as a person reads it: the code and message, then each violated rule with the
 * field it names. `where` (e.g. `line 3`) comes first when the refusal belongs to a place
 * in an input file.
 */
export function describeError(error: LedgerError, where?: string): string {
  const prefix = where === undefined ? '' : `${where}: `;
  return [
    `${prefix}${error.code}: ${error.message}`,
    ...error.issues.map(
      (issue) =>
        `  field ${issue.path === '' ? '(whole value)' : issue.path}: rule ${issue.rule}: ${issue.message}`,
    ),
  ].join('\n');
}
