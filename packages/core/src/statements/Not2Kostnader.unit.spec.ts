import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { defaultChart, defineChart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import type { Verifikation } from '../bookkeeping/Verifikation.js';
import { Money } from '../money/Money.js';
import type { EventInput } from '../facade/EventInput.js';
import { runProjection } from '../projections/Projection.js';
import { bookkeepingEvent, recordingBooks } from '../testing/bookkeepingFixtures.js';
import { collectAsync } from '../util/asyncIterable.js';
import { ledgerTotalsProjection } from './LedgerTotals.js';
import { not2Kostnader } from './Not2Kostnader.js';
import { renderStatementText } from './renderStatementText.js';
import { resultaträkning } from './Resultaträkning.js';
import { rowOf, type Statement } from './Statement.js';

/** Books on an in-memory store, every event checked by the bookkeeping rules. */
const books = () => recordingBooks(getInMemoryEventStore());

const amounts = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => (amount === null ? null : amount.toString()));
const cost = (
  datum: string,
  område: EventInput<'KostnadBokförd'>['område'],
  post: string,
  belopp: string,
  extra: Partial<EventInput<'KostnadBokförd'>> = {},
): EventInput<'KostnadBokförd'> => ({
  datum,
  område,
  post,
  belopp,
  text: `${post} ${datum}`,
  betalning: { sätt: 'bank' },
  ...extra,
});

/**
 * 2020: costs, a December board fee accrued and next quarter's rent prepaid. 2021: a budget
 * adopted in November 2020 and amended in September 2021, the accrual and prepayment
 * reversed, costs on posts, underposts and a post itself, one cost booked in error and corrected.
 */
async function scenario() {
  const ledger = books();
  await ledger.record('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '10000000.00',
    momsfordran: '0',
    balanseratResultat: '10000000.00',
    öppnaPoster: [],
  });
  await ledger.record(
    'KostnadBokförd',
    cost('2020-03-01', 'administrativa', 'Styrelse', '200000.00'),
  );
  await ledger.record(
    'KostnadBokförd',
    cost('2020-12-31', 'administrativa', 'Styrelse', '44577.00', {
      betalning: { sätt: 'upplupen', postId: 'UK-1' },
    }),
  );
  await ledger.record(
    'KostnadBokförd',
    cost('2020-06-01', 'administrativa', 'Kansli', '800000.00', { underpost: 'Personalkostnad' }),
  );
  await ledger.record(
    'KostnadBokförd',
    cost('2020-06-01', 'operativa', 'Arbetsträning', '900000.00'),
  );
  await ledger.record('KostnadFörutbetald', {
    datum: '2020-12-15',
    område: 'operativa',
    post: 'Projektlokal',
    postId: 'FK-1',
    avserPeriod: '2021 kv 1',
    belopp: '90000.00',
    text: 'Hyra kv 1',
    betalning: { sätt: 'bank' },
  });
  await ledger.close(2020, '2021-02-15');

  await ledger.record('BudgetFastställd', {
    år: 2021,
    beslutsdatum: '2020-11-20',
    beslut: 'Styrelsen 2020-11-20 § 7',
    kostnader: [
      { område: 'administrativa', post: 'Styrelse', belopp: '300000.00' },
      {
        område: 'administrativa',
        post: 'Kansli',
        underpost: 'Personalkostnad',
        belopp: '1000000.00',
      },
      { område: 'administrativa', post: 'Kansli', underpost: 'Arbetsplats', belopp: '150000.00' },
      { område: 'operativa', post: 'Individuellt deltagarstöd', belopp: '2100000.00' },
      { område: 'operativa', post: 'Arbetsträning', belopp: '1200000.00' },
    ],
    intäkter: [{ slag: 'medlemsbidrag', belopp: '6000000.00' }],
  });
  await ledger.record('BudgetÄndrad', {
    år: 2021,
    beslutsdatum: '2021-09-15',
    beslut: 'Styrelsen 2021-09-15 § 4',
    kostnader: [
      { område: 'operativa', post: 'Arbetsträning', belopp: '1700000.00' },
      { område: 'strukturpåverkande', post: 'Gemensamma forum', belopp: '70000.00' },
      { område: 'administrativa', post: 'Kansli', underpost: 'Arbetsplats', belopp: '0.00' },
    ],
  });
  await ledger.record('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'UK-1',
    slag: 'upplupen-kostnad',
    område: 'administrativa',
    post: 'Styrelse',
    belopp: '44577.00',
    text: 'Återföring',
  });
  await ledger.record('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'FK-1',
    slag: 'förutbetald-kostnad',
    område: 'operativa',
    post: 'Projektlokal',
    belopp: '90000.00',
    text: 'Hyra kv 1',
  });
  await ledger.record(
    'KostnadBokförd',
    cost('2021-01-20', 'administrativa', 'Styrelse', '44577.00'),
  );
  await ledger.record(
    'KostnadBokförd',
    cost('2021-05-01', 'administrativa', 'Styrelse', '280000.00'),
  );
  await ledger.record(
    'KostnadBokförd',
    cost('2021-03-01', 'administrativa', 'Kansli', '1050000.00', { underpost: 'Personalkostnad' }),
  );
  await ledger.record('KostnadBokförd', cost('2021-03-02', 'administrativa', 'Kansli', '12000.00'));
  await ledger.record(
    'KostnadBokförd',
    cost('2021-04-01', 'operativa', 'Individuellt deltagarstöd', '1234000.00', {
      underpost: '2 SE coach',
    }),
  );
  await ledger.record(
    'KostnadBokförd',
    cost('2021-04-01', 'operativa', 'Individuellt deltagarstöd', '100000.00', {
      underpost: 'IPS coach',
    }),
  );
  await ledger.record(
    'KostnadBokförd',
    cost('2021-04-02', 'operativa', 'Arbetsträning', '1500000.00'),
  );
  const wrong = await ledger.record(
    'KostnadBokförd',
    cost('2021-04-03', 'operativa', 'Arbetsträning', '5000.00'),
  );
  await ledger.correct(wrong, '2021-04-10');
  return ledger.totals();
}

