import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { renderStatementText } from '../statements/renderStatementText.js';
import { rowOf } from '../statements/Statement.js';
import { collectAsync } from '../util/asyncIterable.js';
import { createLedger } from './createLedger.js';
import { must } from './must.testSupport.js';
import type { EventInput } from './EventInput.js';

const metadata = { recordedAt: '2021-01-05T08:00:00.000Z', recordedBy: 'Ekonom' };

test('a small year end to end: record, accrue, reverse, correct, close, and read the statements', async (t) => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  await must(
    ledger.record(
      'IngåendeBalansRegistrerad',
      {
        datum: '2020-01-01',
        text: 'IB 2020',
        kassaOchBank: '1000.00',
        momsfordran: '0',
        balanseratResultat: '1000.00',
        öppnaPoster: [],
      },
      { metadata },
    ),
  );
  await must(
    ledger.record(
      'MedlemsbidragMottaget',
      {
        datum: '2020-03-31',
        medlem: 'Region Stockholm',
        medlemskategori: 'region',
        period: '2020 kv 1',
        belopp: '375000.00',
      },
      { metadata },
    ),
  );
  await must(
    ledger.record(
      'KostnadBokförd',
      {
        datum: '2020-04-30',
        område: 'operativa',
        post: 'Arbetsträning',
        belopp: '33000.00',
        moms: '8250.00',
        text: 'Arbetsträning april',
        betalning: { sätt: 'leverantörsskuld', postId: 'F-1' },
      },
      { metadata },
    ),
  );
  const wrong = await must(
    ledger.record(
      'FinansiellKostnadBokförd',
      { datum: '2020-05-31', belopp: '60.00', text: 'Bankavgift' },
      { metadata },
    ),
  );
  await must(
    ledger.correct(wrong.event.eventId, '2020-06-30', 'Avgiften återbetalades av banken', {
      metadata,
    }),
  );
  await must(
    ledger.record(
      'KostnadBokförd',
      {
        datum: '2020-12-31',
        område: 'administrativa',
        post: 'Styrelse',
        belopp: '44577.00',
        text: 'Styrelsearvode nov',
        betalning: { sätt: 'upplupen', postId: 'UK-1' },
      },
      { metadata },
    ),
  );
  await must(ledger.closeYear(2020, '2021-03-17', { metadata }));
  await must(ledger.reverseAccrual('UK-1', '2021-01-01', { metadata }));

  const { resultaträkning, balansräkning, kassaflödesanalys } = await ledger.statements(2020);
  t.is(rowOf(resultaträkning, 'verksamhetens-intäkter').amounts[0]!.toString(), '375000.00');
  t.is(rowOf(resultaträkning, 'verksamhetens-kostnader').amounts[0]!.toString(), '-77577.00');
  t.is(rowOf(resultaträkning, 'finansiella-kostnader').amounts[0]!.toString(), '0.00');
  t.is(rowOf(resultaträkning, 'årets-resultat').amounts[0]!.toString(), '297423.00');
  t.is(rowOf(balansräkning, 'kassa-och-bank').amounts[0]!.toString(), '376000.00');
  t.is(rowOf(balansräkning, 'övriga-fordringar').amounts[0]!.toString(), '8250.00');
  t.is(rowOf(balansräkning, 'leverantörsskulder').amounts[0]!.toString(), '41250.00');
  t.is(rowOf(balansräkning, 'upplupna-kostnader').amounts[0]!.toString(), '44577.00');
  t.is(rowOf(balansräkning, 'övrigt-eget-kapital').amounts[0]!.toString(), '1000.00');
  t.is(rowOf(balansräkning, 'summa-tillgångar').amounts[0]!.toString(), '384250.00');
  t.is(
    rowOf(kassaflödesanalys, 'förändring-kortfristiga-fordringar').amounts[0]!.toString(),
    '-8250.00',
  );
  t.is(
    rowOf(kassaflödesanalys, 'förändring-kortfristiga-skulder').amounts[0]!.toString(),
    '85827.00',
  );
  t.is(
    rowOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut').amounts[0]!.toString(),
    '376000.00',
  );
  t.deepEqual(
    resultaträkning.columns.map((column) => column.source),
    ['bokföring', 'saknas'],
  );

  const next = await ledger.statements(2021);
  t.is(
    rowOf(next.balansräkning, 'övrigt-eget-kapital').amounts[0]!.toString(),
    '298423.00',
    'the 2020 result is in övrigt eget kapital in 2021',
  );
  t.is(
    rowOf(next.resultaträkning, 'årets-resultat').amounts[0]!.toString(),
    '44577.00',
    'the reversed accrual until the invoice is booked',
  );
  t.is(
    rowOf(next.balansräkning, 'upplupna-kostnader').amounts[1]!.toString(),
    '44577.00',
    'comparison column is 2020',
  );

  const journal2020 = await collectAsync(ledger.verifikationer(2020));
  t.deepEqual(
    journal2020.map((verifikation) => verifikation.löpnummer),
    [1, 2, 3, 4, 5, 6, 7],
  );
  t.is(
    journal2020[4]!.rättar,
    wrong.event.eventId,
    'the correction points at the event it reverses',
  );
  t.is(journal2020[6]!.bokslut, 'årets-resultat');
  t.deepEqual(
    (await collectAsync(ledger.verifikationer(2021))).map((verifikation) => [
      verifikation.löpnummer,
      verifikation.bokslut ?? verifikation.eventType,
    ]),
    [
      [1, 'omföring'],
      [2, 'PeriodiseringÅterförd'],
    ],
  );

  const text = renderStatementText(resultaträkning);
  t.regex(text, /^Resultaträkning\s+Not\s+2020-12-31\s+2019-12-31$/m);
  t.regex(text, /^ {2}Verksamhetens kostnader\s+2\s+-77 577$/m);
  t.regex(text, /^ {2}Årets resultat\s+297 423$/m);
  t.regex(
    renderStatementText(resultaträkning, 'tkr'),
    /^ {2}Verksamhetens kostnader\s+2\s+-78$/m,
    'tkr rounds -77 577 half away from zero',
  );
  t.regex(renderStatementText(resultaträkning, 'mkr'), /^ {2}Årets resultat\s+0,30$/m);
});

