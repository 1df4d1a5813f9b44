import test from 'ava';
import { isLedgerError } from '../../error.js';
import { runProjection } from '../../projections/Projection.js';
import type { ParticipantEvent } from '../participantCatalog.js';
import { createParticipantEvent, enrolmentData } from '../participantEvents.testScenario.js';
import { participantTables } from './participantTables.js';

// A small register whose figures can be counted by hand:
// ins-a: goal decided 2019-01-15 (4 offered, 50 % to work or studies, 25 % stegförflyttning,
// of the concluded) for 2019-02-01 – 2020-12-31, replaced on 2021-03-01 by a goal of 5.
//   p-1 kvinna, enrolled 2019-02-10, concluded 2019-11-30 to arbete
//   p-2 man, enrolled 2019-06-01, concluded 2020-03-01 to an ordinary programme at the municipality
//   p-3 annat, enrolled 2020-01-01, transferred 2020-12-31 to ins-b (enrolled there 2021-01-01)
//   p-4 kvinna, enrolled 2020-12-31, concluded 2021-01-01 for sjukdom
// ins-c: only anonymous participants, 3 of unknown gender starting in 2020.
const goal = (beslutsdatum: string, erbjudnaMål: number, periodTill: string) =>
  createParticipantEvent('InsatsmålSatt', {
    insatsId: 'ins-a',
    benämning: `Mål ${beslutsdatum}`,
    beslutsdatum,
    periodFrån: '2019-02-01',
    periodTill,
    erbjudnaMål,
    arbeteEllerStudierMålProcent: 50,
    stegförflyttningMålProcent: 25,
    andelAv: 'avslutade',
  });
const enrol = (deltagareId: string, datum: string, kön: string, insatsId = 'ins-a') =>
  createParticipantEvent(
    'DeltagareInskriven',
    enrolmentData({ deltagareId, datum, kön, insatsId, anvisadFrån: 'kommunen' }),
  );
const conclude = (deltagareId: string, datum: string, avslutsorsak: string) =>
  createParticipantEvent('DeltagareAvslutad', {
    deltagareId,
    insatsId: 'ins-a',
    datum,
    avslutsorsak,
  });

const events: ParticipantEvent[] = [
  goal('2019-01-15', 4, '2020-12-31'),
  enrol('p-1', '2019-02-10', 'kvinna'),
  enrol('p-2', '2019-06-01', 'man'),
  conclude('p-1', '2019-11-30', 'arbete'),
  enrol('p-3', '2020-01-01', 'annat'),
  createParticipantEvent('AnonymaDeltagareRegistrerade', {
    insatsId: 'ins-c',
    datum: '2020-06-30',
    startår: 2020,
    kön: 'okänt',
    antal: 3,
  }),
  conclude('p-2', '2020-03-01', 'ordinarie insats hos kommunen'),
  enrol('p-4', '2020-12-31', 'kvinna'),
  createParticipantEvent('DeltagareÖverförd', {
    deltagareId: 'p-3',
    insatsId: 'ins-a',
    datum: '2020-12-31',
    tillInsatsId: 'ins-b',
  }),
  enrol('p-3', '2021-01-01', 'annat', 'ins-b'),
  conclude('p-4', '2021-01-01', 'sjukdom'),
  goal('2021-03-01', 5, '2021-06-30'),
];

const businessDateOf = (event: ParticipantEvent): string =>
  event.type === 'InsatsmålSatt' ? event.data.beslutsdatum : event.data.datum;

