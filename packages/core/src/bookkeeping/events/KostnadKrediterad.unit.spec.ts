import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';
import { Money } from '../../money/Money.js';
import { ingåendeBalans2021 } from '../../testing/bookkeepingFixtures.js';
import { replayReskontra } from '../../statements/Reskontra.js';
import { rowOf, type Statement } from '../../statements/Statement.js';
import { ledgerWith, type Step } from '../ledgerSteps.testScenario.js';
import { postEvent, type BookkeepingEvent } from '../bookkeepingCatalog.js';
import { defaultChart } from '../ChartOfAccounts.js';
import { imbalanceOf } from '../Verifikation.js';

/** A course invoiced at 10 000 kr and 2 500 kr VAT, owed to the supplier. */
const invoice = event('KostnadBokförd', {
  datum: '2021-03-10',
  område: 'operativa',
  post: 'Insatser',
  insats: 'MIA vidare',
  belopp: '10000.00',
  moms: '2500.00',
  text: 'Utbildning coacher, faktura 4711',
  motpart: 'Kursgården AB',
  betalning: { sätt: 'leverantörsskuld', postId: 'LF-2021-4711' },
});

/** The supplier's credit note for one cancelled course day: 2 000 kr and 500 kr VAT. */
const credit = (overrides: Record<string, unknown> = {}) =>
  event('KostnadKrediterad', {
    datum: '2021-03-20',
    område: 'operativa',
    post: 'Insatser',
    insats: 'MIA vidare',
    belopp: '2000.00',
    moms: '500.00',
    text: 'Kreditfaktura 4711-K1, inställd kursdag',
    motpart: 'Kursgården AB',
    reglering: { sätt: 'leverantörsskuld', postId: 'LF-2021-4711' },
    ...overrides,
  });

const paid = (belopp: string) =>
  event('LeverantörsskuldBetald', {
    datum: '2021-04-09',
    postId: 'LF-2021-4711',
    belopp,
    motpart: 'Kursgården AB',
  });

/** The balance of `konto` after `events`, debet positive; only the rows on `post` if given. */
const balanceOf = (events: readonly BookkeepingEvent[], konto: string, post?: string) =>
  Money.sumOf(
    events
      .flatMap((recorded) => postEvent(recorded, defaultChart))
      .flatMap((draft) => draft.rader)
      .filter(
        (rad) => rad.konto === konto && (post === undefined || rad.dimensioner?.post === post),
      ),
    (rad) => rad.belopp,
  ).toString();

test('KostnadKrediterad against a leverantörsskuld posts kredit the cost with its placement and 1650, debet 2440', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, invoice])
      .when(credit())
      .thenPosts([
        {
          datum: '2021-03-20',
          text: 'Kreditfaktura 4711-K1, inställd kursdag',
          motpart: 'Kursgården AB',
          rader: [
            {
              konto: '4010',
              kredit: '2000.00',
              dimensioner: { område: 'operativa', post: 'Insatser', insats: 'MIA vidare' },
            },
            { konto: '1650', kredit: '500.00' },
            { konto: '2440', debet: '2500.00' },
          ],
        },
      ]),
  );
});

test('an invoice of 10 000 + 2 500 credited by 2 000 + 500 leaves a payable of 10 000 and the line at 8 000; paying 10 000 closes it', (t) => {
  const outcome = spec.given([opening2021, invoice]).when(credit()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.like(outcome.state.openItems.get('LF-2021-4711'), {
    slag: 'leverantörsskuld',
    ursprungligtBelopp: '12500.00',
    öppetBelopp: '10000.00',
  });
  const books = [opening2021, invoice, credit()];
  t.is(balanceOf(books, '4010', 'Insatser'), '8000.00', 'the Not 2 line, debet positive');
  t.is(balanceOf(books, '1650'), '14500.00', '12 500 opening, 2 500 invoiced, 500 credited');
  const payment = spec.given(books).when(paid('10000.00')).outcome();
  if (!payment.accepted) return t.fail(payment.error.message);
  t.is(payment.state.openItems.get('LF-2021-4711')?.öppetBelopp, '0.00', 'the payable is closed');
  // Paying the invoice's gross amount after the credit is more than is open.
  spec
    .given(books)
    .when(paid('12500.00'))
    .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp');
});

test('a credit the supplier repaid to the bank posts debet 1930 and settles no item', (t) => {
  const bankInvoice = event('KostnadBokförd', {
    ...invoice.data,
    betalning: { sätt: 'bank' },
  });
  const outcome = spec
    .given([opening2021, bankInvoice])
    .when(credit({ reglering: { sätt: 'bank' }, motpart: undefined }))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0], {
    datum: '2021-03-20',
    text: 'Kreditfaktura 4711-K1, inställd kursdag',
    rader: [
      {
        konto: '4010',
        kredit: '2000.00',
        dimensioner: { område: 'operativa', post: 'Insatser', insats: 'MIA vidare' },
      },
      { konto: '1650', kredit: '500.00' },
      { konto: '1930', debet: '2500.00' },
    ],
  });
  t.is(outcome.state.openItems.size, 6, 'only the opening balance’s items');
});

