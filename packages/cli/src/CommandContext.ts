import * as E from 'fp-ts/Either';
import type { LedgerError } from '@finsam-ledger/core';
import type { FörbundConfiguration } from '@finsam-ledger/core';
import { describeError } from './describeError.js';
import { exitCodes, type ExitCode } from './exitCodes.js';
import { loadConfiguration } from './loadConfiguration.js';
import { openStore, type OpenedStore } from './openStore.js';

/** The options every command takes. */
export interface StoreOptions {
  /** A file store path, or an EventStoreDB/KurrentDB connection string. */
  readonly store: string;
  /** The förbund's configuration (forbund.json). */
  readonly config: string;
}

/** Prints a refusal on stderr and returns exit code 1. */
export function refuse(error: LedgerError, where?: string): ExitCode {
  process.stderr.write(`${describeError(error, where)}\n`);
  return exitCodes.refused;
}

/**
 * Loads the configuration, opens the store, runs `work` and closes the store whatever
 * happens. A configuration or store that cannot be used is a refusal (exit code 1), unless
 * `whenStoreFails` is given: it then answers for a store that cannot be opened.
 */
export async function withConfigurationAndStore(
  options: StoreOptions,
  mode: 'read-only' | 'read-write',
  work: (configuration: FörbundConfiguration, opened: OpenedStore) => Promise<ExitCode>,
  whenStoreFails?: (configuration: FörbundConfiguration, error: LedgerError) => Promise<ExitCode>,
): Promise<ExitCode> {
  const configuration = await loadConfiguration(options.config);
  if (E.isLeft(configuration)) return refuse(configuration.left, options.config);
  const opened = await openStore(options.store, mode);
  if (E.isLeft(opened))
    return whenStoreFails === undefined
      ? refuse(opened.left)
      : whenStoreFails(configuration.right, opened.left);
  try {
    return await work(configuration.right, opened.right);
  } finally {
    await opened.right.store.close();
  }
}
