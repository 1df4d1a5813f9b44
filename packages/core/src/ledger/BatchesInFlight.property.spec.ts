import { deepStrictEqual } from 'node:assert/strict';
import test from 'ava';
import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import {
  booksRecorder,
  cost,
  freshState,
  openingBalance,
  outcome,
  paid,
  scriptedStore,
  storedBooks,
  type AppendFault,
} from './BatchesInFlight.testSupport.js';

/** One event of a random call, before it is given its id. */
type Step =
  | { readonly kind: 'cost' }
  | { readonly kind: 'owed'; readonly item: number }
  | { readonly kind: 'paid'; readonly item: number; readonly belopp: string };

/** A random call: new events, or the very batch of an earlier call again (a retry). */
type Call =
  | { readonly kind: 'new'; readonly steps: readonly Step[]; readonly fault?: AppendFault }
  | { readonly kind: 'again'; readonly earlier: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'cost' }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('owed' as const),
      item: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('paid' as const),
      item: fc.integer({ min: 1, max: 4 }),
      // An item is 1 250 kr: a payment of 1 875 kr is always refused, of 625 kr twice accepted.
      belopp: fc.constantFrom('625.00', '1250.00', '1875.00'),
    }),
  },
);

const call: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        kind: fc.constant('new' as const),
        steps: fc.array(step, { minLength: 1, maxLength: 3 }),
        fault: fc.constantFrom<AppendFault>('refuse', 'throw', 'conflict', 'foreign-write'),
      },
      // Most appends are not faulted.
      { requiredKeys: ['kind', 'steps'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('again' as const), earlier: fc.nat() }),
  },
);

/** The batches of the calls (a retry is its earlier call's batch), and the faults by name. */
function batchesOf(calls: readonly Call[]) {
  const batches: (readonly BookkeepingEvent[])[] = [];
  const faults: Record<string, AppendFault> = {};
  calls.forEach((made, index) => {
    if (made.kind === 'again') {
      batches.push(
        batches[made.earlier % Math.max(batches.length, 1)] ?? [cost(`e${index}`, '2021-03-01')],
      );
      return;
    }
    const datum = `2021-${String(1 + (index % 12)).padStart(2, '0')}-15`;
    const events = made.steps.map((made, position) => {
      const name = `e${index}-${position}`;
      if (made.kind === 'cost') return cost(name, datum);
      if (made.kind === 'owed') return cost(name, datum, `LF-${made.item}`);
      return paid(name, datum, `LF-${made.item}`, made.belopp);
    });
    if (made.fault !== undefined) faults[`e${index}-0`] = made.fault;
    batches.push(events);
  });
  return { batches, faults };
}

/** How often the random calls met what the property is about. */
const coverage = {
  refusedByRules: 0,
  appendsFailed: 0,
  retriesStored: 0,
  decidedAgain: 0,
  appendedTogether: 0,
};

test('random calls in flight together (some refused by the rules, some appends failing or meeting another writer) settle, store and leave the state exactly as the same calls one at a time', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(call, { minLength: 1, maxLength: 14 }),
      fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.constantFrom(undefined, undefined, 'refuse', 'throw', 'conflict' as const), {
        maxLength: 6,
      }),
      async (calls, delays, togetherFaults) => {
        const { batches, faults } = batchesOf(calls);
        const faultOf = (name: string) => faults[name];

        const all = [[openingBalance('ib')], ...batches];
        const sequentialStore = scriptedStore({ batches: all, faultOf });
        const sequentialDecided: string[] = [];
        const sequential = booksRecorder(sequentialStore, sequentialDecided);
        const expected = [];
        for (const batch of all) expected.push(outcome(await sequential.record(batch)()));

        let turn = 0;
        // Appends of several batches (made only by calls in flight) fail without a trace.
        const store = scriptedStore({
          batches: all,
          faultOf,
          togetherFaults,
          delayTurns: () => delays[turn++ % delays.length]!,
        });
        const decided: string[] = [];
        const pipelined = booksRecorder(store, decided);
        const settled = await Promise.all(all.map((batch) => pipelined.record(batch)()));
        deepStrictEqual(settled.map(outcome), expected);
        deepStrictEqual(await storedBooks(store), await storedBooks(sequentialStore));
        const state = await pipelined.state()();
        const sequentialState = await sequential.state()();
        if (E.isLeft(state) || E.isLeft(sequentialState)) throw new Error('state() failed');
        deepStrictEqual(state.right, sequentialState.right);
        deepStrictEqual(state.right, await freshState(store));
        for (const result of expected)
          if ('code' in result)
            if (['IO_ERROR', 'CONCURRENCY_CONFLICT'].includes(result.code))
              coverage.appendsFailed += 1;
            else coverage.refusedByRules += 1;
          else if (result.alreadyStored) coverage.retriesStored += 1;
        if (decided.length > sequentialDecided.length) coverage.decidedAgain += 1;
        coverage.appendedTogether += store.appendsTogether();
      },
    ),
    { numRuns: 240 },
  );
  // Each bound is at least six standard deviations below the count's mean over 200 seeds
  // (refused 628 ± 34, failed 285 ± 18, stored 88 ± 11, decided again 210 ± 5, together
  // 69 ± 8), so a random seed misses one about once in a billion runs, while a generator or
  // a pipeline that stopped reaching a case misses it every time. At 120 runs the bound on
  // appends of several was three deviations out and failed a CI run.
  t.true(coverage.refusedByRules > 400, `${coverage.refusedByRules} calls refused by the rules`);
  t.true(coverage.appendsFailed > 150, `${coverage.appendsFailed} appends that failed`);
  t.true(coverage.retriesStored > 20, `${coverage.retriesStored} retries already stored`);
  t.true(coverage.appendedTogether > 20, `${coverage.appendedTogether} appends of several`);
  t.true(coverage.decidedAgain > 175, `${coverage.decidedAgain} runs that decided calls again`);
});
