import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import type { Verifikation } from '../bookkeeping/Verifikation.js';
import { Money } from '../money/Money.js';
import type { EventInput } from '../facade/EventInput.js';
import { runProjection } from '../projections/Projection.js';
import { bookkeepingEvent, recordingBooks } from '../testing/bookkeepingFixtures.js';
import { collectAsync } from '../util/asyncIterable.js';
import { ledgerTotalsProjection } from './LedgerTotals.js';
import { not1Intäkter } from './Not1Intäkter.js';
import { renderStatementText } from './renderStatementText.js';
import { resultaträkning } from './Resultaträkning.js';
import { rowOf, type Statement } from './Statement.js';

/** Books on an in-memory store, every event checked by the bookkeeping rules. */
const books = () => recordingBooks(getInMemoryEventStore());

const amounts = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => (amount === null ? null : amount.toString()));

/** A member and its category, as a contribution names them. */
type Member = Pick<EventInput<'MedlemsbidragMottaget'>, 'medlem' | 'medlemskategori'>;

const staten: Member = {
  medlem: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
  medlemskategori: 'staten',
};
const region: Member = { medlem: 'Region Stockholm', medlemskategori: 'region' };
const kommun = (medlem: string): Member => ({ medlem, medlemskategori: 'kommun' });

/**
 * Two years of income: members (one contribution corrected), ESF with an accrual, a grant, other
 * income with and without intäktspost.
 */
async function twoYears() {
  const ledger = books();
  await ledger.record('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '100000.00',
    momsfordran: '0',
    balanseratResultat: '100000.00',
    öppnaPoster: [],
  });
  // Recorded out of print order on purpose: the region first, a kommun before the state.
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2020-01-15',
    ...region,
    period: '2020',
    belopp: '375000.00',
  });
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2020-01-20',
    ...kommun('Täby kommun'),
    period: '2020',
    belopp: '90000.00',
  });
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2020-02-01',
    ...staten,
    period: '2020',
    belopp: '750000.00',
  });
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2020-02-10',
    ...kommun('Österåkers kommun'),
    period: '2020',
    belopp: '65000.00',
  });
  const twice = await ledger.record('MedlemsbidragMottaget', {
    datum: '2020-03-01',
    ...kommun('Täby kommun'),
    period: '2020',
    belopp: '90000.00',
  });
  await ledger.correct(twice, '2020-03-05');
  await ledger.record('ESFUtbetalning', {
    datum: '2020-05-01',
    projekt: 'MIA',
    period: 'jan–apr',
    belopp: '200000.00',
  });
  await ledger.record('ÖvrigIntäktBokförd', {
    datum: '2020-06-01',
    intäktsslag: 'bidrag',
    belopp: '15000.00',
    text: 'Bidrag',
    betalning: { sätt: 'bank' },
  });
  await ledger.record('ÖvrigIntäktBokförd', {
    datum: '2020-07-01',
    intäktsslag: 'övrig',
    intäktspost: 'Utlåning av personal',
    belopp: '10000.00',
    text: 'Utlåning',
    betalning: { sätt: 'bank' },
  });
  await ledger.record('ÖvrigIntäktBokförd', {
    datum: '2020-08-01',
    intäktsslag: 'övrig',
    belopp: '700.00',
    text: 'Övrigt',
    betalning: { sätt: 'bank' },
  });
  await ledger.record('IntäktUpplupen', {
    datum: '2020-12-31',
    postId: 'UI-1',
    intäktsslag: 'esf',
    belopp: '80000.00',
    text: 'ESF sep–dec',
  });
  await ledger.record('IntäktUpplupen', {
    datum: '2020-12-31',
    postId: 'UI-2',
    intäktsslag: 'övrig',
    intäktspost: 'Intäkt försäljning tjänst',
    belopp: '5000.00',
    text: 'Tjänst dec',
  });
  await ledger.close(2020, '2021-02-15');
  await ledger.record('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'UI-1',
    slag: 'upplupen-intäkt',
    intäktsslag: 'esf',
    belopp: '80000.00',
    text: 'Återföring ESF',
  });
  await ledger.record('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'UI-2',
    slag: 'upplupen-intäkt',
    intäktsslag: 'övrig',
    intäktspost: 'Intäkt försäljning tjänst',
    belopp: '5000.00',
    text: 'Återföring tjänst',
  });
  await ledger.record('ESFUtbetalning', {
    datum: '2021-02-01',
    projekt: 'MIA',
    period: 'sep–dec',
    belopp: '130000.00',
  });
  await ledger.record('ÖvrigIntäktBokförd', {
    datum: '2021-03-01',
    intäktsslag: 'övrig',
    intäktspost: 'Intäkt försäljning tjänst',
    belopp: '5000.00',
    text: 'Tjänst',
    betalning: { sätt: 'bank' },
  });
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2021-01-15',
    ...kommun('Vallentuna kommun'),
    period: '2021',
    belopp: '50000.00',
  });
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2021-01-16',
    ...region,
    period: '2021',
    belopp: '375000.00',
  });
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2021-01-20',
    ...kommun('Täby kommun'),
    period: '2021',
    belopp: '92000.00',
  });
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2021-02-01',
    ...staten,
    period: '2021',
    belopp: '750000.00',
  });
  return ledger.totals();
}

