import test from 'ava';
import { collectAsync } from '../../util/asyncIterable.js';
import { assertRefused, ledgerWith, type Step } from '../ledgerSteps.testScenario.js';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

/**
 * Personnel resources (PersonalresurserRegistrerade, and HistoriskaÅrsuppgifterRegistrerade's
 * personalresurser): årsarbetare are decimal strings with at most two decimals, never JS
 * numbers; the later registration for a year replaces the earlier; a closed year takes none.
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
const staffing = (årsarbetare: unknown, år = 2021): Step => [
  'PersonalresurserRegistrerade',
  { år, årsarbetare, källa: 'Tidrapporter från medlemmarna' },
];

test('årsarbetare as a JavaScript number is refused', (t) =>
  assertRefused(
    t,
    [opening],
    staffing({ operativa: 2.5 }),
    'VALIDATION_FAILED',
    'data.årsarbetare.operativa',
  ));
test('årsarbetare with three decimals is refused', (t) =>
  assertRefused(
    t,
    [opening],
    staffing({ administrativa: '1.125' }),
    'VALIDATION_FAILED',
    'data.årsarbetare.administrativa',
  ));
test('negative årsarbetare are refused', (t) =>
  assertRefused(
    t,
    [opening],
    staffing({ administrativa: '-1' }),
    'VALIDATION_FAILED',
    'data.årsarbetare.administrativa',
  ));
test('an unknown område is refused', (t) =>
  assertRefused(t, [opening], staffing({ kansli: '1' }), 'VALIDATION_FAILED'));
test('staffing for a closed year is refused with YEAR_CLOSED', (t) =>
  assertRefused(
    t,
    [opening, ['RäkenskapsårStängt', { år: 2021, datum: '2022-02-15', åretsResultat: '0.00' }]],
    staffing({ operativa: '1' }),
    'YEAR_CLOSED',
  ));
test('staffing for a year before the opening balance is refused with BEFORE_FIRST_YEAR (historical years use HistoriskaÅrsuppgifterRegistrerade)', (t) =>
  assertRefused(t, [opening], staffing({ operativa: '1' }, 2020), 'BEFORE_FIRST_YEAR'));
test('historical personalresurser with three decimals are refused', (t) =>
  assertRefused(
    t,
    [],
    [
      'HistoriskaÅrsuppgifterRegistrerade',
      {
        år: 2019,
        källa: 'ÅR 2019',
        resultaträkning: { verksamhetensIntäkter: '0', verksamhetensKostnader: '0' },
        personalresurser: { operativa: '1.001' },
      },
    ],
    'VALIDATION_FAILED',
    'data.personalresurser.operativa',
  ));

test('a later registration for the year replaces the earlier one whole; other years are kept', async (t) => {
  const { ledger } = await ledgerWith([
    opening,
    staffing({ administrativa: '1.5', strukturpåverkande: '0.25', operativa: '7' }),
    staffing({ operativa: '3.5' }, 2022),
    staffing({ administrativa: '1.75', operativa: '6.8' }),
  ]);
  const totals = await ledger.totals();
  t.deepEqual(
    totals.staffing.get(2021),
    { administrativa: '1.75', operativa: '6.8' },
    'strukturpåverkande is gone: the later registration is the whole figure',
  );
  t.deepEqual(totals.staffing.get(2022), { operativa: '3.5' });
  t.deepEqual(
    await collectAsync(ledger.verifikationer()).then((all) => all.length),
    1,
    'staffing posts nothing',
  );
});

test('historical personalresurser are kept with the historical figures', async (t) => {
  const { ledger } = await ledgerWith(
    [
      [
        'HistoriskaÅrsuppgifterRegistrerade',
        {
          år: 2020,
          källa: 'ÅR 2020',
          resultaträkning: { verksamhetensIntäkter: '0', verksamhetensKostnader: '0' },
          personalresurser: { administrativa: '1.2', operativa: '10' },
        },
      ],
      opening,
    ],
    'staffing',
  );
  const totals = await ledger.totals();
  t.deepEqual(totals.historical.get(2020)?.personalresurser, {
    administrativa: '1.2',
    operativa: '10',
  });
  t.is(totals.staffing.get(2020), undefined, 'staffing holds only PersonalresurserRegistrerade');
});

test('staffing or a budget of a year before the ledger, recorded before its opening balance, makes the opening balance refused with BEFORE_FIRST_YEAR: the same events in either order give the same books', async (t) => {
  const budget2020: Step = [
    'BudgetFastställd',
    {
      år: 2020,
      beslutsdatum: '2019-11-20',
      beslut: 'Styrelsen 2019-11-20 § 5',
      kostnader: [],
      intäkter: [{ slag: 'medlemsbidrag', belopp: '1.00' }],
    },
  ];
  await assertRefused(
    t,
    [staffing({ operativa: '1' }, 2020)],
    opening,
    'BEFORE_FIRST_YEAR',
    'data.datum',
  );
  await assertRefused(t, [budget2020], opening, 'BEFORE_FIRST_YEAR', 'data.datum');
  // The opening year itself and later years may come first.
  const { ledger } = await ledgerWith([
    staffing({ operativa: '1' }),
    staffing({ operativa: '2' }, 2022),
    opening,
  ]);
  t.deepEqual((await ledger.totals()).staffing.get(2021), { operativa: '1' });
});

const staffing2021 = event('PersonalresurserRegistrerade', {
  år: 2021,
  årsarbetare: { administrativa: '1.50', operativa: '3.25' },
  källa: 'Tidrapporter från medlemmarna',
});

test('PersonalresurserRegistrerade is recorded as it is, posts nothing and marks its year', (t) => {
  t.notThrows(() => spec.given([opening2021]).when(staffing2021).then([staffing2021]));
  t.notThrows(() => spec.given([opening2021]).when(staffing2021).thenPosts([]));
  const outcome = spec.given([opening2021]).when(staffing2021).outcome();
  t.true(outcome.accepted && outcome.state.staffingYears.has(2021));
});

test('staffing for a closed year is refused with YEAR_CLOSED, for a year before the ledger with BEFORE_FIRST_YEAR, naming data.år', (t) => {
  const closed = spec
    .given([opening2021, closing2021('0.00')])
    .when(staffing2021)
    .thenRefused('YEAR_CLOSED', 'data.år');
  t.is(closed.issues[0]?.rule, 'year-open');
  const before = spec
    .given([opening2021])
    .when(event('PersonalresurserRegistrerade', { år: 2020, årsarbetare: { operativa: '1' } }))
    .thenRefused('BEFORE_FIRST_YEAR', 'data.år');
  t.is(before.issues[0]?.rule, 'year-in-ledger');
});
