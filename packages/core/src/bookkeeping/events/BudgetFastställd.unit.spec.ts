import test from 'ava';
import * as E from 'fp-ts/Either';
import type { EventToRecord } from '../../facade/createLedger.js';
import type { EventInput } from '../../facade/EventInput.js';
import { Money } from '../../money/Money.js';
import { budgetInForce } from '../../statements/LedgerTotals.js';
import { collectAsync } from '../../util/asyncIterable.js';
import { assertRefused, ledgerWith, metadata, type Step } from '../ledgerSteps.testScenario.js';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

/**
 * Budget decisions: BudgetFastställd (once per year) and BudgetÄndrad (ändringsbeslut, in
 * date order), their refusals (the code, and nothing written), and the budget in force
 * at a date.
 */

const opening: Step = [
  'IngåendeBalansRegistrerad',
  {
    datum: '2021-01-01',
    text: 'IB 2021',
    kassaOchBank: '1000.00',
    momsfordran: '0',
    balanseratResultat: '1000.00',
    öppnaPoster: [],
  },
];
const adopted = (data: Record<string, unknown> = {}): Step => [
  'BudgetFastställd',
  {
    år: 2021,
    beslutsdatum: '2020-11-24',
    beslut: 'Styrelsen 2020-11-24 § 7',
    kostnader: [
      { område: 'administrativa', post: 'Kansli', belopp: '500000.00' },
      { område: 'operativa', post: 'Insatser', underpost: 'MIA vidare', belopp: '1200000.00' },
      { område: 'operativa', post: 'Insatser', underpost: 'Stödja ASF', belopp: '300000.00' },
    ],
    intäkter: [
      { slag: 'medlemsbidrag', belopp: '2000000.00' },
      { slag: 'esf', belopp: '400000.00' },
    ],
    ingåendeEgetKapital: '650000.00',
    ...data,
  },
];
const amended = (data: Record<string, unknown>): Step => [
  'BudgetÄndrad',
  { år: 2021, beslutsdatum: '2021-06-10', beslut: 'Styrelsen 2021-06-10 § 4', ...data },
];

test('a second BudgetFastställd for the year is refused with BUDGET_ALREADY_ADOPTED', (t) =>
  assertRefused(
    t,
    [opening, adopted()],
    adopted({ beslutsdatum: '2021-02-01' }),
    'BUDGET_ALREADY_ADOPTED',
  ));

test('a budget for another year is its own: 2022 may be adopted beside 2021', async (t) => {
  const { ledger } = await ledgerWith([
    opening,
    adopted(),
    adopted({ år: 2022, beslutsdatum: '2021-11-20' }),
  ]);
  const totals = await ledger.totals();
  t.deepEqual([...totals.budgets.keys()].sort(), [2021, 2022]);
});

