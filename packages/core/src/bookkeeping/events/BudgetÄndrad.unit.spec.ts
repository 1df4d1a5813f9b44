import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const adopted = event('BudgetFastställd', {
  år: 2021,
  beslutsdatum: '2020-11-24',
  beslut: 'Styrelsen 2020-11-24 § 7',
  kostnader: [{ område: 'operativa', post: 'Insatser', belopp: '1200000.00' }],
  intäkter: [{ slag: 'esf', belopp: '400000.00' }],
});
const amended = (overrides: Record<string, unknown> = {}) =>
  event('BudgetÄndrad', {
    år: 2021,
    beslutsdatum: '2021-06-10',
    beslut: 'Styrelsen 2021-06-10 § 4',
    intäkter: [{ slag: 'esf', belopp: '350000.00' }],
    ...overrides,
  });

test('BudgetÄndrad is recorded with its defaults and posts no verifikation', (t) => {
  const [recorded] = spec.given([opening2021, adopted]).when(amended()).then([amended()]);
  t.deepEqual(
    recorded?.type === 'BudgetÄndrad' ? recorded.data.kostnader : undefined,
    [],
    'a line list left out is empty',
  );
  t.notThrows(() => spec.given([opening2021, adopted]).when(amended()).thenPosts([]));
});

test('the latest decision date moves to the ändringsbeslut', (t) => {
  const outcome = spec.given([opening2021, adopted]).when(amended()).outcome();
  t.is(outcome.accepted && outcome.state.budgetDecisionDates.get(2021), '2021-06-10');
});

test('an ändringsbeslut without an adopted budget is refused with BUDGET_NOT_ADOPTED naming data.år', (t) => {
  t.notThrows(() =>
    spec.given([opening2021]).when(amended()).thenRefused('BUDGET_NOT_ADOPTED', 'data.år'),
  );
});

test('an ändringsbeslut before the latest decision is refused with DATES_OUT_OF_ORDER naming data.beslutsdatum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, adopted, amended({ beslutsdatum: '2021-09-01' })])
      .when(amended({ beslutsdatum: '2021-08-31' }))
      .thenRefused('DATES_OUT_OF_ORDER', 'data.beslutsdatum'),
  );
});

test('an ändringsbeslut after the year end is refused with VALIDATION_FAILED naming data.beslutsdatum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, adopted])
      .when(amended({ beslutsdatum: '2022-01-05' }))
      .thenRefused('VALIDATION_FAILED', 'data.beslutsdatum'),
  );
});

test('an ändringsbeslut for a closed year is refused with YEAR_CLOSED naming data.år', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, adopted, closing2021('0.00')])
      .when(amended({ beslutsdatum: '2021-12-20' }))
      .thenRefused('YEAR_CLOSED', 'data.år'),
  );
});
