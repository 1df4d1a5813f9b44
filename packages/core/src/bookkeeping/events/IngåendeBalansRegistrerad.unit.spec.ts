import test from 'ava';
import * as E from 'fp-ts/Either';
import { isLedgerError } from '../../error.js';
import { Money } from '../../money/Money.js';
import { createLedger } from '../../facade/createLedger.js';
import { bookkeepingSpecification } from '../../testing/bookkeepingSpecification.js';
import { defaultChart, defineChart } from '../ChartOfAccounts.js';
import { getInMemoryEventStore } from '../../store/getInMemoryEventStore.js';
import { collectAsync } from '../../util/asyncIterable.js';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const opening = (overrides: Record<string, unknown> = {}) =>
  event('IngåendeBalansRegistrerad', {
    datum: '2021-01-01',
    text: 'Ingående balans 2021',
    kassaOchBank: '650000.00',
    momsfordran: '12000.00',
    balanseratResultat: '652000.00',
    öppnaPoster: [
      { postId: 'KF-1', slag: 'kundfordran', belopp: '20000.00', text: 'Medlemsbidrag kv 4' },
      { postId: 'LF-1', slag: 'leverantörsskuld', belopp: '30000.00', text: 'Arbetsträning dec' },
    ],
    ...overrides,
  });

test('IngåendeBalansRegistrerad posts bank, VAT and receivables as debet, debts and equity as kredit', (t) => {
  t.notThrows(() =>
    spec
      .given([])
      .when(opening())
      .thenPosts([
        {
          datum: '2021-01-01',
          text: 'Ingående balans 2021',
          rader: [
            { konto: '1930', debet: '650000.00' },
            { konto: '1650', debet: '12000.00' },
            { konto: '1510', debet: '20000.00' },
            { konto: '2440', kredit: '30000.00' },
            { konto: '2091', kredit: '652000.00' },
          ],
        },
      ]),
  );
});

test('every open item of the opening balance is opened whole, and the opening year is the first year', (t) => {
  const outcome = spec.given([]).when(opening2021).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.firstYear, 2021);
  t.deepEqual(
    [...outcome.state.openItems.values()].map((item) => [item.postId, item.slag, item.öppetBelopp]),
    [
      ['KF-2020-12', 'kundfordran', '90833.00'],
      ['UI-ESF-2020', 'upplupen-intäkt', '120000.00'],
      ['FK-2021-01', 'förutbetald-kostnad', '15000.00'],
      ['LF-2020-88', 'leverantörsskuld', '30000.00'],
      ['UK-2020', 'upplupen-kostnad', '8000.00'],
      ['ÖS-2020', 'övrig-kortfristig-skuld', '4000.00'],
    ],
  );
});

test('an opening balance that does not balance is refused with UNBALANCED_VERIFIKATION naming data.balanseratResultat', (t) => {
  const error = spec
    .given([])
    .when(opening({ balanseratResultat: '651999.00' }))
    .thenRefused('UNBALANCED_VERIFIKATION', 'data.balanseratResultat');
  t.deepEqual(error.details, { imbalance: '1.00' });
  t.is(error.issues[0]?.message, 'debet exceeds kredit by 1.00 kr');
});

