import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { recordingBooks } from '../testing/bookkeepingFixtures.js';
import { balansräkning } from './Balansräkning.js';
import { isLedgerError } from '../error.js';
import type { EventInput } from '../facade/EventInput.js';
import { driftredovisning } from './Driftredovisning.js';
import { not2Kostnader } from './Not2Kostnader.js';
import { renderStatementText } from './renderStatementText.js';
import { resultaträkning } from './Resultaträkning.js';
import { rowOf, type Statement } from './Statement.js';

/** Books on an in-memory store, every event checked by the bookkeeping rules. */
const books = () => recordingBooks(getInMemoryEventStore());

const amounts = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => (amount === null ? null : amount.toString()));
const contribution = (
  datum: string,
  medlem: string,
  medlemskategori: EventInput<'MedlemsbidragMottaget'>['medlemskategori'],
  belopp: string,
): EventInput<'MedlemsbidragMottaget'> => ({
  datum,
  medlem,
  medlemskategori,
  period: datum.slice(0, 4),
  belopp,
});
const cost = (
  datum: string,
  område: EventInput<'KostnadBokförd'>['område'],
  post: string,
  belopp: string,
): EventInput<'KostnadBokförd'> => ({
  datum,
  område,
  post,
  belopp,
  text: post,
  betalning: { sätt: 'bank' },
});

/**
 * 2020: contributions, ESF paid and accrued, costs (result −1 474 000). 2021: a budget
 * adopted in 2020 and amended in June, the ESF accrual reversed, other income, costs and a
 * bank fee (a financial item).
 */
async function scenario() {
  const ledger = books();
  await ledger.record('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '5000000.00',
    momsfordran: '0',
    balanseratResultat: '5000000.00',
    öppnaPoster: [],
  });
  await ledger.record(
    'MedlemsbidragMottaget',
    contribution('2020-01-10', 'Staten', 'staten', '3000000.00'),
  );
  await ledger.record(
    'MedlemsbidragMottaget',
    contribution('2020-01-10', 'Region Stockholm', 'region', '1500000.00'),
  );
  await ledger.record(
    'MedlemsbidragMottaget',
    contribution('2020-01-10', 'Täby kommun', 'kommun', '366000.00'),
  );
  await ledger.record('ESFUtbetalning', {
    datum: '2020-06-01',
    projekt: 'MIA',
    period: 'jan–apr',
    belopp: '2000000.00',
  });
  await ledger.record('IntäktUpplupen', {
    datum: '2020-12-31',
    postId: 'UI-1',
    intäktsslag: 'esf',
    belopp: '160000.00',
    text: 'ESF nov–dec',
  });
  await ledger.record('KostnadBokförd', cost('2020-06-01', 'operativa', 'Insats', '7000000.00'));
  await ledger.record(
    'KostnadBokförd',
    cost('2020-06-01', 'administrativa', 'Kansli', '1500000.00'),
  );
  await ledger.close(2020, '2021-02-15');

  await ledger.record('BudgetFastställd', {
    år: 2021,
    beslutsdatum: '2020-11-24',
    beslut: 'Styrelsen 2020-11-24 § 7',
    kostnader: [
      { område: 'operativa', post: 'Insats', belopp: '8000000.00' },
      { område: 'administrativa', post: 'Kansli', belopp: '2000000.00' },
    ],
    intäkter: [
      { slag: 'medlemsbidrag', belopp: '5000000.00' },
      { slag: 'esf', belopp: '2500000.00' },
      { slag: 'bidrag', belopp: '100000.00' },
    ],
  });
  await ledger.record('BudgetÄndrad', {
    år: 2021,
    beslutsdatum: '2021-06-10',
    beslut: 'Styrelsen 2021-06-10 § 3',
    kostnader: [{ område: 'operativa', post: 'Insats', belopp: '8500000.00' }],
    intäkter: [{ slag: 'esf', belopp: '2900000.00' }],
  });
  await ledger.record(
    'MedlemsbidragMottaget',
    contribution('2021-01-10', 'Staten', 'staten', '3000000.00'),
  );
  await ledger.record(
    'MedlemsbidragMottaget',
    contribution('2021-01-10', 'Region Stockholm', 'region', '1500000.00'),
  );
  await ledger.record(
    'MedlemsbidragMottaget',
    contribution('2021-01-10', 'Täby kommun', 'kommun', '500000.00'),
  );
  await ledger.record('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'UI-1',
    slag: 'upplupen-intäkt',
    intäktsslag: 'esf',
    belopp: '160000.00',
    text: 'Återföring ESF',
  });
  await ledger.record('ESFUtbetalning', {
    datum: '2021-03-01',
    projekt: 'MIA',
    period: 'nov–feb',
    belopp: '2800000.00',
  });
  await ledger.record('ÖvrigIntäktBokförd', {
    datum: '2021-04-01',
    intäktsslag: 'övrig',
    intäktspost: 'Intäkt försäljning tjänst',
    belopp: '57000.00',
    text: 'Tjänst',
    betalning: { sätt: 'bank' },
  });
  await ledger.record('KostnadBokförd', cost('2021-06-01', 'operativa', 'Insats', '8200000.00'));
  await ledger.record(
    'KostnadBokförd',
    cost('2021-06-01', 'administrativa', 'Kansli', '1900000.00'),
  );
  await ledger.record('FinansiellKostnadBokförd', {
    datum: '2021-12-31',
    belopp: '60.00',
    text: 'Bankavgift',
  });
  return ledger.totals();
}