test('bad input is refused with a typed error naming the field and rule, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const float = await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2020-03-31',
      medlem: 'Täby kommun',
      medlemskategori: 'kommun',
      period: '2020',
      // @ts-expect-error: an amount is a decimal string; the schema refuses a number too.
      belopp: 363333.33,
    },
    { metadata },
  )();
  t.true(E.isLeft(float));
  if (E.isLeft(float)) {
    t.is(float.left.code, 'INVALID_AMOUNT');
    t.deepEqual(
      float.left.issues.map((issue) => [issue.path, issue.rule]),
      [['data.belopp', 'decimal-string-required']],
    );
  }
  // A missing amount is a required field, not a number typed where a string belongs.
  const missing = await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2020-03-31',
      medlem: 'Region Stockholm',
      medlemskategori: 'region',
      period: '2020 kv 1',
    } as unknown as EventInput<'MedlemsbidragMottaget'>,
    { metadata },
  )();
  if (E.isRight(missing)) return t.fail('a contribution without belopp was recorded');
  t.is(missing.left.code, 'VALIDATION_FAILED');
  t.deepEqual(
    missing.left.issues.map((issue) => [issue.path, issue.rule, issue.message]),
    [['data.belopp', 'required', 'data.belopp: is required']],
  );
  const wrongType = await ledger.record(
    'MedlemsbidragMottaget',
    {
      datum: '2020-02-30',
      medlem: 'Täby kommun',
      // @ts-expect-error: not a member category; the schema refuses it at run time too.
      medlemskategori: 'förening',
      period: '2020',
      belopp: '1.00',
    },
    { metadata },
  )();
  t.true(E.isLeft(wrongType) && wrongType.left.code === 'VALIDATION_FAILED');
  if (E.isLeft(wrongType))
    t.deepEqual(wrongType.left.issues.map((issue) => issue.path).sort(), [
      'data.datum',
      'data.medlemskategori',
    ]);
  const personnummer = await ledger.record(
    'KostnadBokförd',
    {
      datum: '2020-03-31',
      område: 'operativa',
      post: 'Deltagarstöd',
      belopp: '100.00',
      text: 'Resa för 19850412-1234',
      betalning: { sätt: 'bank' },
    },
    { metadata },
  )();
  t.true(E.isLeft(personnummer) && personnummer.left.code === 'PERSONNUMMER_REFUSED');
  // @ts-expect-error: not an event of the books; the catalog refuses it at run time too.
  const unknownType = await ledger.record('Okänd', {}, { metadata })();
  t.true(E.isLeft(unknownType) && unknownType.left.code === 'UNKNOWN_EVENT_TYPE');
  const badMetadata = await ledger.record(
    'FinansiellKostnadBokförd',
    { datum: '2020-05-31', belopp: '60.00', text: 'Bankavgift' },
    { metadata: { recordedAt: 'igår', recordedBy: '' } },
  )();
  t.true(E.isLeft(badMetadata) && badMetadata.left.code === 'VALIDATION_FAILED');
  t.deepEqual(await collectAsync(store.readAll()), []);
});

