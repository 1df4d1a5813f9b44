import test from 'ava';
import { event, spec } from './participantEventSpecs.testScenario.js';

const goals = (overrides: Record<string, unknown> = {}) =>
  event('InsatsmålSatt', {
    insatsId: 'mia-vidare',
    benämning: 'MIA Vidare',
    beslutsdatum: '2020-11-20',
    periodFrån: '2021-01-01',
    periodTill: '2022-12-31',
    erbjudnaMål: 150,
    arbeteEllerStudierMålProcent: 25,
    stegförflyttningMålProcent: 40,
    andelAv: 'deltagare',
    ...overrides,
  });

test('InsatsmålSatt is recorded as it is; a later decision for the insats is accepted too', (t) => {
  t.notThrows(() => spec.given([]).when(goals()).then([goals()]));
  const later = goals({ beslutsdatum: '2021-06-01', erbjudnaMål: 120 });
  t.notThrows(() => spec.given([goals()]).when(later).then([later]));
});

test('a goal period that ends before it starts is refused with DATES_OUT_OF_ORDER naming data.periodTill', (t) => {
  const error = spec
    .given([])
    .when(goals({ periodFrån: '2023-01-01' }))
    .thenRefused('DATES_OUT_OF_ORDER', 'data.periodTill');
  t.is(error.issues[0]?.rule, 'period-in-order');
});
