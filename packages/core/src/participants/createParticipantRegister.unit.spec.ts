import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import test from 'ava';
import { isLedgerError } from '../error.js';
import { collectAsync } from '../util/asyncIterable.js';
import { createParticipantRegister } from './createParticipantRegister.js';
import { enrolmentData, testMetadata } from './participantEvents.testScenario.js';

const options = { metadata: testMetadata };

function openRegister() {
  const store = getInMemoryEventStore();
  const register = createParticipantRegister({ store, förbundId: 'norrort' });
  const stored = async () => (await collectAsync(store.readAll())).length;
  return { store, register, stored };
}

test('records on the stream deltagare-<förbundId>, and replays what it recorded', async (t) => {
  const { store, register } = openRegister();
  t.is(register.streamId, 'deltagare-norrort');
  const recorded = await register.record(
    'DeltagareInskriven',
    enrolmentData({ deltagareId: 'p-1', insatsId: 'steget', datum: '2021-02-01' }),
    { ...options, eventId: '00000000-0000-4000-8000-00000000aa01' },
  )();
  if (recorded._tag === 'Left') return t.fail(recorded.left.message);
  t.is(recorded.right.event.type, 'DeltagareInskriven');
  t.is(recorded.right.event.data.deltagareId, 'p-1');
  t.false(recorded.right.alreadyStored);
  const replayed = await collectAsync(register.replay());
  t.deepEqual(
    replayed.map((event) => [event.type, event.streamId, event.streamRevision]),
    [['DeltagareInskriven', 'deltagare-norrort', 0]],
  );
  t.deepEqual(
    (await collectAsync(store.readStream('deltagare-norrort'))).map((event) => event.eventId),
    ['00000000-0000-4000-8000-00000000aa01'],
  );
  // The same event id again is an idempotent retry: stored once.
  const retried = await register.record(
    'DeltagareInskriven',
    enrolmentData({ deltagareId: 'p-1', insatsId: 'steget', datum: '2021-02-01' }),
    { ...options, eventId: '00000000-0000-4000-8000-00000000aa01' },
  )();
  t.true(retried._tag === 'Right' && retried.right.alreadyStored);
  t.is((await collectAsync(register.replay())).length, 1);
});

test('refusals are typed errors naming the field and rule, and write nothing', async (t) => {
  const { register, stored } = openRegister();
  const personnummer = await register.record(
    'DeltagareInskriven',
    enrolmentData({ deltagareId: '811218-9876', insatsId: 'steget' }),
    options,
  )();
  t.true(personnummer._tag === 'Left' && isLedgerError(personnummer.left, 'PERSONNUMMER_REFUSED'));
  const notEnrolled = await register.record(
    'DeltagareAvslutad',
    { deltagareId: 'p-9', insatsId: 'steget', datum: '2021-05-01', avslutsorsak: 'arbete' },
    options,
  )();
  if (notEnrolled._tag === 'Right') return t.fail('concluded someone never enrolled');
  t.is(notEnrolled.left.code, 'PARTICIPANT_NOT_ENROLLED');
  t.deepEqual(
    notEnrolled.left.issues.map((issue) => [issue.path, issue.rule]),
    [['data.deltagareId', 'enrolled']],
  );
  t.is(await stored(), 0);
});

test('recordAll is all or nothing: one refused event leaves the store untouched', async (t) => {
  const { register, stored } = openRegister();
  const enrolment = {
    type: 'DeltagareInskriven' as const,
    data: enrolmentData({ deltagareId: 'p-1', insatsId: 'steget', datum: '2021-02-01' }),
    options,
  };
  const conclusion = (datum: string) => ({
    type: 'DeltagareAvslutad' as const,
    data: { deltagareId: 'p-1', insatsId: 'steget', datum, avslutsorsak: 'studier' },
    options,
  });
  const refused = await register.recordAll([enrolment, conclusion('2021-01-15')])();
  t.true(refused._tag === 'Left' && refused.left.code === 'DATES_OUT_OF_ORDER');
  const unknownField = await register.recordAll([
    enrolment,
    { ...conclusion('2021-06-01'), data: { ...conclusion('2021-06-01').data, namn: 'Anna' } },
  ])();
  t.true(unknownField._tag === 'Left' && unknownField.left.code === 'VALIDATION_FAILED');
  t.is(await stored(), 0);
  const accepted = await register.recordAll([enrolment, conclusion('2021-06-01')])();
  t.true(accepted._tag === 'Right');
  t.is(await stored(), 2);
  const state = await register.state()();
  if (state._tag === 'Left') return t.fail(state.left.message);
  t.is(state.right.recent.size + state.right.settled.size, 1);
});

