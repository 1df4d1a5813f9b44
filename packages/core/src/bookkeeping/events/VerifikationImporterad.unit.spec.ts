import test from 'ava';
import * as E from 'fp-ts/Either';
import { createLedger } from '../../facade/createLedger.js';
import { must } from '../../facade/must.testSupport.js';
import { getInMemoryEventStore } from '../../store/getInMemoryEventStore.js';
import { collectAsync } from '../../util/asyncIterable.js';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const källa = { filHash: 'a'.repeat(64), serie: 'B', nummer: '17' };
const imported = (
  rader: { konto: string; belopp: string; dimensioner?: Record<string, string> }[],
) => event('VerifikationImporterad', { datum: '2021-03-04', text: 'Konsult', källa, rader });

test('VerifikationImporterad posts its rows as mapped, with their dimensions', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(
        imported([
          {
            konto: '6010',
            belopp: '250.00',
            dimensioner: { område: 'administrativa', post: 'Kansli' },
          },
          { konto: '1930', belopp: '-250.00' },
        ]),
      )
      .thenPosts([
        {
          datum: '2021-03-04',
          text: 'Konsult',
          rader: [
            {
              konto: '6010',
              debet: '250.00',
              dimensioner: { område: 'administrativa', post: 'Kansli' },
            },
            { konto: '1930', kredit: '250.00' },
          ],
        },
      ]),
  );
});

test("the old system's regdatum, sign and row texts are kept: each row posts with its text", (t) => {
  const withDetails = event('VerifikationImporterad', {
    datum: '2021-03-04',
    text: 'Inbetalningsjournal 201',
    källa: { ...källa, registrerad: '2021-03-10', signatur: 'Christer Bengtsson' },
    rader: [
      { konto: '1930', belopp: '250.00', text: 'Faktnr 670, Karl Svensson' },
      { konto: '1510', belopp: '-250.00' },
    ],
  });
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(withDetails)
      .thenPosts([
        {
          datum: '2021-03-04',
          text: 'Inbetalningsjournal 201',
          rader: [
            { konto: '1930', debet: '250.00', text: 'Faktnr 670, Karl Svensson' },
            { konto: '1510', kredit: '250.00' },
          ],
        },
      ]),
  );
});

test('a sign or row text with a personnummer, or a regdatum that is no date, is refused naming the field', async (t) => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  const metadata = { recordedAt: '2021-03-05T08:00:00.000Z', recordedBy: 'Ekonom' };
  const refused = await ledger.record(
    'VerifikationImporterad',
    {
      datum: '2021-03-04',
      text: 'Lön mars',
      källa: { ...källa, registrerad: '2021-02-30', signatur: 'CB 19800101-1234' },
      rader: [
        { konto: '6010', belopp: '250.00', text: 'Lön 800101-1234' },
        { konto: '1930', belopp: '-250.00' },
      ],
    },
    { metadata },
  )();
  if (E.isRight(refused)) return t.fail('a personnummer was stored');
  t.is(refused.left.code, 'PERSONNUMMER_REFUSED');
  t.deepEqual(refused.left.issues.map((issue) => issue.path).sort(), [
    'data.källa.registrerad',
    'data.källa.signatur',
    'data.rader.0.text',
  ]);
});

test('rows that do not balance are refused naming data.rader', (t) => {
  t.throws(() =>
    imported([
      { konto: '6010', belopp: '250.00' },
      { konto: '1930', belopp: '-240.00' },
    ]),
  );
});

test('a row on an account the chart does not define is refused with UNKNOWN_ACCOUNT naming the row, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const metadata = { recordedAt: '2021-03-05T08:00:00.000Z', recordedBy: 'Ekonom' };
  await must(ledger.record('IngåendeBalansRegistrerad', opening2021.data, { metadata }));
  const rader = [
    { konto: '1930', belopp: '-250.00' },
    { konto: '9999', belopp: '250.00' },
  ];
  const refused = await ledger.record(
    'VerifikationImporterad',
    { datum: '2021-03-04', text: 'Konsult', källa, rader },
    { metadata },
  )();
  if (E.isRight(refused)) return t.fail('an unknown account was booked');
  t.is(refused.left.code, 'UNKNOWN_ACCOUNT');
  t.deepEqual(
    refused.left.issues.map((issue) => [issue.path, issue.rule]),
    [['data.rader.1.konto', 'account-in-chart']],
  );
  t.is((await collectAsync(store.readAll())).length, 1);
});

const importedInvoice = event('VerifikationImporterad', {
  datum: '2021-03-04',
  text: 'Konsult, faktura 88',
  källa,
  rader: [
    { konto: '6010', belopp: '250.00', dimensioner: { område: 'administrativa', post: 'Kansli' } },
    { konto: '2440', belopp: '-250.00' },
  ],
  öppnaPoster: [
    {
      händelse: 'öppnas',
      datum: '2021-03-04',
      post: {
        postId: 'LF-88',
        slag: 'leverantörsskuld',
        belopp: '250.00',
        text: 'Konsult, faktura 88',
        motpart: 'Konsulten AB',
      },
    },
  ],
});

test('an imported verifikation opens the open items its file names, with text and motpart', (t) => {
  const outcome = spec.given([opening2021]).when(importedInvoice).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.like(outcome.state.openItems.get('LF-88'), {
    slag: 'leverantörsskuld',
    text: 'Konsult, faktura 88',
    motpart: 'Konsulten AB',
    öppetBelopp: '250.00',
  });
});

