import { isLedgerError } from '../error.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import type { ChainReport } from './auditStore.js';

/**
 * Problems found against a head written down (the expected head, or the head the writer's saved
 * index records), not in the file: the file still reads to its end.
 */
const problemsAgainstTheHead = new Set([
  'anchor-mismatch',
  'truncated',
  'acknowledged-history-changed',
  'acknowledged-events-removed',
]);

/**
 * How many events (from the first) the audit reads when the chain check found the file damaged
 * (a changed, removed, inserted or moved record): the intact ones before the damage, since a
 * read that reaches it fails, and nothing after it is vouched for. `undefined` (read it all) when
 * the chain is intact, was not checked, or failed only against the expected head.
 */
export function intactEventCount(chain: ChainReport | undefined): number | undefined {
  if (chain === undefined || chain.ok) return undefined;
  if (problemsAgainstTheHead.has(chain.problem?.kind ?? '')) return undefined;
  return chain.eventCount;
}

/**
 * A stream's events before global position `limit`: the read ends there, and also where it meets
 * the damage the chain check found (a store's `STORE_CORRUPTED` or `STORE_TAMPERED`), which the
 * audit's chain finding reports. Any other failure is thrown as it is.
 */
export async function* eventsBefore(
  events: AsyncIterable<StoredEvent>,
  limit: number,
): AsyncGenerator<StoredEvent> {
  try {
    for await (const event of events) {
      if (event.globalPosition >= limit) return;
      yield event;
    }
  } catch (thrown) {
    if (isLedgerError(thrown, 'STORE_CORRUPTED') || isLedgerError(thrown, 'STORE_TAMPERED')) return;
    throw thrown;
  }
}
