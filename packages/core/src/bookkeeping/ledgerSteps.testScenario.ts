import type { ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import type { BookkeepingEventType } from './bookkeepingCatalog.js';
import { createLedger } from '../facade/createLedger.js';
import type { EventInput } from '../facade/EventInput.js';

/** Test support shared by the bookkeeping rule tests (not published: `*.testScenario.ts`). */

/** Who records in the rule tests. */
export const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };

/**
 * One event to record: its type and data, as a caller might send it (the rules and the schema check
 * it).
 */
export type Step = readonly [BookkeepingEventType, unknown];

/**
 * A ledger on an in-memory store with `steps` recorded through the rules; a refusal fails the
 * setup, naming its code.
 */
export async function ledgerWith(steps: readonly Step[], förbundId = 'test') {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId });
  for (const [type, data] of steps) {
    const recorded = await ledger.record(type, data as EventInput<typeof type>, { metadata })();
    // A refused setup step fails the test with its own LedgerError: code, message and issues.
    if (E.isLeft(recorded)) throw recorded.left;
  }
  return { store, ledger };
}

/**
 * Asserts that `step`, recorded after `history`, is refused with `code` (and, given `path`,
 * an issue naming that field), and that nothing was appended.
 */
export async function assertRefused(
  t: ExecutionContext,
  history: readonly Step[],
  [type, data]: Step,
  code: string,
  path?: string,
): Promise<void> {
  const { store, ledger } = await ledgerWith(history);
  const before = (await collectAsync(store.readAll())).map((event) => event.eventId);
  const result = await ledger.record(type, data as EventInput<typeof type>, { metadata })();
  t.true(E.isLeft(result), 'refused');
  if (E.isLeft(result)) {
    t.is(result.left.code as string, code, result.left.message);
    if (path !== undefined)
      t.true(
        result.left.issues.some((issue) => issue.path === path),
        `an issue names ${path}: ${JSON.stringify(result.left.issues)}`,
      );
  }
  t.deepEqual(
    (await collectAsync(store.readAll())).map((event) => event.eventId),
    before,
    'nothing was appended',
  );
}
