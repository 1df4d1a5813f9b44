import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { ledgerError, type FörbundConfiguration, type LedgerError } from '@finsam-ledger/core';
import { refuse, type StoreOptions } from '../CommandContext.js';
import { förbundConfigurationTemplate } from '@finsam-ledger/core';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { loadConfiguration } from '../loadConfiguration.js';
import { isConnectionString } from '../openStore.js';
import { pathExists as exists } from '../pathExists.js';
import { usageError } from '../usageError.js';

/** The options of `finsam init`; name and id are required only when a configuration is written. */
export interface InitOptions extends StoreOptions {
  readonly namn?: string;
  readonly forbundId?: string;
}

const refuseExisting = (paths: readonly string[], what: string): ExitCode =>
  refuse(
    ledgerError(
      'IO_ERROR',
      `${paths.join(' and ')} already ${paths.length > 1 ? 'exist' : 'exists'}; finsam init never overwrites a ${what}.`,
      { details: { paths } },
    ),
  );

const missingOptions = (options: InitOptions): string[] =>
  [
    options.namn === undefined ? '--namn' : [],
    options.forbundId === undefined ? '--forbund-id' : [],
  ].flat();

/**
 * The configuration already there, kept: it must load, and a name or id given must be its own
 * (a different one would leave the new store's books under a förbund the configuration is not).
 */
async function keptConfiguration(
  options: InitOptions,
): Promise<E.Either<LedgerError, FörbundConfiguration>> {
  const loaded = await loadConfiguration(options.config);
  if (E.isLeft(loaded)) return loaded;
  const { namn, förbundId } = loaded.right;
  const clashes = [
    options.namn !== undefined && options.namn !== namn
      ? { path: 'namn', given: options.namn, kept: namn }
      : [],
    options.forbundId !== undefined && options.forbundId !== förbundId
      ? { path: 'förbundId', given: options.forbundId, kept: förbundId }
      : [],
  ].flat();
  if (clashes.length === 0) return loaded;
  return E.left(
    ledgerError(
      'VALIDATION_FAILED',
      `${options.config} already exists and is the configuration of ${namn} (${förbundId}), not ${clashes.map((clash) => clash.given).join(' ')}; finsam init never overwrites a configuration: leave out --namn and --forbund-id to keep it, or give another --config`,
      {
        issues: clashes.map((clash) => ({
          path: clash.path,
          rule: 'kept-configuration',
          message: `is ${clash.kept} in ${options.config}, not ${clash.given}`,
        })),
        details: { path: options.config },
      },
    ),
  );
}

/**
 * The configuration's `$schema`: the path from the configuration's directory to the JSON Schema
 * of the core package this command runs with, so that an editor finds it wherever the file is
 * written (beside `node_modules`, in a subdirectory, or run from a checkout of the repository).
 */
function schemaPathFrom(configPath: string): string {
  const schema = createRequire(import.meta.url).resolve('@finsam-ledger/core/forbund.schema.json');
  const path = relative(dirname(resolve(configPath)), schema)
    .split(sep)
    .join('/');
  return path.startsWith('../') ? path : `./${path}`;
}

/**
 * `finsam init`: writes a configuration template for the förbund (valid as written; fill
 * in the members, accounts, posts and insatser) and creates an empty file store, each only
 * where it is missing: a configuration already there is kept (and must load), a store
 * already there is kept. With both there, there is nothing to create and it refuses. An
 * EventStoreDB store needs no creating (its streams begin with their first event).
 */
export async function runInit(options: InitOptions): Promise<ExitCode> {
  const fileStore = !isConnectionString(options.store);
  const configExists = await exists(options.config);
  const storeExists = fileStore && (await exists(options.store));
  if (configExists && !fileStore) return refuseExisting([options.config], 'configuration');
  if (configExists && storeExists)
    return refuseExisting([options.config, options.store], 'configuration or store');
  const configured = configExists ? await keptConfiguration(options) : await newTemplate(options);
  if (E.isLeft(configured)) return refuse(configured.left);
  if (fileStore && !storeExists) {
    const created = await openFileEventStore({ path: options.store, mode: 'read-write' })();
    if (E.isLeft(created)) return refuse(created.left);
    await created.right.close();
  }
  const { namn } = configured.right;
  process.stdout.write(
    [
      configExists
        ? `kept ${resolve(options.config)} (the configuration of ${namn}): finsam init never overwrites a configuration`
        : `wrote ${resolve(options.config)} (the configuration of ${namn}: fill in its members, accounts, posts and insatser)`,
      storeLine(options.store, fileStore, storeExists),
      'next: finsam record EVENTS.jsonl or finsam import sie FILE.se, then finsam report, then finsam verify',
      '',
    ].join('\n'),
  );
  return exitCodes.ok;
}

/**
 * Writes the configuration template, which needs the name and id (a usage error without them,
 * before anything is written), and returns it.
 */
async function newTemplate(
  options: InitOptions,
): Promise<E.Either<LedgerError, { readonly namn: string }>> {
  const missing = missingOptions(options);
  if (options.namn === undefined || options.forbundId === undefined)
    throw usageError(
      `required option${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} not specified`,
    );
  const written = await writeTemplate(options, options.namn, options.forbundId);
  return E.isLeft(written) ? written : E.right({ namn: options.namn });
}

// Full paths: a user who ran init through a script runner, or from another directory, sees
// where the files are.
const storeLine = (store: string, fileStore: boolean, storeExists: boolean): string => {
  if (!fileStore) return `${store} needs no creating: its streams begin with their first event`;
  return storeExists
    ? `kept the store ${resolve(store)}: finsam init never overwrites a store`
    : `created the empty store ${resolve(store)}`;
};

/** Writes the configuration template for `namn` and `förbundId`, never over a file. */
async function writeTemplate(
  options: InitOptions,
  namn: string,
  förbundId: string,
): Promise<E.Either<LedgerError, void>> {
  const template = {
    ...förbundConfigurationTemplate({ namn, förbundId }),
    $schema: schemaPathFrom(options.config),
  };
  try {
    // Like `git init <directory>`, the directories asked for are made.
    await mkdir(dirname(resolve(options.config)), { recursive: true });
    if (!isConnectionString(options.store))
      await mkdir(dirname(resolve(options.store)), { recursive: true });
    // `wx` fails if the file appeared since the check: a configuration is never overwritten.
    await writeFile(options.config, `${JSON.stringify(template, null, 2)}\n`, { flag: 'wx' });
    return E.right(undefined);
  } catch (thrown) {
    const error = thrown as NodeJS.ErrnoException;
    return E.left(
      ledgerError('IO_ERROR', `Cannot write ${options.config}: ${error.message}`, {
        cause: error,
        details: { path: options.config, errno: error.code },
      }),
    );
  }
}
