import test from 'ava';
import fc from 'fast-check';
import {
  deserialiseBookkeepingState,
  serialiseBookkeepingState,
} from '../checkpoints/bookkeepingStateCheckpoint.js';
import { initialBookkeepingState } from './BookkeepingState.js';
import { defaultChart } from './ChartOfAccounts.js';
import { openItemKinds, type OpenItem } from './OpenItem.js';
import {
  serialiseSettledOpenItems,
  SettledOpenItems,
  SettledOpenItemsInOrder,
  type SettledOpenItem,
} from './SettledOpenItems.js';

// The write side serialises its settled items at every year close, merging those settled since
// the last close into the order it kept. Whatever happens between two saves (items settled in
// any order, settled items reopened or settled again under another event, or another state
// serialised with the same order), the result must be exactly what sorting them all gives:
// the checkpoint's bytes and digest depend on it.

/** Ids like the synthetic load's (`LF-12` sorts before `LF-2`) and some non-ASCII ones. */
const postId = fc.oneof(
  fc.nat({ max: 400 }).map((number) => `LF-${number}`),
  fc.constantFrom('Å-1', 'Ä-2', 'a', 'Z', 'ö-3', '10', '9'),
);
const item: fc.Arbitrary<SettledOpenItem> = fc.record({
  postId,
  slag: fc.constantFrom(...openItemKinds),
  eventId: fc.constantFrom('e1', 'e2', 'e3'),
});

type Step =
  | { kind: 'settle'; items: SettledOpenItem[] }
  | { kind: 'reopen'; picks: number[] }
  | { kind: 'otherState'; items: SettledOpenItem[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('settle' as const), items: fc.array(item) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('reopen' as const), picks: fc.array(fc.nat()) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('otherState' as const), items: fc.array(item) }),
  },
);

/** The settled items after `step`, by id: a later settle of an id replaces the earlier one. */
function applied(settled: Map<string, SettledOpenItem>, next: Step): Map<string, SettledOpenItem> {
  if (next.kind === 'otherState') return new Map(next.items.map((each) => [each.postId, each]));
  const result = new Map(settled);
  if (next.kind === 'settle')
    for (const each of next.items) {
      // Settled again under another event: the state's map lists it where it was.
      result.set(each.postId, each);
    }
  else {
    const ids = [...result.keys()];
    for (const pick of next.picks) if (ids.length > 0) result.delete(ids[pick % ids.length]!);
  }
  return result;
}

test('merging settled items into the kept order gives what a full sort gives', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(step, fc.nat())), (steps) => {
      const inOrder = new SettledOpenItemsInOrder();
      let settled = new Map<string, SettledOpenItem>();
      for (const [next, seed] of steps) {
        // Now and then compacted: the caller's items so far are no longer its own, it tells the
        // order to forget them, and its next list holds only those settled since.
        if (seed % 5 === 1) {
          inOrder.forget();
          settled = new Map();
        }
        settled = applied(settled, next);
        // Mostly in the order they were settled (as a state's map lists them), where the kept
        // order is merged into; sometimes shuffled, where everything is sorted again.
        const items =
          seed % 4 === 0 ? shuffled([...settled.values()], seed) : [...settled.values()];
        const expected = serialiseSettledOpenItems(items);
        const actual = inOrder.serialise(items);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) return false;
      }
      return true;
    }),
    { numRuns: 300 },
  );
  t.pass();
});

test('a state serialised with the kept order is the one serialised with a full sort', (t) => {
  // Open items settled in the state itself (öppetBelopp zero) and settled items it resumed with.
  fc.assert(
    fc.property(fc.array(fc.array(item), { maxLength: 6 }), fc.array(item), (saves, resumed) => {
      const inOrder = new SettledOpenItemsInOrder();
      const base = initialBookkeepingState(defaultChart);
      const settledItems = SettledOpenItems.fromSerialised(
        serialiseSettledOpenItems(new Map(resumed.map((each) => [each.postId, each])).values()),
      );
      const openItems = new Map<string, OpenItem>();
      for (const [index, batch] of saves.entries()) {
        for (const each of batch) openItems.set(each.postId, openItem(each, index % 2 === 0));
        const state = { ...base, openItems: new Map(openItems), settledItems };
        const expected = JSON.stringify(serialiseBookkeepingState(state));
        if (JSON.stringify(serialiseBookkeepingState(state, inOrder)) !== expected) return false;
        const resumedState = deserialiseBookkeepingState(defaultChart, JSON.parse(expected));
        if (JSON.stringify(serialiseBookkeepingState(resumedState)) !== expected) return false;
      }
      return true;
    }),
    { numRuns: 200 },
  );
  t.pass();
});

function openItem(settled: SettledOpenItem, isSettled: boolean): OpenItem {
  return {
    postId: settled.postId,
    slag: settled.slag,
    text: `Post ${settled.postId}`,
    ursprungligtBelopp: '100.00',
    öppetBelopp: isSettled ? '0.00' : '40.00',
    datum: '2024-03-01',
    eventId: settled.eventId,
  };
}

/** `items` in an order decided by `seed` (a deterministic Fisher–Yates shuffle). */
function shuffled<Item>(items: Item[], seed: number): Item[] {
  let state = seed + 1;
  for (let index = items.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}
