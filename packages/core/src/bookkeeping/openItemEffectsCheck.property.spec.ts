import test from 'ava';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { LedgerError } from '../error.js';
import { Money } from '../money/Money.js';
import type { BookkeepingEventModule } from './BookkeepingEventModule.js';
import {
  initialBookkeepingState,
  openItemStanding,
  type BookkeepingState,
  type OpenItemStanding,
} from './BookkeepingState.js';
import { checkOpenItemEffects } from './bookkeepingDecider.js';
import { defaultChart } from './ChartOfAccounts.js';
import { openItemKinds, type OpenItem, type OpenItemEffect } from './OpenItem.js';
import { refusal } from './refusal.js';
import { SettledOpenItems } from './SettledOpenItems.js';

// The rules check an event's open-item effects in one loop that builds no item for the last
// effect (which no later effect reads), and a map of touched items only when an earlier effect
// leaves one: so an event with one effect (a cost owed, a payment) builds nothing. Every answer,
// refusal for refusal, must be main's code's from before any shortcut, held here on random
// books: items open in full, settled in full, and settled before a checkpoint, each effect
// opening, reopening or settling one of them or none; events of none, one and several effects.

const rulesHold: E.Either<LedgerError, void> = E.right(undefined);

type TouchedItem = OpenItemStanding;

/**
 * (main's code at ed35c7f, verbatim but for its name) Open items are opened once (a correction
 * may reopen an existing one), and settled only if
 * they exist, are of a kind the event settles, and are open for at least the amount; an
 * accrual is reversed whole. The effects of one event are checked in order, each against
 * the items as the earlier ones left them.
 */
function checkOpenItemEffectsBefore(
  state: BookkeepingState,
  type: string,
  module: BookkeepingEventModule,
  effects: readonly OpenItemEffect[],
): E.Either<LedgerError, void> {
  if (effects.length === 0) return rulesHold;
  // Most events have one effect: the items it leaves are kept only when a later effect may read
  // them.
  const touched = effects.length > 1 ? new Map<string, TouchedItem>() : undefined;
  for (const effect of effects) {
    const postId = effect.effect === 'open' ? effect.item.postId : effect.postId;
    const current = touched?.get(postId) ?? openItemStanding(state, postId);
    const checked =
      effect.effect === 'open'
        ? checkOpening(current, effect)
        : checkSettlement(current, effect, type, module);
    if (E.isLeft(checked)) return checked;
    touched?.set(postId, checked.right);
  }
  return rulesHold;
}

function checkOpening(
  existing: TouchedItem | undefined,
  effect: Extract<OpenItemEffect, { effect: 'open' }>,
): E.Either<LedgerError, TouchedItem> {
  const { postId, slag, belopp } = effect.item;
  const path = effect.path ?? 'data.postId';
  if (effect.reopen !== true) {
    if (existing === undefined) return E.right({ slag, öppet: Money.from(belopp) });
    return refusal(
      'OPEN_ITEM_ALREADY_EXISTS',
      `Open item ${postId} already exists; every receivable, accrual and payable needs its own id`,
      { path, rule: 'unique-open-item', message: `${postId} is already an open item` },
      { postId },
    );
  }
  if (existing === undefined)
    return refusal(
      'OPEN_ITEM_NOT_FOUND',
      `Open item ${postId} does not exist`,
      { path, rule: 'open-item-exists', message: `${postId} is not an open item` },
      { postId },
    );
  if (existing.slag !== slag)
    return refusal(
      'OPEN_ITEM_MISMATCH',
      `${postId} is a ${existing.slag}, not a ${slag}`,
      { path, rule: 'same-kind', message: `${postId} is a ${existing.slag}, not a ${slag}` },
      { postId, slag: existing.slag },
    );
  return E.right({ ...existing, öppet: existing.öppet.plus(Money.from(belopp)) });
}

