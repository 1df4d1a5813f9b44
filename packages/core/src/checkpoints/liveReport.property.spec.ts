import test from 'ava';
import fc from 'fast-check';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { createLedger, type Ledger } from '../facade/createLedger.js';
import { decimalKronor } from '../money/decimalKronor.testSupport.js';
import { replayAnnualReport, type AnnualReportOptions } from '../statements/annualReport.js';
import { dayOfYear } from '../statements/dayOfYear.testSupport.js';
import type { StoredEvent } from '../store/EventEnvelope.js';
import { AnnualReportFold } from './annualReportFold.js';
import { foldAnnualReport } from './foldAnnualReport.js';
import { checkpointingMemoryStore } from './memoryCheckpointStorage.testSupport.js';
import { recorded } from './ok.testSupport.js';

// A live report derives every statement again from its fold after each new event, keeping what
// it summed before (the totals by statement line) until the movements under it change. After
// every event of random histories (contributions, costs paid and owed, payments across year
// ends, accrued income and its reversal, corrections of closed years' bookings, equity
// corrections, budgets and their amendments, staffing, förvaltningsberättelser (of the open
// and the closed year), historical figures of the year before the
// books, year closes), the live report of each year equals, as JSON, the report of a full replay
// of the events so far: with and without footnotes, folded from the first event and folded from
// the last close's checkpoint while the open year's events are recorded.

const firstYear = 2021;
const streamId = 'bokforing-live';
const options = { metadata: { recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'live' } };
/** What the runs exercised, so that the test fails if the generator stops reaching a case. */
const coverage = { lateCostsInLaterYears: 0, closedYearCorrections: 0, fromCheckpoint: 0 };
const lateCostText = 'Sen faktura';

const kronor = (maxKronor: number) => decimalKronor(maxKronor, 100);
const dayOf = (year: number, lastDay = 360) => dayOfYear(year, lastDay);

type Intent =
  | { kind: 'contribution'; belopp: string; day: string }
  | { kind: 'cost'; belopp: string; day: string; onCredit: boolean }
  | { kind: 'pay'; day: string }
  | { kind: 'accrue'; belopp: string }
  | { kind: 'correctOld'; pick: number; day: string }
  | { kind: 'equity'; day: string }
  | { kind: 'budgetAmended'; belopp: string; day: string }
  | { kind: 'staffing'; day: string }
  | { kind: 'förvaltningsberättelse'; day: string; lastYear: boolean }
  | { kind: 'late'; belopp: string; day: string };

const intentFor = (year: number): fc.Arbitrary<Intent> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('contribution' as const),
      belopp: kronor(500_000),
      day: dayOf(year),
    }),
    fc.record({
      kind: fc.constant('cost' as const),
      belopp: kronor(100_000),
      day: dayOf(year),
      onCredit: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('pay' as const), day: dayOf(year) }),
    fc.record({ kind: fc.constant('accrue' as const), belopp: kronor(50_000) }),
    fc.record({ kind: fc.constant('correctOld' as const), pick: fc.nat(), day: dayOf(year) }),
    fc.record({ kind: fc.constant('equity' as const), day: dayOf(year) }),
    fc.record({
      kind: fc.constant('budgetAmended' as const),
      belopp: kronor(300_000),
      day: dayOf(year),
    }),
    fc.record({ kind: fc.constant('staffing' as const), day: dayOf(year) }),
    // Written once the year is done, so often of a year already closed.
    fc.record({
      kind: fc.constant('förvaltningsberättelse' as const),
      day: dayOf(year),
      lastYear: fc.boolean(),
    }),
    // A cost of last year that arrives in January, before last year's close: booked on 31
    // December, after this year's first events.
    fc.record({
      kind: fc.constant('late' as const),
      belopp: kronor(20_000),
      day: dayOf(year, 40),
    }),
  );

/** What the generator knows, so that every event it records passes the rules. */
interface Model {
  readonly payables: Map<string, string>;
  readonly accruals: { postId: string; year: number }[];
  /** Correctable bookings without open items (contributions, costs paid by bank), by year. */
  readonly correctable: { eventId: string; year: number }[];
  /** The years whose budget was adopted. */
  readonly budgetYears: Set<number>;
  sequence: number;
}

const maxDate = (left: string, right: string): string => (left > right ? left : right);

const dayOfIntent = (intent: Intent, year: number): string =>
  'day' in intent ? intent.day : `${year}-12-31`;

