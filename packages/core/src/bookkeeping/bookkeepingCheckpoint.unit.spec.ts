import test from 'ava';
import * as E from 'fp-ts/Either';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import type { BookkeepingEvent } from './bookkeepingCatalog.js';
import { bookedCost } from './bookedCost.testSupport.js';
import { createBookkeepingDecider } from './bookkeepingDecider.js';
import { cloneBookkeepingState, type BookkeepingState } from './BookkeepingState.js';

/**
 * The decider's undo of a batch (`checkpoint`) saves the collections that grow with the books only
 * at the keys the batch touches: an entry a batch changes twice, an entry that was already there (a
 * retry of a recorded event's id) and a set the batch adds to must all come back as they were.
 */

const payment = (postId: string, belopp: string) =>
  bookkeepingEvent('LeverantörsskuldBetald', { datum: '2021-04-01', postId, belopp });

const correctionOf = (original: BookkeepingEvent) =>
  bookkeepingEvent('HändelseRättad', {
    datum: '2021-05-01',
    rättadEventId: original.eventId,
    orsak: 'Fel faktura',
    original: { type: original.type, schemaVersion: original.schemaVersion, data: original.data },
  });

/** What a state holds, as plain values, to compare two states. */
const contentOf = (state: BookkeepingState) => ({
  ...Object.fromEntries(
    Object.entries(state).map(([key, value]) => [
      key,
      value instanceof Map || value instanceof Set ? [...value] : value,
    ]),
  ),
  nextNumber2021: state.numbering.next(2021),
});

test('undoing a batch puts back every entry it changed: twice, one that was there, a set’s', (t) => {
  const decider = createBookkeepingDecider();
  const state = decider.initialState();
  const invoice = bookedCost('LF-1', '100.00');
  const paidAtOnce = bookedCost(undefined, '40.00');
  const mistaken = bookedCost(undefined, '60.00');
  const history = [invoice, paidAtOnce, mistaken];
  for (const event of history) decider.evolve(state, decider.annotate!(state, event));
  const before = contentOf(cloneBookkeepingState(state));
  const entryBefore = state.correctableEvents.get(paidAtOnce.eventId);
  // A retry of a recorded event's id (the rules leave ids to the store), the invoice paid in two
  // parts (its item changed twice), and another bank cost corrected (a corrected id added).
  const retried = bookkeepingEvent('KostnadBokförd', paidAtOnce.data, paidAtOnce.eventId);
  const batch = [
    retried,
    payment('LF-1', '50.00'),
    payment('LF-1', '75.00'),
    correctionOf(mistaken),
  ];
  const undo = decider.checkpoint!(state, batch);
  for (const event of batch) {
    const decided = decider.decide(state, event);
    if (E.isLeft(decided)) return t.fail(decided.left.message);
    decider.evolve(state, decider.annotate!(state, event));
  }
  t.is(state.openItems.get('LF-1')?.öppetBelopp, '0.00');
  t.true(state.correctedEventIds.has(mistaken.eventId));
  t.not(state.correctableEvents.get(paidAtOnce.eventId), entryBefore);
  undo();
  t.deepEqual(contentOf(state), before);
  t.is(state.openItems.get('LF-1')?.öppetBelopp, '125.00');
  t.false(state.correctedEventIds.has(mistaken.eventId));
  t.is(state.correctableEvents.get(paidAtOnce.eventId), entryBefore);
});

test('an undo puts back only what its batch touched, not what was folded after it', (t) => {
  const decider = createBookkeepingDecider();
  const state = decider.initialState();
  const first = bookedCost('LF-1', '100.00');
  const undo = decider.checkpoint!(state, [first]);
  decider.evolve(state, decider.annotate!(state, first));
  // Folded after the batch (a catch-up of another writer's event): not the batch's to undo.
  const other = bookedCost('LF-2', '200.00');
  decider.evolve(state, decider.annotate!(state, other));
  undo();
  t.deepEqual([...state.openItems.keys()], ['LF-2']);
  t.deepEqual([...state.correctableEvents.keys()], [other.eventId]);
});

