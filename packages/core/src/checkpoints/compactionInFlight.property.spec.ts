import { strictEqual, deepStrictEqual } from 'node:assert/strict';
import test from 'ava';
import * as fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { BookkeepingState } from '../bookkeeping/BookkeepingState.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import type { RecorderCheckpoints } from '../ledger/EventRecorder.js';
import {
  booksRecorder,
  booksStreamId,
  cost,
  eventIdOf,
  freshState,
  nameOf,
  openingBalance,
  outcome,
  paid,
  scriptedStore,
  storedBooks,
  type AppendFault,
} from '../ledger/BatchesInFlight.testSupport.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { bookkeepingRecorderCheckpoints } from './bookkeepingRecorderCheckpoints.js';
import { serialiseBookkeepingState } from './bookkeepingStateCheckpoint.js';
import { memoryCheckpointStorage } from './memoryCheckpointStorage.testSupport.js';

// A writer on a store that keeps checkpoints compacts its state after each year close it saw
// stored, also behind calls in flight, leaving in full the items those calls touched. Random
// calls (payables opened, paid in part, in full and too much, their ids reused, year closes),
// kept in flight together, some appends failing, must settle, store and leave the state exactly
// as the same calls one at a time do on a store without checkpoints (no compaction at all).
// Corrections, retries and conflicts are not drawn here (BatchesInFlight.property draws retries
// and conflicts, on a writer without checkpoints).

/** One event of a random call, before it is given its id and date. */
type Step =
  | { readonly kind: 'cost' }
  | { readonly kind: 'owed'; readonly item: number }
  | { readonly kind: 'owedAndPaid'; readonly item: number }
  | { readonly kind: 'paid'; readonly item: number; readonly belopp: string };

/** A random call: new events, or the close of the year the calls are in. */
type Call =
  | { readonly kind: 'new'; readonly steps: readonly Step[]; readonly fault?: AppendFault }
  | { readonly kind: 'close'; readonly fault?: AppendFault };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'cost' }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('owedAndPaid' as const),
      item: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('owed' as const),
      item: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('paid' as const),
      item: fc.integer({ min: 1, max: 12 }),
      // An item is 1 250 kr: a payment of 1 875 kr is always refused, of 625 kr twice accepted.
      belopp: fc.constantFrom('625.00', '1250.00', '1250.00', '1875.00'),
    }),
  },
);

/** Most appends are not faulted; one in six fails, refused or thrown. */
const fault: fc.Arbitrary<AppendFault | undefined> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<AppendFault>('refuse', 'throw') },
);

const withFault = <Made extends { readonly fault?: AppendFault }>(
  made: Made,
  faulted: AppendFault | undefined,
): Made => (faulted === undefined ? made : { ...made, fault: faulted });

const call: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.array(step, { minLength: 1, maxLength: 3 }), fault)
      .map(([steps, faulted]) => withFault<Call>({ kind: 'new', steps }, faulted)),
  },
  {
    weight: 2,
    arbitrary: fault.map((faulted) => withFault<Call>({ kind: 'close' }, faulted)),
  },
);

const firstYear = 2021;

/**
 * Makes each call's batch as the calls before it, one at a time, left the books: a close states
 * the year's result as the state has it then. Events after a close are dated in the next year.
 */
class Batches {
  readonly all: (readonly BookkeepingEvent[])[] = [[openingBalance('ib')]];
  readonly faults: Record<string, AppendFault> = {};
  private year = firstYear;

  made(made: Call, index: number, state: BookkeepingState): readonly BookkeepingEvent[] {
    const batch = made.kind === 'close' ? this.close(index, state) : this.events(made.steps, index);
    if (made.fault !== undefined) this.faults[nameOf(batch[0]!.eventId)] = made.fault;
    this.all.push(batch);
    return batch;
  }

  private close(index: number, state: BookkeepingState): readonly BookkeepingEvent[] {
    const år = this.year;
    this.year += 1;
    const åretsResultat = (state.yearResults.get(år) ?? '0.00').toString();
    const data = { år, datum: `${år + 1}-01-10`, åretsResultat };
    return [bookkeepingEvent('RäkenskapsårStängt', data, eventIdOf(`close-${index}`))];
  }