test('an opening balance whose kredit exceeds its debet says so, with the amount unsigned', (t) => {
  const error = spec
    .given([])
    .when(opening({ balanseratResultat: '672000.00' }))
    .thenRefused('UNBALANCED_VERIFIKATION', 'data.balanseratResultat');
  t.deepEqual(error.details, { imbalance: '-20000.00' });
  t.is(error.issues[0]?.message, 'kredit exceeds debet by 20000.00 kr');
  t.regex(error.message, /does not balance: kredit exceeds debet by 20000\.00 kr \(assets/);
});

test('a second opening balance is refused with OPENING_BALANCE_ALREADY_RECORDED naming data.datum', (t) => {
  const error = spec
    .given([opening2021])
    .when(opening({ datum: '2022-01-01' }))
    .thenRefused('OPENING_BALANCE_ALREADY_RECORDED', 'data.datum');
  t.is(error.issues[0]?.rule, 'recorded-once');
});

test('an opening balance after a booking is refused with OPENING_BALANCE_AFTER_BOOKING naming data.datum', (t) => {
  const fee = event('FinansiellKostnadBokförd', {
    datum: '2021-02-01',
    belopp: '10.00',
    text: 'Avgift',
  });
  const error = spec
    .given([fee])
    .when(opening())
    .thenRefused('OPENING_BALANCE_AFTER_BOOKING', 'data.datum');
  t.is(error.issues[0]?.rule, 'before-any-booking');
  t.regex(
    error.message,
    /the books already hold bookings from 2021, which opened them with zero balances/,
  );
});

test('an opening balance after a budget of an earlier year is refused with BEFORE_FIRST_YEAR naming data.datum', (t) => {
  const budget2020 = event('BudgetFastställd', {
    år: 2020,
    beslutsdatum: '2019-11-20',
    beslut: 'Styrelsen 2019-11-20 § 3',
    kostnader: [],
    intäkter: [],
  });
  t.notThrows(() =>
    spec.given([budget2020]).when(opening()).thenRefused('BEFORE_FIRST_YEAR', 'data.datum'),
  );
});

test('an opening balance that disagrees with the year before’s balansräkning is refused with HISTORICAL_FIGURES_INCONSISTENT, naming each line', (t) => {
  const history2020 = event('HistoriskaÅrsuppgifterRegistrerade', {
    år: 2020,
    källa: 'Årsredovisning 2020',
    resultaträkning: { verksamhetensIntäkter: '2000000.00', verksamhetensKostnader: '1950000.00' },
    balansräkning: {
      kundfordringar: '20000.00',
      övrigaFordringar: '12000.00',
      kassaOchBank: '650000.00',
      åretsResultat: '50000.00',
      övrigtEgetKapital: '602000.00',
      leverantörsskulder: '30000.00',
    },
  });
  t.notThrows(() => spec.given([history2020]).when(opening()).then([opening()]));
  const error = spec
    .given([history2020])
    .when(opening({ kassaOchBank: '649000.00', balanseratResultat: '651000.00' }))
    .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'balansräkning.kassaOchBank');
  t.deepEqual(
    error.issues.map((issue) => issue.path),
    ['balansräkning.kassaOchBank', 'balansräkning.eget kapital'],
  );
});

test('an opening VAT debt agrees with the year before’s balansräkning only where that showed it, under övriga kortfristiga skulder', (t) => {
  const history2020 = (balansräkning: Record<string, string>) =>
    event('HistoriskaÅrsuppgifterRegistrerade', {
      år: 2020,
      källa: 'Årsredovisning 2020',
      resultaträkning: {
        verksamhetensIntäkter: '2000000.00',
        verksamhetensKostnader: '1950000.00',
      },
      balansräkning: {
        kundfordringar: '20000.00',
        kassaOchBank: '650000.00',
        åretsResultat: '50000.00',
        övrigtEgetKapital: '589500.00',
        leverantörsskulder: '30000.00',
        ...balansräkning,
      },
    });
  const owing = opening({ momsfordran: '-500.00', balanseratResultat: '639500.00' });
  const asDebt = history2020({ övrigaFordringar: '0.00', övrigaKortfristigaSkulder: '500.00' });
  t.notThrows(() => spec.given([asDebt]).when(owing).then([owing]));
  // The same year end without the debt: its equity is 500 kr more.
  const withoutDebt = history2020({ övrigaFordringar: '0.00', övrigtEgetKapital: '590000.00' });
  const error = spec
    .given([withoutDebt])
    .when(owing)
    .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'balansräkning.övrigaKortfristigaSkulder');
  t.deepEqual(
    error.issues.map((issue) => issue.message),
    [
      'övrigaKortfristigaSkulder: 0.00 at year end, 500.00 in the opening balance',
      'eget kapital: 640000.00 at year end, 639500.00 in the opening balance',
    ],
  );
});

test('an open item named twice is refused by the schema naming its postId', (t) => {
  const twice = opening2021.data.öppnaPoster[0]!;
  const handBuilt = {
    ...opening2021,
    data: { ...opening2021.data, öppnaPoster: [twice, twice] },
  };
  t.notThrows(() =>
    spec.given([]).when(handBuilt).thenRefused('VALIDATION_FAILED', 'data.öppnaPoster.1.postId'),
  );
});

const allZero = {
  datum: '2021-01-01',
  text: 'Ingående balans 2021 (nybildat förbund)',
  kassaOchBank: '0.00',
  momsfordran: '0.00',
  balanseratResultat: '0.00',
  öppnaPoster: [],
};

test('an all-zero opening balance (a newly formed förbund) is accepted, posts no verifikation and fixes the first year', (t) => {
  const outcome = spec.given([]).when(event('IngåendeBalansRegistrerad', allZero)).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting, []);
  t.is(outcome.state.firstYear, 2021);
  t.is(outcome.state.openingBalance?.kassaOchBank, '0.00');
});

