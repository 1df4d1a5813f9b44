import test, { type ExecutionContext } from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../../store/getInMemoryEventStore.js';
import { rowOf, type Statement } from '../../statements/Statement.js';
import { collectAsync } from '../../util/asyncIterable.js';
import { assertRefused, ledgerWith, metadata, type Step } from '../ledgerSteps.testScenario.js';
import { createLedger, type Ledger } from '../../facade/createLedger.js';
import type { EventInput } from '../../facade/EventInput.js';
import { must } from '../../facade/must.testSupport.js';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

/**
 * EgetKapitalRättat (rättelse av fel i tidigare års redovisning): its posting, its refusals
 * (the code, the field, and nothing written), and what it does to the open items, the
 * balance sheet and the kassaflödesanalys.
 */

const opening: Step = [
  'IngåendeBalansRegistrerad',
  {
    datum: '2020-01-01',
    text: 'IB 2020',
    kassaOchBank: '1000.00',
    momsfordran: '100.00',
    balanseratResultat: '1500.00',
    öppnaPoster: [
      {
        postId: 'UI-1',
        slag: 'upplupen-intäkt',
        belopp: '500.00',
        text: 'ESF MIA nov–dec',
        intäktsslag: 'esf',
      },
      { postId: 'KF-1', slag: 'kundfordran', belopp: '200.00', text: 'Region kv 4' },
      { postId: 'LS-1', slag: 'leverantörsskuld', belopp: '300.00', text: 'Lokalhyra' },
    ],
  },
];
const close2020: Step = [
  'RäkenskapsårStängt',
  { år: 2020, datum: '2021-02-15', åretsResultat: '0.00' },
];
const history: readonly Step[] = [opening, close2020];
const correction = (belopp: unknown, motpost: unknown, datum = '2021-03-01'): Step => [
  'EgetKapitalRättat',
  {
    datum,
    belopp,
    motpost,
    text: 'Rättelse av fel i 2020 års redovisning',
    skäl: 'Styrelsen 2021-02-28 § 5',
  },
];

/** The step as the ledger's typed `record` takes it: the schema checks the data when it runs. */
const typed = ([type, data]: Step) => [type, data as EventInput<typeof type>] as const;

const cases: readonly [string, Step, string, string?][] = [
  ['belopp zero', correction('0.00', { slag: 'momsfordran' }), 'VALIDATION_FAILED', 'data.belopp'],
  [
    'belopp as a JavaScript number',
    correction(-10, { slag: 'momsfordran' }),
    'INVALID_AMOUNT',
    'data.belopp',
  ],
  [
    'an open-item kind without postId',
    correction('-10.00', { slag: 'upplupen-intäkt' }),
    'VALIDATION_FAILED',
    'data.motpost.postId',
  ],
  [
    'a postId with momsfordran',
    correction('-10.00', { slag: 'momsfordran', postId: 'UI-1' }),
    'VALIDATION_FAILED',
    'data.motpost.postId',
  ],
  [
    'bank as motpost (the schema refuses it)',
    correction('-10.00', { slag: 'bank' }),
    'VALIDATION_FAILED',
    'data.motpost.slag',
  ],
  [
    'an unknown postId, lowering a receivable',
    correction('-10.00', { slag: 'upplupen-intäkt', postId: 'UI-404' }),
    'OPEN_ITEM_NOT_FOUND',
    'data.motpost.postId',
  ],
  [
    'an unknown postId, raising a receivable',
    correction('10.00', { slag: 'kundfordran', postId: 'KF-404' }),
    'OPEN_ITEM_NOT_FOUND',
    'data.motpost.postId',
  ],
  [
    'an unknown postId, raising a debt',
    correction('-10.00', { slag: 'leverantörsskuld', postId: 'LS-404' }),
    'OPEN_ITEM_NOT_FOUND',
    'data.motpost.postId',
  ],
  [
    'the wrong kind when raising (reopen slag check)',
    correction('10.00', { slag: 'kundfordran', postId: 'LS-1' }),
    'OPEN_ITEM_MISMATCH',
    'data.motpost.postId',
  ],
  [
    'the wrong kind when raising a debt (reopen slag check)',
    correction('-10.00', { slag: 'upplupen-kostnad', postId: 'LS-1' }),
    'OPEN_ITEM_MISMATCH',
    'data.motpost.postId',
  ],
  [
    'the wrong kind when lowering',
    correction('-10.00', { slag: 'kundfordran', postId: 'UI-1' }),
    'OPEN_ITEM_MISMATCH',
    'data.motpost.postId',
  ],
  [
    'lowering a receivable by more than is open',
    correction('-500.01', { slag: 'upplupen-intäkt', postId: 'UI-1' }),
    'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
    'data.belopp',
  ],
  [
    'lowering a debt by more than is open',
    correction('300.01', { slag: 'leverantörsskuld', postId: 'LS-1' }),
    'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
    'data.belopp',
  ],
  [
    'a correction dated in the closed year',
    correction('-10.00', { slag: 'upplupen-intäkt', postId: 'UI-1' }, '2020-12-31'),
    'YEAR_CLOSED',
    'data.datum',
  ],
];

