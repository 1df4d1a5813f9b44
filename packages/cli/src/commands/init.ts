import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileEventStore } from '@finsam-ledger/adapter-file';
import { ledgerError } from '@finsam-ledger/core';
import { refuse, type StoreOptions } from '../CommandContext.js';
import { förbundConfigurationTemplate } from '@finsam-ledger/core';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { isConnectionString } from '../openStore.js';
import { pathExists as exists } from '../pathExists.js';

/** The options of `finsam init`. */
export interface InitOptions extends StoreOptions {
  readonly namn: string;
  readonly forbundId: string;
}

const refuseExisting = (path: string, what: string): ExitCode =>
  refuse(
    ledgerError('IO_ERROR', `${path} already exists; finsam init never overwrites a ${what}.`, {
      details: { path },
    }),
  );

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
 * in the members, accounts, posts and insatser) and creates an empty file store. Refuses
 * to overwrite either; an EventStoreDB store needs no creating (its streams begin with
 * their first event).
 */
export async function runInit(options: InitOptions): Promise<ExitCode> {
  const fileStore = !isConnectionString(options.store);
  if (await exists(options.config)) return refuseExisting(options.config, 'configuration');
  if (fileStore && (await exists(options.store))) return refuseExisting(options.store, 'store');
  const template = {
    ...förbundConfigurationTemplate({ namn: options.namn, förbundId: options.forbundId }),
    $schema: schemaPathFrom(options.config),
  };
  try {
    // Like `git init <directory>`, the directories asked for are made.
    await mkdir(dirname(resolve(options.config)), { recursive: true });
    if (fileStore) await mkdir(dirname(resolve(options.store)), { recursive: true });
    // `wx` fails if the file appeared since the check: a configuration is never overwritten.
    await writeFile(options.config, `${JSON.stringify(template, null, 2)}\n`, { flag: 'wx' });
  } catch (thrown) {
    const error = thrown as NodeJS.ErrnoException;
    return refuse(
      ledgerError('IO_ERROR', `Cannot write ${options.config}: ${error.message}`, {
        cause: error,
        details: { path: options.config, errno: error.code },
      }),
    );
  }
  if (fileStore) {
    const created = await openFileEventStore({ path: options.store, mode: 'read-write' })();
    if (E.isLeft(created)) return refuse(created.left);
    await created.right.close();
  }
  // Full paths: a user who ran init through a script runner, or from another directory, sees
  // where the files are.
  process.stdout.write(
    [
      `wrote ${resolve(options.config)} (the configuration of ${options.namn}: fill in its members, accounts, posts and insatser)`,
      fileStore
        ? `created the empty store ${resolve(options.store)}`
        : `${options.store} needs no creating: its streams begin with their first event`,
      'next: finsam record EVENTS.jsonl, then finsam report, then finsam verify',
      '',
    ].join('\n'),
  );
  return exitCodes.ok;
}
