import test from 'ava';
import * as E from 'fp-ts/Either';
import { bookedCost } from './bookedCost.testSupport.js';
import { createBookkeepingDecider } from './bookkeepingDecider.js';
import { defaultChart } from './ChartOfAccounts.js';
import { prepareEvent, PreparedEvents } from './PreparedEvents.js';

test('a batch’s events are prepared once, found at the cursor as decided, annotated and evolved', (t) => {
  const prepared = new PreparedEvents(defaultChart);
  const first = bookedCost('LF-1', '100.00');
  const second = bookedCost('LF-2', '200.00');
  const effects = prepared.startBatch([first, second]);
  t.deepEqual(effects, [
    prepareEvent(defaultChart, first).effects,
    prepareEvent(defaultChart, second).effects,
  ]);
  const ofFirst = prepared.of(first);
  t.is(ofFirst.effects, effects[0]!);
  const annotated = { ...first };
  prepared.annotated(first, annotated, ofFirst);
  t.is(prepared.of(annotated), ofFirst);
  t.is(prepared.takeForEvolve(annotated), ofFirst);
  // The cursor moved on: the second event is the batch's, the first is no longer kept.
  t.is(prepared.of(second).effects, effects[1]!);
  t.is(prepared.takeForEvolve(first), undefined);
  t.is(prepared.takeForEvolve(second)?.effects, effects[1]);
});

test('an event away from the cursor is prepared on its own, kept until it is evolved', (t) => {
  const prepared = new PreparedEvents(defaultChart);
  const first = bookedCost('LF-1', '100.00');
  const second = bookedCost('LF-2', '200.00');
  const elsewhere = bookedCost('LF-3', '300.00');
  prepared.startBatch([first, second]);
  // Asked about out of order: worked out again, the same postings, not the batch's object.
  const ofSecond = prepared.of(second);
  t.deepEqual(ofSecond, prepareEvent(defaultChart, second));
  t.is(prepared.of(second), ofSecond);
  const ofElsewhere = prepared.of(elsewhere);
  t.deepEqual(ofElsewhere, prepareEvent(defaultChart, elsewhere));
  t.is(prepared.takeForEvolve(elsewhere), ofElsewhere);
  t.is(prepared.takeForEvolve(elsewhere), undefined);
  // The batch's cursor did not move.
  t.is(prepared.takeForEvolve(first)?.effects[0]?.effect, 'open');
});

test('a decider used with and without checkpoint numbers and folds a batch alike', (t) => {
  const events = [
    bookedCost('LF-1', '100.00'),
    bookedCost('LF-2', '200.00'),
    bookedCost('LF-3', '300.00'),
  ];
  const run = (withCheckpoint: boolean) => {
    const decider = createBookkeepingDecider();
    const state = decider.initialState();
    if (withCheckpoint) decider.checkpoint!(state, events);
    const accepted = events.map((event) => {
      t.true(E.isRight(decider.decide(state, event)));
      const annotated = decider.annotate!(state, event);
      decider.evolve(state, annotated);
      return annotated;
    });
    return { accepted, state };
  };
  const plain = run(false);
  const batched = run(true);
  t.deepEqual(
    batched.accepted.map((event) => event.metadata.verifikationsnummer),
    [['2021-1'], ['2021-2'], ['2021-3']],
  );
  t.deepEqual(batched.accepted, plain.accepted);
  t.deepEqual([...batched.state.balances], [...plain.state.balances]);
  t.deepEqual([...batched.state.openItems], [...plain.state.openItems]);
  t.is(batched.state.numbering.next(2021), 4);
});
