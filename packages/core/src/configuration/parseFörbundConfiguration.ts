import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { z } from 'zod';
import { ledgerError, type Issue, type LedgerError } from '../error.js';
import {
  förbundConfigurationSchema,
  type FörbundConfiguration,
} from './förbundConfigurationSchema.js';
import { issuesOfZodError } from '../util/issuesOfZodError.js';
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
      const issues = configurationIssues(parsed.error, migrated);
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

/**
 * Zod's issues of a configuration as ours (see {@link issuesOfZodError}): the path dotted
 * (`medlemmar.2.andel`); an unknown field named by its own path (`medlemar`, rule
 * `known-field`), so that a typo in a field name points at the typo; with the `input` that was
 * parsed, a field it lacks is `required`.
 */
export const configurationIssues = (error: z.ZodError, input?: unknown): Issue[] =>
  issuesOfZodError(error, { input, unknownFieldOf: 'of the configuration' });
