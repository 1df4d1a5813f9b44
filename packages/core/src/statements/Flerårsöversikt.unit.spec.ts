import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger } from '../facade/createLedger.js';
import { isLedgerError } from '../error.js';
import { flerårsöversikt } from './Flerårsöversikt.js';
import { must, mustTask, at } from './openItemsAtYearEnd.testScenario.js';
import { renderStatementText } from './renderStatementText.js';
import { resultaträkning } from './Resultaträkning.js';
import { rowOf } from './Statement.js';

const history = (
  år: number,
  intäkter: string,
  kostnader: string,
  personalresurser?: Record<string, string>,
) => ({
  år,
  källa: `Årsredovisning ${år + 1}, jämförelsekolumn`,
  resultaträkning: { verksamhetensIntäkter: intäkter, verksamhetensKostnader: kostnader },
  ...(personalresurser === undefined ? {} : { personalresurser }),
});

/** 2017–2019 from earlier reports, the books from 2020, staff registered for 2020 only. */
async function overviewLedger() {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await must(
    ledger,
    'HistoriskaÅrsuppgifterRegistrerade',
    history(2017, '4130000.00', '3680000.00', { administrativa: '1', operativa: '4' }),
  );
  await must(
    ledger,
    'HistoriskaÅrsuppgifterRegistrerade',
    history(2018, '4680000.00', '5110000.00', { administrativa: '2', operativa: '4' }),
  );
  await must(
    ledger,
    'HistoriskaÅrsuppgifterRegistrerade',
    history(2019, '8675276.00', '6696205.00', {
      administrativa: '2.0',
      strukturpåverkande: '0.5',
      operativa: '7.0',
    }),
  );
  await must(ledger, 'IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB 2020',
    kassaOchBank: '2977857.00',
    momsfordran: '0',
    balanseratResultat: '2977857.00',
    öppnaPoster: [],
  });
  await must(ledger, 'MedlemsbidragMottaget', {
    datum: '2020-03-31',
    medlem: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
    medlemskategori: 'staten',
    period: '2020',
    belopp: '3000000.00',
  });
  await must(ledger, 'ESFUtbetalning', {
    datum: '2020-06-30',
    projekt: 'MIA vidare',
    period: '2020 H1',
    belopp: '6561772.00',
  });
  await must(ledger, 'KostnadBokförd', {
    datum: '2020-11-30',
    område: 'operativa',
    post: 'Personal',
    belopp: '8994844.00',
    text: 'Insatspersonal',
    betalning: { sätt: 'bank' },
  });
  await must(ledger, 'FinansiellKostnadBokförd', {
    datum: '2020-12-31',
    belopp: '5000.00',
    text: 'Bankavgifter',
  });
  await must(ledger, 'PersonalresurserRegistrerade', {
    år: 2020,
    årsarbetare: { administrativa: '1.5', strukturpåverkande: '0.8', operativa: '10' },
  });
  await mustTask(ledger.closeYear(2020, '2021-03-17', at('2021-03-17T08:00:00.000Z')));
  await must(ledger, 'KostnadBokförd', {
    datum: '2021-02-01',
    område: 'administrativa',
    post: 'Kansli',
    belopp: '1234567.89',
    text: 'Kansli',
    betalning: { sätt: 'bank' },
  });
  return ledger;
}

test('the flerårsöversikt mixes the books and the historical figures, costs positive, personnel per område', async (t) => {
  const ledger = await overviewLedger();
  const totals = await ledger.totals();
  const overview = flerårsöversikt(totals, 2021);
  t.is(overview.name, 'Flerårsöversikt');
  t.is(overview.fixedUnit, 'mkr');
  t.deepEqual(
    overview.columns.map((column) => [column.label, column.source]),
    [
      ['2021', 'bokföring'],
      ['2020', 'bokföring'],
      ['2019', 'historiska uppgifter'],
      ['2018', 'historiska uppgifter'],
      ['2017', 'historiska uppgifter'],
      ['2016', 'saknas'],
    ],
  );
  const amounts = (key: string) =>
    rowOf(overview, key).amounts.map((amount) => amount?.toString() ?? null);
  t.deepEqual(amounts('verksamhetens-intäkter'), [
    '0.00',
    '9561772.00',
    '8675276.00',
    '4680000.00',
    '4130000.00',
    null,
  ]);
  t.deepEqual(amounts('verksamhetens-kostnader'), [
    '1234567.89',
    '8994844.00',
    '6696205.00',
    '5110000.00',
    '3680000.00',
    null,
  ]);
  t.deepEqual(
    amounts('årets-resultat'),
    ['-1234567.89', '561928.00', '1979071.00', '-430000.00', '450000.00', null],
    'financial items included (2020: 5 000 kr bank charges)',
  );
  t.true(
    rowOf(overview, 'årets-resultat').amounts[1]!.equals(
      rowOf(resultaträkning(totals, 2020), 'årets-resultat').amounts[0]!,
    ),
    'the books year agrees with the resultaträkning',
  );
  t.deepEqual(amounts('personal:administrativa'), [null, '1.50', '2.00', '2.00', '1.00', null]);
  t.deepEqual(
    amounts('personal:strukturpåverkande'),
    [null, '0.80', '0.50', null, null, null],
    'an område not reported is null ("-" in the report)',
  );
  t.deepEqual(amounts('personal:operativa'), [null, '10.00', '7.00', '4.00', '4.00', null]);
  t.true(rowOf(overview, 'personal:operativa').unit === 'årsarbetare');
  t.deepEqual(overview.notes?.at(-1), 'Uppgifter saknas för 2016.');

  const text = renderStatementText(overview, 'kr');
  t.regex(text, /^Flerårsöversikt\s+2021\s+2020\s+2019\s+2018\s+2017\s+2016$/m);
  t.regex(text, /^Belopp i mkr$/m, 'always mkr, whatever unit is asked');
  t.regex(text, /^ {2}Verksamhetens intäkter\s+0,00\s+9,56\s+8,68\s+4,68\s+4,13$/m);
  t.regex(text, /^ {2}Årets resultat\s+-1,23\s+0,56\s+1,98\s+-0,43\s+0,45$/m);
  t.regex(text, /^ {2}Individinsatser\s+10,0\s+7,0\s+4,0\s+4,0$/m);
});

test('the flerårsöversikt shows five to thirty years', async (t) => {
  const totals = await (await overviewLedger()).totals();
  t.deepEqual(
    flerårsöversikt(totals, 2020, { years: 5 }).columns.map((column) => column.year),
    [2020, 2019, 2018, 2017, 2016],
  );
  const error = t.throws(() => flerårsöversikt(totals, 2020, { years: 4 }));
  t.true(isLedgerError(error, 'VALIDATION_FAILED'));
  t.throws(() => flerårsöversikt(totals, 2020, { years: 5.5 }));
});