test('a ledger opened with an all-zero balance numbers its first booking 2021-1 and refuses a booking before it', async (t) => {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'nybildat' });
  const metadata = { recordedAt: '2021-01-04T08:00:00.000Z', recordedBy: 'ekonom@test' };
  const opened = await ledger.record('IngåendeBalansRegistrerad', allZero, { metadata })();
  if (E.isLeft(opened)) return t.fail(`${opened.left.code}: ${opened.left.message}`);
  const fee = { datum: '2021-02-01', belopp: '10.00', text: 'Bankavgift' };
  const booked = await ledger.record('FinansiellKostnadBokförd', fee, { metadata })();
  if (E.isLeft(booked)) return t.fail(booked.left.message);
  const journal = await collectAsync(ledger.verifikationer(2021));
  t.deepEqual(
    journal.map((verifikation) => [verifikation.löpnummer, verifikation.eventType]),
    [[1, 'FinansiellKostnadBokförd']],
  );
  const early = { ...fee, datum: '2020-12-31' };
  const refused = await ledger.record('FinansiellKostnadBokförd', early, { metadata })();
  t.true(E.isLeft(refused) && refused.left.code === 'BEFORE_FIRST_YEAR');
  const { balansräkning } = await ledger.statements(2021);
  const bank = balansräkning.rows.find((row) => row.key === 'kassa-och-bank');
  t.deepEqual(
    bank?.amounts.map((amount) => amount?.toString()),
    ['-10.00', undefined],
  );
});

/** The default chart with a fixed asset, its depreciation, a long-term debt and cash in hand. */
const chartWithFixedAssets = defineChart({
  ...defaultChart,
  name: 'BAS-style with fixed assets',
  accounts: [
    ...defaultChart.accounts,
    { number: '1220', name: 'Inventarier', line: 'anläggningstillgångar' },
    {
      number: '1229',
      name: 'Ackumulerade avskrivningar på inventarier',
      line: 'anläggningstillgångar',
    },
    { number: '1910', name: 'Kassa', line: 'kassa-och-bank' },
    { number: '2350', name: 'Andra långfristiga skulder', line: 'långfristiga-skulder' },
  ],
});
const withFixedAssets = bookkeepingSpecification(chartWithFixedAssets);
const övrigaBalanser = [
  { konto: '1220', saldo: '120000.00' },
  { konto: '1229', saldo: '-30000.00' },
  { konto: '1910', saldo: '500.00' },
  { konto: '2350', saldo: '-50000.00' },
];

test('given a chart with fixed assets, when the opening balance carries övrigaBalanser, then each is posted on its account, debet positive', (t) => {
  t.notThrows(() =>
    withFixedAssets
      .given([])
      .when(opening({ övrigaBalanser, balanseratResultat: '692500.00' }))
      .thenPosts([
        {
          datum: '2021-01-01',
          text: 'Ingående balans 2021',
          rader: [
            { konto: '1930', debet: '650000.00' },
            { konto: '1650', debet: '12000.00' },
            { konto: '1510', debet: '20000.00' },
            { konto: '2440', kredit: '30000.00' },
            { konto: '1220', debet: '120000.00' },
            { konto: '1229', kredit: '30000.00' },
            { konto: '1910', debet: '500.00' },
            { konto: '2350', kredit: '50000.00' },
            { konto: '2091', kredit: '692500.00' },
          ],
        },
      ]),
  );
});

test('given such an opening balance, the balansräkning of its year states the fixed assets and the long-term debt at their opening balances', async (t) => {
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    förbundId: 'med-inventarier',
    chart: chartWithFixedAssets,
  });
  const metadata = { recordedAt: '2021-01-04T08:00:00.000Z', recordedBy: 'ekonom@test' };
  const data = opening({ övrigaBalanser, balanseratResultat: '692500.00' }).data;
  const opened = await ledger.record('IngåendeBalansRegistrerad', data, { metadata })();
  if (E.isLeft(opened)) return t.fail(`${opened.left.code}: ${opened.left.message}`);
  const { balansräkning } = await ledger.statements(2021);
  const amount = (key: string) =>
    balansräkning.rows.find((row) => row.key === key)?.amounts[0]?.toString();
  t.is(amount('anläggningstillgångar'), '90000.00');
  t.is(amount('kassa-och-bank'), '650500.00');
  t.is(amount('långfristiga-skulder'), '50000.00');
});