test('tables(year) gives the statistics of that year; a malformed year is refused', async (t) => {
  const { register } = openRegister();
  await register.recordAll([
    {
      type: 'DeltagareInskriven',
      data: enrolmentData({ deltagareId: 'p-1', insatsId: 'steget', datum: '2021-02-01' }),
      options,
    },
    {
      type: 'DeltagareAvslutad',
      data: {
        deltagareId: 'p-1',
        insatsId: 'steget',
        datum: '2022-03-01',
        avslutsorsak: 'arbete',
      },
      options,
    },
  ])();
  const tables2021 = await register.tables(2021)();
  if (tables2021._tag === 'Left') return t.fail(tables2021.left.message);
  t.is(tables2021.right.insatser[0]!.year.tables.activeAtEnd.samtliga, 1);
  t.is(tables2021.right.insatser[0]!.year.tables.concluded.samtliga, 0);
  const tables2022 = await register.tables(2022)();
  if (tables2022._tag === 'Left') return t.fail(tables2022.left.message);
  t.is(tables2022.right.insatser[0]!.year.tables.enrolled.samtliga, 0);
  t.is(tables2022.right.insatser[0]!.year.goals.arbeteEllerStudier.count, 1);
  const tables2023 = await register.tables(2023)();
  t.deepEqual(tables2023, { _tag: 'Right', right: { år: 2023, insatser: [] } });
  const malformed = await register.tables(20.22)();
  if (malformed._tag === 'Right') return t.fail('a fractional year was accepted');
  t.is(malformed.left.code, 'VALIDATION_FAILED');
  t.is(malformed.left.issues[0]?.path, 'year');
});

test('a förbund id that cannot name a stream is refused when the register is opened', (t) => {
  const error = t.throws(() =>
    createParticipantRegister({ store: getInMemoryEventStore(), förbundId: 'Roslagen!' }),
  );
  t.true(isLedgerError(error, 'INVALID_STREAM_ID'));
  t.deepEqual(
    (error as unknown as { issues: { path: string; rule: string }[] }).issues.map((issue) => [
      issue.path,
      issue.rule,
    ]),
    [['förbundId', 'förbund-id']],
  );
});

test('given declared insatser, an insatsId or tillInsatsId that is not the slug of one is refused naming the field, the rule and the ids, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const register = createParticipantRegister({
    store,
    förbundId: 'norrort',
    vocabulary: {
      insatser: [
        { namn: 'Steget', områden: ['operativa'], år: [2021] },
        { namn: 'Vägen vidare', områden: ['operativa'] },
      ],
    },
  });
  const enrolment = (insatsId: string, datum = '2021-02-01') => ({
    type: 'DeltagareInskriven' as const,
    data: enrolmentData({ deltagareId: 'p-1', insatsId, datum }),
    options,
  });
  // Written as a name, not as the slug of the name.
  const byName = await register.recordAll([enrolment('VagenVidare')])();
  if (byName._tag === 'Right') return t.fail('an insats id that is no declared slug');
  t.is(byName.left.code, 'VALIDATION_FAILED');
  t.deepEqual(
    byName.left.issues.map((issue) => [issue.path, issue.rule]),
    [['data.insatsId', 'declared-insats-id']],
  );
  t.regex(
    byName.left.issues[0]!.message,
    /^"VagenVidare" is not the id of a declared insats \(the slug of its name\): must be one of: steget \(Steget\), vagen-vidare \(Vägen vidare\)$/,
  );
  const transfer = {
    type: 'DeltagareÖverförd' as const,
    data: { deltagareId: 'p-1', insatsId: 'steget', datum: '2022-01-10', tillInsatsId: 'vagen' },
    options,
  };
  const misspeltTarget = await register.recordAll([enrolment('steget'), transfer])();
  if (misspeltTarget._tag === 'Right') return t.fail('a transfer to an undeclared insats');
  t.deepEqual(
    misspeltTarget.left.issues.map((issue) => [issue.path, issue.rule]),
    // The second event of the batch: its place is named.
    [['events[1].data.tillInsatsId', 'declared-insats-id']],
  );
  t.is((await collectAsync(store.readAll())).length, 0, 'nothing was written');
  // Moved on in 2022 from an insats whose costs are declared for 2021 only: ids are not by year.
  const accepted = await register.recordAll([
    enrolment('steget'),
    { ...transfer, data: { ...transfer.data, tillInsatsId: 'vagen-vidare' } },
  ])();
  t.true(accepted._tag === 'Right', accepted._tag === 'Left' ? accepted.left.message : '');
  t.is((await collectAsync(store.readAll())).length, 2);
});
