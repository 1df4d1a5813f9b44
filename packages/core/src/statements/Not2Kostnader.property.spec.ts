/**
 * Property test for the budget and note statements (Not 1, Not 2 and the driftredovisning
 * together, since they share the generator): for random histories of income, costs,
 * accruals and their reversals, prepayments, corrections, financial items and budgets with
 * ändringsbeslut, every figure adds up to the resultaträkning and balansräkning.
 */
import test from 'ava';
import fc from 'fast-check';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import type { EventInput } from '../facade/EventInput.js';
import { decimalKronor } from '../money/decimalKronor.testSupport.js';
import { Money } from '../money/Money.js';
import { runProjection } from '../projections/Projection.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { balansräkning } from './Balansräkning.js';
import { driftredovisning } from './Driftredovisning.js';
import { coversYear, ledgerTotalsProjection } from './LedgerTotals.js';
import { not1Intäkter } from './Not1Intäkter.js';
import { not2Kostnader } from './Not2Kostnader.js';
import { resultaträkning } from './Resultaträkning.js';
import { rowOf, type Statement, type StatementRow } from './Statement.js';
import { dayOfYear } from './dayOfYear.testSupport.js';

const amount = (maxKronor: number) => decimalKronor(maxKronor);
const dayOf = (year: number) => dayOfYear(year);
const område = fc.constantFrom(
  'administrativa' as const,
  'strukturpåverkande' as const,
  'operativa' as const,
);
const post = fc.constantFrom('A', 'B', 'C');
const underpost = fc.constantFrom(undefined, 'x', 'y');
const members = [
  { medlem: 'Staten', medlemskategori: 'staten' },
  { medlem: 'Region', medlemskategori: 'region' },
  { medlem: 'Täby kommun', medlemskategori: 'kommun' },
  { medlem: 'Vaxholms kommun', medlemskategori: 'kommun' },
] as const;

type Placement = {
  område: 'administrativa' | 'strukturpåverkande' | 'operativa';
  post: string;
  underpost: string | undefined;
};
type Intent =
  | { kind: 'contribution'; member: number; belopp: string; day: string }
  | { kind: 'esf'; belopp: string; day: string }
  | {
      kind: 'other';
      slag: 'bidrag' | 'övrig';
      intäktspost: string | undefined;
      belopp: string;
      day: string;
    }
  | {
      kind: 'accrueIncome';
      slag: 'esf' | 'övrig';
      intäktspost: string | undefined;
      belopp: string;
      day: string;
    }
  | ({ kind: 'cost'; sätt: 'bank' | 'upplupen'; belopp: string; day: string } & Placement)
  | ({ kind: 'prepaid'; belopp: string; day: string } & Placement)
  | { kind: 'reverse'; day: string }
  | { kind: 'interest'; belopp: string; day: string }
  | { kind: 'correctLast'; day: string };

const intentFor = (year: number): fc.Arbitrary<Intent> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('contribution' as const),
      member: fc.integer({ min: 0, max: members.length - 1 }),
      belopp: amount(500_000),
      day: dayOf(year),
    }),
    fc.record({ kind: fc.constant('esf' as const), belopp: amount(900_000), day: dayOf(year) }),
    fc.record({
      kind: fc.constant('other' as const),
      slag: fc.constantFrom('bidrag' as const, 'övrig' as const),
      intäktspost: fc.constantFrom(undefined, 'Tjänst', 'Utlåning'),
      belopp: amount(50_000),
      day: dayOf(year),
    }),
    fc.record({
      kind: fc.constant('accrueIncome' as const),
      slag: fc.constantFrom('esf' as const, 'övrig' as const),
      intäktspost: fc.constantFrom(undefined, 'Tjänst'),
      belopp: amount(300_000),
      day: dayOf(year),
    }),
    fc.record({
      kind: fc.constant('cost' as const),
      sätt: fc.constantFrom('bank' as const, 'upplupen' as const),
      belopp: amount(200_000),
      day: dayOf(year),
      område,
      post,
      underpost,
    }),
    fc.record({
      kind: fc.constant('prepaid' as const),
      belopp: amount(100_000),
      day: dayOf(year),
      område,
      post,
      underpost,
    }),
    fc.record({ kind: fc.constant('reverse' as const), day: dayOf(year) }),
    fc.record({ kind: fc.constant('interest' as const), belopp: amount(100), day: dayOf(year) }),
    fc.record({ kind: fc.constant('correctLast' as const), day: dayOf(year) }),
  );