test('a credit without VAT leaves out the VAT line; a credit may take a Not 2 line below zero for the year', (t) => {
  // Last year's invoice credited this year: nothing is booked on Revision in 2021 yet.
  const outcome = spec
    .given([opening2021])
    .when(
      credit({
        område: 'administrativa',
        post: 'Revision',
        insats: undefined,
        belopp: '3000.00',
        moms: undefined,
        text: 'Kreditfaktura revision 2020',
        reglering: { sätt: 'bank' },
      }),
    )
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    {
      konto: '6010',
      kredit: '3000.00',
      dimensioner: { område: 'administrativa', post: 'Revision' },
    },
    { konto: '1930', debet: '3000.00' },
  ]);
});

test('a credit above what is open of the payable is refused with SETTLEMENT_EXCEEDS_OPEN_AMOUNT naming data.belopp', (t) => {
  // 10 000 + 2 500 credited in whole is allowed; a krona more is not.
  t.true(
    spec
      .given([opening2021, invoice])
      .when(credit({ belopp: '10000.00', moms: '2500.00' }))
      .outcome().accepted,
  );
  const error = spec
    .given([opening2021, invoice, credit()])
    .when(credit({ belopp: '8000.00', moms: '2000.01' }))
    .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp');
  t.is(error.issues[0]?.rule, 'at-most-open-amount');
  t.deepEqual(error.details, {
    postId: 'LF-2021-4711',
    open: '10000.00',
    settle: '10000.01',
  });
});

test('a credit against an unknown payable is refused with OPEN_ITEM_NOT_FOUND naming data.reglering.postId; against a receivable with OPEN_ITEM_MISMATCH', (t) => {
  const unknown = spec
    .given([opening2021, invoice])
    .when(credit({ reglering: { sätt: 'leverantörsskuld', postId: 'LF-2021-9999' } }))
    .thenRefused('OPEN_ITEM_NOT_FOUND', 'data.reglering.postId');
  t.is(unknown.issues[0]?.rule, 'open-item-exists');
  const receivable = spec
    .given([opening2021])
    .when(credit({ reglering: { sätt: 'leverantörsskuld', postId: 'KF-2020-12' } }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.reglering.postId');
  t.is(receivable.issues[0]?.rule, 'settled-kind');
});

test('credited VAT above 25 % of belopp plus a krona is refused with VAT_ABOVE_HIGHEST_RATE naming data.moms; at the ceiling it is accepted', (t) => {
  const error = spec
    .given([opening2021, invoice])
    .when(credit({ moms: '501.01' }))
    .thenRefused('VAT_ABOVE_HIGHEST_RATE', 'data.moms');
  t.is(error.issues[0]?.rule, 'vat-at-most-highest-rate');
  t.deepEqual(error.details, { moms: '501.01', belopp: '2000.00', ceiling: '501.00' });
  t.true(
    spec
      .given([opening2021, invoice])
      .when(credit({ moms: '501.00' }))
      .outcome().accepted,
  );
});

test('a credit note after a full VAT refund is accepted, balances, and leaves a VAT debt of exactly its moms; a refund above the receivable is still refused', (t) => {
  // Given 12 500 receivable at the opening and 2 500 on the invoice, all 15 000 refunded.
  const refund = (belopp: string) =>
    event('MomsÅterbetald', { datum: '2021-03-15', period: '2021 kv 1', belopp });
  const books = [opening2021, invoice, refund('15000.00')];
  t.is(balanceOf(books, '1650'), '0.00', 'nothing left receivable');
  // When the supplier credits 2 000 + 500 moms.
  const outcome = spec.given(books).when(credit()).outcome();
  // Then it is booked, balanced, and the VAT account stands at −500: owed to Skatteverket.
  if (!outcome.accepted) return t.fail(outcome.error.message);
  for (const draft of postEvent(credit(), defaultChart))
    t.true(imbalanceOf(draft.rader).isZero(), draft.text);
  t.is(outcome.state.balances.get('1650')?.toString(), '-500.00');
  t.is(balanceOf([...books, credit()], '1650'), '-500.00');
  // A refund is still held to the receivable: a krona above 15 000 before, any öre after.
  const above = spec
    .given([opening2021, invoice])
    .when(refund('15000.01'))
    .thenRefused('VAT_REFUND_EXCEEDS_RECEIVABLE', 'data.belopp');
  t.is(above.issues[0]?.rule, 'at-most-vat-receivable');
  t.deepEqual(above.details, { receivable: '15000.00' });
  const inDebt = spec
    .given([...books, credit()])
    .when(refund('0.01'))
    .thenRefused('VAT_REFUND_EXCEEDS_RECEIVABLE', 'data.belopp');
  t.deepEqual(inDebt.details, { receivable: '-500.00' });
});

test('a reglering other than leverantörsskuld or bank is refused by the schema, naming data.reglering.sätt', (t) => {
  const error = t.throws(() => credit({ reglering: { sätt: 'upplupen', postId: 'UK-2021' } }));
  t.regex(error?.message ?? '', /reglering\.sätt must be leverantörsskuld or bank/);
  t.true(
    spec
      .given([opening2021])
      .when(credit({ reglering: { sätt: 'bank' } }))
      .outcome().accepted,
  );
});

test('every verifikation of the story balances, and a correction reopens what the credit settled', (t) => {
  const books = [opening2021, invoice, credit()];
  for (const recorded of [...books, credit({ reglering: { sätt: 'bank' } })])
    for (const draft of postEvent(recorded, defaultChart))
      t.true(imbalanceOf(draft.rader).isZero(), `${recorded.type} ${draft.text}`);
  const correction = event('HändelseRättad', {
    datum: '2021-03-25',
    rättadEventId: books[2]!.eventId,
    orsak: 'Kreditfakturan gällde en annan faktura',
    original: { type: 'KostnadKrediterad', schemaVersion: 1, data: books[2]!.data },
  });
  const outcome = spec.given(books).when(correction).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.openItems.get('LF-2021-4711')?.öppetBelopp, '12500.00');
  t.deepEqual(
    outcome.posting?.[0]?.rader.map((rad) => [rad.konto, 'debet' in rad ? rad.debet : rad.kredit]),
    [
      ['4010', '2000.00'],
      ['1650', '500.00'],
      ['2440', '2500.00'],
    ],
  );
});

/** The story on a ledger: costs invoiced and paid, each credited, the payable paid after. */
const story: readonly Step[] = [
  ['IngåendeBalansRegistrerad', ingåendeBalans2021],
  ['KostnadBokförd', invoice.data],
  ['KostnadKrediterad', credit().data],
  [
    'KostnadBokförd',
    {
      datum: '2021-03-12',
      område: 'administrativa',
      post: 'Kansli',
      belopp: '4000.00',
      moms: '1000.00',
      text: 'Konferens',
      betalning: { sätt: 'bank' },
    },
  ],
  [
    'KostnadKrediterad',
    {
      datum: '2021-03-30',
      område: 'administrativa',
      post: 'Kansli',
      belopp: '1000.00',
      moms: '250.00',
      text: 'Kreditfaktura konferens, återbetald',
      reglering: { sätt: 'bank' },
    },
  ],
];
const payment: Step = [
  'LeverantörsskuldBetald',
  { datum: '2021-04-09', postId: 'LF-2021-4711', belopp: '10000.00' },
];

const amountsOf = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => amount?.toString() ?? null);

