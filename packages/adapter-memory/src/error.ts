import { isLedgerError, type LedgerErrorOf } from '@finsam-ledger/core';

/**
 * The codes the in-memory store raises itself. It has no I/O of its own that could fail:
 * besides the core's shared append refusals (`INVALID_EVENT`, `CONCURRENCY_CONFLICT`, ...)
 * the only error it raises is `STORE_CLOSED`.
 */
export const inMemoryEventStoreErrorCodes = ['STORE_CLOSED'] as const;

/** True if the store was closed. */
export const isStoreClosedError = (value: unknown): value is LedgerErrorOf<'STORE_CLOSED'> =>
  isLedgerError(value, 'STORE_CLOSED');
