import { ledgerError } from '../error.js';
import {
  förbundConfigurationSchema,
  förbundConfigurationVersion,
  type FörbundConfiguration,
} from './förbundConfigurationSchema.js';
import { defaultKontoplan } from './kontoplan.js';
import { configurationIssues } from './parseFörbundConfiguration.js';

/** Where a `forbund.json` finds the JSON Schema when the packages are installed from npm. */
export const förbundConfigurationSchemaUrl =
  './node_modules/@finsam-ledger/core/forbund.schema.json';

/**
 * A configuration to start from (what `finsam init` writes): the name and id given, the
 * default BAS-style chart, the default guidelines (operativa ≥ 70 % of the insatsmedel,
 * eget kapital ≤ 20 % of the medelstilldelning), tkr, and no members, posts or insatser
 * declared yet (so recording accepts any name until they are). Valid as written. Throws
 * `VALIDATION_FAILED` naming the field when `namn` or `förbundId` is malformed.
 */
export function förbundConfigurationTemplate(options: {
  namn: string;
  förbundId: string;
}): FörbundConfiguration {
  const parsed = förbundConfigurationSchema.safeParse({
    $schema: förbundConfigurationSchemaUrl,
    version: förbundConfigurationVersion,
    förbundId: options.förbundId,
    namn: options.namn,
    medlemmar: [],
    kontoplan: defaultKontoplan,
    poster: [],
    insatser: [],
    finansiellaRiktlinjer: {},
    presentation: { enhet: 'tkr' },
  });
  if (parsed.success) return parsed.data;
  // Only the name and the id come from the caller: a refusal names one of them.
  const issues = configurationIssues(parsed.error);
  throw ledgerError(
    'VALIDATION_FAILED',
    `Cannot make a configuration: ${issues.map((issue) => issue.message).join('; ')}`,
    { issues },
  );
}
