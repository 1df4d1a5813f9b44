import * as E from 'fp-ts/Either';
import { ledgerError, type ErrorCode, type Issue, type LedgerError } from '../error.js';

/** The field a refusal concerns: its dotted path, the rule's short name, and what it must be. */
export interface RefusedField {
  readonly path: string;
  readonly rule: string;
  /** What the field must be; the refusal's message when left out. */
  readonly message?: string;
}

/**
 * A refusal of a write-side rule that names the field (or fields) it concerns, so that a
 * caller can point at the field as for a schema error.
 */
export const refusal = (
  code: ErrorCode,
  message: string,
  fields: RefusedField | readonly Issue[],
  details: Record<string, unknown> = {},
): E.Either<LedgerError, never> => {
  const issues: readonly Issue[] =
    'path' in fields
      ? [{ path: fields.path, rule: fields.rule, message: fields.message ?? message }]
      : fields;
  return E.left(ledgerError(code, message, { details, issues }));
};