test('Not 1 has a line per member (staten, kommuner as first booked, region last), ESF, grants and other income per intäktspost; the correction is gone; summa is the RR', async (t) => {
  const totals = await twoYears();
  const not1 = not1Intäkter(totals, 2020);
  t.is(not1.name, 'Not 1 Verksamhetens intäkter');
  t.deepEqual(
    not1.rows.map((row) => row.key),
    [
      'medlem:Staten (Försäkringskassan/Arbetsförmedlingen)',
      'medlem:Täby kommun',
      'medlem:Österåkers kommun',
      'medlem:Region Stockholm',
      'esf',
      'bidrag',
      'övrig:Utlåning av personal',
      'övrig',
      'övrig:Intäkt försäljning tjänst',
      'summa',
    ],
  );
  t.is(rowOf(not1, 'medlem:Täby kommun').label, 'Medlemsbidrag från Täby kommun');
  t.is(rowOf(not1, 'esf').label, 'Medel från Europeiska socialfonden');
  t.is(rowOf(not1, 'bidrag').label, 'Andra bidrag');
  t.is(rowOf(not1, 'övrig').label, 'Övriga intäkter');
  t.is(rowOf(not1, 'övrig:Intäkt försäljning tjänst').label, 'Intäkt försäljning tjänst');
  t.deepEqual(
    amounts(not1, 'medlem:Täby kommun'),
    ['90000.00', null],
    'the corrected second contribution is not counted',
  );
  t.deepEqual(amounts(not1, 'esf'), ['280000.00', null], 'payment plus the accrual at year end');
  t.deepEqual(amounts(not1, 'övrig:Intäkt försäljning tjänst'), ['5000.00', null]);
  t.deepEqual(amounts(not1, 'summa'), ['1590700.00', null]);
  t.true(
    rowOf(not1, 'summa').amounts[0]!.equals(
      rowOf(resultaträkning(totals, 2020), 'verksamhetens-intäkter').amounts[0]!,
    ),
  );
  t.deepEqual(
    not1.columns.map((column) => [column.label, column.kind, column.source]),
    [
      ['2020-12-31', 'utfall', 'bokföring'],
      ['2019-12-31', 'jämförelseår', 'saknas'],
    ],
  );
});

