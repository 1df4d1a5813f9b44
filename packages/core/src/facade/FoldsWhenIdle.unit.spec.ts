import test from 'ava';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { FoldsWhenIdle } from './FoldsWhenIdle.js';

// The writer's checkpoints are folded once it is idle after a close, never once per close of a
// bulk load, never left waiting forever (the store's close waits for them), and never further
// behind than the bound when the writer never pauses.

function givenFolds() {
  const kept: Promise<void>[] = [];
  let foldsStarted = 0;
  let release: (() => void) | undefined;
  let holdFolds = false;
  const folds = new FoldsWhenIdle(
    async () => {
      foldsStarted += 1;
      if (holdFolds) await new Promise<void>((resolve) => (release = resolve));
    },
    (work) => kept.push(work),
  );
  return {
    folds,
    kept,
    foldsStarted: () => foldsStarted,
    hold: () => (holdFolds = true),
    release: () => {
      holdFolds = false;
      release?.();
    },
  };
}

test('a bulk load of ten closes, one batch after another, folds once at its end', async (t) => {
  const given = givenFolds();
  for (let year = 0; year < 10; year += 1) {
    given.folds.recordStarted();
    // The batch's own I/O: the turns in which an eager fold would have started.
    await nextTurn();
    await nextTurn();
    t.is(given.foldsStarted(), 0, 'nothing is folded while the load goes on');
    given.folds.recordEnded('close', 100);
  }
  await nextTurn();
  t.is(given.foldsStarted(), 1);
  t.is(given.kept.length, 1, 'one fold for the store to wait for');
  await Promise.all(given.kept);
});

test('a refused record after a close does not keep the fold (and the store) waiting', async (t) => {
  const given = givenFolds();
  given.folds.recordStarted();
  given.folds.recordEnded('close', 1);
  given.folds.recordStarted();
  await nextTurn();
  t.is(given.foldsStarted(), 0, 'busy: a record is in flight');
  given.folds.recordEnded('other', 1);
  await nextTurn();
  t.is(given.foldsStarted(), 1);
  await Promise.all(given.kept);
});

test('a writer that never pauses still folds after the bound of events since the close', async (t) => {
  const given = givenFolds();
  given.folds.recordStarted();
  given.folds.recordEnded('close', 10);
  const batch = 10_000;
  for (let stored = 0; stored < FoldsWhenIdle.foldAfterEventsMax; stored += batch) {
    given.folds.recordStarted();
    given.folds.recordStarted();
    given.folds.recordEnded('other', batch);
    await nextTurn();
    if (stored + batch < FoldsWhenIdle.foldAfterEventsMax) t.is(given.foldsStarted(), 0);
  }
  t.is(given.foldsStarted(), 1, 'folded at the bound though a record is always in flight');
});

test('a close stored while a fold runs is folded again after it, and each waiter is released', async (t) => {
  const given = givenFolds();
  given.hold();
  given.folds.recordStarted();
  given.folds.recordEnded('close', 1);
  await nextTurn();
  t.is(given.foldsStarted(), 1);
  given.folds.recordStarted();
  given.folds.recordEnded('close', 1);
  await nextTurn();
  t.is(given.foldsStarted(), 1, 'one fold at a time');
  t.is(given.kept.length, 2);
  given.release();
  await Promise.all(given.kept);
  t.is(given.foldsStarted(), 2, 'the second close was folded after the first fold');
});
