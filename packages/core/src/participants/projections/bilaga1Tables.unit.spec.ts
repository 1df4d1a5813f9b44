import test from 'ava';
import fc from 'fast-check';
import { runProjection } from '../../projections/Projection.js';
import type { ParticipantEvent } from '../participantCatalog.js';
import { participantDecider } from '../participantDecider.js';
import { createParticipantEvent, enrolmentData } from '../participantEvents.testScenario.js';
import {
  anvisadFrån,
  avslutsorsak,
  försörjningVidInskrivning,
  kön,
  tidIOffentligFörsörjning,
  åldersband,
} from '../participantVocabulary.js';
import { bilaga1Tables, genderColumns } from './bilaga1Tables.js';

const period = { insatsId: 'mia-roslagen', periodFrån: '2019-01-01', periodTill: '2019-12-31' };

test('tables count enrolments in the period by gender, conclusions in the period by reason, and the flow of participants', async (t) => {
  const events: ParticipantEvent[] = [
    // Enrolled before the period, concluded in it.
    createParticipantEvent(
      'DeltagareInskriven',
      enrolmentData({
        deltagareId: 'p-1',
        datum: '2018-11-01',
        kön: 'man',
        anvisadFrån: 'kommunen',
      }),
    ),
    createParticipantEvent('DeltagareAvslutad', {
      deltagareId: 'p-1',
      insatsId: 'mia-roslagen',
      datum: '2019-02-01',
      avslutsorsak: 'arbete',
    }),
    // Enrolled in the period, still active at its end.
    createParticipantEvent(
      'DeltagareInskriven',
      enrolmentData({
        deltagareId: 'p-2',
        datum: '2019-03-01',
        kön: 'kvinna',
        anvisadFrån: 'försäkringskassan',
      }),
    ),
    // Enrolled and concluded in the period.
    createParticipantEvent(
      'DeltagareInskriven',
      enrolmentData({
        deltagareId: 'p-3',
        datum: '2019-04-01',
        kön: 'kvinna',
        anvisadFrån: 'arbetsförmedlingen',
        åldersband: undefined,
        födelseår: 1960,
      }),
    ),
    createParticipantEvent('DeltagareAvslutad', {
      deltagareId: 'p-3',
      insatsId: 'mia-roslagen',
      datum: '2019-10-01',
      avslutsorsak: 'ordinarie insats hos kommunen',
    }),
    // Of another gender, enrolled in the period, transferred in the next year.
    createParticipantEvent(
      'DeltagareInskriven',
      enrolmentData({
        deltagareId: 'p-4',
        datum: '2019-05-01',
        kön: 'annat',
        anvisadFrån: 'försäkringskassan',
        åldersband: undefined,
      }),
    ),
    createParticipantEvent('DeltagareÖverförd', {
      deltagareId: 'p-4',
      insatsId: 'mia-roslagen',
      datum: '2020-04-30',
      tillInsatsId: 'mia-vidare-roslagen',
    }),
    // Enrolled after the period; and one in another insats.
    createParticipantEvent(
      'DeltagareInskriven',
      enrolmentData({ deltagareId: 'p-5', datum: '2020-01-02' }),
    ),
    createParticipantEvent(
      'DeltagareInskriven',
      enrolmentData({ deltagareId: 'p-6', insatsId: 'stodja-asf' }),
    ),
    createParticipantEvent('AnonymaDeltagareRegistrerade', {
      insatsId: 'mia-roslagen',
      datum: '2019-12-31',
      startår: 2019,
      kön: 'man',
      antal: 3,
    }),
  ];
  const tables = await runProjection(events, bilaga1Tables(period));
  t.deepEqual(tables.enrolled, { kvinna: 2, man: 0, annatEllerOkänt: 1, samtliga: 3 });
  t.deepEqual(tables.tookPart, { kvinna: 2, man: 1, annatEllerOkänt: 1, samtliga: 4 });
  t.deepEqual(tables.activeAtEnd, { kvinna: 1, man: 0, annatEllerOkänt: 1, samtliga: 2 });
  t.deepEqual(tables.concluded, { kvinna: 1, man: 1, annatEllerOkänt: 0, samtliga: 2 });
  t.deepEqual(tables.transferred, { kvinna: 0, man: 0, annatEllerOkänt: 0, samtliga: 0 });
  t.deepEqual(tables.anonymous, { kvinna: 0, man: 3, annatEllerOkänt: 0, samtliga: 3 });

  const försäkringskassan = tables.anvisadFrån.rows.find(
    (row) => row.category === 'försäkringskassan',
  )!;
  t.deepEqual(försäkringskassan.count, { kvinna: 1, man: 0, annatEllerOkänt: 1, samtliga: 2 });
  t.is(försäkringskassan.share.kvinna.percentRounded, 50);
  t.is(försäkringskassan.share.samtliga.percentRounded, 67);
  t.is(försäkringskassan.share.man.percentRounded, null);
  t.is(försäkringskassan.label, 'Försäkringskassan');
  // p-3's birth year 1960 gives age 59 in 2019; p-4 has no age, so an "okänt" row appears.
  t.deepEqual(
    tables.åldersband.rows.map((row) => [row.category, row.count.samtliga]),
    [
      ['16-29', 0],
      ['30-44', 1],
      ['45-55', 0],
      ['56-65', 1],
      ['okänt', 1],
    ],
  );
  t.deepEqual(
    tables.avslutsorsaker.rows
      .filter((row) => row.count.samtliga > 0)
      .map((row) => [row.category, row.count.kvinna, row.count.man]),
    [
      ['arbete', 0, 1],
      ['ordinarie insats hos kommunen', 1, 0],
    ],
  );
  t.deepEqual(tables.avslutsorsaker.total, { kvinna: 1, man: 1, annatEllerOkänt: 0, samtliga: 2 });

  const transferYear = await runProjection(
    events,
    bilaga1Tables({ ...period, periodFrån: '2020-01-01', periodTill: '2020-12-31' }),
  );
  t.deepEqual(transferYear.transferred, { kvinna: 0, man: 0, annatEllerOkänt: 1, samtliga: 1 });
  t.deepEqual(transferYear.enrolled, { kvinna: 1, man: 0, annatEllerOkänt: 0, samtliga: 1 });
});