test('EgetKapitalRättat lowering a receivable posts debet balanserat resultat 2091, kredit the item’s account', (t) => {
  const lowered = event('EgetKapitalRättat', {
    datum: '2021-03-01',
    belopp: '-20000.00',
    motpost: { slag: 'upplupen-intäkt', postId: 'UI-ESF-2020' },
    text: 'ESF 2020 blev lägre än upplupet',
    skäl: 'Styrelsen 2021-02-28 § 5',
  });
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(lowered)
      .thenPosts([
        {
          datum: '2021-03-01',
          text: 'ESF 2020 blev lägre än upplupet',
          rader: [
            { konto: '2091', debet: '20000.00' },
            { konto: '1790', kredit: '20000.00' },
          ],
        },
      ]),
  );
  const outcome = spec.given([opening2021]).when(lowered).outcome();
  t.is(outcome.accepted && outcome.state.openItems.get('UI-ESF-2020')?.öppetBelopp, '100000.00');
});

test('EgetKapitalRättat raising a debt posts debet 2091, kredit 2440, and adds to the open debt', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(
      event('EgetKapitalRättat', {
        datum: '2021-03-01',
        belopp: '-500.00',
        motpost: { slag: 'leverantörsskuld', postId: 'LF-2020-88' },
        text: 'Faktura 2020 var för lågt bokförd',
        skäl: 'Styrelsen 2021-02-28 § 6',
      }),
    )
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    { konto: '2091', debet: '500.00' },
    { konto: '2440', kredit: '500.00' },
  ]);
  t.is(outcome.state.openItems.get('LF-2020-88')?.öppetBelopp, '30500.00');
});

for (const [label, step, code, path] of cases) {
  test(`EgetKapitalRättat with ${label} is refused with ${code}, and nothing is appended`, async (t: ExecutionContext) => {
    await assertRefused(t, history, step, code, path);
  });
}

test('the whole open amount, and the whole VAT receivable, may be corrected away', async (t) => {
  const { ledger } = await ledgerWith([
    ...history,
    correction('-500.00', { slag: 'upplupen-intäkt', postId: 'UI-1' }),
    correction('-100.00', { slag: 'momsfordran' }),
  ]);
  const state = await ledger.state()();
  if (E.isLeft(state)) return t.fail(state.left.message);
  t.is(state.right.openItems.get('UI-1')!.öppetBelopp, '0.00');
  t.true(state.right.balances.get('1650')!.isZero());
});

const amountsOf = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => amount?.toString() ?? null);

test('a correction lowering the VAT receivable below zero is no refund: it is accepted, a VAT debt to Skatteverket', async (t) => {
  // Given 100 receivable; when 2020's receivable proves 150 too high (VAT claimed twice);
  const { ledger } = await ledgerWith([...history, correction('-150.00', { slag: 'momsfordran' })]);
  // then the VAT account stands at −50: owed back, shown as a debt at the year end.
  const state = await ledger.state()();
  if (E.isLeft(state)) return t.fail(state.left.message);
  t.is(state.right.balances.get('1650')!.toString(), '-50.00');
  const { balansräkning } = await ledger.statements(2021);
  t.deepEqual(amountsOf(balansräkning, 'övriga-fordringar'), ['0.00', '100.00']);
  t.deepEqual(amountsOf(balansräkning, 'övriga-kortfristiga-skulder'), ['50.00', '0.00']);
});

/** An ESF accrual of 2020 that turned out 20 000 kr too high after 2020 was closed. */
async function esfAccrualTooHigh(): Promise<Ledger> {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'esf' });
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
      'IntäktUpplupen',
      {
        datum: '2020-12-31',
        postId: 'ESF-2020',
        intäktsslag: 'esf',
        belopp: '100000.00',
        text: 'ESF MIA okt–dec 2020',
      },
      { metadata },
    ),
  );
  await must(ledger.closeYear(2020, '2021-02-15', { metadata }));
  await must(
    ledger.record(
      'EgetKapitalRättat',
      {
        datum: '2021-03-01',
        belopp: '-20000.00',
        motpost: { slag: 'upplupen-intäkt', postId: 'ESF-2020' },
        text: 'ESF-fordran 2020 för hög',
        skäl: 'ESF-rådet godkände 80 000 kr; styrelsen 2021-02-28 § 5',
      },
      { metadata },
    ),
  );
  return ledger;
}