test('the reskontra shows the credited payable at 10 000, agreeing with 2440', async (t) => {
  const { store, ledger } = await ledgerWith([...story, payment]);
  const before = await replayReskontra(store.readStream(ledger.streamId), '2021-03-31');
  const payables = before.konton.find((konto) => konto.konto === '2440');
  t.deepEqual(
    payables?.poster.map((post) => [post.postId, post.öppetBelopp.toString()]),
    [['LF-2021-4711', '10000.00']],
  );
  t.is(payables?.ospecificerat.toString(), '0.00');
  const after = await replayReskontra(store.readStream(ledger.streamId), '2021-04-30');
  t.false(
    after.konton.some((konto) => konto.konto === '2440'),
    'paid: no item open, no balance',
  );
});

test('Not 2, resultaträkning, balansräkning and kassaflödesanalys net the credits; a bank refund is operating cash flow', async (t) => {
  const { ledger } = await ledgerWith([...story, payment]);
  const report = await ledger.annualReport(2021);
  t.is(amountsOf(report.not2, 'post:operativa|Insatser')[0], '8000.00');
  t.is(amountsOf(report.not2, 'post:administrativa|Kansli')[0], '3000.00');
  const { resultaträkning, balansräkning, kassaflödesanalys } = report;
  t.deepEqual(amountsOf(resultaträkning, 'verksamhetens-kostnader'), ['-11000.00', null]);
  // Bank 100 000 − 5 000 + 1 250 − 10 000; VAT 2 500 − 500 + 1 000 − 250.
  t.deepEqual(amountsOf(balansräkning, 'kassa-och-bank'), ['86250.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'övriga-fordringar'), ['2750.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'leverantörsskulder'), ['0.00', null]);
  t.deepEqual(
    amountsOf(balansräkning, 'summa-tillgångar'),
    amountsOf(balansräkning, 'summa-eget-kapital-och-skulder'),
  );
  t.deepEqual(amountsOf(kassaflödesanalys, 'kassaflöde-löpande-verksamhet'), ['-13750.00', null]);
  t.false(kassaflödesanalys.rows.some((row) => row.key === 'kassaflöde-investeringsverksamhet'));
  t.deepEqual(amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut'), ['86250.00', null]);
});
