import test from 'ava';
import { participationOf } from './participantDecider.js';
import { enrolled, event, spec } from './participantEventSpecs.testScenario.js';

const concluded = (overrides: Record<string, unknown> = {}) =>
  event('DeltagareAvslutad', {
    deltagareId: 'p-0001',
    insatsId: 'mia-roslagen',
    datum: '2019-11-15',
    avslutsorsak: 'arbete',
    försörjningEfter: 'lön',
    ...overrides,
  });

test('DeltagareAvslutad is recorded as it is and ends the participation on its date', (t) => {
  t.notThrows(() => spec.given([enrolled()]).when(concluded()).then([concluded()]));
  const outcome = spec.given([enrolled()]).when(concluded()).outcome();
  t.deepEqual(outcome.accepted && participationOf(outcome.state, 'mia-roslagen', 'p-0001'), {
    enrolledOn: '2019-03-01',
    ended: { how: 'avslutad', on: '2019-11-15' },
  });
});

test('concluding a participant who is not enrolled is refused with PARTICIPANT_NOT_ENROLLED naming data.deltagareId', (t) => {
  t.notThrows(() =>
    spec
      .given([enrolled()])
      .when(concluded({ deltagareId: 'p-0002' }))
      .thenRefused('PARTICIPANT_NOT_ENROLLED', 'data.deltagareId'),
  );
});

test('concluding twice is refused with PARTICIPANT_ALREADY_CONCLUDED naming data.deltagareId', (t) => {
  const error = spec
    .given([enrolled(), concluded()])
    .when(concluded({ datum: '2019-12-01' }))
    .thenRefused('PARTICIPANT_ALREADY_CONCLUDED', 'data.deltagareId');
  t.deepEqual(error.details.ended, { how: 'avslutad', on: '2019-11-15' });
});

test('concluding before the enrolment is refused with DATES_OUT_OF_ORDER naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([enrolled()])
      .when(concluded({ datum: '2019-02-28' }))
      .thenRefused('DATES_OUT_OF_ORDER', 'data.datum'),
  );
});