// A random valid history: enrolments with random categories, some concluded or transferred
// on or after their enrolment.
const historyArbitrary = fc
  .array(
    fc.record({
      kön: fc.constantFrom(...kön),
      åldersband: fc.constantFrom(...åldersband),
      anvisadFrån: fc.constantFrom(...anvisadFrån),
      försörjningVidInskrivning: fc.constantFrom(...försörjningVidInskrivning),
      tidIOffentligFörsörjning: fc.constantFrom(...tidIOffentligFörsörjning),
      enrolledDay: fc.integer({ min: 0, max: 1400 }),
      ending: fc.option(
        fc.record({
          afterDays: fc.integer({ min: 0, max: 400 }),
          reason: fc.option(fc.constantFrom(...avslutsorsak), { nil: undefined }),
        }),
        { nil: undefined },
      ),
    }),
    { maxLength: 60 },
  )
  .map((participants) => {
    const dayToDate = (day: number) =>
      new Date(Date.UTC(2017, 3, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const events: ParticipantEvent[] = [];
    participants.forEach((participant, index) => {
      const { enrolledDay, ending, ...categories } = participant;
      const deltagareId = `p-${index}`;
      events.push(
        createParticipantEvent(
          'DeltagareInskriven',
          enrolmentData({ ...categories, deltagareId, datum: dayToDate(enrolledDay) }),
        ),
      );
      if (ending === undefined) return;
      const datum = dayToDate(enrolledDay + ending.afterDays);
      events.push(
        ending.reason === undefined
          ? createParticipantEvent('DeltagareÖverförd', {
              deltagareId,
              insatsId: 'mia-roslagen',
              datum,
              tillInsatsId: 'mia-vidare-roslagen',
            })
          : createParticipantEvent('DeltagareAvslutad', {
              deltagareId,
              insatsId: 'mia-roslagen',
              datum,
              avslutsorsak: ending.reason,
            }),
      );
    });
    return events;
  });

const periodArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 1800 }), fc.integer({ min: 0, max: 1800 }))
  .map(([first, second]) => {
    const dayToDate = (day: number) =>
      new Date(Date.UTC(2017, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    return {
      insatsId: 'mia-roslagen',
      periodFrån: dayToDate(Math.min(first, second)),
      periodTill: dayToDate(Math.max(first, second)),
    };
  });

test('property: in every table and every column the rows add up to the total, and the genders add up to Samtliga', async (t) => {
  await fc.assert(
    fc.asyncProperty(historyArbitrary, periodArbitrary, async (events, options) => {
      // Every generated history is one the rules allow.
      let state = participantDecider.initialState();
      for (const event of events) {
        if (participantDecider.decide(state, event)._tag === 'Left') return false;
        state = participantDecider.evolve(state, event);
      }
      const tables = await runProjection(events, bilaga1Tables(options));
      for (const table of [
        tables.anvisadFrån,
        tables.försörjningVidInskrivning,
        tables.tidIOffentligFörsörjning,
        tables.åldersband,
      ]) {
        t.deepEqual(table.total, tables.enrolled);
      }
      t.deepEqual(tables.avslutsorsaker.total, tables.concluded);
      for (const table of [
        tables.anvisadFrån,
        tables.försörjningVidInskrivning,
        tables.tidIOffentligFörsörjning,
        tables.åldersband,
        tables.avslutsorsaker,
      ]) {
        for (const column of genderColumns) {
          const sum = table.rows.reduce((accumulated, row) => accumulated + row.count[column], 0);
          if (sum !== table.total[column]) return false;
          for (const row of table.rows)
            if (
              row.share[column].of !== table.total[column] ||
              row.share[column].count !== row.count[column]
            )
              return false;
        }
        if (
          table.total.kvinna + table.total.man + table.total.annatEllerOkänt !==
          table.total.samtliga
        )
          return false;
      }
      // The flow: everyone who took part was active at the end, or concluded or transferred in the
      // period.
      for (const column of genderColumns) {
        if (
          tables.tookPart[column] !==
          tables.activeAtEnd[column] + tables.concluded[column] + tables.transferred[column]
        )
          return false;
      }
      return true;
    }),
    { numRuns: 200 },
  );
  t.pass();
});