test('driftredovisning: outcome, the budget in force at year end (ändringsbeslut included), avvikelse = utfall − budget, last year', async (t) => {
  const totals = await scenario();
  const drift = driftredovisning(totals, 2021);
  t.is(drift.name, 'Driftredovisning');
  t.deepEqual(
    drift.rows.map((row) => row.key),
    ['nettokostnad', 'medlemsavgift', 'extern-finansiering', 'resultat', 'utgående-eget-kapital'],
  );
  // [utfall 2021, budget 2021, avvikelse = utfall − budget, utfall 2020]
  t.deepEqual(
    amounts(drift, 'nettokostnad'),
    ['10100000.00', '10500000.00', '-400000.00', '8500000.00'],
    'costs positive; under budget is negative',
  );
  t.deepEqual(amounts(drift, 'medlemsavgift'), ['5000000.00', '5000000.00', '0.00', '4866000.00']);
  t.deepEqual(
    amounts(drift, 'extern-finansiering'),
    ['2697000.00', '3000000.00', '-303000.00', '2160000.00'],
    'ESF net of the reversed accrual, plus other income',
  );
  t.deepEqual(
    amounts(drift, 'resultat'),
    ['-2403060.00', '-2500000.00', '96940.00', '-1474000.00'],
    'the bank fee is in the result',
  );
  // Opening equity 2021: 5 000 000 − 1 474 000 = 3 526 000; budget: 3 526 000 − 2 500 000.
  t.deepEqual(amounts(drift, 'utgående-eget-kapital'), [
    '1122940.00',
    '1026000.00',
    '96940.00',
    '3526000.00',
  ]);
  for (const [column, year] of [
    [0, 2021],
    [3, 2020],
  ] as const) {
    t.deepEqual(
      rowOf(drift, 'resultat').amounts[column],
      rowOf(resultaträkning(totals, year), 'årets-resultat').amounts[0],
      `resultat = årets resultat ${year}`,
    );
    t.deepEqual(
      rowOf(drift, 'utgående-eget-kapital').amounts[column],
      rowOf(balansräkning(totals, year), 'summa-eget-kapital').amounts[0],
      `utgående eget kapital = BR ${year}`,
    );
    t.deepEqual(
      rowOf(drift, 'nettokostnad').amounts[column],
      rowOf(resultaträkning(totals, year), 'verksamhetens-kostnader').amounts[0]!.negated(),
    );
  }
  t.deepEqual(
    drift.columns.map((column) => [column.year, column.kind, column.label, column.source]),
    [
      [2021, 'utfall', 'Utfall jan–dec 2021', 'bokföring'],
      [2021, 'budget', 'Budget jan–dec 2021 (inkl. ändringsbeslut)', 'bokföring'],
      [2021, 'avvikelse', 'Avvikelse utfall − budget', 'bokföring'],
      [2020, 'jämförelseår', 'Utfall jan–dec 2020', 'bokföring'],
    ],
  );
  t.true(drift.notes![0]!.startsWith('Avvikelse = utfall − budget'));
  t.true(
    drift.notes!.includes(
      '2021: resultatet är årets resultat och inkluderar finansiella poster och avskrivningar, netto -60,00 kr.',
    ),
  );
  t.true(
    drift.notes!.some((note) =>
      note.startsWith(
        'Budget i kraft 2021-12-31: Styrelsen 2020-11-24 § 7 (2020-11-24); Styrelsen 2021-06-10 § 3 (2021-06-10).',
      ),
    ),
  );
  t.true(
    drift.notes!.some((note) =>
      note.includes('faktiskt ingående eget kapital + budgeterat resultat'),
    ),
  );
  const text = renderStatementText(drift, 'tkr');
  t.regex(text, /^ {2}Nettokostnad\s+10 100\s+10 500\s+-400\s+8 500$/m);
  t.regex(text, /^ {2}Resultat\s+-2 403\s+-2 500\s+97\s+-1 474$/m);
});

test('driftredovisning with the budget in force before the ändringsbeslut', async (t) => {
  const drift = driftredovisning(await scenario(), 2021, { budgetDatum: '2021-05-31' });
  t.deepEqual(amounts(drift, 'nettokostnad'), [
    '10100000.00',
    '10000000.00',
    '100000.00',
    '8500000.00',
  ]);
  t.deepEqual(amounts(drift, 'extern-finansiering'), [
    '2697000.00',
    '2600000.00',
    '97000.00',
    '2160000.00',
  ]);
  t.deepEqual(amounts(drift, 'resultat'), [
    '-2403060.00',
    '-2400000.00',
    '-3060.00',
    '-1474000.00',
  ]);
  t.deepEqual(amounts(drift, 'utgående-eget-kapital'), [
    '1122940.00',
    '1126000.00',
    '-3060.00',
    '3526000.00',
  ]);
  t.is(drift.columns[1]!.label, 'Budget jan–dec 2021 per 2021-05-31');
  t.true(
    drift.notes!.some((note) =>
      note.startsWith('Budget i kraft 2021-05-31: Styrelsen 2020-11-24 § 7 (2020-11-24).'),
    ),
  );
});

