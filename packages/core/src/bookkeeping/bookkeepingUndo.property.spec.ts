import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { Money } from '../money/Money.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import type { BookkeepingEvent } from './bookkeepingCatalog.js';
import { createBookkeepingDecider } from './bookkeepingDecider.js';
import { initialBookkeepingState, type BookkeepingState } from './BookkeepingState.js';
import { defaultChart } from './ChartOfAccounts.js';
import { CorrectableEvent } from './CorrectableEvent.js';

// The decider's undo of a batch (its `checkpoint`), for random histories and random batches over
// two years (costs paid at once or owed, payments of more or less than is open, contributions,
// VAT refunds, corrections, retries of a recorded event's id, budgets, staffing, opening balances
// and year closes with the right result or a wrong one): a batch refused by the rules at any
// event, or accepted and then failed in the store, leaves the state deep-equal to before, in
// every field the state has (a field added later is compared too); two batches in flight are
// undone newest first, each back to where it started; and a batch that is stored leaves the
// state a fold without an undo leaves.

/** What the runs exercised, so that the test fails if the generator stops reaching a case. */
const coverage = {
  refusedInBatch: 0,
  failedInStore: 0,
  ownRuleUndone: 0,
  retryUndone: 0,
  correctionUndone: 0,
  yearCloseUndone: 0,
};

type Intent =
  | { kind: 'cost'; belopp: number; year: number; owed: boolean; moms: boolean }
  | { kind: 'pay'; pick: number; part: number }
  | { kind: 'contribution'; belopp: number; year: number }
  | { kind: 'refund'; belopp: number }
  | { kind: 'correct'; pick: number }
  | { kind: 'retry'; pick: number }
  | { kind: 'budget'; year: number }
  | { kind: 'staffing'; year: number }
  | { kind: 'opening' }
  | { kind: 'close'; wrong: boolean };

const years = [2021, 2022];
const year = fc.constantFrom(...years);
const ore = fc.integer({ min: 1, max: 500_000 });

const intent: fc.Arbitrary<Intent> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('cost' as const),
      belopp: ore,
      year,
      owed: fc.boolean(),
      moms: fc.boolean(),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      pick: fc.nat(),
      part: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('contribution' as const), belopp: ore, year }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('refund' as const), belopp: ore }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('budget' as const), year }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('staffing' as const), year }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('opening' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('close' as const), wrong: fc.boolean() }), weight: 2 },
);

const kronor = (amountOre: number): string =>
  `${Math.floor(amountOre / 100)}.${String(amountOre % 100).padStart(2, '0')}`;

/** What the generator has made so far: the events to pick from, and ids for new items. */
interface Made {
  readonly events: BookkeepingEvent[];
  readonly owed: { postId: string; beloppOre: number }[];
  sequence: number;
}

const pick = <Value>(values: readonly Value[], index: number): Value | undefined =>
  values.length === 0 ? undefined : values[index % values.length];

/** The event an intent stands for, given the state and what was made before it. */
function eventOf(intent: Intent, state: BookkeepingState, made: Made): BookkeepingEvent {
  made.sequence += 1;
  switch (intent.kind) {
    case 'cost':
      return costOf(intent, made);
    case 'pay':
      return paymentOf(intent, made);
    case 'contribution':
      return bookkeepingEvent('MedlemsbidragMottaget', {
        datum: `${intent.year}-02-01`,
        medlem: 'Försäkringskassan',
        medlemskategori: 'staten',
        period: String(intent.year),
        belopp: kronor(intent.belopp),
      });
    case 'refund':
      return bookkeepingEvent('MomsÅterbetald', {
        datum: '2022-05-01',
        period: '2021',
        belopp: kronor(intent.belopp),
      });
    case 'correct':
    case 'retry':
      return againOf(intent, state, made);
    case 'budget':
      return bookkeepingEvent('BudgetFastställd', {
        år: intent.year,
        beslutsdatum: `${intent.year - 1}-11-20`,
        beslut: 'Styrelsen',
        kostnader: [{ område: 'operativa', post: 'Insatser', belopp: '100.00' }],
        intäkter: [],
      });
    case 'staffing':
      return bookkeepingEvent('PersonalresurserRegistrerade', {
        år: intent.year,
        årsarbetare: { operativa: '3.5' },
      });
    case 'opening':
      return bookkeepingEvent('IngåendeBalansRegistrerad', {
        datum: '2021-01-01',
        text: 'Ingående balans',
        kassaOchBank: '1000000.00',
        momsfordran: '100.00',
        balanseratResultat: '1000100.00',
        öppnaPoster: [],
      });
    case 'close':
      return closeOf(intent, state);
  }
}