/** Records a contribution or a cost; a cost on credit opens a payable. */
async function recordBooking(
  ledger: Ledger,
  model: Model,
  intent: Extract<Intent, { kind: 'contribution' | 'cost' }>,
  year: number,
  id: string,
) {
  if (intent.kind === 'contribution') {
    const data = { medlem: 'Staten', medlemskategori: 'staten', period: String(year) } as const;
    const { event } = await recorded(
      ledger.record(
        'MedlemsbidragMottaget',
        { datum: intent.day, ...data, belopp: intent.belopp },
        options,
      ),
      'contribution',
    );
    model.correctable.push({ eventId: event.eventId, year });
    return;
  }
  const betalning = intent.onCredit
    ? { sätt: 'leverantörsskuld' as const, postId: id }
    : { sätt: 'bank' as const };
  const data = {
    område: 'operativa',
    post: 'Insatser',
    moms: '0.00',
    text: `Kostnad ${id}`,
  } as const;
  const { event } = await recorded(
    ledger.record(
      'KostnadBokförd',
      { datum: intent.day, ...data, belopp: intent.belopp, betalning },
      options,
    ),
    'cost',
  );
  if (intent.onCredit) model.payables.set(id, intent.belopp);
  else model.correctable.push({ eventId: event.eventId, year });
}

async function recordIntent(ledger: Ledger, model: Model, intent: Intent, year: number) {
  model.sequence += 1;
  const id = `P-${model.sequence}`;
  const day = dayOfIntent(intent, year);
  switch (intent.kind) {
    case 'contribution':
    case 'cost':
      return recordBooking(ledger, model, intent, year, id);
    case 'pay':
      return payOldestPayable(ledger, model, day);
    case 'accrue': {
      const data = { datum: day, postId: id, intäktsslag: 'esf' as const, belopp: intent.belopp };
      await recorded(
        ledger.record('IntäktUpplupen', { ...data, text: `ESF ${id}` }, options),
        'accrual',
      );
      model.accruals.push({ postId: id, year });
      return;
    }
    case 'correctOld':
      return correctOld(ledger, model, intent, year);
    case 'equity':
      return correctEquity(ledger, model, day, id);
    case 'budgetAmended':
      // An amendment follows the year's adoption (on 2 January), when there was one.
      if (!model.budgetYears.has(year)) return;
      return recordBudget(
        ledger,
        'BudgetÄndrad',
        year,
        maxDate(day, `${year}-01-03`),
        intent.belopp,
      );
    case 'late': {
      if (year === firstYear) return;
      const data = {
        datum: `${year - 1}-12-31`,
        område: 'administrativa',
        post: 'Revision',
        moms: '0.00',
        text: lateCostText,
        betalning: { sätt: 'bank' },
      } as const;
      const { event } = await recorded(
        ledger.record('KostnadBokförd', { ...data, belopp: intent.belopp }, options),
        'late cost',
      );
      model.correctable.push({ eventId: event.eventId, year: year - 1 });
      return;
    }
    case 'förvaltningsberättelse':
      return recordFörvaltningsberättelse(ledger, intent, year, id);
    case 'staffing': {
      const årsarbetare = { operativa: `${(model.sequence % 9) + 1}.5` };
      await recorded(
        ledger.record('PersonalresurserRegistrerade', { år: year, årsarbetare }, options),
        'staffing',
      );
      return;
    }
  }
}

/** The förvaltningsberättelse of this year or, once a year is behind it, often of last year. */
async function recordFörvaltningsberättelse(
  ledger: Ledger,
  intent: Extract<Intent, { kind: 'förvaltningsberättelse' }>,
  year: number,
  id: string,
) {
  const år = intent.lastYear && year > firstYear ? year - 1 : year;
  const avsnitt = [{ rubrik: 'Väsentliga händelser', stycken: [`Text ${id}`] }];
  await recorded(
    ledger.record('FörvaltningsberättelseRegistrerad', { år, avsnitt }, options),
    'förvaltningsberättelse',
  );
}

/** Pays the oldest payable in full, when there is one. */
async function payOldestPayable(ledger: Ledger, model: Model, day: string) {
  const [postId, belopp] = [...model.payables][0] ?? [];
  if (postId === undefined || belopp === undefined) return;
  const data = { datum: day, postId, belopp };
  await recorded(ledger.record('LeverantörsskuldBetald', data, options), 'payment');
  model.payables.delete(postId);
}

/** Corrects a booking of a closed year (HändelseRättad), dated in the open year. */
async function correctOld(
  ledger: Ledger,
  model: Model,
  intent: Extract<Intent, { kind: 'correctOld' }>,
  year: number,
) {
  const closed = model.correctable.filter((entry) => entry.year < year);
  const target = closed[intent.pick % Math.max(1, closed.length)];
  if (target === undefined) return;
  await recorded(ledger.correct(target.eventId, intent.day, 'Fel belopp', options), 'correction');
  coverage.closedYearCorrections += 1;
  model.correctable.splice(model.correctable.indexOf(target), 1);
}