test('a read given a year that is not a whole number from 1990 to 2200 rejects naming the year, not an option', async (t) => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  for (const year of [2025.5, 1800, 2201, Number.NaN]) {
    for (const read of [
      () => ledger.annualReport(year),
      () => ledger.statements(year),
      () => collectAsync(ledger.verifikationer(year)),
    ]) {
      const error = await t.throwsAsync(read, { instanceOf: Error });
      t.like(error, { code: 'VALIDATION_FAILED' });
      t.deepEqual(
        (error as unknown as { issues: { path: string; rule: string }[] }).issues.map((issue) => [
          issue.path,
          issue.rule,
        ]),
        [['year', 'financial-year']],
      );
      t.regex(error!.message, /^year must be a year as a whole number from 1990 to 2200, not /);
    }
  }
});

test('a förbund id the configuration would refuse is refused when the books are opened, naming förbundId', (t) => {
  for (const förbundId of ['', 'ekbacken/../x', 'Ekbacken Ö', 'a'.repeat(65)]) {
    const error = t.throws(() => createLedger({ store: getInMemoryEventStore(), förbundId }));
    t.like(error, { code: 'INVALID_STREAM_ID' });
    t.deepEqual(
      (error as unknown as { issues: { path: string; rule: string }[] }).issues.map((issue) => [
        issue.path,
        issue.rule,
      ]),
      [['förbundId', 'förbund-id']],
    );
  }
  t.notThrows(() => createLedger({ store: getInMemoryEventStore(), förbundId: 'ekbacken-2' }));
});

test('a batch refused by a rule names the event that broke it: its place, its path, nothing written', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const options = { metadata };
  const refused = await ledger.recordAll([
    {
      type: 'KostnadBokförd',
      data: {
        datum: '2020-04-30',
        område: 'operativa',
        post: 'Arbetsträning',
        belopp: '200.00',
        text: 'Arbetsträning april',
        betalning: { sätt: 'leverantörsskuld', postId: 'A1' },
      },
      options,
    },
    {
      type: 'LeverantörsskuldBetald',
      data: { datum: '2020-05-10', postId: 'A1', belopp: '150.00' },
      options,
    },
    {
      type: 'LeverantörsskuldBetald',
      data: { datum: '2020-05-20', postId: 'A1', belopp: '150.00' },
      options,
    },
  ])();
  if (E.isRight(refused)) return t.fail('a payment above what is owed was recorded');
  t.is(refused.left.code, 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT');
  t.regex(refused.left.message, /^Event 3 of 3 \(LeverantörsskuldBetald\): /);
  t.deepEqual(
    refused.left.issues.map((issue) => issue.path),
    ['events[2].data.belopp'],
  );
  t.is(refused.left.details['batchIndex'], 2);
  t.is((await collectAsync(store.readAll())).length, 0, 'nothing was written');
  // One event alone keeps the path it always had.
  const alone = await ledger.record(
    'LeverantörsskuldBetald',
    { datum: '2020-05-20', postId: 'A1', belopp: '150.00' },
    options,
  )();
  if (E.isRight(alone)) return t.fail('a payment of nothing owed was recorded');
  t.deepEqual(
    alone.left.issues.map((issue) => issue.path.startsWith('events[')),
    alone.left.issues.map(() => false),
  );
});