function costOf(intent: Extract<Intent, { kind: 'cost' }>, made: Made): BookkeepingEvent {
  const postId = `LF-${made.sequence}`;
  const momsOre = intent.moms ? Math.floor(intent.belopp / 4) : 0;
  if (intent.owed) made.owed.push({ postId, beloppOre: intent.belopp + momsOre });
  return bookkeepingEvent('KostnadBokförd', {
    datum: `${intent.year}-03-${String((made.sequence % 28) + 1).padStart(2, '0')}`,
    område: 'operativa',
    post: 'MIA vidare',
    belopp: kronor(intent.belopp),
    moms: kronor(momsOre),
    text: `Kostnad ${made.sequence}`,
    betalning: intent.owed ? { sätt: 'leverantörsskuld', postId } : { sätt: 'bank' },
  });
}

/** A part of 1 pays the payable picked whole, 2 half of it, 3 more than is owed (refused). */
function paymentOf(intent: Extract<Intent, { kind: 'pay' }>, made: Made): BookkeepingEvent {
  const owed = pick(made.owed, intent.pick) ?? { postId: 'LF-none', beloppOre: 100 };
  const beloppOre = [
    owed.beloppOre,
    Math.max(1, Math.floor(owed.beloppOre / 2)),
    owed.beloppOre + 1,
  ][intent.part - 1]!;
  return bookkeepingEvent('LeverantörsskuldBetald', {
    datum: '2022-06-01',
    postId: owed.postId,
    belopp: kronor(beloppOre),
  });
}

/** A correction of an earlier cost, or a retry of an earlier event's id. */
function againOf(
  intent: Extract<Intent, { kind: 'correct' | 'retry' }>,
  state: BookkeepingState,
  made: Made,
): BookkeepingEvent {
  const costs = made.events.filter((event) => event.type === 'KostnadBokförd');
  const original = pick(intent.kind === 'correct' ? costs : made.events, intent.pick);
  if (original === undefined) return eventOf({ kind: 'opening' }, state, made);
  if (intent.kind === 'retry')
    return bookkeepingEvent(original.type, original.data, original.eventId);
  return bookkeepingEvent('HändelseRättad', {
    datum: '2022-07-01',
    rättadEventId: original.eventId,
    orsak: 'Fel',
    original: { type: original.type, schemaVersion: original.schemaVersion, data: original.data },
  });
}

/** The close of the first open year, with the result the books show or one a krona off. */
function closeOf(intent: Extract<Intent, { kind: 'close' }>, state: BookkeepingState) {
  const år = years.find((candidate) => !state.closedYears.has(candidate)) ?? 2022;
  const result = state.yearResults.get(år) ?? Money.zero;
  return bookkeepingEvent('RäkenskapsårStängt', {
    år,
    datum: `${år + 1}-01-15`,
    åretsResultat: (intent.wrong ? result.plus(Money.from('1.00')) : result).toString(),
  });
}

/** Every field of a state as plain values: what two states are compared by. */
function contentOf(state: BookkeepingState): Record<string, unknown> {
  const plain = (value: unknown): unknown =>
    value instanceof Money
      ? value.toString()
      : value instanceof CorrectableEvent
        ? { type: value.type, fingerprint: value.fingerprint }
        : value instanceof Map
          ? [...value].map(([key, entry]) => [key, plain(entry)])
          : value instanceof Set
            ? [...value]
            : value;
  const content: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(state))
    content[field] = field === 'numbering' ? state.numbering.entries() : plain(value);
  return content;
}

type Decider = ReturnType<typeof createBookkeepingDecider>;

/** Decides and folds `events` in order; the first refused one's index, or `undefined`. */
function foldBatch(
  decider: Decider,
  state: BookkeepingState,
  events: readonly BookkeepingEvent[],
): number | undefined {
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index]!;
    if (E.isLeft(decider.decide(state, event))) return index;
    decider.evolve(state, decider.annotate!(state, event));
  }
  return undefined;
}

/**
 * A decider and its state after the history, folded as a catch-up folds it: accepted events only,
 * no undo.
 */
function afterHistory(historyIntents: readonly Intent[]): {
  readonly decider: Decider;
  readonly state: BookkeepingState;
  readonly made: Made;
} {
  const decider = createBookkeepingDecider();
  const state = decider.initialState();
  const made: Made = { events: [], owed: [], sequence: 0 };
  for (const each of historyIntents) {
    const event = eventOf(each, state, made);
    if (foldBatch(decider, state, [event]) === undefined) made.events.push(event);
  }
  return { decider, state, made };
}

/** The batch's events, as the generator makes them from the state before the batch. */
const eventsOf = (intents: readonly Intent[], state: BookkeepingState, made: Made) =>
  intents.map((each) => eventOf(each, state, made));

/** The types with a rule of their own that keeps something (their `evolve`). */
const ownRuleTypes = new Set([
  'RäkenskapsårStängt',
  'BudgetFastställd',
  'PersonalresurserRegistrerade',
  'IngåendeBalansRegistrerad',
  'HändelseRättad',
]);

