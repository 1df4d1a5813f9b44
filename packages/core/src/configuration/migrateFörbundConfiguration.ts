import * as E from 'fp-ts/Either';
import { ledgerError, type LedgerError } from '../error.js';
import { förbundConfigurationVersion } from './förbundConfigurationSchema.js';

/** A configuration as read from JSON, before it is checked. */
type RawConfiguration = Readonly<Record<string, unknown>>;

/**
 * The upgrades between configuration versions: `migrations[n]` turns a version-n file into
 * a version-(n+1) file. There is none yet (version 1 is the first). When version 2 comes,
 * `migrations[1]` is added here and {@link förbundConfigurationVersion} raised; every
 * version-1 file keeps loading (docs/setting-up-your-forbund.md, "Versions").
 */
const migrations: Readonly<Record<number, (configuration: RawConfiguration) => RawConfiguration>> =
  {};

/**
 * Brings a configuration read from JSON up to the current version, one version at a time,
 * without checking its fields (that is `parseFörbundConfiguration`'s job). Refuses a value
 * that is not an object or has no whole-number `version` (`VALIDATION_FAILED`), and a
 * version this library does not know, newer or without a migration
 * (`UNSUPPORTED_SCHEMA_VERSION`, naming the versions it reads).
 */
export function migrateFörbundConfiguration(json: unknown): E.Either<LedgerError, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return E.left(
      ledgerError('VALIDATION_FAILED', 'A förbund configuration is a JSON object', {
        issues: [{ path: '', rule: 'object', message: 'must be a JSON object' }],
      }),
    );
  let configuration = json as RawConfiguration;
  const version = configuration['version'];
  if (typeof version !== 'number' || !Number.isInteger(version))
    return E.left(
      ledgerError(
        'VALIDATION_FAILED',
        `A förbund configuration states its version: "version": ${förbundConfigurationVersion}`,
        {
          issues: [
            {
              path: 'version',
              rule: 'known-version',
              message: `must be a whole number; this library reads version ${readableVersions()}`,
            },
          ],
        },
      ),
    );
  for (let from = version; from < förbundConfigurationVersion; from += 1) {
    const migrate = migrations[from];
    if (migrate === undefined) return E.left(unsupported(version));
    configuration = migrate(configuration);
  }
  if (configuration['version'] !== förbundConfigurationVersion) return E.left(unsupported(version));
  return E.right(configuration);
}

const readableVersions = (): string =>
  [...Object.keys(migrations).map(Number), förbundConfigurationVersion]
    .sort((left, right) => left - right)
    .join(', ');

const unsupported = (version: number): LedgerError =>
  ledgerError(
    'UNSUPPORTED_SCHEMA_VERSION',
    `This förbund configuration is version ${version}; this version of finsam-ledger reads version ${readableVersions()}${version > förbundConfigurationVersion ? ': upgrade finsam-ledger to read it' : ''}`,
    {
      issues: [
        {
          path: 'version',
          rule: 'known-version',
          message: `must be ${readableVersions()}, not ${version}`,
        },
      ],
      details: { version, supported: förbundConfigurationVersion },
    },
  );