test('a year holds the insatser with participants in it, each for the year and since its first day', async (t) => {
  const tables2019 = await runProjection(events, participantTables(2019));
  t.is(tables2019.år, 2019);
  t.deepEqual(
    tables2019.insatser.map((insats) => insats.insatsId),
    ['ins-a'],
  );
  const [a2019] = tables2019.insatser;
  t.is(a2019!.year.tables.periodFrån, '2019-01-01');
  t.is(a2019!.year.tables.periodTill, '2019-12-31');
  // The goal period starts before the first enrolment, so the insats's first day is the goal's.
  t.is(a2019!.sinceStart.tables.periodFrån, '2019-02-01');
  t.is(a2019!.sinceStart.tables.periodTill, '2019-12-31');
  t.deepEqual(a2019!.year.tables.enrolled, { kvinna: 1, man: 1, annatEllerOkänt: 0, samtliga: 2 });
  t.deepEqual(a2019!.year.tables.activeAtEnd.samtliga, 1);
  t.deepEqual(a2019!.year.tables.concluded, { kvinna: 1, man: 0, annatEllerOkänt: 0, samtliga: 1 });
  t.is(a2019!.year.goals.goal?.erbjudnaMål, 4);
  t.deepEqual(
    [a2019!.year.goals.arbeteEllerStudier.count, a2019!.year.goals.arbeteEllerStudier.of],
    [1, 1],
  );

  const tables2020 = await runProjection(events, participantTables(2020));
  // ins-c started in 2020, after ins-a's first day: insatser are in order of their first day.
  t.deepEqual(
    tables2020.insatser.map((insats) => insats.insatsId),
    ['ins-a', 'ins-c'],
  );
  const [a2020, c2020] = tables2020.insatser;
  const year = a2020!.year.tables;
  t.deepEqual(year.enrolled, { kvinna: 1, man: 0, annatEllerOkänt: 1, samtliga: 2 });
  t.deepEqual(year.tookPart, { kvinna: 1, man: 1, annatEllerOkänt: 1, samtliga: 3 });
  // p-4's conclusion is dated 2021: at the end of 2020 she is still taking part.
  t.deepEqual(year.activeAtEnd, { kvinna: 1, man: 0, annatEllerOkänt: 0, samtliga: 1 });
  t.deepEqual(year.concluded, { kvinna: 0, man: 1, annatEllerOkänt: 0, samtliga: 1 });
  t.deepEqual(year.transferred, { kvinna: 0, man: 0, annatEllerOkänt: 1, samtliga: 1 });
  t.is(year.anvisadFrån.rows.find((row) => row.category === 'kommunen')!.count.samtliga, 2);
  t.is(a2020!.year.goals.offered, 3);
  t.is(
    a2020!.year.goals.offeredPercentOfGoal,
    null,
    'a year is not measured against the whole goal',
  );
  t.deepEqual(
    [a2020!.year.goals.stegförflyttning.count, a2020!.year.goals.stegförflyttning.of],
    [1, 1],
  );

  const sinceStart = a2020!.sinceStart;
  t.is(sinceStart.tables.periodFrån, '2019-02-01');
  t.deepEqual(sinceStart.tables.enrolled.samtliga, 4);
  t.deepEqual(sinceStart.tables.concluded.samtliga, 2);
  t.deepEqual(sinceStart.tables.activeAtEnd.samtliga, 1);
  t.is(sinceStart.tables.avslutsorsaker.total.samtliga, 2);
  t.is(sinceStart.goals.offered, 4);
  t.is(sinceStart.goals.offeredPercentOfGoal, 100);
  t.deepEqual(sinceStart.goals.met, {
    offered: true,
    arbeteEllerStudier: true,
    stegförflyttning: true,
  });

  // An insats of anonymous participants only: counted in the flow, with no table rows.
  t.deepEqual(c2020!.year.tables.anonymous, {
    kvinna: 0,
    man: 0,
    annatEllerOkänt: 3,
    samtliga: 3,
  });
  t.is(c2020!.year.tables.enrolled.samtliga, 0);
  t.is(c2020!.year.goals.offered, 3);
  t.is(c2020!.sinceStart.tables.periodFrån, '2020-01-01');
});

test('the goals of a year are those in force on its last day; a later decision changes only later years', async (t) => {
  const tables2021 = await runProjection(events, participantTables(2021));
  t.deepEqual(
    tables2021.insatser.map((insats) => insats.insatsId),
    ['ins-a', 'ins-b'],
  );
  const [a2021, b2021] = tables2021.insatser;
  t.is(a2021!.year.goals.goal?.erbjudnaMål, 5);
  t.deepEqual(a2021!.year.tables.tookPart.samtliga, 1);
  t.deepEqual(a2021!.year.tables.concluded.samtliga, 1);
  t.is(a2021!.sinceStart.goals.offered, 4);
  t.is(a2021!.sinceStart.goals.offeredPercentOfGoal, 80);
  t.is(a2021!.sinceStart.goals.met?.offered, false);
  t.is(b2021!.year.tables.enrolled.annatEllerOkänt, 1);
  t.is(b2021!.year.goals.goal, null);

  const tables2020 = await runProjection(events, participantTables(2020));
  t.is(tables2020.insatser[0]!.sinceStart.goals.goal?.erbjudnaMål, 4);
});

test('events dated after a year never change its figures', async (t) => {
  for (const year of [2019, 2020, 2021]) {
    const upToYear = events.filter((event) => businessDateOf(event) <= `${year}-12-31`);
    t.deepEqual(
      await runProjection(upToYear, participantTables(year)),
      await runProjection(events, participantTables(year)),
      `${year}`,
    );
  }
});

test('a year without participants has no insatser, and the data is plain JSON', async (t) => {
  t.deepEqual(await runProjection(events, participantTables(2018)), { år: 2018, insatser: [] });
  const tables = await runProjection(events, participantTables(2020));
  t.deepEqual(JSON.parse(JSON.stringify(tables)), tables);
  // Every number is a whole number (a count, a whole percent or a year); exact percentages are
  // strings.
  const numbers: number[] = [];
  JSON.stringify(tables, (_key, value: unknown) => {
    if (typeof value === 'number') numbers.push(value);
    return value;
  });
  t.true(numbers.length > 100);
  t.true(numbers.every((value) => Number.isSafeInteger(value)));
  t.is(
    tables.insatser[0]!.sinceStart.tables.anvisadFrån.rows.find(
      (row) => row.category === 'kommunen',
    )!.share.samtliga.percentTwoDecimals,
    '100.00',
  );
});

test('a year that is not a whole number from 1990 to 2200 is refused, naming the field', (t) => {
  for (const year of [2020.5, 1989, 2201, Number.NaN]) {
    const error: unknown = t.throws(() => participantTables(year));
    if (!isLedgerError(error, 'VALIDATION_FAILED')) return t.fail(String(year));
    t.is(error.issues[0]?.path, 'year');
  }
});