/** Counts what an undone batch's first `upTo` events exercised. */
function countUndone(events: readonly BookkeepingEvent[], made: Made, upTo: number): void {
  const undone = events.slice(0, upTo);
  if (undone.some((event) => ownRuleTypes.has(event.type))) coverage.ownRuleUndone += 1;
  if (undone.some((event) => event.type === 'HändelseRättad')) coverage.correctionUndone += 1;
  if (undone.some((event) => event.type === 'RäkenskapsårStängt')) coverage.yearCloseUndone += 1;
  if (undone.some((event) => made.events.some((earlier) => earlier.eventId === event.eventId)))
    coverage.retryUndone += 1;
}

test('a batch refused or failed in the store leaves the write-side state as it was, in every field', (t) => {
  fc.assert(
    fc.property(
      fc.array(intent, { maxLength: 30 }),
      fc.array(intent, { minLength: 1, maxLength: 12 }),
      fc.array(intent, { maxLength: 6 }),
      fc.boolean(),
      (historyIntents, batchIntents, laterIntents, stored) => {
        const { decider, state, made } = afterHistory(historyIntents);
        const before = contentOf(state);
        const batch = eventsOf(batchIntents, state, made);
        const undo = decider.checkpoint!(state, batch);
        const refusedAt = foldBatch(decider, state, batch);
        if (refusedAt !== undefined) {
          undo();
          countUndone(batch, made, refusedAt);
          coverage.refusedInBatch += 1;
          t.deepEqual(contentOf(state), before);
          return;
        }
        // A second batch decided behind the first while it is in flight.
        const afterBatch = contentOf(state);
        const later = eventsOf(laterIntents, state, made);
        const undoLater = decider.checkpoint!(state, later);
        const laterRefusedAt = foldBatch(decider, state, later);
        undoLater();
        t.deepEqual(contentOf(state), afterBatch);
        if (laterRefusedAt === undefined && later.length > 0)
          countUndone(later, made, later.length);
        if (stored) {
          // The stored batch leaves the state a fold without a log leaves.
          const plain = createBookkeepingDecider();
          const replayed = initialBookkeepingState(defaultChart);
          for (const event of made.events) plain.evolve(replayed, plain.annotate!(replayed, event));
          for (const event of batch) plain.evolve(replayed, plain.annotate!(replayed, event));
          t.deepEqual(contentOf(state), contentOf(replayed));
          return;
        }
        undo();
        countUndone(batch, made, batch.length);
        coverage.failedInStore += 1;
        t.deepEqual(contentOf(state), before);
      },
    ),
    { numRuns: 400 },
  );
  for (const [name, count] of Object.entries(coverage)) t.true(count > 0, `${name} reached`);
});

/** What the runs of batches in flight exercised. */
const inFlightCoverage = { refusedBehind: 0, undoneTogether: 0, yearCloseInUndone: 0 };

test('batches in flight undone newest first leave the state as it was before each of them', (t) => {
  fc.assert(
    fc.property(
      fc.array(intent, { maxLength: 20 }),
      fc.array(fc.array(intent, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 5 }),
      fc.nat(),
      (historyIntents, batchesIntents, failingPick) => {
        const { decider, state, made } = afterHistory(historyIntents);
        // Each batch decided behind the ones before it; one the rules refuse is undone at once
        // and is not in flight.
        const inFlight: { before: Record<string, unknown>; undo: () => void; closes: boolean }[] =
          [];
        for (const intents of batchesIntents) {
          const before = contentOf(state);
          const batch = eventsOf(intents, state, made);
          const undo = decider.checkpoint!(state, batch);
          const refusedAt = foldBatch(decider, state, batch);
          if (refusedAt !== undefined) {
            undo();
            inFlightCoverage.refusedBehind += 1;
            t.deepEqual(contentOf(state), before);
            continue;
          }
          const closes = batch.some((event) => event.type === 'RäkenskapsårStängt');
          inFlight.push({ before, undo, closes });
        }
        // The append of one of them fails: it and every one after it are undone, newest first,
        // each back to the state before it.
        if (inFlight.length === 0) return;
        const failing = failingPick % inFlight.length;
        if (inFlight.length - failing > 1) inFlightCoverage.undoneTogether += 1;
        for (let index = inFlight.length - 1; index >= failing; index -= 1) {
          const { before, undo, closes } = inFlight[index]!;
          undo();
          if (closes) inFlightCoverage.yearCloseInUndone += 1;
          t.deepEqual(contentOf(state), before);
        }
      },
    ),
    { numRuns: 300 },
  );
  for (const [name, count] of Object.entries(inFlightCoverage))
    t.true(count > 0, `${name} reached`);
});