const budgetArbitrary: fc.Arbitrary<BudgetIntent | null> = fc.option(
  fc.record({
    kostnader: fc.uniqueArray(fc.record({ område, post, underpost, belopp: amount(2_000_000) }), {
      selector: (rad) => `${rad.område}|${rad.post}|${rad.underpost ?? ''}`,
      maxLength: 8,
    }),
    medlemsbidrag: amount(6_000_000),
    esf: amount(3_000_000),
    ändring: fc.option(
      fc.record({
        day: dayOf(2021),
        rad: fc.record({
          område,
          post,
          underpost,
          belopp: fc.oneof(amount(2_000_000), fc.constant('0.00')),
        }),
      }),
    ),
  }),
);

type BudgetRadIntent = Placement & { belopp: string };
type BudgetIntent = {
  kostnader: BudgetRadIntent[];
  medlemsbidrag: string;
  esf: string;
  ändring: { day: string; rad: BudgetRadIntent } | null;
};

/**
 * Turns intents into events; accruals are reversed in the order they were made. Not checked
 * by the rules: the sums must hold for any posted history.
 */
function historyFrom(
  years: readonly (readonly Intent[])[],
  budget: BudgetIntent | null,
): BookkeepingEvent[] {
  const events: BookkeepingEvent[] = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2020-01-01',
      text: 'IB',
      kassaOchBank: '1000000.00',
      momsfordran: '0',
      balanseratResultat: '1000000.00',
      öppnaPoster: [],
    }),
    ...budgetEvents(budget),
  ];
  const model: HistoryModel = { accruals: [], last: undefined, sequence: 0 };
  const byDay = (left: Intent, right: Intent) =>
    left.day < right.day ? -1 : left.day > right.day ? 1 : 0;
  for (const intents of years)
    for (const intent of [...intents].sort(byDay)) events.push(...eventsOf(intent, model));
  return events;
}

/** The budget of 2021 and its amendment, if any. */
function budgetEvents(budget: BudgetIntent | null): BookkeepingEvent[] {
  if (!budget) return [];
  const kostnader = budget.kostnader.map(({ underpost: under, ...rad }) => ({
    ...rad,
    ...(under === undefined ? {} : { underpost: under }),
  }));
  const adopted = bookkeepingEvent('BudgetFastställd', {
    år: 2021,
    beslutsdatum: '2020-11-20',
    beslut: 'Styrelsen § 7',
    kostnader,
    intäkter: [
      { slag: 'medlemsbidrag', belopp: budget.medlemsbidrag },
      { slag: 'esf', belopp: budget.esf },
    ],
  });
  if (!budget.ändring) return [adopted];
  const { underpost: under, ...rad } = budget.ändring.rad;
  const amended = bookkeepingEvent('BudgetÄndrad', {
    år: 2021,
    beslutsdatum: budget.ändring.day,
    beslut: 'Styrelsen § 3',
    kostnader: [{ ...rad, ...(under === undefined ? {} : { underpost: under }) }],
  });
  return [adopted, amended];
}

/** An accrual still open: what its reversal repeats of it, all but the day and the text. */
type OpenAccrual = Omit<EventInput<'PeriodiseringÅterförd'>, 'datum' | 'text'>;

/**
 * What the history remembers between intents: the accruals still open, the last correctable event,
 * the post ids used.
 */
interface HistoryModel {
  readonly accruals: OpenAccrual[];
  last: BookkeepingEvent | undefined;
  sequence: number;
}

/**
 * The events of one intent: a booking, a reversal of the oldest accrual, or a correction of the
 * last booking.
 */
function eventsOf(intent: Intent, model: HistoryModel): BookkeepingEvent[] {
  model.sequence += 1;
  const postId = `P-${model.sequence}`;
  if (intent.kind === 'reverse') {
    const accrual = model.accruals.shift();
    return accrual
      ? [
          bookkeepingEvent('PeriodiseringÅterförd', {
            datum: intent.day,
            text: 'Återföring',
            ...accrual,
          }),
        ]
      : [];
  }
  if (intent.kind === 'correctLast') {
    const last = model.last;
    if (!last) return [];
    model.last = undefined;
    return [
      bookkeepingEvent('HändelseRättad', {
        datum: intent.day,
        rättadEventId: last.eventId,
        orsak: 'Fel',
        original: { type: last.type, schemaVersion: last.schemaVersion, data: last.data },
      }),
    ];
  }
  const booked =
    intent.kind === 'cost' || intent.kind === 'prepaid'
      ? costBookingOf(intent, postId, model.accruals)
      : incomeBookingOf(intent, postId, model.accruals);
  model.last = booked;
  return [booked];
}

