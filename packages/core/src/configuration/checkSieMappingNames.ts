import * as E from 'fp-ts/Either';
import { unknownDimensionValues } from '../bookkeeping/ChartOfAccounts.js';
import { checkVocabulary } from '../bookkeeping/recordingVocabulary.js';
import { ledgerError, type Issue, type LedgerError } from '../error.js';
import type { FörbundConfiguration } from './förbundConfigurationSchema.js';

/**
 * Checks the names the configuration's `sie` mapping gives imported rows, before an import: an
 * `område`, `medlemskategori` or `intäktsslag` must exist (rule `known-dimension-value`), and
 * where the configuration declares them, a `medlem` must be a declared member in its category, a
 * `post` a declared post of its område (in any year) and an `insats` a declared insats: the
 * rules of a recorded event. A misspelt `"kommunen"` put every row of its accounts under no
 * member category, and the statements disagreed with the guideline checks.
 *
 * Not part of loading the configuration: a mapping that breaks it must not stop a förbund from
 * reading the books it already holds, only from importing more. Names an object rule takes from
 * the file (`fält`) are the file's, not the mapping's, and are not checked here.
 */
export function checkSieMappingNames(
  configuration: FörbundConfiguration,
): E.Either<LedgerError, void> {
  const issues = placementsOf(configuration).flatMap(({ path, dimensioner }) => [
    ...unknownDimensionValues(dimensioner).map(({ name, message }): Issue => ({
      path: `${path}.${name}`,
      rule: 'known-dimension-value',
      message,
    })),
    ...vocabularyIssues(configuration, path, dimensioner),
  ]);
  if (issues.length === 0) return E.right(undefined);
  return E.left(
    ledgerError(
      'VALIDATION_FAILED',
      `The sie mapping of the configuration gives names recording would refuse: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      { issues },
    ),
  );
}

/** Every rule of the mapping that gives fixed dimensions, with the path of its `dimensioner`. */
function placementsOf(
  configuration: FörbundConfiguration,
): { path: string; dimensioner: Readonly<Record<string, string | undefined>> }[] {
  const mapping = configuration.sie;
  if (mapping === undefined) return [];
  return [
    ...mapping.konton.map((rule, index) => ({ path: `sie.konton.${index}`, rule })),
    ...(mapping.objekt ?? []).map((rule, index) => ({ path: `sie.objekt.${index}`, rule })),
    ...(mapping.ejFördelat === undefined
      ? []
      : [{ path: 'sie.ejFördelat', rule: mapping.ejFördelat }]),
  ].flatMap(({ path, rule }) =>
    rule.dimensioner === undefined
      ? []
      : [{ path: `${path}.dimensioner`, dimensioner: rule.dimensioner }],
  );
}

/** The declared-name issues of one rule's dimensions, at the rule's path. */
function vocabularyIssues(
  configuration: FörbundConfiguration,
  path: string,
  dimensioner: Readonly<Record<string, string | undefined>>,
): Issue[] {
  // Without a date the names are checked against every year they are declared for.
  const checked = checkVocabulary(configuration, { type: 'sie', data: dimensioner });
  if (E.isRight(checked)) return [];
  return checked.left.issues.map((found) => ({
    ...found,
    path: `${path}.${found.path.replace(/^data\./, '')}`,
  }));
}