test('BudgetÄndrad without an adopted budget is refused with BUDGET_NOT_ADOPTED', (t) =>
  assertRefused(
    t,
    [opening],
    amended({ intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
    'BUDGET_NOT_ADOPTED',
  ));

test('BudgetÄndrad for a year whose budget was not adopted is refused, even if another year has one', (t) =>
  assertRefused(
    t,
    [opening, adopted()],
    amended({ år: 2022, beslutsdatum: '2022-03-01', intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
    'BUDGET_NOT_ADOPTED',
  ));

test('BudgetÄndrad dated before the adoption is refused with DATES_OUT_OF_ORDER', (t) =>
  assertRefused(
    t,
    [opening, adopted()],
    amended({ beslutsdatum: '2020-11-23', intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
    'DATES_OUT_OF_ORDER',
    'data.beslutsdatum',
  ));

test('BudgetÄndrad dated before the latest ändringsbeslut is refused with DATES_OUT_OF_ORDER', (t) =>
  assertRefused(
    t,
    [opening, adopted(), amended({ intäkter: [{ slag: 'esf', belopp: '1.00' }] })],
    amended({ beslutsdatum: '2021-06-09', intäkter: [{ slag: 'esf', belopp: '2.00' }] }),
    'DATES_OUT_OF_ORDER',
    'data.beslutsdatum',
  ));

test('a BudgetÄndrad on the same day as the latest decision is accepted', async (t) => {
  const { ledger } = await ledgerWith([
    opening,
    adopted(),
    amended({ intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
    amended({ intäkter: [{ slag: 'esf', belopp: '2.00' }] }),
  ]);
  t.is(
    budgetInForce(await ledger.totals(), 2021)!
      .intäkter.get('esf')!
      .toString(),
    '2.00',
    'the later of two same-day decisions wins, in recorded order',
  );
});

test('a budget decision dated after the year end is refused with VALIDATION_FAILED naming beslutsdatum', async (t) => {
  await assertRefused(
    t,
    [opening],
    adopted({ beslutsdatum: '2022-01-01' }),
    'VALIDATION_FAILED',
    'data.beslutsdatum',
  );
  await assertRefused(
    t,
    [opening, adopted()],
    amended({ beslutsdatum: '2022-01-15', intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
    'VALIDATION_FAILED',
    'data.beslutsdatum',
  );
});

test('a budget or an ändringsbeslut for a closed year is refused with YEAR_CLOSED, one before the ledger with BEFORE_FIRST_YEAR', async (t) => {
  const closed: Step = [
    'RäkenskapsårStängt',
    { år: 2021, datum: '2022-02-15', åretsResultat: '0.00' },
  ];
  await assertRefused(t, [opening, closed], adopted(), 'YEAR_CLOSED');
  await assertRefused(
    t,
    [opening, adopted(), closed],
    amended({ beslutsdatum: '2021-12-20', intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
    'YEAR_CLOSED',
  );
  await assertRefused(
    t,
    [opening],
    adopted({ år: 2020, beslutsdatum: '2019-11-20' }),
    'BEFORE_FIRST_YEAR',
  );
});

test('a budget naming a cost line twice is refused with VALIDATION_FAILED naming the line', async (t) => {
  const duplicate = [
    { område: 'operativa', post: 'Insatser', underpost: 'MIA vidare', belopp: '1.00' },
    { område: 'operativa', post: 'Insatser', belopp: '2.00' },
    { område: 'operativa', post: 'Insatser', underpost: 'MIA vidare', belopp: '3.00' },
  ];
  await assertRefused(
    t,
    [opening],
    adopted({ kostnader: duplicate }),
    'VALIDATION_FAILED',
    'data.kostnader.2',
  );
  await assertRefused(
    t,
    [opening],
    adopted({
      intäkter: [
        { slag: 'esf', belopp: '1.00' },
        { slag: 'esf', belopp: '2.00' },
      ],
    }),
    'VALIDATION_FAILED',
    'data.intäkter.1',
  );
  await assertRefused(
    t,
    [opening, adopted()],
    amended({ kostnader: duplicate }),
    'VALIDATION_FAILED',
    'data.kostnader.2',
  );
});

test('an ändringsbeslut that changes nothing, a negative line and a float are refused', async (t) => {
  await assertRefused(t, [opening, adopted()], amended({}), 'VALIDATION_FAILED', 'data.kostnader');
  await assertRefused(
    t,
    [opening],
    adopted({ kostnader: [{ område: 'operativa', post: 'Insatser', belopp: '-1.00' }] }),
    'INVALID_AMOUNT',
    'data.kostnader.0.belopp',
  );
  await assertRefused(
    t,
    [opening],
    adopted({ intäkter: [{ slag: 'esf', belopp: 100 }] }),
    'INVALID_AMOUNT',
    'data.intäkter.0.belopp',
  );
  await assertRefused(
    t,
    [opening],
    adopted({ intäkter: [{ slag: 'statsbidrag', belopp: '1.00' }] }),
    'VALIDATION_FAILED',
    'data.intäkter.0.slag',
  );
});

test('a budget recorded before the opening balance does not block it: a budget is not a booking', async (t) => {
  const { ledger } = await ledgerWith(
    [
      adopted(),
      ['PersonalresurserRegistrerade', { år: 2021, årsarbetare: { operativa: '2.5' } }],
      opening,
    ],
    'budget',
  );
  const state = await ledger.state()();
  t.true(E.isRight(state) && state.right.openingBalance?.datum === '2021-01-01');
  t.true(E.isRight(state) && state.right.firstYear === 2021);
  t.deepEqual(
    await collectAsync(ledger.verifikationer()).then((all) =>
      all.map((verifikation) => verifikation.eventType),
    ),
    ['IngåendeBalansRegistrerad'],
  );
});

test('the budget state records the latest decision date per year', async (t) => {
  const { ledger } = await ledgerWith([
    opening,
    adopted(),
    amended({ intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
  ]);
  const state = await ledger.state()();
  t.true(E.isRight(state) && state.right.budgetDecisionDates.get(2021) === '2021-06-10');
});

test('budgetInForce: before any decision there is none; the adopted budget until the ändringsbeslut, the amended one from its date', async (t) => {
  const { ledger } = await ledgerWith([
    opening,
    adopted(),
    amended({
      kostnader: [
        // Replaces the MIA vidare line, zeroes Stödja ASF, adds a new line.
        { område: 'operativa', post: 'Insatser', underpost: 'MIA vidare', belopp: '1000000.00' },
        { område: 'operativa', post: 'Insatser', underpost: 'Stödja ASF', belopp: '0.00' },
        { område: 'strukturpåverkande', post: 'Kompetensutveckling', belopp: '50000.00' },
      ],
      intäkter: [
        { slag: 'esf', belopp: '350000.00' },
        { slag: 'övrig', belopp: '20000.00' },
      ],
    }),
  ]);
  const totals = await ledger.totals();
  t.is(budgetInForce(totals, 2021, '2020-11-23'), undefined, 'nothing adopted yet');
  t.is(budgetInForce(totals, 2022), undefined, 'no budget for 2022');

  const before = budgetInForce(totals, 2021, '2021-06-09')!;
  t.is(before.datum, '2021-06-09');
  t.deepEqual(
    [...before.kostnader].map(([key, rad]) => [key, rad.belopp]),
    [
      ['administrativa|Kansli|', '500000.00'],
      ['operativa|Insatser|MIA vidare', '1200000.00'],
      ['operativa|Insatser|Stödja ASF', '300000.00'],
    ],
  );
  t.deepEqual(
    [...before.intäkter].map(([slag, belopp]) => [slag, belopp.toString()]),
    [
      ['medlemsbidrag', '2000000.00'],
      ['esf', '400000.00'],
    ],
  );
  t.is(before.ingåendeEgetKapital?.toString(), '650000.00');
  t.deepEqual(before.beslut, ['Styrelsen 2020-11-24 § 7 (2020-11-24)']);

  const after = budgetInForce(totals, 2021)!;
  t.is(after.datum, '2021-12-31', 'the year end by default');
  t.deepEqual(
    [...after.kostnader].map(([key, rad]) => [key, rad.belopp]),
    [
      ['administrativa|Kansli|', '500000.00'],
      ['operativa|Insatser|MIA vidare', '1000000.00'],
      ['operativa|Insatser|Stödja ASF', '0.00'],
      ['strukturpåverkande|Kompetensutveckling|', '50000.00'],
    ],
    'a replaced line keeps its place, a zeroed line keeps its key with zero, a new line comes last',
  );
  t.deepEqual(
    [...after.intäkter].map(([slag, belopp]) => [slag, belopp.toString()]),
    [
      ['medlemsbidrag', '2000000.00'],
      ['esf', '350000.00'],
      ['övrig', '20000.00'],
    ],
  );
  t.is(
    after.ingåendeEgetKapital?.toString(),
    '650000.00',
    'an ändringsbeslut keeps the assumed opening equity',
  );
  t.deepEqual(after.beslut, [
    'Styrelsen 2020-11-24 § 7 (2020-11-24)',
    'Styrelsen 2021-06-10 § 4 (2021-06-10)',
  ]);
  t.true(
    budgetInForce(totals, 2021, '2021-06-10')!.intäkter.get('esf')!.equals(Money.from('350000.00')),
    'in force on its decision date',
  );
  const costTotal = Money.sum([...after.kostnader.values()].map((rad) => Money.from(rad.belopp)));
  t.is(costTotal.toString(), '1550000.00');
});

test('budgetInForce without ingåendeEgetKapital leaves it undefined', async (t) => {
  const [type, data] = adopted();
  const { ingåendeEgetKapital: _assumed, ...withoutEquity } = data as Record<string, unknown>;
  const { ledger } = await ledgerWith([opening, [type, withoutEquity]], 'budget');
  const budget = budgetInForce(await ledger.totals(), 2021)!;
  t.is(budget.ingåendeEgetKapital, undefined);
  t.is(budget.kostnader.size, 3);
});

test('a negative assumed opening equity is accepted (ingåendeEgetKapital is signed)', async (t) => {
  const { ledger } = await ledgerWith(
    [opening, adopted({ ingåendeEgetKapital: '-25000.00' })],
    'budget',
  );
  t.is(budgetInForce(await ledger.totals(), 2021)!.ingåendeEgetKapital?.toString(), '-25000.00');
});

test('in one atomic batch, an adoption followed by an amendment is accepted, and a second adoption refuses the whole batch', async (t) => {
  const { store, ledger } = await ledgerWith([opening], 'budget');
  const asBatch = (steps: readonly Step[]) =>
    steps.map(([type, data]) => ({ type, data, options: { metadata } }) as EventToRecord);
  const twice = await ledger.recordAll(
    asBatch([
      adopted(),
      amended({ intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
      adopted({ beslutsdatum: '2021-01-10' }),
    ]),
  )();
  t.true(E.isLeft(twice) && twice.left.code === 'BUDGET_ALREADY_ADOPTED');
  t.is((await collectAsync(store.readAll())).length, 1, 'nothing of the refused batch was written');
  const ok = await ledger.recordAll(
    asBatch([adopted(), amended({ intäkter: [{ slag: 'esf', belopp: '1.00' }] })]),
  )();
  t.true(E.isRight(ok));
  t.is(
    budgetInForce(await ledger.totals(), 2021)!
      .intäkter.get('esf')!
      .toString(),
    '1.00',
  );
});

test('a HändelseRättad of a budget decision or a staffing registration is refused with EVENT_NOT_CORRECTABLE naming data.original.type, not thrown as IO_ERROR', async (t) => {
  const staffing: Step = [
    'PersonalresurserRegistrerade',
    { år: 2021, årsarbetare: { operativa: '2.5' } },
  ];
  const { store, ledger } = await ledgerWith([opening, adopted(), staffing], 'budget');
  const recorded = await collectAsync(store.readAll());
  for (const type of ['BudgetFastställd', 'PersonalresurserRegistrerade'] as const) {
    const original = recorded.find((event) => event.type === type)!;
    const before = (await collectAsync(store.readAll())).map((event) => event.eventId);
    const result = await ledger.record(
      'HändelseRättad',
      {
        datum: '2021-03-01',
        rättadEventId: original.eventId,
        orsak: 'Fel',
        original: {
          type,
          schemaVersion: original.schemaVersion,
          data: original.data as Record<string, unknown>,
        },
      },
      { metadata },
    )();
    t.true(E.isLeft(result), `${type}: refused`);
    if (E.isLeft(result)) {
      t.is(result.left.code as string, 'EVENT_NOT_CORRECTABLE', result.left.message);
      t.true(
        result.left.issues.some((issue) => issue.path === 'data.original.type'),
        JSON.stringify(result.left.issues),
      );
    }
    const viaCorrect = await ledger.correct(original.eventId, '2021-03-01', 'Fel', { metadata })();
    t.true(
      E.isLeft(viaCorrect) && viaCorrect.left.code === 'EVENT_NOT_CORRECTABLE',
      `${type}: ledger.correct refuses it too`,
    );
    t.deepEqual(
      (await collectAsync(store.readAll())).map((event) => event.eventId),
      before,
      'nothing was appended',
    );
  }
});

test('a budget or staffing for a closed year or a year before the ledger is refused naming data.år and the rule, without advice to book it in the open year', async (t) => {
  const closed: Step = [
    'RäkenskapsårStängt',
    { år: 2021, datum: '2022-02-15', åretsResultat: '0.00' },
  ];
  const staffing2021: Step = [
    'PersonalresurserRegistrerade',
    { år: 2021, årsarbetare: { operativa: '1' } },
  ];
  const staffing2020: Step = [
    'PersonalresurserRegistrerade',
    { år: 2020, årsarbetare: { operativa: '1' } },
  ];
  for (const [history, step, code] of [
    [[opening, closed], adopted(), 'YEAR_CLOSED'],
    [
      [opening, adopted(), closed],
      amended({ beslutsdatum: '2021-12-20', intäkter: [{ slag: 'esf', belopp: '1.00' }] }),
      'YEAR_CLOSED',
    ],
    [[opening, closed], staffing2021, 'YEAR_CLOSED'],
    [[opening], adopted({ år: 2020, beslutsdatum: '2019-11-20' }), 'BEFORE_FIRST_YEAR'],
    [[opening], staffing2020, 'BEFORE_FIRST_YEAR'],
  ] as const) {
    const { ledger } = await ledgerWith(history, 'budget');
    const [type, data] = step;
    const result = await ledger.record(type, data as EventInput<typeof type>, { metadata })();
    t.true(E.isLeft(result), `${step[0]} refused`);
    if (E.isLeft(result)) {
      t.is(result.left.code as string, code);
      t.true(
        result.left.issues.some((issue) => issue.path === 'data.år'),
        `${step[0]}: an issue names data.år: ${JSON.stringify(result.left.issues)}`,
      );
      t.false(result.left.message.includes('booked in the open year'), result.left.message);
    }
  }
});

const budget2022 = (overrides: Record<string, unknown> = {}) =>
  event('BudgetFastställd', {
    år: 2022,
    beslutsdatum: '2021-11-24',
    beslut: 'Styrelsen 2021-11-24 § 7',
    kostnader: [{ område: 'operativa', post: 'Insatser', belopp: '1500000.00' }],
    intäkter: [{ slag: 'medlemsbidrag', belopp: '2000000.00' }],
    ...overrides,
  });

test('BudgetFastställd is recorded as it is and posts no verifikation', (t) => {
  t.notThrows(() => spec.given([opening2021]).when(budget2022()).then([budget2022()]));
  t.notThrows(() => spec.given([opening2021]).when(budget2022()).thenPosts([]));
});

test('its own refusals name their field: a second adoption data.år, a decision after the year data.beslutsdatum, a closed year data.år', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, budget2022()])
      .when(budget2022({ beslutsdatum: '2022-01-10' }))
      .thenRefused('BUDGET_ALREADY_ADOPTED', 'data.år'),
  );
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(budget2022({ beslutsdatum: '2023-01-02' }))
      .thenRefused('VALIDATION_FAILED', 'data.beslutsdatum'),
  );
  t.notThrows(() =>
    spec
      .given([opening2021, closing2021('0.00')])
      .when(budget2022({ år: 2021, beslutsdatum: '2020-11-24' }))
      .thenRefused('YEAR_CLOSED', 'data.år'),
  );
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(budget2022({ år: 2020, beslutsdatum: '2019-11-24' }))
      .thenRefused('BEFORE_FIRST_YEAR', 'data.år'),
  );
});
