import test from 'ava';
import * as E from 'fp-ts/Either';
import { ageBandOf } from './ageBandOf.js';
import { DeltagareInskriven } from './DeltagareInskriven.js';
import { participantCatalog } from './participantCatalog.js';
import { participationOf } from './participantDecider.js';
import { enrolled, spec } from './participantEventSpecs.testScenario.js';
import { enrolmentData, testMetadata } from './participantEvents.testScenario.js';

const ruleOf = (data: unknown) => {
  const created = participantCatalog.create('DeltagareInskriven', data, { metadata: testMetadata });
  return E.isLeft(created)
    ? `${created.left.code}/${created.left.issues.map((issue) => `${issue.path}:${issue.rule}`).join(',')}`
    : 'ok';
};

test('accepts an enrolment with an age band, with a birth year, or with neither', (t) => {
  t.is(ruleOf(enrolmentData()), 'ok');
  t.is(ruleOf(enrolmentData({ åldersband: undefined, födelseår: 1980 })), 'ok');
  t.is(ruleOf(enrolmentData({ åldersband: undefined, hemkommun: undefined })), 'ok');
  t.is(DeltagareInskriven.definition.businessDate(enrolmentData() as never), '2019-03-01');
});

test('refuses unknown categories, unknown fields, both age forms and impossible dates, naming field and rule', (t) => {
  t.is(ruleOf(enrolmentData({ kön: 'K' })), 'VALIDATION_FAILED/data.kön:invalid_value');
  t.is(
    ruleOf(enrolmentData({ anvisadFrån: 'vården' })),
    'VALIDATION_FAILED/data.anvisadFrån:invalid_value',
  );
  t.is(
    ruleOf(enrolmentData({ namn: 'Anna Andersson' })),
    'VALIDATION_FAILED/data.namn:known-field',
  );
  t.is(
    ruleOf(enrolmentData({ födelseår: 1980 })),
    'VALIDATION_FAILED/data.födelseår:age-band-or-birth-year',
  );
  t.is(
    ruleOf(enrolmentData({ åldersband: undefined, födelseår: 2020 })),
    'VALIDATION_FAILED/data.födelseår:birth-year-before-enrolment',
  );
  t.is(ruleOf(enrolmentData({ datum: '2019-02-30' })), 'VALIDATION_FAILED/data.datum:date-exists');
  t.is(
    ruleOf(enrolmentData({ deltagareId: '' })),
    'VALIDATION_FAILED/data.deltagareId:too_small,data.deltagareId:invalid_format',
  );
});

test('the age band comes from the band, or from the age reached in the enrolment year', (t) => {
  const at = (födelseår: number) => ageBandOf({ datum: '2019-03-01', födelseår });
  t.is(ageBandOf({ datum: '2019-03-01', åldersband: '45-55' }), '45-55');
  t.is(at(2003), '16-29');
  t.is(at(1990), '16-29');
  t.is(at(1989), '30-44');
  t.is(at(1975), '30-44');
  t.is(at(1974), '45-55');
  t.is(at(1964), '45-55');
  t.is(at(1963), '56-65');
  t.is(at(1954), '56-65');
  t.is(at(1953), 'okänt');
  t.is(at(2004), 'okänt');
  t.is(ageBandOf({ datum: '2019-03-01' }), 'okänt');
});

test('DeltagareInskriven is recorded as it is and starts the participation on its date', (t) => {
  t.notThrows(() => spec.given([]).when(enrolled()).then([enrolled()]));
  const outcome = spec.given([]).when(enrolled()).outcome();
  t.deepEqual(outcome.accepted && participationOf(outcome.state, 'mia-roslagen', 'p-0001'), {
    enrolledOn: '2019-03-01',
  });
});

test('a second enrolment in the same insats is refused with PARTICIPANT_ALREADY_ENROLLED naming data.deltagareId', (t) => {
  const error = spec
    .given([enrolled()])
    .when(enrolled({ datum: '2019-05-01' }))
    .thenRefused('PARTICIPANT_ALREADY_ENROLLED', 'data.deltagareId');
  t.is(error.issues[0]?.rule, 'enrolled-once');
  t.notThrows(
    () =>
      spec
        .given([enrolled()])
        .when(enrolled({ insatsId: 'mia-vidare' }))
        .then([enrolled({ insatsId: 'mia-vidare' })]),
    'the same participant may be enrolled in another insats',
  );
});