test('Not 2 with the budget in force at year end (ändringsbeslut included): posts, underposts, sums, avvikelse = budget − utfall, last year', async (t) => {
  const totals = await scenario();
  const not2 = not2Kostnader(totals, 2021);
  t.is(not2.name, 'Not 2 Verksamhetens kostnader');
  t.deepEqual(
    not2.rows.map((row) => [row.key, row.kind]),
    [
      ['område:administrativa', 'heading'],
      ['post:administrativa|Styrelse', 'line'],
      ['post:administrativa|Kansli', 'subtotal'],
      ['underpost:administrativa|Kansli|Personalkostnad', 'line'],
      ['underpost:administrativa|Kansli|Arbetsplats', 'line'],
      ['underpost:administrativa|Kansli|', 'line'],
      ['summa:administrativa', 'subtotal'],
      ['område:strukturpåverkande', 'heading'],
      ['post:strukturpåverkande|Gemensamma forum', 'line'],
      ['summa:strukturpåverkande', 'subtotal'],
      ['område:operativa', 'heading'],
      ['post:operativa|Individuellt deltagarstöd', 'subtotal'],
      ['underpost:operativa|Individuellt deltagarstöd|2 SE coach', 'line'],
      ['underpost:operativa|Individuellt deltagarstöd|IPS coach', 'line'],
      ['post:operativa|Arbetsträning', 'line'],
      ['post:operativa|Projektlokal', 'line'],
      ['summa:operativa', 'subtotal'],
      ['summa', 'total'],
    ],
  );
  // [utfall 2021, budget 2021, avvikelse = budget − utfall, utfall 2020]
  t.deepEqual(
    amounts(not2, 'post:administrativa|Styrelse'),
    ['280000.00', '300000.00', '20000.00', '244577.00'],
    'the accrual reversal takes the December fee off 2021; the invoice puts it back',
  );
  t.deepEqual(amounts(not2, 'post:administrativa|Kansli'), [
    '1062000.00',
    '1000000.00',
    '-62000.00',
    '800000.00',
  ]);
  t.deepEqual(amounts(not2, 'underpost:administrativa|Kansli|Personalkostnad'), [
    '1050000.00',
    '1000000.00',
    '-50000.00',
    '800000.00',
  ]);
  t.deepEqual(
    amounts(not2, 'underpost:administrativa|Kansli|Arbetsplats'),
    ['0.00', '0.00', '0.00', '0.00'],
    'the ändringsbeslut took the line to zero; it is still shown',
  );
  t.deepEqual(amounts(not2, 'underpost:administrativa|Kansli|'), [
    '12000.00',
    '0.00',
    '-12000.00',
    '0.00',
  ]);
  t.is(rowOf(not2, 'underpost:administrativa|Kansli|').label, 'Kansli (ej på underpost)');
  t.deepEqual(amounts(not2, 'summa:administrativa'), [
    '1342000.00',
    '1300000.00',
    '-42000.00',
    '1044577.00',
  ]);
  t.deepEqual(
    amounts(not2, 'post:strukturpåverkande|Gemensamma forum'),
    ['0.00', '70000.00', '70000.00', '0.00'],
    'a line added by the ändringsbeslut',
  );
  t.deepEqual(amounts(not2, 'post:operativa|Individuellt deltagarstöd'), [
    '1334000.00',
    '2100000.00',
    '766000.00',
    '0.00',
  ]);
  t.deepEqual(
    amounts(not2, 'underpost:operativa|Individuellt deltagarstöd|2 SE coach'),
    ['1234000.00', null, null, '0.00'],
    'budget set on the post: none on its underposts',
  );
  t.deepEqual(
    amounts(not2, 'post:operativa|Arbetsträning'),
    ['1500000.00', '1700000.00', '200000.00', '900000.00'],
    'the corrected 5 000 is gone; the amended budget applies',
  );
  t.deepEqual(
    amounts(not2, 'post:operativa|Projektlokal'),
    ['90000.00', '0.00', '-90000.00', '0.00'],
    'the prepaid rent lands in 2021, on a post without budget',
  );
  t.deepEqual(amounts(not2, 'summa:operativa'), [
    '2924000.00',
    '3800000.00',
    '876000.00',
    '900000.00',
  ]);
  t.deepEqual(amounts(not2, 'summa'), ['4266000.00', '5170000.00', '904000.00', '1944577.00']);
  t.is(rowOf(not2, 'summa').label, 'Verksamhetens kostnader');
  for (const [column, year] of [
    [0, 2021],
    [3, 2020],
  ] as const) {
    t.true(
      rowOf(not2, 'summa').amounts[column]!.equals(
        rowOf(resultaträkning(totals, year), 'verksamhetens-kostnader').amounts[0]!.negated(),
      ),
      `total = RR kostnader ${year}`,
    );
  }
  t.deepEqual(
    not2.columns.map((column) => [column.year, column.kind, column.label, column.source]),
    [
      [2021, 'utfall', 'Utfall 2021-12-31', 'bokföring'],
      [2021, 'budget', 'Budget 2021 (inkl. ändringsbeslut)', 'bokföring'],
      [2021, 'avvikelse', 'Avvikelse budget − utfall', 'bokföring'],
      [2020, 'jämförelseår', 'Utfall 2020-12-31', 'bokföring'],
    ],
  );
  t.true(
    not2.notes!.includes(
      'Budget i kraft 2021-12-31: Styrelsen 2020-11-20 § 7 (2020-11-20); Styrelsen 2021-09-15 § 4 (2021-09-15).',
    ),
  );
  t.true(not2.notes![0]!.startsWith('Avvikelse = budget − utfall'));
  const text = renderStatementText(not2, 'tkr');
  t.regex(text, /^ {2}Arbetsträning\s+1 500\s+1 700\s+200\s+900$/m);
  t.regex(text, /^ {2}Verksamhetens kostnader\s+4 266\s+5 170\s+904\s+1 945$/m);
});