const placementOf = (intent: Placement) => ({
  område: intent.område,
  post: intent.post,
  ...(intent.underpost === undefined ? {} : { underpost: intent.underpost }),
});

/** A cost paid, accrued or prepaid; an accrual or prepayment is remembered to be reversed. */
function costBookingOf(
  intent: Extract<Intent, { kind: 'cost' | 'prepaid' }>,
  postId: string,
  accruals: OpenAccrual[],
): BookkeepingEvent {
  if (intent.kind === 'prepaid') {
    accruals.push({
      postId,
      slag: 'förutbetald-kostnad',
      belopp: intent.belopp,
      ...placementOf(intent),
    });
    return bookkeepingEvent('KostnadFörutbetald', {
      datum: intent.day,
      ...placementOf(intent),
      postId,
      avserPeriod: 'nästa',
      belopp: intent.belopp,
      text: 'Förutbetald',
      betalning: { sätt: 'bank' },
    });
  }
  if (intent.sätt === 'upplupen')
    accruals.push({
      postId,
      slag: 'upplupen-kostnad',
      belopp: intent.belopp,
      ...placementOf(intent),
    });
  return bookkeepingEvent('KostnadBokförd', {
    datum: intent.day,
    ...placementOf(intent),
    belopp: intent.belopp,
    text: 'Kostnad',
    betalning: intent.sätt === 'bank' ? { sätt: 'bank' } : { sätt: 'upplupen', postId },
  });
}

/**
 * Income received or accrued, or a financial cost; an accrued income is remembered to be reversed.
 */
function incomeBookingOf(
  intent: Extract<Intent, { kind: 'contribution' | 'esf' | 'other' | 'accrueIncome' | 'interest' }>,
  postId: string,
  accruals: OpenAccrual[],
): BookkeepingEvent {
  switch (intent.kind) {
    case 'contribution':
      return bookkeepingEvent('MedlemsbidragMottaget', {
        datum: intent.day,
        ...members[intent.member]!,
        period: 'år',
        belopp: intent.belopp,
      });
    case 'esf':
      return bookkeepingEvent('ESFUtbetalning', {
        datum: intent.day,
        projekt: 'MIA',
        period: 'p',
        belopp: intent.belopp,
      });
    case 'other':
      return bookkeepingEvent('ÖvrigIntäktBokförd', {
        datum: intent.day,
        intäktsslag: intent.slag,
        ...(intent.intäktspost === undefined ? {} : { intäktspost: intent.intäktspost }),
        belopp: intent.belopp,
        text: 'Intäkt',
        betalning: { sätt: 'bank' },
      });
    case 'accrueIncome': {
      const detail = {
        intäktsslag: intent.slag,
        ...(intent.intäktspost === undefined ? {} : { intäktspost: intent.intäktspost }),
      };
      accruals.push({ postId, slag: 'upplupen-intäkt', belopp: intent.belopp, ...detail });
      return bookkeepingEvent('IntäktUpplupen', {
        datum: intent.day,
        postId,
        ...detail,
        belopp: intent.belopp,
        text: 'Upplupen',
      });
    }
    case 'interest':
      return bookkeepingEvent('FinansiellKostnadBokförd', {
        datum: intent.day,
        belopp: intent.belopp,
        text: 'Bankavgift',
      });
  }
}

/** Fails the property with the name of the broken check. */
function check(condition: boolean, what: string, year: number): void {
  if (!condition) throw new Error(`${what} (${year})`);
}

const sumOf = (rows: readonly StatementRow[], column: number): Money | null =>
  rows.some((row) => row.amounts[column] === null)
    ? null
    : Money.sum(rows.map((row) => row.amounts[column]!));
/** A total equals the sum of its parts, where the total has a figure. */
const addsUp = (
  parts: readonly StatementRow[],
  total: StatementRow | undefined,
  column: number,
): boolean => total?.amounts[column] == null || same(sumOf(parts, column), total.amounts[column]);
const same = (left: Money | null | undefined, right: Money | null | undefined) =>
  (left ?? null) === null ? (right ?? null) === null : right != null && left!.equals(right);

/**
 * Every område's posts and unallocated rows add up to its sum, every post with underposts to its
 * rows, the områden to the total.
 */
