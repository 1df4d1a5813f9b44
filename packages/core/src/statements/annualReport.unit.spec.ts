import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger } from '../facade/createLedger.js';
import type { BookkeepingEventType } from '../bookkeeping/bookkeepingCatalog.js';
import type { EventInput } from '../facade/EventInput.js';
import { renderAnnualReportText, statementsOf } from './annualReport.js';
import { rowOf } from './Statement.js';

const metadata = { recordedAt: '2022-01-10T08:00:00.000Z', recordedBy: 'Ekonom' };

async function ledgerWithYear() {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'helhet' });
  const steps: [BookkeepingEventType, unknown][] = [
    [
      'IngåendeBalansRegistrerad',
      {
        datum: '2021-01-01',
        text: 'IB',
        kassaOchBank: '900000.00',
        momsfordran: '0',
        balanseratResultat: '900000.00',
        öppnaPoster: [],
      },
    ],
    [
      'BudgetFastställd',
      {
        år: 2021,
        beslutsdatum: '2020-11-20',
        beslut: 'Styrelsen 2020-11-20 § 5',
        kostnader: [
          { område: 'operativa', post: 'Insatspersonal', belopp: '2000000.00' },
          { område: 'administrativa', post: 'Kansli', belopp: '500000.00' },
        ],
        intäkter: [{ slag: 'medlemsbidrag', belopp: '2000000.00' }],
      },
    ],
    [
      'PersonalresurserRegistrerade',
      { år: 2021, årsarbetare: { administrativa: '1.0', operativa: '3.5' } },
    ],
    [
      'MedlemsbidragMottaget',
      {
        datum: '2021-01-20',
        medlem: 'Staten',
        medlemskategori: 'staten',
        period: '2021',
        belopp: '1000000.00',
      },
    ],
    [
      'MedlemsbidragMottaget',
      {
        datum: '2021-01-21',
        medlem: 'Region',
        medlemskategori: 'region',
        period: '2021',
        belopp: '500000.00',
      },
    ],
    [
      'MedlemsbidragMottaget',
      {
        datum: '2021-01-22',
        medlem: 'Kommunen',
        medlemskategori: 'kommun',
        period: '2021',
        belopp: '500000.00',
      },
    ],
    [
      'KostnadBokförd',
      {
        datum: '2021-06-30',
        område: 'operativa',
        post: 'Insatspersonal',
        belopp: '1800000.00',
        text: 'Insatspersonal',
        betalning: { sätt: 'bank' },
      },
    ],
    [
      'KostnadBokförd',
      {
        datum: '2021-12-31',
        område: 'administrativa',
        post: 'Kansli',
        belopp: '450000.00',
        text: 'Kansli dec',
        betalning: { sätt: 'leverantörsskuld', postId: 'LS-1' },
      },
    ],
  ];
  for (const [type, data] of steps) {
    const recorded = await ledger.record(type, data as EventInput<typeof type>, { metadata })();
    if (E.isLeft(recorded)) throw recorded.left;
  }
  return ledger;
}

test('ledger.annualReport gives every part of the årsredovisning, each agreeing with the resultaträkning and balansräkning', async (t) => {
  const ledger = await ledgerWithYear();
  const report = await ledger.annualReport(2021, {
    guidelines: { administrativaKostnaderMax: '400000.00' },
  });
  t.deepEqual(
    statementsOf(report).map((statement) => statement.name),
    [
      'Flerårsöversikt',
      'Resultaträkning',
      'Balansräkning',
      'Kassaflödesanalys',
      'Driftredovisning',
      'Not 1 Verksamhetens intäkter',
      'Not 2 Verksamhetens kostnader',
      'Not 3 Fordringar',
      'Not 4 Kortfristiga skulder',
    ],
  );
  const rrKostnader = rowOf(report.resultaträkning, 'verksamhetens-kostnader').amounts[0]!;
  t.is(rrKostnader.toString(), '-2250000.00');
  t.true(rowOf(report.not2, 'summa').amounts[0]!.equals(rrKostnader.negated()));
  t.deepEqual(
    rowOf(report.driftredovisning, 'nettokostnad')
      .amounts.slice(0, 3)
      .map((amount) => amount?.toString()),
    ['2250000.00', '2500000.00', '-250000.00'],
  );
  t.is(rowOf(report.not4, 'summa:leverantörsskulder').amounts[0]!.toString(), '450000.00');
  t.is(rowOf(report.flerårsöversikt, 'personal:operativa').amounts[0]!.toString(), '3.50');
  const check = (key: string) =>
    report.finansiellaRiktlinjer.checks.find((candidate) => candidate.key === key)!;
  t.true(check('finsam-5-paragraf').passed);
  t.false(check('administrativa-kostnader').passed, '450 000 over the 400 000 cap');
  t.true(check('operativa-andel').passed, 'all insatsmedel went to operativa');
  t.false(check('eget-kapital').passed, '650 000 of eget kapital against 20 % of 2 000 000');
});

test('the printed annual report is the same bytes on every replay, and names every part', async (t) => {
  const ledger = await ledgerWithYear();
  const first = renderAnnualReportText(await ledger.annualReport(2021), 'tkr');
  const second = renderAnnualReportText(await ledger.annualReport(2021), 'tkr');
  t.is(first, second);
  t.regex(
    first,
    /^Tabellerna anger belopp i tusental kronor \(tkr\) .*Varje belopp avrundas en gång från exakta kronor/m,
    'the unit and the rounding rule are stated before the first table',
  );
  t.true(first.indexOf('Tabellerna anger') < first.indexOf('Resultaträkning'));
  for (const heading of [
    'Flerårsöversikt',
    'Resultaträkning',
    'Balansräkning',
    'Kassaflödesanalys',
    'Driftredovisning',
    'Not 1',
    'Not 2',
    'Not 3',
    'Not 4',
    'Finansiella riktlinjer 2021',
  ])
    t.true(first.includes(heading), heading);
  t.is(
    JSON.stringify(await ledger.annualReport(2021)),
    JSON.stringify(await ledger.annualReport(2021)),
    'and the same JSON',
  );
});