test('an imported settlement above the open amount is refused naming the öppnaPoster row', (t) => {
  const payment = event('VerifikationImporterad', {
    datum: '2021-03-20',
    text: 'Betalning faktura 88',
    källa: { ...källa, nummer: '18' },
    rader: [
      { konto: '2440', belopp: '300.00' },
      { konto: '1930', belopp: '-300.00' },
    ],
    öppnaPoster: [
      {
        händelse: 'regleras',
        postId: 'LF-88',
        belopp: '300.00',
        slag: ['leverantörsskuld'],
        helt: false,
      },
    ],
  });
  t.notThrows(() =>
    spec
      .given([opening2021, importedInvoice])
      .when(payment)
      .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.öppnaPoster'),
  );
});

test('HändelseRättad corrects an imported verifikation: its rows reversed, its open item taken back', (t) => {
  const correction = event('HändelseRättad', {
    datum: '2021-04-01',
    rättadEventId: importedInvoice.eventId,
    orsak: 'Fakturan bokfördes två gånger i det gamla systemet',
    original: {
      type: importedInvoice.type,
      schemaVersion: importedInvoice.schemaVersion,
      data: importedInvoice.data,
    },
  });
  t.notThrows(() =>
    spec
      .given([opening2021, importedInvoice])
      .when(correction)
      .thenPosts([
        {
          datum: '2021-04-01',
          text: 'Rättelse: Konsult, faktura 88. Fakturan bokfördes två gånger i det gamla systemet',
          rader: [
            {
              konto: '6010',
              kredit: '250.00',
              dimensioner: { område: 'administrativa', post: 'Kansli' },
            },
            { konto: '2440', debet: '250.00' },
          ],
        },
      ]),
  );
  const outcome = spec.given([opening2021, importedInvoice]).when(correction).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.openItems.get('LF-88')?.öppetBelopp, '0.00');
  t.true(outcome.state.correctedEventIds.has(importedInvoice.eventId));
});

test('imported rows with an område, medlemskategori or intäktsslag that does not exist are refused naming the row, and nothing is written', async (t) => {
  const metadata = { recordedAt: '2021-03-05T08:00:00.000Z', recordedBy: 'Ekonom' };
  const recordImport = async (
    ledger: ReturnType<typeof createLedger>,
    dimensioner: Record<string, string>,
  ) =>
    ledger.record(
      'VerifikationImporterad',
      {
        datum: '2021-03-04',
        text: 'Medlemsavgift',
        källa,
        rader: [
          { konto: '1930', belopp: '250.00' },
          { konto: '3987', belopp: '-250.00', dimensioner },
        ],
      },
      { metadata },
    )();
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await must(ledger.record('IngåendeBalansRegistrerad', opening2021.data, { metadata }));
  const unknownValues = await recordImport(ledger, {
    medlemskategori: 'kommunen',
    medlem: 'Mora kommun',
    intäktsslag: 'medlemsbidrag',
  });
  if (E.isRight(unknownValues)) return t.fail('a medlemskategori that does not exist was booked');
  t.is(unknownValues.left.code, 'VALIDATION_FAILED');
  t.deepEqual(
    unknownValues.left.issues.map((issue) => [issue.path, issue.rule]),
    [
      ['data.rader.1.dimensioner.medlemskategori', 'known-dimension-value'],
      ['data.rader.1.dimensioner.intäktsslag', 'known-dimension-value'],
    ],
  );
  t.is((await collectAsync(store.readAll())).length, 1);
  // A declared member's name is the mapping's to get right (checkSieMappingNames, before an
  // import): a name alone does not move a figure, an unknown category does.
  const accepted = await recordImport(ledger, { medlemskategori: 'kommun', medlem: 'Mora kommun' });
  t.true(E.isRight(accepted), 'a known category is booked');
});

test('an imported refund above the VAT receivable is refused naming the row on the VAT account', async (t) => {
  const metadata = { recordedAt: '2021-03-05T08:00:00.000Z', recordedBy: 'Ekonom' };
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'test' });
  await must(ledger.record('IngåendeBalansRegistrerad', opening2021.data, { metadata }));
  const refused = await ledger.record(
    'VerifikationImporterad',
    {
      datum: '2021-03-04',
      text: 'Momsredovisning',
      källa,
      // 12 500 receivable, +100, then −20 000: the third row takes it below zero.
      rader: [
        { konto: '1650', belopp: '100.00' },
        { konto: '1930', belopp: '19900.00' },
        { konto: '1650', belopp: '-20000.00' },
      ],
    },
    { metadata },
  )();
  if (E.isRight(refused)) return t.fail('a refund above the receivable was booked');
  t.is(refused.left.code, 'VAT_REFUND_EXCEEDS_RECEIVABLE');
  t.deepEqual(
    refused.left.issues.map((issue) => [issue.path, issue.rule]),
    [['data.rader.2.belopp', 'at-most-vat-receivable']],
  );
  t.regex(refused.left.message, /The VAT receivable is 12500\.00 kr; .* -7400\.00 kr/);
});

test('a row konto that is no account number is refused naming the row and the rule, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  const metadata = { recordedAt: '2021-03-05T08:00:00.000Z', recordedBy: 'Ekonom' };
  const refused = await ledger.record(
    'VerifikationImporterad',
    {
      datum: '2021-03-04',
      text: 'Konsult',
      källa,
      rader: [
        { konto: '60 10', belopp: '250.00' },
        { konto: 1930 as unknown as string, belopp: '-250.00' }, // as JSON from a program might give it
      ],
    },
    { metadata },
  )();
  if (E.isRight(refused)) return t.fail('an account that is no number was stored');
  t.deepEqual(
    refused.left.issues.map(({ message }) => message),
    [
      'data.rader.0.konto: must be an account number of 1 to 8 digits, e.g. "1930"',
      'data.rader.1.konto: must be an account number as a string, e.g. "1930"',
    ],
  );
  t.deepEqual(await collectAsync(store.readAll()), []);
});