test('an opening balance may bring a VAT debt forward: 1650 kredit, Övriga kortfristiga skulder until the next claim nets it', async (t) => {
  // Given the books of a förbund whose last year ended owing Skatteverket 500 kr of VAT (a credit
  // note's VAT after a full refund).
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'momsskuld' });
  const metadata = { recordedAt: '2021-03-01T08:00:00.000Z', recordedBy: 'ekonom@test' };
  const data = opening({ momsfordran: '-500.00', balanseratResultat: '639500.00' }).data;
  const opened = await ledger.record('IngåendeBalansRegistrerad', data, { metadata })();
  if (E.isLeft(opened)) return t.fail(`${opened.left.code}: ${opened.left.message}`);
  const [ib] = await collectAsync(ledger.verifikationer(2021));
  const rader = ib!.rader;
  t.deepEqual(
    rader.map((rad) => [rad.konto, rad.belopp.toString()]),
    [
      ['1930', '650000.00'],
      ['1650', '-500.00'],
      ['1510', '20000.00'],
      ['2440', '-30000.00'],
      ['2091', '-639500.00'],
    ],
  );
  t.true(Money.sum(rader.map((rad) => rad.belopp)).isZero(), 'the opening balance balances');
  const amount = async (key: string) =>
    (await ledger.statements(2021)).balansräkning.rows
      .find((row) => row.key === key)
      ?.amounts[0]?.toString();
  // Then the year's balansräkning shows the debt, not a negative receivable.
  t.is(await amount('övriga-fordringar'), '0.00');
  t.is(await amount('övriga-kortfristiga-skulder'), '500.00');
  // When a cost with 1 200 kr of VAT is booked, the next claim nets the debt: 700 receivable.
  const cost = await ledger.record(
    'KostnadBokförd',
    {
      datum: '2021-02-10',
      område: 'administrativa',
      post: 'Kansli',
      belopp: '4800.00',
      moms: '1200.00',
      text: 'Konferens',
      betalning: { sätt: 'bank' },
    },
    { metadata },
  )();
  if (E.isLeft(cost)) return t.fail(`${cost.left.code}: ${cost.left.message}`);
  t.is(await amount('övriga-fordringar'), '700.00');
  t.is(
    await amount('övriga-kortfristiga-skulder'),
    undefined,
    'no debt left, the line is left out',
  );
});

test('övrigaBalanser on an account the chart lacks, a result account, equity, or one carried by another field are refused, each naming its row', (t) => {
  const error = withFixedAssets
    .given([])
    .when(
      opening({
        övrigaBalanser: [
          { konto: '1221', saldo: '1.00' },
          { konto: '6010', saldo: '1.00' },
          { konto: '2099', saldo: '1.00' },
          { konto: '1510', saldo: '1.00' },
          { konto: '1930', saldo: '1.00' },
          { konto: '1220', saldo: '1.00' },
        ],
        balanseratResultat: '652006.00',
      }),
    )
    .thenRefused('VALIDATION_FAILED', 'data.övrigaBalanser.0.konto');
  t.deepEqual(
    error.issues.map((issue) => [issue.path, issue.rule, issue.message]),
    [
      [
        'data.övrigaBalanser.0.konto',
        'other-balance-account',
        'account 1221 is not in chart BAS-style with fixed assets',
      ],
      [
        'data.övrigaBalanser.1.konto',
        'other-balance-account',
        'account 6010 is on the resultaträkning, which opens every year at zero',
      ],
      [
        'data.övrigaBalanser.2.konto',
        'other-balance-account',
        'account 2099 is equity, brought forward as balanseratResultat',
      ],
      [
        'data.övrigaBalanser.3.konto',
        'other-balance-account',
        'account 1510 is carried by öppnaPoster',
      ],
      [
        'data.övrigaBalanser.4.konto',
        'other-balance-account',
        'account 1930 is carried by kassaOchBank',
      ],
    ],
  );
});

test('an account twice in övrigaBalanser is refused by the schema, naming the second row', (t) => {
  const övrigaBalanser = [
    { konto: '1220', saldo: '1.00' },
    { konto: '1220', saldo: '2.00' },
  ];
  const error = t.throws(() => opening({ övrigaBalanser, balanseratResultat: '652003.00' }));
  t.true(isLedgerError(error) && error.code === 'VALIDATION_FAILED');
  t.deepEqual(isLedgerError(error) ? error.issues.map((issue) => [issue.path, issue.rule]) : [], [
    ['data.övrigaBalanser.1.konto', 'unique-account'],
  ]);
});