test('Not 2 with the budget in force before the ändringsbeslut', async (t) => {
  const totals = await scenario();
  const not2 = not2Kostnader(totals, 2021, { budgetDatum: '2021-06-30' });
  t.deepEqual(amounts(not2, 'post:operativa|Arbetsträning'), [
    '1500000.00',
    '1200000.00',
    '-300000.00',
    '900000.00',
  ]);
  t.deepEqual(amounts(not2, 'underpost:administrativa|Kansli|Arbetsplats'), [
    '0.00',
    '150000.00',
    '150000.00',
    '0.00',
  ]);
  t.false(
    not2.rows.some((row) => row.key === 'post:strukturpåverkande|Gemensamma forum'),
    'not yet budgeted and never booked',
  );
  t.deepEqual(amounts(not2, 'summa:strukturpåverkande'), ['0.00', '0.00', '0.00', '0.00']);
  t.deepEqual(amounts(not2, 'summa'), ['4266000.00', '4750000.00', '484000.00', '1944577.00']);
  t.is(not2.columns[1]!.label, 'Budget 2021 per 2021-06-30');
  t.true(not2.notes!.includes('Budget i kraft 2021-06-30: Styrelsen 2020-11-20 § 7 (2020-11-20).'));
});

test('Not 2 without a budget: budget and avvikelse are null (saknas); a year without a year before has it saknas', async (t) => {
  const totals = await scenario();
  const not2 = not2Kostnader(totals, 2020);
  t.deepEqual(amounts(not2, 'post:administrativa|Styrelse'), ['244577.00', null, null, null]);
  t.deepEqual(amounts(not2, 'summa'), ['1944577.00', null, null, null]);
  t.deepEqual(
    not2.columns.map((column) => column.source),
    ['bokföring', 'saknas', 'saknas', 'saknas'],
  );
  t.true(not2.notes!.includes('Ingen budget för 2020 fastställd per 2020-12-31.'));
  t.false(
    not2.rows.some((row) => row.key === 'post:operativa|Projektlokal'),
    'the prepaid rent is no cost of 2020',
  );
  t.deepEqual(
    not2Kostnader(totals, 2021, { budgetDatum: '2020-11-19' }).columns[1]!.source,
    'saknas',
    'before the budget was adopted',
  );
});

