import test from 'ava';
import { event, spec } from './participantEventSpecs.testScenario.js';

const anonymous = (overrides: Record<string, unknown> = {}) =>
  event('AnonymaDeltagareRegistrerade', {
    insatsId: 'mia-roslagen',
    datum: '2020-12-31',
    startår: 2020,
    kön: 'man',
    antal: 3,
    ...overrides,
  });

test('AnonymaDeltagareRegistrerade is recorded as it is and changes no participation', (t) => {
  t.notThrows(() => spec.given([]).when(anonymous()).then([anonymous()]));
  const outcome = spec.given([]).when(anonymous()).outcome();
  t.true(outcome.accepted && outcome.state.recent.size === 0 && outcome.state.settled.size === 0);
});

test('a start year after the registration is refused with DATES_OUT_OF_ORDER naming data.startår', (t) => {
  const error = spec
    .given([])
    .when(anonymous({ startår: 2021 }))
    .thenRefused('DATES_OUT_OF_ORDER', 'data.startår');
  t.is(error.issues[0]?.rule, 'start-not-after-registration');
});

test('an earlier start year is accepted: participants registered after the year they started', (t) => {
  t.notThrows(() =>
    spec
      .given([])
      .when(anonymous({ startår: 2019 }))
      .then([anonymous({ startår: 2019 })]),
  );
});
