import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  createLedger,
  ledgerOptionsFromConfiguration,
  parseFörbundConfiguration,
  type LedgerError,
  type RecordOptions,
  renderAnnualReportText,
  rowOf,
  type EventInput,
  type Medlemskategori,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';

const options: RecordOptions = {
  metadata: { recordedAt: '2024-01-10T09:00:00.000Z', recordedBy: 'ekonom@exempel' },
};

/** A made-up förbund of two municipalities, with one post per område and two insatser. */
const configuration = (() => {
  const parsed = parseFörbundConfiguration({
    version: 1,
    förbundId: 'exempel',
    namn: 'Samordningsförbundet Exempel',
    medlemmar: [
      { namn: 'Försäkringskassan', medlemskategori: 'staten' },
      { namn: 'Region Exempel', medlemskategori: 'region' },
      { namn: 'Norra kommun', medlemskategori: 'kommun' },
      { namn: 'Södra kommun', medlemskategori: 'kommun' },
    ],
    poster: [
      { område: 'administrativa', post: 'Kansli', underposter: ['Personal', 'Lokal'] },
      { område: 'operativa', post: 'Arbetsträning', år: [2024] },
      { område: 'operativa', post: 'Stegvis', år: [2025] },
    ],
    insatser: [
      { namn: 'Steget', områden: ['operativa'], år: [2024, 2025] },
      { namn: 'Kartläggning', områden: ['strukturpåverkande'] },
    ],
    finansiellaRiktlinjer: {
      egetKapitalTrappa: [
        { medelstilldelningMax: '1000000.00', andelMax: '0.30' },
        { andelMax: '0.10' },
      ],
    },
  });
  if (E.isLeft(parsed)) throw parsed.left;
  return parsed.right;
})();

const opening = {
  datum: '2024-01-01',
  text: 'Ingående balans 2024',
  kassaOchBank: '400000.00',
  momsfordran: '0.00',
  balanseratResultat: '400000.00',
  öppnaPoster: [],
};
const contribution = (
  medlem: string,
  medlemskategori: Medlemskategori,
  belopp: string,
): EventInput<'MedlemsbidragMottaget'> => ({
  datum: '2024-02-28',
  medlem,
  medlemskategori,
  period: '2024',
  belopp,
});
const cost = (
  fields: Partial<EventInput<'KostnadBokförd'>> & { post: string },
): EventInput<'KostnadBokförd'> => ({
  område: 'administrativa',
  datum: '2024-03-31',
  belopp: '60000.00',
  text: 'Handledning',
  betalning: { sätt: 'bank' },
  ...fields,
});

const leftOf = <Value>(result: E.Either<LedgerError, Value>): LedgerError => {
  if (E.isRight(result)) throw new Error('expected a refusal');
  return result.left;
};