function checkSettlement(
  entry: TouchedItem | undefined,
  effect: Extract<OpenItemEffect, { effect: 'settle' }>,
  type: string,
  module: BookkeepingEventModule,
): E.Either<LedgerError, TouchedItem> {
  const { postId } = effect;
  const path = effect.path ?? 'data.postId';
  if (entry === undefined)
    return refusal(
      'OPEN_ITEM_NOT_FOUND',
      `${type} settles ${postId}, which is not an open item of these books`,
      { path, rule: 'open-item-exists', message: `${postId} is not an open item` },
      { postId },
    );
  const { slag, öppet } = entry;
  if (!effect.slag.includes(slag))
    return refusal(
      'OPEN_ITEM_MISMATCH',
      `${postId} is a ${slag}; ${type} settles only ${effect.slag.join(' or ')}`,
      { path, rule: 'settled-kind', message: `${postId} is a ${slag}` },
      { postId, slag },
    );
  const amount = Money.from(effect.belopp);
  const amountPath = module.fieldPaths.amount;
  if (amount.compare(öppet) > 0)
    return refusal(
      'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
      `${postId} has ${öppet.toString()} kr open; ${type} would settle ${amount.toString()} kr`,
      {
        path: amountPath,
        rule: 'at-most-open-amount',
        message: `must be at most ${öppet.toString()}, what is open of ${postId}`,
      },
      { postId, open: öppet.toString(), settle: amount.toString() },
    );
  if (effect.whole && !amount.equals(öppet))
    return refusal(
      'OPEN_ITEM_MISMATCH',
      `${postId} has ${öppet.toString()} kr open; an accrual is reversed whole`,
      { path: amountPath, rule: 'reversed-whole', message: `must be ${öppet.toString()}` },
      { postId, open: öppet.toString() },
    );
  return E.right({ slag, öppet: öppet.minus(amount) });
}

const postIds = ['A', 'B', 'C', 'D'];
const kind = fc.constantFrom(...openItemKinds);
const amount = fc.constantFrom('0.00', '1.00', '100.00', '250.50', '1000.00');

const books = fc.record({
  // Each id: not an item, open in full (with some amount open, or none), or settled before a
  // checkpoint.
  items: fc.tuple(
    ...postIds.map((postId) =>
      fc.oneof(
        fc.constant(undefined),
        fc.record({ postId: fc.constant(postId), slag: kind, öppetBelopp: amount }),
        fc.record({ postId: fc.constant(postId), slag: kind, settled: fc.constant(true) }),
      ),
    ),
  ),
});

const effect: fc.Arbitrary<OpenItemEffect> = fc.oneof(
  fc.record({
    effect: fc.constant('open' as const),
    datum: fc.constant('2021-05-01'),
    reopen: fc.constantFrom(undefined, true, false),
    path: fc.constantFrom(undefined, 'data.betalning.postId'),
    item: fc.record({
      postId: fc.constantFrom(...postIds),
      slag: kind,
      belopp: amount,
      text: fc.constant('t'),
    }),
  }),
  fc.record({
    effect: fc.constant('settle' as const),
    path: fc.constantFrom(undefined, 'data.postId'),
    postId: fc.constantFrom(...postIds),
    belopp: amount,
    slag: fc.subarray([...openItemKinds], { minLength: 1, maxLength: 2 }),
    whole: fc.boolean(),
  }),
);

function stateOf(items: readonly ({ postId: string; slag: string } & Record<string, unknown>)[]) {
  const state = initialBookkeepingState(defaultChart);
  const settled = items.filter((item) => item.settled === true);
  const openItems = new Map<string, OpenItem>();
  for (const item of items)
    if (item.settled !== true)
      openItems.set(item.postId, {
        ...item,
        ursprungligtBelopp: item.öppetBelopp,
        datum: '2021-01-01',
        eventId: 'e-1',
      } as unknown as OpenItem);
  return {
    ...state,
    openItems,
    settledItems: SettledOpenItems.fromSerialised({
      postIds: settled.map((item) => item.postId),
      kinds: settled.map((item) => openItemKinds.indexOf(item.slag as never)),
      eventIds: settled.map(() => 'e-0'),
    }),
  };
}

const module = {
  fieldPaths: { date: 'data.datum', amount: 'data.belopp' },
} as BookkeepingEventModule;

test('an event with one open-item effect is answered as the general path answered it', (t) => {
  let refused = 0;
  fc.assert(
    fc.property(books, effect, ({ items }, only) => {
      const state = stateOf(items.filter((item) => item !== undefined));
      const answer = checkOpenItemEffects(state, 'Händelse', module, [only]);
      const before = checkOpenItemEffectsBefore(state, 'Händelse', module, [only]);
      if (E.isLeft(before)) refused += 1;
      return JSON.stringify(answer) === JSON.stringify(before);
    }),
    { numRuns: 3000 },
  );
  t.true(refused > 300, `${refused} refused`);
});

test('events with no effect, or several, are answered as before, each against what the earlier left', (t) => {
  fc.assert(
    fc.property(
      books,
      fc.oneof(fc.constant([]), fc.array(effect, { minLength: 2, maxLength: 4 })),
      ({ items }, effects) => {
        const state = stateOf(items.filter((item) => item !== undefined));
        return (
          JSON.stringify(checkOpenItemEffects(state, 'Händelse', module, effects)) ===
          JSON.stringify(checkOpenItemEffectsBefore(state, 'Händelse', module, effects))
        );
      },
    ),
    { numRuns: 2000 },
  );
  t.pass();
});
