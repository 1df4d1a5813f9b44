import test from 'ava';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { LedgerError } from '../error.js';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import { stateText } from './payables.testSupport.js';
import {
  checkpointingMemoryStore,
  type CheckpointingMemoryStore,
} from './memoryCheckpointStorage.testSupport.js';

// Payables opened, paid in parts and in full, over several closed years; corrections in the
// open year of payments and of costs from closed years (which reopen or take back settled
// items); attempts to reuse an id or to pay more than is open. Each event is recorded by one of
// three writers: two opened at the start of each year, one resumed from the write side's
// checkpoint of the last close (which keeps the items settled before it as id and kind only), one
// folding every event from the first (the items in full); and one opened once, before the first
// event, that records and catches up across every close and keeps compactly the items settled
// before each close it saw stored (`dropStored`). Every event is accepted or refused as a model
// of the payables says, by every writer alike, and all end in the same state.

const firstYear = 2020;
const options = { metadata: { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'prop' } };
/** What the runs exercised, so that the test fails if the generator stops reaching a case. */
const coverage = {
  reopenedSettledBeforeCheckpoint: 0,
  refusedOnSettled: 0,
  costsCorrected: 0,
  /** Histories that ended with the lasting writer keeping settled items compactly. */
  compactedByLastingWriter: 0,
};

type Intent =
  | { kind: 'open'; ore: number }
  | { kind: 'pay'; pick: number; share: number }
  | { kind: 'overpay'; pick: number }
  | { kind: 'reuse'; pick: number }
  | { kind: 'correctPayment'; pick: number }
  | { kind: 'correctCost'; pick: number };