test('a declared vocabulary refuses each unknown name with its field, its rule and the allowed values; nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, ...ledgerOptionsFromConfiguration(configuration) });
  t.true(E.isRight(await ledger.record('IngåendeBalansRegistrerad', opening, options)()));

  const member = leftOf(
    await ledger.record(
      'MedlemsbidragMottaget',
      contribution('Norra kommunen', 'kommun', '250000.00'),
      options,
    )(),
  );
  t.is(member.code, 'VALIDATION_FAILED');
  t.deepEqual(member.issues, [
    {
      path: 'data.medlem',
      rule: 'declared-member',
      message:
        '"Norra kommunen" is not a member of the förbund: must be one of: Försäkringskassan, Region Exempel, Norra kommun, Södra kommun',
    },
  ]);
  const category = leftOf(
    await ledger.record(
      'MedlemsbidragMottaget',
      contribution('Region Exempel', 'kommun', '250000.00'),
      options,
    )(),
  );
  t.deepEqual(
    category.issues.map((issue) => [issue.path, issue.rule]),
    [['data.medlemskategori', 'member-category']],
  );
  const post = leftOf(
    await ledger.record(
      'KostnadBokförd',
      cost({ område: 'operativa', post: 'Stegvis' }),
      options,
    )(),
  );
  t.deepEqual(post.issues, [
    {
      path: 'data.post',
      rule: 'declared-post',
      message:
        '"Stegvis" is not a declared post of område operativa in 2024: must be one of: Arbetsträning',
    },
  ]);
  const underpost = leftOf(
    await ledger.record(
      'KostnadBokförd',
      cost({ område: 'administrativa', post: 'Kansli', underpost: 'Resor' }),
      options,
    )(),
  );
  t.deepEqual(
    underpost.issues.map((issue) => [issue.path, issue.rule, issue.message]),
    [
      [
        'data.underpost',
        'declared-underpost',
        '"Resor" is not a declared underpost of administrativa / Kansli: must be one of: Personal, Lokal',
      ],
    ],
  );
  const insats = leftOf(
    await ledger.record(
      'KostnadBokförd',
      cost({ område: 'operativa', post: 'Arbetsträning', insats: 'Kartläggning' }),
      options,
    )(),
  );
  t.deepEqual(
    insats.issues.map((issue) => [issue.path, issue.rule]),
    [['data.insats', 'declared-insats']],
  );
  // A budget line is checked row by row, with the row's path.
  const budget = leftOf(
    await ledger.record(
      'BudgetFastställd',
      {
        år: 2024,
        beslutsdatum: '2023-11-20',
        beslut: 'Styrelsen 2023-11-20 § 5',
        kostnader: [
          { område: 'administrativa', post: 'Kansli', belopp: '200000.00' },
          { område: 'strukturpåverkande', post: 'Kartläggning', belopp: '50000.00' },
        ],
        intäkter: [{ slag: 'medlemsbidrag', belopp: '1000000.00' }],
      },
      options,
    )(),
  );
  t.deepEqual(
    budget.issues.map((issue) => [issue.path, issue.rule]),
    [['data.kostnader.1.post', 'declared-post']],
  );
  t.is((await collectAsync(store.readAll())).length, 1, 'only the opening balance is stored');
});

test('declared names are booked as before, and the guideline step table picks the share by the allocation', async (t) => {
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    ...ledgerOptionsFromConfiguration(configuration),
  });
  const recorded = await ledger.recordAll([
    { type: 'IngåendeBalansRegistrerad', data: opening, options },
    {
      type: 'MedlemsbidragMottaget',
      data: contribution('Försäkringskassan', 'staten', '500000.00'),
      options,
    },
    {
      type: 'MedlemsbidragMottaget',
      data: contribution('Region Exempel', 'region', '250000.00'),
      options,
    },
    {
      type: 'MedlemsbidragMottaget',
      data: contribution('Norra kommun', 'kommun', '150000.00'),
      options,
    },
    {
      type: 'MedlemsbidragMottaget',
      data: contribution('Södra kommun', 'kommun', '100000.00'),
      options,
    },
    {
      type: 'KostnadBokförd',
      data: cost({ område: 'administrativa', post: 'Kansli', underpost: 'Lokal' }),
      options,
    },
    {
      type: 'KostnadBokförd',
      data: cost({
        område: 'operativa',
        post: 'Arbetsträning',
        insats: 'Steget',
        belopp: '540000.00',
      }),
      options,
    },
  ])();
  t.true(E.isRight(recorded), E.isLeft(recorded) ? recorded.left.message : '');
  const report = await ledger.annualReport(2024);
  t.deepEqual(
    rowOf(report.resultaträkning, 'årets-resultat').amounts.map((amount) => amount?.toString()),
    ['400000.00', undefined],
  );
  const equity = report.finansiellaRiktlinjer.checks.find((check) => check.key === 'eget-kapital')!;
  // 1 000 000 kr of contributions is within the first step: at most 30 %, 300 000 kr.
  t.is(String(equity.figures['egetKapitalAndelMax']), '0.30');
  t.is(String(equity.figures['egetKapitalGräns']), '300000.00');
  t.is(String(equity.figures['egetKapital']), '800000.00');
  t.false(equity.passed);
  t.true(
    renderAnnualReportText(report, 'tkr').startsWith(
      'Samordningsförbundet Exempel – årsredovisning 2024\n=',
    ),
  );
});

