import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import {
  förbundConfigurationTemplate,
  ledgerError,
  type FörbundConfiguration,
  type LedgerError,
} from '@finsam-ledger/core';
import { refuse, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { loadConfiguration } from '../loadConfiguration.js';
import { MadeDirectories } from '../MadeDirectories.js';
import { isConnectionString } from '../openStore.js';
import { pathExists as exists } from '../pathExists.js';
import { usageError } from '../usageError.js';

/** The options of `finsam init`; name and id are required only when a configuration is written. */
export interface InitOptions extends StoreOptions {
  readonly namn?: string;
  readonly forbundId?: string;
}

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
 * in the members, accounts, posts and insatser) and creates an empty file store; beside a
 * configuration already there (it must load, and is kept byte for byte) it creates only the
 * store. It creates nothing else: a store already there holds some förbund's books, so no
 * configuration is written for it, and with nothing to create it refuses. An EventStoreDB store
 * needs no creating (its streams begin with their first event).
 */
export async function runInit(options: InitOptions): Promise<ExitCode> {
  const fileStore = !isConnectionString(options.store);
  const configExists = await exists(options.config);
  const storeExists = fileStore && (await exists(options.store));
  const refusal = nothingToCreate(options, { configExists, storeExists, fileStore });
  if (refusal !== undefined) return refuse(refusal);
  // What this run makes it takes back on a refusal: init refuses with nothing left behind.
  const directories = new MadeDirectories();
  const configured = configExists
    ? await keptConfiguration(options)
    : await newTemplate(options, directories);
  if (E.isLeft(configured)) {
    await directories.removeEmpty();
    return refuse(configured.left, configExists ? options.config : undefined);
  }
  if (fileStore) {
    const refused = await storeRefusal(options, configExists, directories);
    if (refused !== undefined) return refuse(refused);
  }
  const { namn } = configured.right;
  // Full paths: a user who ran init through a script runner, or from another directory, sees
  // where the files are.
  process.stdout.write(
    [
      configExists
        ? `kept ${resolve(options.config)} (the configuration of ${namn}): finsam init never overwrites a configuration`
        : `wrote ${resolve(options.config)} (the configuration of ${namn}: fill in its members, accounts, posts and insatser)`,
      fileStore
        ? `created the empty store ${resolve(options.store)}`
        : `${options.store} needs no creating: its streams begin with their first event`,
      'next: finsam record EVENTS.jsonl or finsam import sie FILE.se, then finsam report, then finsam verify',
      '',
    ].join('\n'),
  );
  return exitCodes.ok;
}

/**
 * Creates the file store, or says why it could not. A store another process made since init
 * looked is refused as if it had been there. The template this run wrote a moment ago is its
 * own (`wx`): it is removed, with the directories this run made, so that a refusal leaves
 * nothing behind, least of all a configuration beside another förbund's store.
 */
async function storeRefusal(
  options: InitOptions,
  configExists: boolean,
  directories: MadeDirectories,
): Promise<LedgerError | undefined> {
  const created = await createStore(options.store, directories);
  if (E.isRight(created) && created.right === 'created') return undefined;
  if (!configExists) await rm(options.config, { force: true });
  await directories.removeEmpty();
  if (E.isLeft(created)) return created.left;
  return nothingToCreate(options, { configExists, storeExists: true, fileStore: true });
}

/**
 * Why init has nothing to create, or `undefined` when it has: a configuration beside a store
 * already there, or beside an EventStoreDB store; a store already there without one (init does
 * not know whose books it holds).
 */
function nothingToCreate(
  options: InitOptions,
  found: { configExists: boolean; storeExists: boolean; fileStore: boolean },
): LedgerError | undefined {
  const { config, store } = options;
  const refusal = (why: string): LedgerError =>
    ledgerError('IO_ERROR', `${why}.`, { details: { config, store } });
  if (found.configExists && !found.fileStore)
    return refusal(
      `${config} already exists and ${store} needs no creating: there is nothing to create`,
    );
  if (found.configExists && found.storeExists)
    return refusal(`${config} and ${store} already exist; ${neverOverwrites}`);
  if (found.storeExists) return refusal(storeThereWithoutConfiguration(options));
  return undefined;
}

const neverOverwrites = 'finsam init never overwrites a configuration or a store';

/** A store holds one förbund's books: init cannot know whose, so it writes no configuration. */
const storeThereWithoutConfiguration = ({ config, store }: InitOptions): string =>
  `${store} already exists, and a store holds one förbund's books: copy that förbund's configuration to ${config}, or give another --store; ${neverOverwrites}`;

/** A failed file operation of init as an `IO_ERROR` naming what it could not do and the path. */
function ioFailure(action: string, path: string, thrown: unknown): LedgerError {
  const error = thrown as NodeJS.ErrnoException;
  return ledgerError('IO_ERROR', `Cannot ${action} ${path}: ${error.message}`, {
    cause: error,
    details: { path, errno: error.code },
  });
}

/**
 * Creates the empty file store at `path`, making its directories, as `git init` does. A store
 * another process made since init looked is `'exists'` (the store's `existing: 'refuse'`),
 * never reported as created.
 */
async function createStore(
  path: string,
  directories: MadeDirectories,
): Promise<E.Either<LedgerError, 'created' | 'exists'>> {
  try {
    await directories.make(dirname(resolve(path)));
  } catch (thrown) {
    return E.left(ioFailure('make the directory of', path, thrown));
  }
  const created = await openFileEventStore({ path, mode: 'read-write', existing: 'refuse' })();
  if (E.isLeft(created))
    return created.left.details?.['errno'] === 'EEXIST' ? E.right('exists') : created;
  await created.right.close();
  return E.right('created');
}

/**
 * Writes the configuration template, which needs the name and id (a usage error without them,
 * before anything is written), and returns it.
 */
async function newTemplate(
  options: InitOptions,
  directories: MadeDirectories,
): Promise<E.Either<LedgerError, { readonly namn: string }>> {
  const missing = missingOptions(options);
  if (options.namn === undefined || options.forbundId === undefined)
    throw usageError(
      `required option${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} not specified`,
    );
  const written = await writeTemplate(options, directories, {
    namn: options.namn,
    förbundId: options.forbundId,
  });
  return E.isLeft(written) ? written : E.right({ namn: options.namn });
}

/** Writes the configuration template for `namn` and `förbundId`, never over a file. */
async function writeTemplate(
  options: InitOptions,
  directories: MadeDirectories,
  { namn, förbundId }: { readonly namn: string; readonly förbundId: string },
): Promise<E.Either<LedgerError, void>> {
  const template = {
    ...förbundConfigurationTemplate({ namn, förbundId }),
    $schema: schemaPathFrom(options.config),
  };
  try {
    // Like `git init <directory>`, the directories asked for are made.
    await directories.make(dirname(resolve(options.config)));
    // `wx` fails if the file appeared since the check: a configuration is never overwritten.
    await writeFile(options.config, `${JSON.stringify(template, null, 2)}\n`, { flag: 'wx' });
    return E.right(undefined);
  } catch (thrown) {
    return E.left(ioFailure('write', options.config, thrown));
  }
}
