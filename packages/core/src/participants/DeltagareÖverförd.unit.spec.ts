import test from 'ava';
import { participationOf } from './participantDecider.js';
import { enrolled, event, spec } from './participantEventSpecs.testScenario.js';

const transferred = (overrides: Record<string, unknown> = {}) =>
  event('DeltagareÖverförd', {
    deltagareId: 'p-0001',
    insatsId: 'mia-roslagen',
    datum: '2020-12-31',
    tillInsatsId: 'mia-vidare',
    ...overrides,
  });

test('DeltagareÖverförd is recorded as it is and ends the participation as transferred', (t) => {
  t.notThrows(() => spec.given([enrolled()]).when(transferred()).then([transferred()]));
  const outcome = spec.given([enrolled()]).when(transferred()).outcome();
  t.deepEqual(outcome.accepted && participationOf(outcome.state, 'mia-roslagen', 'p-0001'), {
    enrolledOn: '2019-03-01',
    ended: { how: 'överförd', on: '2020-12-31' },
  });
});

test('the successor insats records its own enrolment afterwards', (t) => {
  const successor = enrolled({ insatsId: 'mia-vidare', datum: '2021-01-01' });
  t.notThrows(() => spec.given([enrolled(), transferred()]).when(successor).then([successor]));
});

test('transferring a participant who is not enrolled is refused with PARTICIPANT_NOT_ENROLLED naming data.deltagareId', (t) => {
  t.notThrows(() =>
    spec.given([]).when(transferred()).thenRefused('PARTICIPANT_NOT_ENROLLED', 'data.deltagareId'),
  );
});

test('transferring a concluded participant is refused with PARTICIPANT_ALREADY_CONCLUDED naming data.deltagareId', (t) => {
  const concluded = event('DeltagareAvslutad', {
    deltagareId: 'p-0001',
    insatsId: 'mia-roslagen',
    datum: '2019-11-15',
    avslutsorsak: 'studier',
  });
  t.notThrows(() =>
    spec
      .given([enrolled(), concluded])
      .when(transferred())
      .thenRefused('PARTICIPANT_ALREADY_CONCLUDED', 'data.deltagareId'),
  );
});

test('transferring before the enrolment is refused with DATES_OUT_OF_ORDER naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([enrolled()])
      .when(transferred({ datum: '2019-01-31' }))
      .thenRefused('DATES_OUT_OF_ORDER', 'data.datum'),
  );
});
