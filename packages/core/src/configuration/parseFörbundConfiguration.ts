import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { ledgerError, type LedgerError } from '../error.js';
import { issuesFromZod } from '../events/defineEvent.js';
import {
  förbundConfigurationSchema,
  type FörbundConfiguration,
} from './förbundConfigurationSchema.js';
import { migrateFörbundConfiguration } from './migrateFörbundConfiguration.js';

/**
 * Reads a förbund's configuration (the parsed JSON of `forbund.json`): migrates it to the
 * current version, then checks every field. A refusal is a `LedgerError`
 * (`VALIDATION_FAILED`, or `UNSUPPORTED_SCHEMA_VERSION` for an unknown version) whose
 * `issues` name each bad field by its path (`medlemmar.2.andel`,
 * `kontoplan.kostnadskonton.0.konto`) and the rule it broke.
 */
export function parseFörbundConfiguration(
  json: unknown,
): E.Either<LedgerError, FörbundConfiguration> {
  return pipe(
    migrateFörbundConfiguration(json),
    E.chain((migrated) => {
      const parsed = förbundConfigurationSchema.safeParse(migrated);
      if (parsed.success) return E.right(parsed.data);
      const issues = issuesFromZod('', parsed.error);
      return E.left(
        ledgerError(
          'VALIDATION_FAILED',
          `Invalid förbund configuration: ${issues.map((issue) => `${issue.message} [${issue.rule}]`).join('; ')}`,
          { issues },
        ),
      );
    }),
  );
}