test('given the year before’s balansräkning, the other balances are compared line by line: cash in hand with kassa och bank, fixed assets and long-term debts with none recorded', (t) => {
  const history2020 = event('HistoriskaÅrsuppgifterRegistrerade', {
    år: 2020,
    källa: 'Årsredovisning 2020',
    resultaträkning: { verksamhetensIntäkter: '2000000.00', verksamhetensKostnader: '1950000.00' },
    balansräkning: {
      kundfordringar: '20000.00',
      övrigaFordringar: '12000.00',
      kassaOchBank: '650500.00',
      åretsResultat: '50000.00',
      övrigtEgetKapital: '602500.00',
      leverantörsskulder: '30000.00',
    },
  });
  const cash = [{ konto: '1910', saldo: '500.00' }];
  const withCash = opening({ övrigaBalanser: cash, balanseratResultat: '652500.00' });
  t.notThrows(() => withFixedAssets.given([history2020]).when(withCash).then([withCash]));
  const error = withFixedAssets
    .given([history2020])
    .when(opening({ övrigaBalanser, balanseratResultat: '692500.00' }))
    .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'balansräkning.anläggningstillgångar');
  t.deepEqual(
    error.issues.map((issue) => issue.message),
    [
      'anläggningstillgångar: 0.00 at year end, 90000.00 in the opening balance',
      'långfristigaSkulder: 0.00 at year end, 50000.00 in the opening balance',
      'eget kapital: 652500.00 at year end, 692500.00 in the opening balance',
    ],
  );
  // The year before states its fixed assets and long-term debts too: then they agree.
  const withFixedAssets2020 = event('HistoriskaÅrsuppgifterRegistrerade', {
    ...history2020.data,
    balansräkning: {
      ...history2020.data.balansräkning!,
      anläggningstillgångar: '90000.00',
      långfristigaSkulder: '50000.00',
      övrigtEgetKapital: '642500.00',
    },
  });
  const full = opening({ övrigaBalanser, balanseratResultat: '692500.00' });
  t.notThrows(() => withFixedAssets.given([withFixedAssets2020]).when(full).then([full]));
});

test('the year before’s balansräkning balances with its fixed assets and long-term debts counted, and its comparison column states them', async (t) => {
  const balansräkning = {
    anläggningstillgångar: '90000.00',
    kassaOchBank: '650500.00',
    åretsResultat: '50000.00',
    övrigtEgetKapital: '640500.00',
    långfristigaSkulder: '50000.00',
  };
  const history = (figures: typeof balansräkning) =>
    event('HistoriskaÅrsuppgifterRegistrerade', {
      år: 2020,
      källa: 'Årsredovisning 2020',
      resultaträkning: {
        verksamhetensIntäkter: '2000000.00',
        verksamhetensKostnader: '1950000.00',
      },
      balansräkning: figures,
    });
  const error = withFixedAssets
    .given([])
    .when(history({ ...balansräkning, långfristigaSkulder: '0.00' }))
    .thenRefused('HISTORICAL_FIGURES_INCONSISTENT', 'data.balansräkning');
  t.regex(error.message, /summa tillgångar 740500\.00 ≠ summa eget kapital och skulder 690500\.00/);
  const ledger = createLedger({
    store: getInMemoryEventStore(),
    förbundId: 'med-inventarier',
    chart: chartWithFixedAssets,
  });
  const metadata = { recordedAt: '2021-01-04T08:00:00.000Z', recordedBy: 'ekonom@test' };
  const recorded = await ledger.record(
    'HistoriskaÅrsuppgifterRegistrerade',
    history(balansräkning).data,
    { metadata },
  )();
  if (E.isLeft(recorded)) return t.fail(recorded.left.message);
  const data = opening({
    kassaOchBank: '650500.00',
    momsfordran: '0.00',
    öppnaPoster: [],
    övrigaBalanser: övrigaBalanser.filter(({ konto }) => konto !== '1910'),
    balanseratResultat: '690500.00',
  }).data;
  const opened = await ledger.record('IngåendeBalansRegistrerad', data, { metadata })();
  if (E.isLeft(opened)) return t.fail(opened.left.message);
  const { balansräkning: statement } = await ledger.statements(2021);
  const row = (key: string) =>
    statement.rows.find((candidate) => candidate.key === key)?.amounts.map(String);
  t.deepEqual(row('anläggningstillgångar'), ['90000.00', '90000.00']);
  t.deepEqual(row('långfristiga-skulder'), ['50000.00', '50000.00']);
});
