import test from 'ava';
import { runProjection } from '../../projections/Projection.js';
import { participantTables } from '../projections/participantTables.js';
import {
  participantTablesCsvColumns,
  renderParticipantTablesCsv,
} from './renderParticipantTablesCsv.js';
import { stegetEvents } from './stegetRegister.testScenario.js';

const prefix = '2021,steget,året,2021-01-01,2021-12-31';

test('the CSV has one row per figure: flow, every table and goal, for the year and since the start', async (t) => {
  const tables = await runProjection(stegetEvents, participantTables(2021));
  const csv = renderParticipantTablesCsv(tables);
  t.true(csv.endsWith('\r\n'));
  const lines = csv.slice(0, -2).split('\r\n');
  t.is(lines[0], participantTablesCsvColumns.join(','));
  t.is(
    lines[0],
    'år,insatsId,period,periodFrån,periodTill,tabell,kategori,etikett,kolumn,antal,av,andelProcent,mål,uppnått',
  );
  // Per period: 6 flow lines, (5 + 6 + 6 + 4 + 7) category rows and 5 totals, and 3 goals,
  // each flow line and row in the four gender columns; two periods.
  t.is(lines.length, 1 + 2 * (6 * 4 + (28 + 5) * 4 + 3));
  t.true(lines.every((line) => line.split(',').length === participantTablesCsvColumns.length));
  t.deepEqual(lines.slice(1, 5), [
    `${prefix},deltagare,inskrivna,Inskrivna under perioden,kvinna,1,,,,`,
    `${prefix},deltagare,inskrivna,Inskrivna under perioden,man,1,,,,`,
    `${prefix},deltagare,inskrivna,Inskrivna under perioden,annatEllerOkänt,1,,,,`,
    `${prefix},deltagare,inskrivna,Inskrivna under perioden,samtliga,3,,,,`,
  ]);
  const rowsOf = (period: string, tabell: string, kategori: string) =>
    lines.filter(
      (line) =>
        line.startsWith(`2021,steget,${period},2021-`) && line.includes(`,${tabell},${kategori},`),
    );
  t.deepEqual(rowsOf('året', 'anvisadFrån', 'arbetsförmedlingen'), [
    `${prefix},anvisadFrån,arbetsförmedlingen,Arbetsförmedlingen,kvinna,0,1,0.00,,`,
    `${prefix},anvisadFrån,arbetsförmedlingen,Arbetsförmedlingen,man,1,1,100.00,,`,
    `${prefix},anvisadFrån,arbetsförmedlingen,Arbetsförmedlingen,annatEllerOkänt,0,1,0.00,,`,
    `${prefix},anvisadFrån,arbetsförmedlingen,Arbetsförmedlingen,samtliga,1,3,33.33,,`,
  ]);
  // No woman concluded: her share of the reasons has no percentage.
  t.deepEqual(rowsOf('året', 'avslutsorsaker', 'studier').slice(0, 2), [
    `${prefix},avslutsorsaker,studier,Studier,kvinna,0,0,,,`,
    `${prefix},avslutsorsaker,studier,Studier,man,1,1,100.00,,`,
  ]);
  t.deepEqual(rowsOf('året', 'anvisadFrån', 'totalt'), [
    `${prefix},anvisadFrån,totalt,Totalt,kvinna,1,,,,`,
    `${prefix},anvisadFrån,totalt,Totalt,man,1,,,,`,
    `${prefix},anvisadFrån,totalt,Totalt,annatEllerOkänt,1,,,,`,
    `${prefix},anvisadFrån,totalt,Totalt,samtliga,3,,,,`,
  ]);
  t.deepEqual(lines.slice(-3), [
    '2021,steget,sedanStart,2021-02-01,2021-12-31,måluppfyllelse,erbjudna,Erbjudna insatser,samtliga,3,,,10,',
    '2021,steget,sedanStart,2021-02-01,2021-12-31,måluppfyllelse,arbeteEllerStudier,Arbete eller studier (andel av avslutade),samtliga,1,1,100.00,30,true',
    '2021,steget,sedanStart,2021-02-01,2021-12-31,måluppfyllelse,stegförflyttning,Stegförflyttning (andel av avslutade),samtliga,0,1,0.00,30,false',
  ]);
});

test('a year without participants is the header alone', async (t) => {
  const tables = await runProjection(stegetEvents, participantTables(2020));
  t.is(renderParticipantTablesCsv(tables), `${participantTablesCsvColumns.join(',')}\r\n`);
});