const intent: fc.Arbitrary<Intent> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), ore: fc.integer({ min: 100, max: 5_000_000 }) }),
  fc.record({
    kind: fc.constant('pay' as const),
    pick: fc.nat(),
    share: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('overpay' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reuse' as const), pick: fc.nat() }),
  // Weighted: a correction of a closed year's payment is the case the compact state must load.
  {
    arbitrary: fc.record({ kind: fc.constant('correctPayment' as const), pick: fc.nat() }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('correctCost' as const), pick: fc.nat() }),
);

interface Payment {
  readonly eventId: string;
  readonly ore: number;
  readonly year: number;
  corrected: boolean;
}

/** A payable as the model knows it: what it was opened with, what is open, its events. */
interface Payable {
  readonly postId: string;
  readonly originalOre: number;
  openOre: number;
  readonly costEventId: string;
  costCorrected: boolean;
  /** The year it was last wholly settled in, if it is settled now. */
  settledInYear: number | undefined;
  readonly payments: Payment[];
}

const kronor = (ore: number) => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;

async function outcomeOf<Value>(task: TaskEither<LedgerError, Value>) {
  const result = await task();
  return E.isLeft(result)
    ? ({ refused: result.left.code } as const)
    : ({ accepted: result.right } as const);
}

async function accepted<Value>(task: TaskEither<LedgerError, Value>, what: string) {
  const outcome = await outcomeOf(task);
  if ('refused' in outcome) throw new TypeError(`${what} refused: ${outcome.refused}`);
  return outcome.accepted;
}

/** The writers of a year: `pick` chooses which records an event that the model accepts. */
interface Writers {
  readonly resumed: Ledger;
  readonly folded: Ledger;
  /** Opened before the first event and kept through every year. */
  readonly lasting: Ledger;
}

const writerOf = (writers: Writers, pick: number) =>
  [writers.resumed, writers.folded, writers.lasting][pick % 3]!;

/** A refusal the model expects, checked from every writer (a refusal writes nothing). */
async function refusedByAll(
  writers: Writers,
  attempt: (ledger: Ledger) => TaskEither<LedgerError, unknown>,
  code: string,
  what: string,
) {
  for (const ledger of [writers.resumed, writers.folded, writers.lasting]) {
    const outcome = await outcomeOf(attempt(ledger));
    if (!('refused' in outcome) || outcome.refused !== code)
      throw new TypeError(`${what}: expected ${code}, got ${JSON.stringify(outcome)}`);
  }
}

const cost = (datum: string, postId: string, ore: number) =>
  ({
    datum,
    område: 'operativa',
    post: 'Lokal',
    belopp: kronor(ore),
    moms: '0.00',
    text: `Faktura ${postId}`,
    betalning: { sätt: 'leverantörsskuld', postId },
  }) as const;

interface YearContext {
  readonly writers: Writers;
  readonly payables: Payable[];
  readonly year: number;
  readonly day: () => string;
}

async function open(context: YearContext, ore: number) {
  const postId = `LF-${context.payables.length + 1}`;
  const writer = writerOf(context.writers, context.payables.length);
  const { event } = await accepted(
    writer.record('KostnadBokförd', cost(context.day(), postId, ore), options),
    'a new payable',
  );
  context.payables.push({
    postId,
    originalOre: ore,
    openOre: ore,
    costEventId: event.eventId,
    costCorrected: false,
    settledInYear: undefined,
    payments: [],
  });
}

async function pay(context: YearContext, pick: number, share: number) {
  const open = context.payables.filter((payable) => payable.openOre > 0);
  const payable = open[pick % Math.max(1, open.length)];
  if (payable === undefined) return;
  const ore = share === 1 ? payable.openOre : Math.max(1, Math.floor(payable.openOre / 2));
  const { event } = await accepted(
    writerOf(context.writers, pick).record(
      'LeverantörsskuldBetald',
      { datum: context.day(), postId: payable.postId, belopp: kronor(ore) },
      options,
    ),
    `payment of ${payable.postId}`,
  );
  payable.payments.push({ eventId: event.eventId, ore, year: context.year, corrected: false });
  settle(payable, ore, context.year);
}

function settle(payable: Payable, ore: number, year: number) {
  payable.openOre -= ore;
  payable.settledInYear = payable.openOre === 0 ? year : undefined;
}

/** Counts a reopening of an item that the resumed writer's checkpoint held as settled. */
function noteReopening(context: YearContext, payable: Payable) {
  if (payable.settledInYear !== undefined && payable.settledInYear < context.year)
    coverage.reopenedSettledBeforeCheckpoint += 1;
}

async function correctPayment(context: YearContext, pick: number) {
  const payments = context.payables.flatMap((payable) =>
    payable.payments
      .filter((payment) => !payment.corrected)
      .map((payment) => ({ payable, payment })),
  );
  // A payment of an item settled in a closed year first: the case a resumed writer must read
  // from the store.
  const settledBefore = payments.filter(
    ({ payable }) => payable.settledInYear !== undefined && payable.settledInYear < context.year,
  );
  const candidates = settledBefore.length > 0 ? settledBefore : payments;
  const chosen = candidates[pick % Math.max(1, candidates.length)];
  if (chosen === undefined) return;
  const { payable, payment } = chosen;
  noteReopening(context, payable);
  await accepted(
    writerOf(context.writers, pick).correct(payment.eventId, context.day(), 'Fel', options),
    `correction of a payment of ${payable.postId}`,
  );
  payment.corrected = true;
  payable.openOre += payment.ore;
  payable.settledInYear = undefined;
}

async function correctCost(context: YearContext, pick: number) {
  const costs = context.payables.filter((payable) => !payable.costCorrected);
  const payable = costs[pick % Math.max(1, costs.length)];
  if (payable === undefined) return;
  const attempt = (ledger: Ledger) =>
    ledger.correct(payable.costEventId, context.day(), 'Fel kostnad', options);
  // Taken back whole only while nothing of it is settled.
  if (payable.openOre !== payable.originalOre) {
    if (payable.openOre === 0) coverage.refusedOnSettled += 1;
    return refusedByAll(context.writers, attempt, 'EVENT_NOT_CORRECTABLE', 'a paid cost');
  }
  await accepted(attempt(writerOf(context.writers, pick)), `correction of ${payable.postId}`);
  coverage.costsCorrected += 1;
  payable.costCorrected = true;
  settle(payable, payable.openOre, context.year);
}

async function recordIntent(context: YearContext, next: Intent) {
  const { payables, writers } = context;
  const any = (pick: number) => payables[pick % Math.max(1, payables.length)];
  switch (next.kind) {
    case 'open':
      return open(context, next.ore);
    case 'pay':
      return pay(context, next.pick, next.share);
    case 'overpay': {
      const payable = any(next.pick);
      if (payable === undefined) return;
      if (payable.openOre === 0) coverage.refusedOnSettled += 1;
      const belopp = kronor(payable.openOre + 1);
      return refusedByAll(
        writers,
        (ledger) =>
          ledger.record(
            'LeverantörsskuldBetald',
            { datum: context.day(), postId: payable.postId, belopp },
            options,
          ),
        'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
        `overpaying ${payable.postId}`,
      );
    }
    case 'reuse': {
      const payable = any(next.pick);
      if (payable === undefined) return;
      if (payable.openOre === 0) coverage.refusedOnSettled += 1;
      return refusedByAll(
        writers,
        (ledger) =>
          ledger.record('KostnadBokförd', cost(context.day(), payable.postId, 100), options),
        'OPEN_ITEM_ALREADY_EXISTS',
        `reusing ${payable.postId}`,
      );
    }
    case 'correctPayment':
      return correctPayment(context, next.pick);
    case 'correctCost':
      return correctCost(context, next.pick);
  }
}

async function recordYears(
  store: CheckpointingMemoryStore,
  years: readonly (readonly Intent[])[],
  lasting: Ledger,
) {
  const payables: Payable[] = [];
  for (const [index, intents] of years.entries()) {
    const year = firstYear + index;
    const writers = {
      resumed: createLedger({ store, förbundId: 'prop' }),
      folded: createLedger({ store: store.plain, förbundId: 'prop' }),
      lasting,
    };
    if (index === 0)
      await accepted(
        writers.resumed.record(
          'IngåendeBalansRegistrerad',
          {
            datum: `${year}-01-01`,
            text: 'IB',
            kassaOchBank: '100000000.00',
            momsfordran: '0',
            balanseratResultat: '100000000.00',
            öppnaPoster: [],
          },
          options,
        ),
        'opening',
      );
    let dayOfYear = 0;
    const day = () => {
      dayOfYear = Math.min(dayOfYear + 1, 360);
      return new Date(Date.UTC(year, 0, dayOfYear)).toISOString().slice(0, 10);
    };
    for (const next of intents) await recordIntent({ writers, payables, year, day }, next);
    if (index < years.length - 1)
      await accepted(
        writerOf(writers, index).closeYear(year, `${year + 1}-01-01`, options),
        'close',
      );
    await store.idle();
  }
  return payables;
}

/** At most this many rounds of 30 random histories, to reach the coverage the test asks for. */
const roundsMax = 10;

test('property: with the items settled before the checkpoint kept as id and kind, a resumed writer, a writer kept through every close and a full fold accept and refuse alike and end in the same state', async (t) => {
  // Random histories reach the rare cases (an item settled before a checkpoint, then reopened)
  // a few times per 30 runs, too few to promise each time: more rounds of new random runs, each
  // checking the property too, until the coverage below is reached, so that it never fails by
  // the luck of a seed.
  const covered = () =>
    coverage.reopenedSettledBeforeCheckpoint > 5 &&
    coverage.refusedOnSettled > 10 &&
    coverage.costsCorrected > 5 &&
    coverage.compactedByLastingWriter > 5;
  for (let round = 0; round < roundsMax && (round === 0 || !covered()); round += 1) {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(intent, { minLength: 4, maxLength: 16 }), { minLength: 3, maxLength: 4 }),
        async (years) => {
          const store = checkpointingMemoryStore();
          const lasting = createLedger({ store, förbundId: 'prop' });
          const payables = await recordYears(store, years, lasting);
          const resumed = createLedger({ store, förbundId: 'prop' });
          const folded = createLedger({ store: store.plain, förbundId: 'prop' });
          const expected = await stateText(folded);
          t.is(await stateText(resumed), expected);
          t.is(await stateText(lasting), expected, 'the writer kept through every close');
          const lastingState = await accepted(lasting.state(), 'state');
          if (lastingState.settledItems.size > 0) coverage.compactedByLastingWriter += 1;
          for (const state of [await accepted(resumed.state(), 'state'), lastingState])
            for (const payable of payables) {
              const item = state.openItems.get(payable.postId);
              const settled = state.settledItems.find(payable.postId);
              const open = item?.öppetBelopp ?? (settled && '0.00');
              t.is(open, kronor(payable.openOre), payable.postId);
            }
        },
      ),
      { numRuns: 30 },
    );
  }
  t.log(coverage);
  t.true(
    coverage.reopenedSettledBeforeCheckpoint > 5,
    `${coverage.reopenedSettledBeforeCheckpoint} items settled before a checkpoint reopened`,
  );
  t.true(coverage.refusedOnSettled > 10, `${coverage.refusedOnSettled} refusals on settled items`);
  t.true(coverage.costsCorrected > 5, `${coverage.costsCorrected} costs corrected`);
  t.true(
    coverage.compactedByLastingWriter > 5,
    `${coverage.compactedByLastingWriter} lasting writers keeping settled items compactly`,
  );
});
