import test from 'ava';
import * as E from 'fp-ts/Either';
import type { ErrorCode } from '../error.js';
import type { ParticipantEvent } from './participantCatalog.js';
import {
  participantDecider,
  participationOf,
  participantDeciderLimits,
} from './participantDecider.js';
import {
  createParticipantEvent,
  enrolmentData,
  participantTestLedger,
} from './participantEvents.testScenario.js';

const enrol = (overrides: Record<string, unknown> = {}) =>
  createParticipantEvent('DeltagareInskriven', enrolmentData(overrides));
const conclude = (overrides: Record<string, unknown> = {}) =>
  createParticipantEvent('DeltagareAvslutad', {
    deltagareId: 'p-0001',
    insatsId: 'mia-roslagen',
    datum: '2019-09-01',
    avslutsorsak: 'arbete',
    ...overrides,
  });
const transfer = (overrides: Record<string, unknown> = {}) =>
  createParticipantEvent('DeltagareÖverförd', {
    deltagareId: 'p-0001',
    insatsId: 'mia-roslagen',
    datum: '2020-04-30',
    tillInsatsId: 'mia-vidare-roslagen',
    ...overrides,
  });

async function refused(
  t: import('ava').ExecutionContext,
  given: readonly ParticipantEvent[],
  when: readonly ParticipantEvent[],
  code: ErrorCode,
  rule: string,
) {
  const ledger = participantTestLedger();
  if (given.length > 0) await ledger.recordAll(given);
  const before = await ledger.storedCount();
  t.is(before, given.length);
  const result = await ledger.recorder.record(when)();
  t.true(E.isLeft(result));
  if (E.isLeft(result)) {
    t.is(result.left.code, code);
    t.is(result.left.issues[0]?.rule, rule);
  }
  t.is(await ledger.storedCount(), before, 'nothing was appended');
}

test('concluding a participant who was never enrolled is refused', (t) =>
  refused(t, [], [conclude()], 'PARTICIPANT_NOT_ENROLLED', 'enrolled'));
test('concluding a participant enrolled in another insats is refused', (t) =>
  refused(
    t,
    [enrol({ insatsId: 'stodja-asf' })],
    [conclude()],
    'PARTICIPANT_NOT_ENROLLED',
    'enrolled',
  ));
test('concluding twice is refused', (t) =>
  refused(
    t,
    [enrol(), conclude()],
    [conclude({ datum: '2019-10-01' })],
    'PARTICIPANT_ALREADY_CONCLUDED',
    'concluded-once',
  ));
test('concluding after a transfer is refused', (t) =>
  refused(
    t,
    [enrol(), transfer()],
    [conclude({ datum: '2020-05-01' })],
    'PARTICIPANT_ALREADY_CONCLUDED',
    'concluded-once',
  ));
test('a conclusion before the enrolment is refused', (t) =>
  refused(
    t,
    [enrol()],
    [conclude({ datum: '2019-02-28' })],
    'DATES_OUT_OF_ORDER',
    'on-or-after-enrolment',
  ));
test('a transfer before the enrolment is refused', (t) =>
  refused(
    t,
    [enrol()],
    [transfer({ datum: '2019-01-01' })],
    'DATES_OUT_OF_ORDER',
    'on-or-after-enrolment',
  ));
test('enrolling twice in the same insats is refused', (t) =>
  refused(
    t,
    [enrol()],
    [enrol({ datum: '2019-05-01' })],
    'PARTICIPANT_ALREADY_ENROLLED',
    'enrolled-once',
  ));
test('a batch with a refused event writes none of it', (t) =>
  refused(
    t,
    [],
    [enrol(), conclude(), conclude({ datum: '2019-10-01' })],
    'PARTICIPANT_ALREADY_CONCLUDED',
    'concluded-once',
  ));
test('a goal period that ends before it starts is refused', (t) =>
  refused(
    t,
    [],
    [
      createParticipantEvent('InsatsmålSatt', {
        insatsId: 'mia-roslagen',
        benämning: 'Mål',
        beslutsdatum: '2017-03-01',
        periodFrån: '2020-05-31',
        periodTill: '2017-04-01',
        erbjudnaMål: 240,
        arbeteEllerStudierMålProcent: 30,
        stegförflyttningMålProcent: 40,
        andelAv: 'avslutade',
      }),
    ],
    'DATES_OUT_OF_ORDER',
    'period-in-order',
  ));
test('anonymous participants cannot start after they are registered', (t) =>
  refused(
    t,
    [],
    [
      createParticipantEvent('AnonymaDeltagareRegistrerade', {
        insatsId: 'mia-roslagen',
        datum: '2019-12-31',
        startår: 2020,
        kön: 'kvinna',
        antal: 2,
      }),
    ],
    'DATES_OUT_OF_ORDER',
    'start-not-after-registration',
  ));

test('the allowed paths are recorded: enrol, conclude on the enrolment day, enrol the same person in another insats, transfer', async (t) => {
  const ledger = participantTestLedger();
  await ledger.recordAll([enrol(), conclude({ datum: '2019-03-01' })]);
  await ledger.recordAll([
    enrol({ deltagareId: 'p-0002' }),
    transfer({ deltagareId: 'p-0002' }),
    enrol({ deltagareId: 'p-0002', insatsId: 'mia-vidare-roslagen', datum: '2020-06-01' }),
  ]);
  t.is(await ledger.storedCount(), 5);
  const state = await ledger.recorder.state()();
  t.true(E.isRight(state));
  if (E.isRight(state)) {
    t.deepEqual(participationOf(state.right, 'mia-roslagen', 'p-0001'), {
      enrolledOn: '2019-03-01',
      ended: { how: 'avslutad', on: '2019-03-01' },
    });
    t.deepEqual(participationOf(state.right, 'mia-roslagen', 'p-0002'), {
      enrolledOn: '2019-03-01',
      ended: { how: 'överförd', on: '2020-04-30' },
    });
    t.deepEqual(participationOf(state.right, 'mia-vidare-roslagen', 'p-0002'), {
      enrolledOn: '2020-06-01',
    });
    t.is(participationOf(state.right, 'mia-vidare-roslagen', 'p-0001'), undefined);
  }
});

test('evolve never changes the state it is given, past the merge limit too', (t) => {
  let state = participantDecider.initialState();
  const snapshots: { state: typeof state; count: number }[] = [];
  const count = participantDeciderLimits.recentEntriesMax * 2 + 7;
  for (let index = 0; index < count; index += 1) {
    snapshots.push({ state, count: index });
    state = participantDecider.evolve(state, enrol({ deltagareId: `p-${index}` }));
  }
  for (const snapshot of snapshots.filter(
    (_, index) => index % 97 === 0 || index === snapshots.length - 1,
  )) {
    for (let index = 0; index < count; index += 1) {
      t.is(
        participationOf(snapshot.state, 'mia-roslagen', `p-${index}`) !== undefined,
        index < snapshot.count,
      );
    }
  }
});
