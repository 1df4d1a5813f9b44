import { isLedgerError, LedgerError } from '@finsam-ledger/core';

/**
 * The in-memory store reports only the core's codes: it has no I/O of its own that could
 * fail. `STORE_CLOSED` is the one it raises itself.
 */
export const isStoreClosedError = (value: unknown): value is LedgerError =>
  isLedgerError(value, 'STORE_CLOSED');
