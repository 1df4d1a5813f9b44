/**
 * What the bookkeeping decider's undo of a batch costs to save (`checkpointBookkeepingState`,
 * which the decider's `checkpoint` calls before every batch the recorder checks) and to put back:
 * issue 15's synthetic history, made into events by the catalog and their open-item effects
 * worked out before any clock starts, decided and folded batch by batch as the recorder does.
 * Before each batch, one more save is made and timed alone, as the recorder makes it (before the
 * fold looks up the batch's ids); every tenth batch is also undone, timed, and folded again (the
 * recorder undoes a batch only when it is refused or its append fails).
 *
 *   node --import tsx --conditions=finsam-source bench/core/bookkeepingUndo.ts [events] [rounds]
 *
 * Prints, of the rounds after the first two (V8 still compiling), the median and the least
 * nanoseconds per batch of a save, and the median of an undo (`performance.now` around each
 * call). The correctable events are never trimmed here (a store with checkpoints trims them at
 * each year close), so their lookups are dearer than in the recorder. On a shared machine compare
 * two versions as interleaved runs; `recorderDecisions.ts` gives the whole decision path.
 */
import * as E from 'fp-ts/Either';
import { bookkeepingCatalog, defaultChart, type BookkeepingEvent } from '@finsam-ledger/core';
import { createBookkeepingDecider } from '@finsam-ledger/core/testing';
// Not exported: the decider's `checkpoint` calls them.
import { bookkeepingModule } from '../../packages/core/src/bookkeeping/bookkeepingCatalog.js';
import { checkpointBookkeepingState } from '../../packages/core/src/bookkeeping/BookkeepingState.js';
import type { OpenItemEffect } from '../../packages/core/src/bookkeeping/OpenItem.js';
import { syntheticHistory } from '../annualReport/syntheticHistory.js';

const eventCount = Number(process.argv[2] ?? 40_000);
const rounds = Math.max(3, Number(process.argv[3] ?? 12));
/** One batch in this many is undone and folded again. */
const undoEvery = 10;

/** The history's batches as the catalog makes them (`recordAll`'s first step). */
function createdBatches(): BookkeepingEvent[][] {
  return [...syntheticHistory(eventCount, 100)].map((batch) => {
    const created = bookkeepingCatalog.createAll(batch.map((entry) => entry.event));
    if (E.isLeft(created)) throw created.left;
    return created.right as BookkeepingEvent[];
  });
}

/** A batch's open-item effects, as the decider's `checkpoint` hands them on. */
const effectsOf = (batch: readonly BookkeepingEvent[]): (readonly OpenItemEffect[])[] =>
  batch.map((event) => bookkeepingModule(event.type).openItemEffects(event.data));

type Decider = ReturnType<typeof createBookkeepingDecider>;
type State = ReturnType<Decider['initialState']>;

/** Checkpoints, decides, annotates and evolves `batch` into `state` as the recorder does. */
function foldBatch(decider: Decider, state: State, batch: readonly BookkeepingEvent[]) {
  const undo = decider.checkpoint!(state, batch);
  for (const event of batch) {
    const decided = decider.decide(state, event);
    if (E.isLeft(decided)) throw decided.left;
    decider.evolve(state, decider.annotate!(state, event));
  }
  return undo;
}

/** One round on a new state: nanoseconds per save and per undo. */
function round(
  batches: readonly BookkeepingEvent[][],
  effects: readonly (readonly OpenItemEffect[])[][],
) {
  const decider = createBookkeepingDecider(defaultChart);
  const state = decider.initialState();
  let saveMilliseconds = 0;
  let undoMilliseconds = 0;
  let undone = 0;
  for (let index = 0; index < batches.length; index += 1) {
    const batch = batches[index]!;
    const started = performance.now();
    checkpointBookkeepingState(state, batch, effects[index]);
    saveMilliseconds += performance.now() - started;
    const undo = foldBatch(decider, state, batch);
    if (index % undoEvery !== undoEvery - 1) continue;
    const startedUndo = performance.now();
    undo();
    undoMilliseconds += performance.now() - startedUndo;
    undone += 1;
    foldBatch(decider, state, batch);
  }
  return {
    savePerBatch: (saveMilliseconds * 1e6) / batches.length,
    undoPerBatch: (undoMilliseconds * 1e6) / undone,
  };
}

const median = (values: readonly number[]): number =>
  [...values].sort((left, right) => left - right)[values.length >> 1]!;

const batches = createdBatches();
const effects = batches.map(effectsOf);
const measured: ReturnType<typeof round>[] = [];
for (let index = 0; index < rounds; index += 1) measured.push(round(batches, effects));
const counted = measured.slice(2);
console.log(
  JSON.stringify({
    events: eventCount,
    rounds: counted.length,
    saveNanosecondsPerBatch: Math.round(median(counted.map((m) => m.savePerBatch))),
    // The quietest round: on a shared machine, what other work added least to.
    leastSaveNanosecondsPerBatch: Math.round(Math.min(...counted.map((m) => m.savePerBatch))),
    undoNanosecondsPerBatchUndone: Math.round(median(counted.map((m) => m.undoPerBatch))),
  }),
);