/** Raises the oldest payable by 1 kr against eget kapital (EgetKapitalRättat). */
async function correctEquity(ledger: Ledger, model: Model, day: string, id: string) {
  const [postId, belopp] = [...model.payables][0] ?? [];
  if (postId === undefined || belopp === undefined) return;
  const motpost = { slag: 'leverantörsskuld', postId } as const;
  await recorded(
    ledger.record(
      'EgetKapitalRättat',
      { datum: day, belopp: '-1.00', motpost, text: `Rättelse ${id}`, skäl: 'Fel i tidigare år' },
      options,
    ),
    'equity correction',
  );
  const raised = (BigInt(belopp.replace('.', '')) + 100n).toString();
  model.payables.set(postId, `${raised.slice(0, -2)}.${raised.slice(-2)}`);
}

/** A budget decision for a year: the adoption, or an amendment of its cost line. */
async function recordBudget(
  ledger: Ledger,
  typ: 'BudgetFastställd' | 'BudgetÄndrad',
  year: number,
  beslutsdatum: string,
  belopp: string,
) {
  const decision = {
    år: year,
    beslutsdatum,
    beslut: `Styrelsen ${beslutsdatum}`,
    kostnader: [{ område: 'operativa' as const, post: 'Insatser', belopp }],
  };
  if (typ === 'BudgetÄndrad') {
    await recorded(ledger.record(typ, decision, options), 'budget amendment');
    return;
  }
  const intäkter = [{ slag: 'esf' as const, belopp: '1000.00' }];
  await recorded(ledger.record(typ, { ...decision, intäkter }, options), 'budget');
}

/** What a year starts with: the opening balance and history (first year), budget, reversals. */
async function startYear(ledger: Ledger, model: Model, year: number, intents: number) {
  if (year === firstYear) {
    await recorded(
      ledger.record(
        'IngåendeBalansRegistrerad',
        {
          datum: `${year}-01-01`,
          text: 'IB',
          kassaOchBank: '1000000.00',
          momsfordran: '0',
          balanseratResultat: '1000000.00',
          öppnaPoster: [],
        },
        options,
      ),
      'opening',
    );
    if (intents % 2 === 1) {
      const resultaträkning = {
        verksamhetensIntäkter: '900000.00',
        verksamhetensKostnader: '850000.00',
      };
      const historical = { år: year - 1, källa: `Årsredovisning ${year - 1}`, resultaträkning };
      await recorded(
        ledger.record('HistoriskaÅrsuppgifterRegistrerade', historical, options),
        'historical figures',
      );
    }
  }
  if (intents % 3 !== 0) {
    await recordBudget(ledger, 'BudgetFastställd', year, `${year}-01-02`, '500000.00');
    model.budgetYears.add(year);
  }
  for (const accrual of model.accruals.filter((entry) => entry.year === year - 1))
    await recorded(ledger.reverseAccrual(accrual.postId, `${year}-01-15`, options), 'reversal');
}

/** Records one year's intents in date order, through a ledger opened anew. */
/** What a test does while a year is recorded: after last year's close, and after each event. */
interface YearHooks {
  readonly afterClose?: () => Promise<void>;
  readonly afterEach?: () => Promise<void>;
}

/**
 * Records one year's intents in date order through a ledger opened anew; from the second year
 * on, last year is closed on 15 February, after this year's events before it (late costs of last
 * year among them).
 */
async function recordYear(
  store: ReturnType<typeof checkpointingMemoryStore>,
  model: Model,
  year: number,
  intents: readonly Intent[],
  hooks: YearHooks = {},
) {
  const ledger = createLedger({ store, förbundId: 'live' });
  await startYear(ledger, model, year, intents.length);
  const sorted = [...intents].sort((left, right) =>
    dayOfIntent(left, year) < dayOfIntent(right, year) ? -1 : 1,
  );
  const closeDay = `${year}-02-15`;
  for (const intent of sorted.filter((intent) => dayOfIntent(intent, year) < closeDay))
    await recordIntent(ledger, model, intent, year);
  if (year > firstYear) {
    await recorded(ledger.closeYear(year - 1, closeDay, options), 'close');
    await store.idle();
  }
  await hooks.afterClose?.();
  for (const intent of sorted.filter((intent) => dayOfIntent(intent, year) >= closeDay)) {
    await recordIntent(ledger, model, intent, year);
    await hooks.afterEach?.();
  }
}