test('Not 2 puts costs booked without område and post on Ej fördelat rows per account, so the totals still hold', async (t) => {
  const chart = defineChart({
    ...defaultChart,
    accounts: [
      ...defaultChart.accounts,
      { number: '7000', name: 'Övriga kostnader', line: 'verksamhetens-kostnader' },
    ],
  });
  const events = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2021-01-01',
      text: 'IB',
      kassaOchBank: '10000.00',
      momsfordran: '0',
      balanseratResultat: '10000.00',
      öppnaPoster: [],
    }),
    bookkeepingEvent('KostnadBokförd', cost('2021-02-01', 'administrativa', 'Lokal', '1000.00')),
  ];
  const posted = await collectAsync(postEvents(events, chart));
  const bare: Verifikation = {
    datum: '2021-04-01',
    text: 'Import',
    rader: [
      { konto: '6010', belopp: Money.from('200.00') },
      { konto: '7000', belopp: Money.from('30.00') },
      { konto: '1930', belopp: Money.from('-230.00') },
    ],
    år: 2021,
    löpnummer: 99,
    registrerad: '2021-04-01T00:00:00.000Z',
    registreradAv: 'test',
    eventId: '00000000-0000-4000-8000-000000000000',
    eventType: 'Import',
  };
  const totals = await runProjection(
    [...posted, { event: events[1]!, verifikationer: [bare] }],
    ledgerTotalsProjection(chart),
  );
  const not2 = not2Kostnader(totals, 2021);
  t.deepEqual(amounts(not2, 'ej-fördelat:administrativa|6010'), ['200.00', null, null, null]);
  t.is(
    rowOf(not2, 'ej-fördelat:administrativa|6010').label,
    'Ej fördelat (6010 Administrativa kostnader)',
  );
  t.deepEqual(amounts(not2, 'summa:administrativa'), ['1200.00', null, null, null]);
  t.deepEqual(
    amounts(not2, 'ej-fördelat:7000'),
    ['30.00', null, null, null],
    'an account of no område',
  );
  t.deepEqual(amounts(not2, 'summa'), ['1230.00', null, null, null]);
  t.deepEqual(
    rowOf(not2, 'summa').amounts[0],
    rowOf(resultaträkning(totals, 2021), 'verksamhetens-kostnader').amounts[0]!.negated(),
  );
  t.true(not2.notes!.some((note) => note.startsWith('Ej fördelat')));
});

test('Not 2 of the first year takes only the total of the year before from historical figures', async (t) => {
  const ledger = books();
  await ledger.record('HistoriskaÅrsuppgifterRegistrerade', {
    år: 2019,
    källa: 'Årsredovisning 2019',
    resultaträkning: { verksamhetensIntäkter: '500000.00', verksamhetensKostnader: '400000.00' },
    balansräkning: {
      kassaOchBank: '100000.00',
      åretsResultat: '100000.00',
      övrigtEgetKapital: '0.00',
    },
  });
  await ledger.record('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '100000.00',
    momsfordran: '0',
    balanseratResultat: '100000.00',
    öppnaPoster: [],
  });
  await ledger.record(
    'KostnadBokförd',
    cost('2020-03-01', 'administrativa', 'Styrelse', '2000.00'),
  );
  const not2 = not2Kostnader(await ledger.totals(), 2020);
  t.deepEqual(amounts(not2, 'post:administrativa|Styrelse'), ['2000.00', null, null, null]);
  t.deepEqual(amounts(not2, 'summa:administrativa'), ['2000.00', null, null, null]);
  t.deepEqual(amounts(not2, 'summa'), ['2000.00', null, null, '400000.00']);
  t.is(not2.columns[3]!.source, 'historiska uppgifter');
});
