import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

/** The 2020 figures that agree with the opening balance 2021 of the shared scenario. */
const figures2020 = (overrides: Record<string, unknown> = {}) =>
  event('HistoriskaÅrsuppgifterRegistrerade', {
    år: 2020,
    källa: 'Årsredovisning 2020',
    resultaträkning: {
      verksamhetensIntäkter: '3200000.00',
      verksamhetensKostnader: '3100000.00',
      finansiellaIntäkter: '333.00',
    },
    balansräkning: {
      kundfordringar: '90833.00',
      förutbetaldaKostnaderUpplupnaIntäkter: '135000.00',
      övrigaFordringar: '12500.00',
      kassaOchBank: '500000.00',
      åretsResultat: '100333.00',
      övrigtEgetKapital: '596000.00',
      leverantörsskulder: '30000.00',
      övrigaKortfristigaSkulder: '4000.00',
      upplupnaKostnader: '8000.00',
    },
    kassaflödesanalys: {
      förändringKortfristigaFordringar: '-20000.00',
      förändringKortfristigaSkulder: '5000.00',
      likvidaMedelVidÅretsBörjan: '414667.00',
    },
    ...overrides,
  });

test('HistoriskaÅrsuppgifterRegistrerade is recorded, posts nothing and is kept for its year', (t) => {
  t.notThrows(() => spec.given([]).when(figures2020()).thenPosts([]));
  const outcome = spec.given([opening2021]).when(figures2020()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.historicalYears.get(2020)?.balansräkning?.kassaOchBank, '500000.00');
  t.is(outcome.state.firstYear, 2021, 'historical figures do not move the first year');
});

test('a balance sheet that does not balance is refused with HISTORICAL_FIGURES_INCONSISTENT naming data.balansräkning', (t) => {
  const error = spec
    .given([])
    .when(
      figures2020({
        kassaflödesanalys: undefined,
        balansräkning: { ...figures2020().data.balansräkning!, kassaOchBank: '500001.00' },
      }),
    )
    .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'data.balansräkning');
  t.deepEqual(
    error.issues.map((issue) => issue.rule),
    ['balance-sheet-balances'],
  );
});

test('a result that disagrees is refused naming data.balansräkning.åretsResultat; a cash flow that does not add up naming data.kassaflödesanalys', (t) => {
  const data = figures2020().data;
  t.notThrows(() =>
    spec
      .given([])
      .when(
        figures2020({
          resultaträkning: { ...data.resultaträkning, verksamhetensKostnader: '3100001.00' },
        }),
      )
      .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'data.balansräkning.åretsResultat'),
  );
  t.notThrows(() =>
    spec
      .given([])
      .when(
        figures2020({
          kassaflödesanalys: {
            ...data.kassaflödesanalys!,
            likvidaMedelVidÅretsBörjan: '400000.00',
          },
        }),
      )
      .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'data.kassaflödesanalys'),
  );
});

test('figures of the year before the opening balance must agree with it, line by line', (t) => {
  const error = spec
    .given([opening2021])
    .when(
      figures2020({
        kassaflödesanalys: undefined,
        balansräkning: {
          ...figures2020().data.balansräkning!,
          kundfordringar: '80833.00',
          kassaOchBank: '510000.00',
        },
      }),
    )
    .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'balansräkning.kundfordringar');
  t.deepEqual(
    error.issues.map((issue) => issue.path),
    ['balansräkning.kassaOchBank', 'balansräkning.kundfordringar'],
  );
});

test('figures for the ledger’s own years, or twice for a year, are refused with VALIDATION_FAILED naming data.år', (t) => {
  const own = spec
    .given([opening2021])
    .when(figures2020({ år: 2021 }))
    .thenRefused('VALIDATION_FAILED', 'data.år');
  t.is(own.issues[0]?.rule, 'historical-before-ledger');
  const twice = spec
    .given([figures2020()])
    .when(figures2020())
    .thenRefused('VALIDATION_FAILED', 'data.år');
  t.is(twice.issues[0]?.rule, 'one-per-year');
});