test('EgetKapitalRättat lowering an ESF accrual: the open item drops, the reversal must take the lowered amount', async (t) => {
  const ledger = await esfAccrualTooHigh();
  const state = await must(ledger.state());
  t.like(state.openItems.get('ESF-2020'), {
    ursprungligtBelopp: '100000.00',
    öppetBelopp: '80000.00',
    intäktsslag: 'esf',
  });
  t.is(
    state.yearResults.get(2021),
    undefined,
    'a correction against equity is not in the open year’s result',
  );

  const wholeOriginal = await ledger.record(
    'PeriodiseringÅterförd',
    {
      datum: '2021-03-02',
      postId: 'ESF-2020',
      slag: 'upplupen-intäkt',
      belopp: '100000.00',
      intäktsslag: 'esf',
      text: 'Återföring',
    },
    { metadata },
  )();
  t.true(
    E.isLeft(wholeOriginal) && wholeOriginal.left.code === 'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
    'the original amount is no longer open',
  );
  const part = await ledger.record(
    'PeriodiseringÅterförd',
    {
      datum: '2021-03-02',
      postId: 'ESF-2020',
      slag: 'upplupen-intäkt',
      belopp: '50000.00',
      intäktsslag: 'esf',
      text: 'Återföring',
    },
    { metadata },
  )();
  t.true(
    E.isLeft(part) && part.left.code === 'OPEN_ITEM_MISMATCH',
    'an accrual is reversed whole: the lowered amount, not less',
  );
  const reversed = await must(ledger.reverseAccrual('ESF-2020', '2021-03-02', { metadata }));
  t.is((reversed.event.data as { belopp: string }).belopp, '80000.00');
  t.is((await must(ledger.state())).openItems.get('ESF-2020')!.öppetBelopp, '0.00');
});

test('EgetKapitalRättat lowering an ESF accrual: övrigt eget kapital drops; the kassaflödesanalys shows it as a non-cash adjustment and closing cash equals the bank', async (t) => {
  const ledger = await esfAccrualTooHigh();
  await must(ledger.reverseAccrual('ESF-2020', '2021-03-02', { metadata }));
  await must(
    ledger.record(
      'ESFUtbetalning',
      { datum: '2021-04-15', projekt: 'MIA', period: '2020 okt–dec', belopp: '80000.00' },
      { metadata },
    ),
  );

  const { resultaträkning, balansräkning, kassaflödesanalys } = await ledger.statements(2021);
  t.deepEqual(
    amountsOf(resultaträkning, 'årets-resultat'),
    ['0.00', '100000.00'],
    'the reversal and the payment cancel out in 2021',
  );
  t.deepEqual(
    amountsOf(balansräkning, 'övrigt-eget-kapital'),
    ['81000.00', '1000.00'],
    '1 000 + the 2020 result 100 000 − the correction 20 000',
  );
  t.deepEqual(amountsOf(balansräkning, 'summa-eget-kapital'), ['81000.00', '101000.00']);
  t.deepEqual(amountsOf(balansräkning, 'förutbetalda-kostnader-upplupna-intäkter'), [
    '0.00',
    '100000.00',
  ]);
  t.deepEqual(amountsOf(balansräkning, 'kassa-och-bank'), ['81000.00', '1000.00']);
  t.deepEqual(
    amountsOf(balansräkning, 'summa-tillgångar'),
    amountsOf(balansräkning, 'summa-eget-kapital-och-skulder'),
  );

  t.deepEqual(amountsOf(kassaflödesanalys, 'årets-resultat'), ['0.00', '100000.00']);
  t.deepEqual(amountsOf(kassaflödesanalys, 'justering-ej-likviditetspåverkande-poster'), [
    '-20000.00',
    '0.00',
  ]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-fordringar'), [
    '100000.00',
    '-100000.00',
  ]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'kassaflöde-löpande-verksamhet'), ['80000.00', '0.00']);
  t.false(
    kassaflödesanalys.rows.some((row) => row.key === 'kassaflöde-finansieringsverksamhet'),
    'an equity correction is not financing',
  );
  t.deepEqual(
    amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut'),
    amountsOf(balansräkning, 'kassa-och-bank'),
  );

  const journal = await collectAsync(ledger.verifikationer(2021));
  const equityCorrection = journal.find(
    (verifikation) => verifikation.eventType === 'EgetKapitalRättat',
  )!;
  t.deepEqual(
    equityCorrection.rader.map((rad) => [rad.konto, rad.belopp.toString()]),
    [
      ['2091', '20000.00'],
      ['1790', '-20000.00'],
    ],
  );
});