test('an undo empties again every small field a batch filled from empty, and keeps what was there', (t) => {
  const decider = createBookkeepingDecider();
  const state = decider.initialState();
  const before = contentOf(cloneBookkeepingState(state));
  // From the empty books: an opening balance (the first year, the opening), a budget and staffing
  // (their years), costs (balances, results, numbering) and a close (a closed year).
  const batch = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2021-01-01',
      text: 'Ingående balans',
      kassaOchBank: '1000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000.00',
      öppnaPoster: [],
    }),
    bookkeepingEvent('BudgetFastställd', {
      år: 2021,
      beslutsdatum: '2020-11-20',
      beslut: 'Styrelsen',
      kostnader: [{ område: 'operativa', post: 'Insatser', belopp: '100.00' }],
      intäkter: [],
    }),
    bookkeepingEvent('PersonalresurserRegistrerade', { år: 2021, årsarbetare: { operativa: '2' } }),
    bookedCost(undefined, '40.00'),
    bookkeepingEvent('RäkenskapsårStängt', {
      år: 2021,
      datum: '2022-01-15',
      åretsResultat: '-40.00',
    }),
  ];
  const undo = decider.checkpoint!(state, batch);
  for (const event of batch) {
    const decided = decider.decide(state, event);
    if (E.isLeft(decided)) return t.fail(decided.left.message);
    decider.evolve(state, decider.annotate!(state, event));
  }
  t.is(state.firstYear, 2021);
  t.not(state.openingBalance, undefined);
  t.deepEqual([...state.closedYears], [2021]);
  t.deepEqual([...state.staffingYears], [2021]);
  t.deepEqual([...state.budgetDecisionDates], [[2021, '2020-11-20']]);
  t.true(state.numbering.next(2021) > 1);
  undo();
  t.deepEqual(contentOf(state), before);
  t.is(state.firstYear, undefined);
  t.is(state.openingBalance, undefined);
  t.is(state.balances.size, 0);
  t.is(state.yearResults.size, 0);
  t.is(state.numbering.next(2021), 1);
  // A second batch on books that hold the first: its undo keeps the first batch's
  // close and numbers and puts back only its own.
  for (const event of batch) decider.evolve(state, decider.annotate!(state, event));
  const afterFirst = contentOf(cloneBookkeepingState(state));
  const next2022 = state.numbering.next(2022);
  const second = [
    bookkeepingEvent('KostnadBokförd', {
      ...bookedCost(undefined, '10.00').data,
      datum: '2022-03-01',
    }),
  ];
  const undoSecond = decider.checkpoint!(state, second);
  decider.evolve(state, decider.annotate!(state, second[0]!));
  t.is(state.numbering.next(2022), next2022 + 1);
  undoSecond();
  t.deepEqual(contentOf(state), afterFirst);
  t.deepEqual([...state.closedYears], [2021]);
  t.true(state.numbering.next(2021) > 1);
  t.is(state.numbering.next(2022), next2022);
});

test('an undo puts back whole a field it does not know of, as one added to the state later would be', (t) => {
  const decider = createBookkeepingDecider();
  const state = decider.initialState();
  // Fields the undo names nowhere: a map, a set and a plain value, each with something in it.
  const later = state as unknown as {
    laterMap: Map<string, string>;
    laterSet: Set<number>;
    laterValue: string;
  };
  later.laterMap = new Map([['6110', '120.00']]);
  later.laterSet = new Set([2021]);
  later.laterValue = 'före';
  const { laterMap, laterSet } = later;
  const batch = [bookedCost(undefined, '40.00')];
  const undo = decider.checkpoint!(state, batch);
  decider.evolve(state, decider.annotate!(state, batch[0]!));
  // What a fold that kept more would do to them.
  laterMap.set('6110', '160.00').set('1930', '-40.00');
  laterSet.add(2022);
  later.laterValue = 'efter';
  undo();
  t.is(later.laterMap, laterMap);
  t.deepEqual([...laterMap], [['6110', '120.00']]);
  t.is(later.laterSet, laterSet);
  t.deepEqual([...laterSet], [2021]);
  t.is(later.laterValue, 'före');
});
