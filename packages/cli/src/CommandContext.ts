import * as E from 'fp-ts/Either';
import {
  bookkeepingStreamId,
  ledgerError,
  participantStreamId,
  type FörbundConfiguration,
  type LedgerError,
  type StoredEvent,
} from '@finsam-ledger/core';
import { describeError, type FieldName } from './describeError.js';
import { exitCodes, type ExitCode } from './exitCodes.js';
import { loadConfiguration } from './loadConfiguration.js';
import { openStore, type OpenedStore, type StoreMode } from './openStore.js';

/** The options every command takes. */
export interface StoreOptions {
  /** A file store path, or an EventStoreDB/KurrentDB connection string. */
  readonly store: string;
  /** The förbund's configuration (forbund.json). */
  readonly config: string;
}

/** Prints a refusal on stderr and returns exit code 1. */
export function refuse(error: LedgerError, where?: string, fieldName?: FieldName): ExitCode {
  process.stderr.write(`${describeError(error, where, fieldName)}\n`);
  return exitCodes.refused;
}

/**
 * Loads the configuration, opens the store, runs `work` and closes the store whatever
 * happens. A configuration or store that cannot be used is a refusal (exit code 1), unless
 * `whenStoreFails` is given: it then answers for a store that cannot be opened.
 */
export async function withConfigurationAndStore(
  options: StoreOptions,
  mode: StoreMode,
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
    const foreign = await anotherFörbundsStore(opened.right, configuration.right.förbundId);
    if (foreign !== undefined) return refuse(foreign);
    return await work(configuration.right, opened.right);
  } finally {
    await opened.right.store.close();
  }
}

async function firstOf(events: AsyncIterable<StoredEvent>): Promise<StoredEvent | undefined> {
  for await (const event of events) return event;
  return undefined;
}

/**
 * The refusal of a file store that holds events and none of `förbundId`'s streams: a file store
 * serves one förbund, so reading it with another's configuration would report empty books (or
 * pass an audit of nothing), and recording into it would mix two förbund's books in one file.
 * An EventStoreDB serves many förbund, and a new one starts with no events there: not checked.
 */
async function anotherFörbundsStore(
  opened: OpenedStore,
  förbundId: string,
): Promise<LedgerError | undefined> {
  if (opened.kind !== 'file') return undefined;
  const streams = [bookkeepingStreamId(förbundId), participantStreamId(förbundId)];
  let first: StoredEvent | undefined;
  try {
    first = await firstOf(opened.store.readAll({ maxCount: 1 }));
    if (first === undefined || streams.includes(first.streamId)) return undefined;
    for (const stream of streams)
      if ((await firstOf(opened.store.readStream(stream, { maxCount: 1 }))) !== undefined)
        return undefined;
  } catch {
    // A store that cannot be read this far is damaged: the command's own reading reports that
    // (an audit as a chain finding), better than this check could.
    return undefined;
  }
  return ledgerError(
    'STORE_OF_ANOTHER_FORBUND',
    `${opened.location} holds another förbund's books (its first event is in stream ${first.streamId}) and none of ${förbundId}'s (streams ${streams.join(', ')}): a file store serves one förbund; check --store and --config`,
    {
      details: { location: opened.location, förbundId, firstStream: first.streamId },
      issues: [
        {
          path: 'förbundId',
          rule: 'store-holds-förbund',
          message: `the store holds no event of ${förbundId}; its first event is in ${first.streamId}`,
        },
      ],
    },
  );
}