test('EgetKapitalRättat raising a payable that was never booked: the debt rises, equity falls, no cash moves', async (t) => {
  const { ledger } = await ledgerWith(
    [
      ...history,
      correction('-50.00', { slag: 'leverantörsskuld', postId: 'LS-1' }),
      ['LeverantörsskuldBetald', { datum: '2021-04-01', postId: 'LS-1', belopp: '350.00' }],
    ],
    'ek',
  );
  const state = await must(ledger.state());
  t.like(state.openItems.get('LS-1'), { öppetBelopp: '0.00', text: 'Lokalhyra' });
  const { balansräkning, kassaflödesanalys } = await ledger.statements(2021);
  t.deepEqual(amountsOf(balansräkning, 'övrigt-eget-kapital'), ['1450.00', '1500.00']);
  t.deepEqual(amountsOf(kassaflödesanalys, 'justering-ej-likviditetspåverkande-poster'), [
    '-50.00',
    '0.00',
  ]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-skulder'), ['-300.00', '0.00']);
  t.deepEqual(
    amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut'),
    amountsOf(balansräkning, 'kassa-och-bank'),
  );
  t.deepEqual(amountsOf(balansräkning, 'kassa-och-bank'), ['650.00', '1000.00']);
});

test('EgetKapitalRättat raising a receivable and raising the VAT receivable: equity rises', async (t) => {
  const { ledger } = await ledgerWith([
    ...history,
    correction('25.00', { slag: 'kundfordran', postId: 'KF-1' }),
    correction('10.00', { slag: 'momsfordran' }),
  ]);
  const state = await must(ledger.state());
  t.is(state.openItems.get('KF-1')!.öppetBelopp, '225.00');
  t.is(state.balances.get('1650')!.toString(), '110.00');
  const { balansräkning, kassaflödesanalys } = await ledger.statements(2021);
  t.deepEqual(amountsOf(balansräkning, 'övrigt-eget-kapital'), ['1535.00', '1500.00']);
  t.deepEqual(amountsOf(kassaflödesanalys, 'justering-ej-likviditetspåverkande-poster'), [
    '35.00',
    '0.00',
  ]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-fordringar'), [
    '-35.00',
    '0.00',
  ]);
  t.deepEqual(amountsOf(kassaflödesanalys, 'årets-kassaflöde'), ['0.00', '0.00']);
});

test('a correction of an EgetKapitalRättat that lowered a receivable reopens the amount', async (t) => {
  const { ledger } = await ledgerWith(history, 'ek');
  const wrong = await must(
    ledger.record(...typed(correction('-40.00', { slag: 'upplupen-intäkt', postId: 'UI-1' })), {
      metadata,
    }),
  );
  await must(ledger.correct(wrong.event.eventId, '2021-03-10', 'Fel post', { metadata }));
  const state = await must(ledger.state());
  t.is(state.openItems.get('UI-1')!.öppetBelopp, '500.00');
  t.is(state.balances.get('2091')!.toString(), '-1500.00');
});

test('a correction of an EgetKapitalRättat that raised a debt takes the raise back, though the debt had more open', async (t) => {
  const { ledger } = await ledgerWith(history, 'ek');
  const wrong = await must(
    ledger.record(...typed(correction('-50.00', { slag: 'leverantörsskuld', postId: 'LS-1' })), {
      metadata,
    }),
  );
  t.is((await must(ledger.state())).openItems.get('LS-1')!.öppetBelopp, '350.00');
  await must(
    ledger.correct(wrong.event.eventId, '2021-03-10', 'Skulden var redan bokförd', { metadata }),
  );
  const state = await must(ledger.state());
  t.is(state.openItems.get('LS-1')!.öppetBelopp, '300.00');
  t.is(state.balances.get('2091')!.toString(), '-1500.00');
});

test('a correction of an EgetKapitalRättat that raised a debt is refused once the raise was paid', async (t) => {
  const { ledger } = await ledgerWith(history, 'ek');
  const raise = await must(
    ledger.record(...typed(correction('-50.00', { slag: 'leverantörsskuld', postId: 'LS-1' })), {
      metadata,
    }),
  );
  await must(
    ledger.record(
      'LeverantörsskuldBetald',
      { datum: '2021-04-01', postId: 'LS-1', belopp: '320.00' },
      { metadata },
    ),
  );
  const result = await ledger.correct(raise.event.eventId, '2021-04-10', 'x', { metadata })();
  t.true(
    E.isLeft(result) && result.left.code === 'EVENT_NOT_CORRECTABLE',
    E.isLeft(result) ? result.left.message : 'accepted',
  );
});