function not2AddsUp(not2: Statement): boolean {
  const rows = not2.rows;
  const columns = [0, 1, 3];
  const topLevel: StatementRow[] = [];
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index]!;
    if (row.key.startsWith('summa:')) {
      const område = row.key.slice('summa:'.length);
      const parts = rows.filter(
        (candidate) =>
          candidate.key.startsWith(`post:${område}|`) ||
          candidate.key.startsWith(`ej-fördelat:${område}|`),
      );
      if (!columns.every((column) => addsUp(parts, row, column))) return false;
      topLevel.push(row);
    }
    if (row.key.startsWith('ej-fördelat:') && !row.key.includes('|')) topLevel.push(row);
    if (row.key.startsWith('post:') && row.kind === 'subtotal') {
      const children = rows.filter((candidate) =>
        candidate.key.startsWith(`underpost:${row.key.slice('post:'.length)}|`),
      );
      if (!addsUp(children, row, 0) || !addsUp(children, row, 3)) return false;
      const childBudget = sumOf(children, 1);
      if (childBudget !== null && !same(childBudget, row.amounts[1])) return false;
    }
    const [utfall, budget, avvikelse] = row.amounts;
    if (utfall && budget && !same(avvikelse, budget.minus(utfall))) return false;
  }
  return columns.every((column) => addsUp(topLevel, rowOf(not2, 'summa'), column));
}

test('property: Not 1 adds up to the RR intäkter, Not 2 to the RR kostnader (and within, by område and post), the driftredovisning to årets resultat and eget kapital', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(intentFor(2020), { maxLength: 25 }),
      fc.array(intentFor(2021), { maxLength: 25 }),
      budgetArbitrary,
      dayOf(2021),
      async (year2020, year2021, budget, budgetDatum) => {
        const totals = await runProjection(
          postEvents(historyFrom([year2020, year2021], budget), defaultChart),
          ledgerTotalsProjection(defaultChart),
        );
        for (const year of [2020, 2021].filter((candidate) => coversYear(totals, candidate))) {
          const rr = resultaträkning(totals, year);
          const intäkter = rowOf(rr, 'verksamhetens-intäkter').amounts[0]!;
          const kostnader = rowOf(rr, 'verksamhetens-kostnader').amounts[0]!.negated();
          const not1 = not1Intäkter(totals, year);
          const lines = not1.rows.filter((row) => row.key !== 'summa');
          check(
            same(rowOf(not1, 'summa').amounts[0], intäkter) && same(sumOf(lines, 0), intäkter),
            'Not 1 summa = RR intäkter',
            year,
          );
          const not2 = not2Kostnader(totals, year, { budgetDatum });
          check(
            same(rowOf(not2, 'summa').amounts[0], kostnader),
            'Not 2 summa = RR kostnader',
            year,
          );
          check(not2AddsUp(not2), 'Not 2 adds up within', year);
          const drift = driftredovisning(totals, year, { budgetDatum });
          const at = (key: string, column: number) => rowOf(drift, key).amounts[column];
          check(same(at('nettokostnad', 0), kostnader), 'nettokostnad = RR kostnader', year);
          check(
            same(at('medlemsavgift', 0)!.plus(at('extern-finansiering', 0)!), intäkter),
            'medlemsavgift + extern = RR intäkter',
            year,
          );
          check(
            same(at('resultat', 0), rowOf(rr, 'årets-resultat').amounts[0]),
            'resultat = årets resultat',
            year,
          );
          check(
            same(
              at('utgående-eget-kapital', 0),
              rowOf(balansräkning(totals, year), 'summa-eget-kapital').amounts[0],
            ),
            'utgående eget kapital = BR',
            year,
          );
          check(
            same(at('nettokostnad', 1), rowOf(not2, 'summa').amounts[1]),
            'budgeted nettokostnad = Not 2 budget',
            year,
          );
          for (const row of drift.rows) {
            const [utfall, planned, avvikelse] = row.amounts;
            check(
              utfall && planned ? same(avvikelse, utfall.minus(planned)) : avvikelse === null,
              `avvikelse of ${row.key}`,
              year,
            );
          }
          if (year === 2021)
            check(
              same(
                at('nettokostnad', 3),
                rowOf(
                  resultaträkning(totals, 2020),
                  'verksamhetens-kostnader',
                ).amounts[0]!.negated(),
              ),
              'last year column',
              year,
            );
        }
        return true;
      },
    ),
    { numRuns: Number(process.env['FINSAM_PROPERTY_RUNS'] ?? 60) },
  );
  t.pass();
});