test('driftredovisning without a budget: budget and avvikelse null (saknas); nothing before the books: saknas', async (t) => {
  const totals = await scenario();
  const drift = driftredovisning(totals, 2020);
  t.deepEqual(amounts(drift, 'resultat'), ['-1474000.00', null, null, null]);
  t.deepEqual(
    drift.columns.map((column) => column.source),
    ['bokföring', 'saknas', 'saknas', 'saknas'],
  );
  t.true(drift.notes!.includes('Ingen budget för 2020 fastställd per 2020-12-31.'));
  t.false(
    drift.notes!.some((note) => note.includes('finansiella poster')),
    'no financial items in 2020, and 2019 is not covered',
  );
  t.is(
    driftredovisning(totals, 2021, { budgetDatum: '2020-11-23' }).columns[1]!.source,
    'saknas',
    'the day before the budget was adopted',
  );
});

test('driftredovisning: the budgeted utgående eget kapital starts from the budget’s own ingående eget kapital when it states one; the year before from historical figures', async (t) => {
  const ledger = books();
  await ledger.record('HistoriskaÅrsuppgifterRegistrerade', {
    år: 2019,
    källa: 'Årsredovisning 2019',
    resultaträkning: {
      verksamhetensIntäkter: '8677295.00',
      verksamhetensKostnader: '6696000.00',
      finansiellaKostnader: '1200.00',
    },
    balansräkning: {
      kassaOchBank: '2974000.00',
      åretsResultat: '1980095.00',
      övrigtEgetKapital: '993905.00',
    },
  });
  await ledger.record('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '2974000.00',
    momsfordran: '0',
    balanseratResultat: '2974000.00',
    öppnaPoster: [],
  });
  await ledger.record('BudgetFastställd', {
    år: 2020,
    beslutsdatum: '2019-11-20',
    beslut: 'Styrelsen 2019-11-20 § 5',
    kostnader: [{ område: 'operativa', post: 'MIA', belopp: '10690000.00' }],
    intäkter: [
      { slag: 'medlemsbidrag', belopp: '6000000.00' },
      { slag: 'esf', belopp: '4100000.00' },
    ],
    ingåendeEgetKapital: '2500000.00',
  });
  await ledger.record(
    'MedlemsbidragMottaget',
    contribution('2020-01-10', 'Staten', 'staten', '3000000.00'),
  );
  await ledger.record('KostnadBokförd', cost('2020-06-01', 'operativa', 'MIA', '1000000.00'));
  const drift = driftredovisning(await ledger.totals(), 2020);
  t.deepEqual(amounts(drift, 'resultat'), ['2000000.00', '-590000.00', '2590000.00', '1980095.00']);
  t.deepEqual(
    amounts(drift, 'utgående-eget-kapital'),
    ['4974000.00', '1910000.00', '3064000.00', '2974000.00'],
    'budget: 2 500 000 − 590 000',
  );
  t.deepEqual(amounts(drift, 'nettokostnad'), [
    '1000000.00',
    '10690000.00',
    '-9690000.00',
    '6696000.00',
  ]);
  t.deepEqual(
    amounts(drift, 'medlemsavgift'),
    ['3000000.00', '6000000.00', '-3000000.00', null],
    'the split of a historical year is not known',
  );
  t.deepEqual(amounts(drift, 'extern-finansiering'), ['0.00', '4100000.00', '-4100000.00', null]);
  t.is(drift.columns[3]!.source, 'historiska uppgifter');
  t.true(
    drift.notes!.some((note) => note.includes('budgetens ingående eget kapital 2 500 000,00 kr')),
  );
  t.true(
    drift.notes!.includes(
      '2019: resultatet är årets resultat och inkluderar finansiella poster och avskrivningar, netto -1 200,00 kr.',
    ),
  );
  t.true(drift.notes!.some((note) => note.startsWith('2019: historiska uppgifter')));
});

test('a malformed budgetDatum is refused as input (VALIDATION_FAILED naming options.budgetDatum), not as a broken invariant; a date that does not exist too', async (t) => {
  const totals = await scenario();
  for (const budgetDatum of ['2021-6-30', '2021-02-30', '30/06/2021']) {
    for (const [name, make] of [
      ['driftredovisning', () => driftredovisning(totals, 2021, { budgetDatum })],
      ['not2Kostnader', () => not2Kostnader(totals, 2021, { budgetDatum })],
    ] as const) {
      const error = t.throws(make, undefined, `${name} ${budgetDatum}`);
      t.true(isLedgerError(error, 'VALIDATION_FAILED'), `${name} ${budgetDatum}: ${String(error)}`);
      t.deepEqual(isLedgerError(error) ? error.issues.map((issue) => issue.path) : [], [
        'options.budgetDatum',
      ]);
    }
  }
});
