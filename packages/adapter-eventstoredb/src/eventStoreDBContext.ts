import type { EventStoreDBClientLike } from './EventStoreDBClientLike.js';
import { ledgerError, type LedgerError } from '@finsam-ledger/core';
import type { EventIdIndex } from './EventIdIndex.js';
import type { RetryEvent, RetryPolicy } from './retry.js';
import type { StreamMapping } from './streamMapping.js';

/**
 * What the store's appends and reads share: the client, the mapping, the index and the settings.
 */
export interface EventStoreDBContext {
  readonly client: EventStoreDBClientLike;
  readonly mapping: StreamMapping;
  readonly index: EventIdIndex;
  readonly policy: RetryPolicy;
  /** Deadline of one call to the server (an append, or one page of a read). */
  readonly deadlineMs: number;
  /** Events per read page. */
  readonly pageSize: number;
  /** Re-checks of an append when another writer got in between its check and its write. */
  readonly contentionAttemptsMax: number;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
  closed: boolean;
}

/** The error of any call to a closed store. */
export const closedError = (): LedgerError =>
  ledgerError('STORE_CLOSED', 'The EventStoreDB store is closed');
