import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { z } from 'zod';
import { ledgerError, type Issue, type LedgerError } from '../error.js';
import {
  förbundConfigurationSchema,
  type FörbundConfiguration,
} from './förbundConfigurationSchema.js';
import { isRequiredFieldIssue, requiredFieldRule } from '../util/missingField.js';
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
 * Zod's issues as ours: the path dotted (`medlemmar.2.andel`), the rule from `params.rule`
 * or zod's code; an unknown field is named by its own path (`medlemar`, rule `known-field`),
 * so that a typo in a field name points at the typo.
 */
export function configurationIssues(error: z.ZodError, input?: unknown): Issue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => {
        const path = [...base, key].join('.');
        return {
          path,
          rule: 'known-field',
          message: `${path}: is not a field of the configuration (a typo?)`,
        };
      });
    const path = base.join('.');
    const rule = (issue as { params?: { rule?: string } }).params?.rule ?? issue.code;
    // A field the file lacks is required, not of the wrong type.
    if (input !== undefined && isRequiredFieldIssue(input, issue.path, rule))
      return [{ path, rule: requiredFieldRule, message: `${path}: is required` }];
    return [{ path, rule, message: path === '' ? issue.message : `${path}: ${issue.message}` }];
  });
}