  private events(steps: readonly Step[], index: number): readonly BookkeepingEvent[] {
    const datum = `${this.year}-${String(2 + (index % 11)).padStart(2, '0')}-15`;
    return steps.flatMap((made, position) => {
      const name = `e${index}-${position}`;
      const postId = `LF-${made.kind === 'cost' ? 0 : made.item}`;
      if (made.kind === 'cost') return [cost(name, datum)];
      if (made.kind === 'owed') return [cost(name, datum, postId)];
      // Opened and settled in one batch: an item a batch in flight must keep in full.
      if (made.kind === 'owedAndPaid')
        return [cost(name, datum, postId), paid(`${name}-paid`, datum, postId, '1250.00')];
      return [paid(name, datum, postId, made.belopp)];
    });
  }
}

/** How often the random calls met what the property is about. */
const coverage = { closesStored: 0, compactedBehind: 0, appendsFailed: 0, refusedByRules: 0 };

/** The recorder's checkpoints, counting the compactions made behind calls in flight. */
function counted(
  checkpoints: RecorderCheckpoints<BookkeepingState, BookkeepingEvent>,
): RecorderCheckpoints<BookkeepingState, BookkeepingEvent> {
  return {
    ...checkpoints,
    dropStored(state, inFlight) {
      const before = state.settledItems.size;
      checkpoints.dropStored!(state, inFlight);
      if ((inFlight?.length ?? 0) > 0 && state.settledItems.size > before)
        coverage.compactedBehind += 1;
    },
  };
}

/** Turns of the event loop: the scripted store's appends wait turns, never time. */
const turns = async (count: number) => {
  for (let turn = 0; turn < count; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

const stateJson = (state: BookkeepingState) => JSON.stringify(serialiseBookkeepingState(state));

test('random calls in flight across year closes, some appends failing, settle, store and leave the state as the same calls one at a time, with the writer compacting behind them', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(call, { minLength: 2, maxLength: 20 }),
      fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 8 }),
      async (calls, delays, gaps) => {
        const batches = new Batches();
        const faultOf = (name: string) => batches.faults[name];
        const sequentialStore = scriptedStore({ batches: batches.all, faultOf });
        const sequential = booksRecorder(sequentialStore);
        const expected = [outcome(await sequential.record(batches.all[0]!)())];
        for (const [index, made] of calls.entries()) {
          const state = await sequential.state()();
          if (E.isLeft(state)) throw state.left;
          expected.push(outcome(await sequential.record(batches.made(made, index, state.right))()));
        }

        let turn = 0;
        const scripted = scriptedStore({
          batches: batches.all,
          faultOf,
          delayTurns: () => delays[turn++ % delays.length]!,
        });
        const storage = memoryCheckpointStorage(scripted);
        const store = Object.assign(scripted, { checkpoints: storage.checkpoints });
        const checkpoints = bookkeepingRecorderCheckpoints(store, booksStreamId, defaultChart)!;
        const pipelined = booksRecorder(store, undefined, counted(checkpoints));
        // Each call made a few turns after the one before, none awaited: later calls are decided
        // while earlier ones are being stored. The call after the one behind a close waits for the
        // close to settle: it is then decided behind the other, with the close stored.
        const calling = [];
        for (const [index, batch] of batches.all.entries()) {
          if (index >= 2 && batches.all[index - 2]![0]!.type === 'RäkenskapsårStängt')
            await calling[index - 2];
          calling.push(pipelined.record(batch)());
          await turns(gaps[index % gaps.length]!);
        }
        const settled = await Promise.all(calling);
        deepStrictEqual(settled.map(outcome), expected);
        deepStrictEqual(await storedBooks(store), await storedBooks(sequentialStore));
        const state = await pipelined.state()();
        const sequentialState = await sequential.state()();
        if (E.isLeft(state) || E.isLeft(sequentialState)) throw new Error('state() failed');
        strictEqual(stateJson(state.right), stateJson(sequentialState.right));
        strictEqual(stateJson(state.right), stateJson(await freshState(store)));
        await storage.idle();
        coverage.closesStored += sequentialState.right.closedYears.size;
        for (const result of expected)
          if ('code' in result)
            if (result.code === 'IO_ERROR') coverage.appendsFailed += 1;
            else coverage.refusedByRules += 1;
      },
    ),
    { numRuns: 300 },
  );
  t.true(coverage.closesStored > 150, `${coverage.closesStored} year closes stored`);
  t.true(coverage.compactedBehind >= 10, `${coverage.compactedBehind} compactions behind calls`);
  t.true(coverage.appendsFailed > 40, `${coverage.appendsFailed} appends that failed`);
  t.true(coverage.refusedByRules > 100, `${coverage.refusedByRules} calls refused by the rules`);
});