const historyArbitrary = fc
  .integer({ min: 2, max: 3 })
  .chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, index) =>
        fc.array(intentFor(firstYear + index), { maxLength: 10 }),
      ),
    ),
  );

const withoutTotals = (report: object): string => {
  const { totals: _totals, ...rest } = report as { totals?: unknown };
  return JSON.stringify(rest);
};
const variants: readonly AnnualReportOptions[] = [{}, { footnotes: true }];

/** Every event of the stream, in order. */
async function eventsOf(store: ReturnType<typeof checkpointingMemoryStore>) {
  const events: StoredEvent[] = [];
  for await (const event of store.plain.readStream(streamId)) events.push(event);
  return events;
}

/** The year an event's verifikationer or facts concern, roughly: its first date's year. */
const yearOfEvent = (event: StoredEvent): number | undefined => {
  const data = event.data as { datum?: string; år?: number };
  return data.datum === undefined ? data.år : Number(data.datum.slice(0, 4));
};

/**
 * Folds every event into a live report of each year from the first event on, comparing after
 * each one with a full replay of the events so far.
 */
async function checkFromTheFirstEvent(
  t: { is: (actual: string, expected: string, message: string) => void },
  events: readonly StoredEvent[],
  lastYear: number,
) {
  for (let year = firstYear - 1; year <= lastYear; year += 1) {
    const fold = new AnnualReportFold(defaultChart, year, undefined);
    for (const [index, event] of events.entries()) {
      fold.apply(event);
      const { text } = event.data as { text?: string };
      if (text === lateCostText && (yearOfEvent(event) ?? year) < year)
        coverage.lateCostsInLaterYears += 1;
      for (const variant of variants) {
        const full = await replayAnnualReport(events.slice(0, index + 1), year, variant);
        t.is(
          withoutTotals(fold.report(variant)),
          withoutTotals(full),
          `${year} after event ${index} (${event.type}), ${JSON.stringify(variant)}`,
        );
      }
    }
  }
}

/** True once the random histories so far reached every case the property is there to cover. */
const covered = () =>
  coverage.closedYearCorrections > 3 &&
  coverage.fromCheckpoint > 10 &&
  coverage.lateCostsInLaterYears > 5;

/** At most this many rounds of new random histories are run until {@link covered}. */
const roundsMax = 10;

test('property: after each new event, the live report of every year equals the report of a full replay of the events so far', async (t) => {
  const property = fc.asyncProperty(historyArbitrary, async (years) => {
    const store = checkpointingMemoryStore();
    const model: Model = {
      payables: new Map(),
      accruals: [],
      correctable: [],
      budgetYears: new Set(),
      sequence: 0,
    };
    const lastYear = firstYear + years.length - 1;
    for (const [index, intents] of years.slice(0, -1).entries())
      await recordYear(store, model, firstYear + index, intents);
    // The open year after last year's close, recorded while a live report folded from the
    // close's checkpoint follows it, as watchAnnualReport does.
    let live: AnnualReportFold | undefined;
    await recordYear(store, model, lastYear, years[years.length - 1]!, {
      afterClose: async () => {
        live = await foldAnnualReport(store, streamId, lastYear, {
          observe: (notice) => {
            if (notice.kind === 'used') coverage.fromCheckpoint += 1;
          },
        });
      },
      afterEach: async () => {
        const fold = live!;
        for await (const event of store.readStream(streamId, {
          fromRevision: fold.revision + 1,
        }))
          fold.apply(event);
        const events = await eventsOf(store);
        for (const variant of variants)
          t.is(
            withoutTotals(fold.report(variant)),
            withoutTotals(await replayAnnualReport(events, lastYear, variant)),
            `live ${lastYear} from the checkpoint after ${events.length} events`,
          );
      },
    });
    await checkFromTheFirstEvent(t, await eventsOf(store), lastYear);
  });
  // Each round checks the property on 15 new random histories; the cases to cover (corrections
  // of a closed year, late costs) come from chance, so rounds go on until they are reached, rather
  // than a threshold that one set of 15 histories reaches only most of the time.
  for (let round = 0; round < roundsMax && !covered(); round += 1)
    await fc.assert(property, { numRuns: 15 });
  t.true(coverage.closedYearCorrections > 3, `${coverage.closedYearCorrections} corrections`);
  t.true(coverage.fromCheckpoint > 10, `${coverage.fromCheckpoint} live reports from checkpoints`);
  t.true(
    coverage.lateCostsInLaterYears > 5,
    `${coverage.lateCostsInLaterYears} late costs folded into a later year's live report`,
  );
});