test('without a vocabulary any name is recorded, as before configurations existed', async (t) => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'fri' });
  await ledger.record('IngåendeBalansRegistrerad', opening, options)();
  const recorded = await ledger.record(
    'KostnadBokförd',
    cost({ område: 'operativa', post: 'Vad som helst', insats: 'Ny insats' }),
    options,
  )();
  t.true(E.isRight(recorded));
  const report = await ledger.annualReport(2024);
  t.is(report.namn, undefined);
  t.false(renderAnnualReportText(report, 'tkr').startsWith('Årsredovisning'));
});

test('a post is declared per year: 2025 refuses a 2024-only post, yet the 2024 accrual on it is reversed in 2025', async (t) => {
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    ...ledgerOptionsFromConfiguration(configuration),
  });
  await ledger.record('IngåendeBalansRegistrerad', opening, options)();
  const accrued = await ledger.record(
    'KostnadBokförd',
    cost({
      datum: '2024-12-31',
      område: 'operativa',
      post: 'Arbetsträning',
      insats: 'Steget',
      belopp: '38000.00',
      betalning: { sätt: 'upplupen', postId: 'UK-2024-7' },
    }),
    options,
  )();
  t.true(E.isRight(accrued), E.isLeft(accrued) ? accrued.left.message : '');
  const nextYear = leftOf(
    await ledger.record(
      'KostnadBokförd',
      cost({ datum: '2025-02-28', område: 'operativa', post: 'Arbetsträning' }),
      options,
    )(),
  );
  t.deepEqual(nextYear.issues, [
    {
      path: 'data.post',
      rule: 'declared-post',
      message:
        '"Arbetsträning" is not a declared post of område operativa in 2025: must be one of: Stegvis',
    },
  ]);
  const reversed = await ledger.reverseAccrual('UK-2024-7', '2025-01-20', options)();
  t.true(E.isRight(reversed), E.isLeft(reversed) ? reversed.left.message : '');
  const report = await ledger.annualReport(2025);
  t.is(
    rowOf(report.resultaträkning, 'verksamhetens-kostnader').amounts[0]?.toString(),
    '38000.00',
    'the reversal takes the accrued cost back out of 2025',
  );
});

test("an imported verifikation's rows are held to the vocabulary by their dimensioner, each named by its row; declared ones are booked", async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, ...ledgerOptionsFromConfiguration(configuration) });
  t.true(E.isRight(await ledger.record('IngåendeBalansRegistrerad', opening, options)()));
  const imported = (rader: EventInput<'VerifikationImporterad'>['rader']) =>
    ledger.record(
      'VerifikationImporterad',
      {
        datum: '2024-04-30',
        text: 'Leverantörsfaktura',
        källa: { filHash: 'b'.repeat(64), serie: 'A', nummer: '12' },
        rader,
      },
      options,
    )();
  const refused = leftOf(
    await imported([
      {
        konto: '4010',
        belopp: '1000.00',
        dimensioner: { område: 'operativa', post: 'Arbetstraning', insats: 'Steget' },
      },
      {
        konto: '4010',
        belopp: '500.00',
        dimensioner: { område: 'operativa', post: 'Arbetsträning', insats: 'Kartläggning' },
      },
      { konto: '1930', belopp: '-1500.00' },
    ]),
  );
  t.is(refused.code, 'VALIDATION_FAILED');
  t.deepEqual(
    refused.issues.map((issue) => [issue.path, issue.rule]),
    [
      ['data.rader.0.dimensioner.post', 'declared-post'],
      ['data.rader.1.dimensioner.insats', 'declared-insats'],
    ],
  );
  t.regex(refused.issues[0]!.message, /"Arbetstraning" is not a declared post of område operativa/);
  t.is((await collectAsync(store.readAll())).length, 1, 'nothing is written');

  const booked = await imported([
    {
      konto: '4010',
      belopp: '1500.00',
      dimensioner: { område: 'operativa', post: 'Arbetsträning', insats: 'Steget' },
    },
    { konto: '1930', belopp: '-1500.00' },
  ]);
  t.true(E.isRight(booked), E.isLeft(booked) ? booked.left.message : '');
});