test('Not 1 next year: accrual reversals land on their own lines, a new kommun comes after those first booked earlier, lines of last year only stay', async (t) => {
  const totals = await twoYears();
  const not1 = not1Intäkter(totals, 2021);
  t.deepEqual(
    not1.rows.map((row) => row.key),
    [
      'medlem:Staten (Försäkringskassan/Arbetsförmedlingen)',
      'medlem:Täby kommun',
      'medlem:Österåkers kommun',
      'medlem:Vallentuna kommun',
      'medlem:Region Stockholm',
      'esf',
      'bidrag',
      'övrig:Utlåning av personal',
      'övrig',
      'övrig:Intäkt försäljning tjänst',
      'summa',
    ],
  );
  t.deepEqual(
    amounts(not1, 'esf'),
    ['50000.00', '280000.00'],
    '130 000 paid less the 80 000 accrued in 2020',
  );
  t.deepEqual(
    amounts(not1, 'övrig:Intäkt försäljning tjänst'),
    ['0.00', '5000.00'],
    'the reversal takes the accrual off the same line the invoice lands on',
  );
  t.deepEqual(amounts(not1, 'medlem:Österåkers kommun'), ['0.00', '65000.00']);
  t.deepEqual(amounts(not1, 'medlem:Vallentuna kommun'), ['50000.00', '0.00']);
  t.deepEqual(amounts(not1, 'summa'), ['1317000.00', '1590700.00']);
  t.deepEqual(
    rowOf(not1, 'summa').amounts,
    rowOf(resultaträkning(totals, 2021), 'verksamhetens-intäkter').amounts,
  );
  t.deepEqual(
    not1.columns.map((column) => column.source),
    ['bokföring', 'bokföring'],
  );
  const text = renderStatementText(not1, 'tkr');
  t.regex(text, /^ {2}Medlemsbidrag från Täby kommun\s+92\s+90$/m);
  t.regex(text, /^ {2}Summa\s+1 317\s+1 591$/m);
});

test('Not 1 of the first year takes only summa from historical figures of the year before', async (t) => {
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
  await ledger.record('MedlemsbidragMottaget', {
    datum: '2020-01-15',
    ...region,
    period: '2020',
    belopp: '375000.00',
  });
  const not1 = not1Intäkter(await ledger.totals(), 2020);
  t.deepEqual(amounts(not1, 'medlem:Region Stockholm'), ['375000.00', null]);
  t.deepEqual(amounts(not1, 'summa'), ['375000.00', '500000.00']);
  t.is(not1.columns[1]!.source, 'historiska uppgifter');
  t.true(not1.notes!.some((note) => note.startsWith('2019: endast summan')));
});

test('Not 1 counts income booked without dimensions on a line per account, so summa still equals the RR', async (t) => {
  const events = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2021-01-01',
      text: 'IB',
      kassaOchBank: '10.00',
      momsfordran: '0',
      balanseratResultat: '10.00',
      öppnaPoster: [],
    }),
    bookkeepingEvent('ESFUtbetalning', {
      datum: '2021-03-01',
      projekt: 'MIA',
      period: 'q1',
      belopp: '1000.00',
    }),
  ];
  const posted = await collectAsync(postEvents(events, defaultChart));
  // A hand-made verifikation with income lines that carry no dimensions (e.g. from an imported
  // journal).
  const bare: Verifikation = {
    datum: '2021-04-01',
    text: 'Import',
    rader: [
      { konto: '1930', belopp: Money.from('350.00') },
      { konto: '3990', belopp: Money.from('-300.00') },
      { konto: '3987', belopp: Money.from('-50.00') },
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
    ledgerTotalsProjection(defaultChart),
  );
  const not1 = not1Intäkter(totals, 2021);
  t.deepEqual(
    not1.rows.map((row) => row.key),
    ['esf', 'utan-specifikation:3987', 'utan-specifikation:3990', 'summa'],
  );
  t.is(rowOf(not1, 'utan-specifikation:3990').label, 'Övriga intäkter (utan specifikation)');
  t.deepEqual(amounts(not1, 'summa'), ['1350.00', null]);
  t.deepEqual(
    rowOf(not1, 'summa').amounts.slice(0, 1),
    rowOf(resultaträkning(totals, 2021), 'verksamhetens-intäkter').amounts.slice(0, 1),
  );
});
