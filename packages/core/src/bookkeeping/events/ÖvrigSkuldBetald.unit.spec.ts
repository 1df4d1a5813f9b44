import test from 'ava';
import * as E from 'fp-ts/Either';
import { dimensionTotalsOf } from '../../statements/LedgerTotals.js';
import { rowOf, type Statement } from '../../statements/Statement.js';
import { Money } from '../../money/Money.js';
import { collectAsync } from '../../util/asyncIterable.js';
import { assertRefused, ledgerWith, metadata, type Step } from '../ledgerSteps.testScenario.js';
import { dimensionKey } from '../Verifikation.js';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

/**
 * Other short-term debt (KostnadBokförd with `betalning.sätt: 'övrig-skuld'`, paid by
 * ÖvrigSkuldBetald) and the Not 1 line of other income (`intäktspost`) through accrual and
 * reversal: refusals (the code, and nothing written) and what the statements show.
 */

const opening: Step = [
  'IngåendeBalansRegistrerad',
  {
    datum: '2021-01-01',
    text: 'IB 2021',
    kassaOchBank: '10000.00',
    momsfordran: '0',
    balanseratResultat: '9700.00',
    öppnaPoster: [
      { postId: 'LS-1', slag: 'leverantörsskuld', belopp: '300.00', text: 'Lokalhyra' },
    ],
  },
];
const owed: Step = [
  'KostnadBokförd',
  {
    datum: '2021-03-10',
    område: 'administrativa',
    post: 'Kansli',
    belopp: '800.00',
    moms: '200.00',
    text: 'Utlägg kansliet, återbetalas till Täby kommun',
    motpart: 'Täby kommun',
    betalning: { sätt: 'övrig-skuld', postId: 'ÖS-1' },
  },
];
const accrued: Step = [
  'IntäktUpplupen',
  {
    datum: '2021-12-31',
    postId: 'UI-1',
    intäktsslag: 'övrig',
    intäktspost: 'Utlåning av personal',
    belopp: '700.00',
    text: 'Utlånad personal dec 2021',
    motpart: 'Samsund',
  },
];
const reversal = (extra: Record<string, unknown> = {}): Step => [
  'PeriodiseringÅterförd',
  {
    datum: '2022-01-01',
    postId: 'UI-1',
    slag: 'upplupen-intäkt',
    belopp: '700.00',
    intäktsslag: 'övrig',
    intäktspost: 'Utlåning av personal',
    text: 'Återföring',
    ...extra,
  },
];

const amountsOf = (statement: Statement, key: string) =>
  rowOf(statement, key).amounts.map((amount) => amount?.toString() ?? null);

test('ÖvrigSkuldBetald above the open amount is refused with SETTLEMENT_EXCEEDS_OPEN_AMOUNT', (t) =>
  assertRefused(
    t,
    [
      opening,
      owed,
      ['ÖvrigSkuldBetald', { datum: '2021-04-01', postId: 'ÖS-1', belopp: '600.00' }],
    ],
    ['ÖvrigSkuldBetald', { datum: '2021-04-02', postId: 'ÖS-1', belopp: '400.01' }],
    'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
  ));
test('ÖvrigSkuldBetald of a leverantörsskuld is refused with OPEN_ITEM_MISMATCH', (t) =>
  assertRefused(
    t,
    [opening, owed],
    ['ÖvrigSkuldBetald', { datum: '2021-04-01', postId: 'LS-1', belopp: '1.00' }],
    'OPEN_ITEM_MISMATCH',
  ));
test('ÖvrigSkuldBetald of an unknown debt is refused with OPEN_ITEM_NOT_FOUND', (t) =>
  assertRefused(
    t,
    [opening, owed],
    ['ÖvrigSkuldBetald', { datum: '2021-04-01', postId: 'ÖS-404', belopp: '1.00' }],
    'OPEN_ITEM_NOT_FOUND',
  ));
test('LeverantörsskuldBetald of an övrig skuld is refused with OPEN_ITEM_MISMATCH', (t) =>
  assertRefused(
    t,
    [opening, owed],
    ['LeverantörsskuldBetald', { datum: '2021-04-01', postId: 'ÖS-1', belopp: '1.00' }],
    'OPEN_ITEM_MISMATCH',
  ));
test('an övrig skuld reusing an open item id is refused with OPEN_ITEM_ALREADY_EXISTS', (t) =>
  assertRefused(
    t,
    [opening, owed],
    [
      'KostnadBokförd',
      { ...(owed[1] as object), betalning: { sätt: 'övrig-skuld', postId: 'LS-1' } },
    ],
    'OPEN_ITEM_ALREADY_EXISTS',
  ));
test('an övrig skuld without postId is refused by the schema', (t) =>
  assertRefused(
    t,
    [opening],
    ['KostnadBokförd', { ...(owed[1] as object), betalning: { sätt: 'övrig-skuld' } }],
    'VALIDATION_FAILED',
  ));

test('KostnadBokförd övrig-skuld shows in the balansräkning under övriga kortfristiga skulder until ÖvrigSkuldBetald pays it', async (t) => {
  const { ledger } = await ledgerWith(
    [
      opening,
      owed,
      [
        'ÖvrigSkuldBetald',
        { datum: '2021-04-01', postId: 'ÖS-1', belopp: '600.00', motpart: 'Täby kommun' },
      ],
    ],
    'ovrig',
  );
  const state = await ledger.state()();
  if (E.isLeft(state)) return t.fail(state.left.message);
  t.like(state.right.openItems.get('ÖS-1'), {
    slag: 'övrig-kortfristig-skuld',
    ursprungligtBelopp: '1000.00',
    öppetBelopp: '400.00',
    motpart: 'Täby kommun',
    område: 'administrativa',
    post: 'Kansli',
  });

  const { resultaträkning, balansräkning, kassaflödesanalys } = await ledger.statements(2021);
  t.deepEqual(amountsOf(resultaträkning, 'verksamhetens-kostnader'), ['-800.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'övriga-kortfristiga-skulder'), ['400.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'leverantörsskulder'), ['300.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'övriga-fordringar'), ['200.00', null]);
  t.deepEqual(amountsOf(balansräkning, 'kassa-och-bank'), ['9400.00', null]);
  t.deepEqual(
    amountsOf(balansräkning, 'summa-tillgångar'),
    amountsOf(balansräkning, 'summa-eget-kapital-och-skulder'),
  );
  t.deepEqual(amountsOf(kassaflödesanalys, 'förändring-kortfristiga-skulder'), ['400.00', null]);
  t.deepEqual(
    amountsOf(kassaflödesanalys, 'likvida-medel-vid-årets-slut'),
    amountsOf(balansräkning, 'kassa-och-bank'),
  );

  await ledger.record(
    'ÖvrigSkuldBetald',
    { datum: '2021-05-01', postId: 'ÖS-1', belopp: '400.00' },
    { metadata },
  )();
  const paid = await ledger.statements(2021);
  t.false(
    paid.balansräkning.rows.some((row) => row.key === 'övriga-kortfristiga-skulder'),
    'a zero line the seeds do not always print is left out',
  );
});

test('PeriodiseringÅterförd with another intäktspost than the open item is refused with OPEN_ITEM_MISMATCH', (t) =>
  assertRefused(
    t,
    [opening, accrued],
    reversal({ intäktspost: 'Intäkt försäljning tjänst' }),
    'OPEN_ITEM_MISMATCH',
  ));

test('PeriodiseringÅterförd without the open item’s intäktspost is refused: it would land on another Not 1 line', (t) => {
  const [type, data] = reversal();
  const { intäktspost: _line, ...withoutLine } = data as Record<string, unknown>;
  return assertRefused(t, [opening, accrued], [type, withoutLine], 'OPEN_ITEM_MISMATCH');
});

test('PeriodiseringÅterförd naming an intäktspost the open item lacks is refused', (t) =>
  assertRefused(
    t,
    [
      opening,
      [
        'IntäktUpplupen',
        { datum: '2021-12-31', postId: 'UI-1', intäktsslag: 'övrig', belopp: '700.00', text: 'x' },
      ],
    ],
    reversal(),
    'OPEN_ITEM_MISMATCH',
  ));

test('an income accrual and its reversal land on the same Not 1 line; reverseAccrual carries the intäktspost', async (t) => {
  const { ledger } = await ledgerWith(
    [
      opening,
      accrued,
      ['RäkenskapsårStängt', { år: 2021, datum: '2022-02-15', åretsResultat: '700.00' }],
    ],
    'ovrig',
  );
  const reversed = await ledger.reverseAccrual('UI-1', '2022-01-01', { metadata })();
  if (E.isLeft(reversed)) return t.fail(reversed.left.message);
  t.is((reversed.right.event.data as { intäktspost?: string }).intäktspost, 'Utlåning av personal');
  await ledger.record(
    'ÖvrigIntäktBokförd',
    {
      datum: '2022-01-20',
      intäktsslag: 'övrig',
      intäktspost: 'Utlåning av personal',
      belopp: '700.00',
      text: 'Samsund betalade',
      betalning: { sätt: 'bank' },
    },
    { metadata },
  )();
  const totals = await ledger.totals();
  const line = dimensionKey({ intäktsslag: 'övrig', intäktspost: 'Utlåning av personal' });
  const of = (year: number) =>
    dimensionTotalsOf(totals, year).map((total) => [
      `${total.konto}|${dimensionKey(total.dimensioner)}`,
      total.belopp.toString(),
    ]);
  t.deepEqual(of(2021), [[`3990|${line}`, '-700.00']]);
  t.deepEqual(
    of(2022),
    [[`3990|${line}`, '0.00']],
    'the reversal and the payment net to zero on one line',
  );
});

test('corrections: a paid övrig skuld is reopened by correcting the payment; the cost is corrected once the debt is whole again', async (t) => {
  const { ledger } = await ledgerWith([opening, owed], 'ovrig');
  const payment = await ledger.record(
    'ÖvrigSkuldBetald',
    { datum: '2021-04-01', postId: 'ÖS-1', belopp: '1000.00' },
    { metadata },
  )();
  if (E.isLeft(payment)) return t.fail(payment.left.message);
  const state = async () => {
    const current = await ledger.state()();
    if (E.isLeft(current)) throw current.left;
    return current.right;
  };
  t.is((await state()).openItems.get('ÖS-1')!.öppetBelopp, '0.00');
  const costEvent = (await collectAsync(ledger.verifikationer(2021))).find(
    (verifikation) => verifikation.eventType === 'KostnadBokförd',
  )!.eventId;
  const tooEarly = await ledger.correct(costEvent, '2021-05-01', 'Fel kostnad', { metadata })();
  t.true(
    E.isLeft(tooEarly) && tooEarly.left.code === 'EVENT_NOT_CORRECTABLE',
    'the debt was paid: correct the payment first',
  );
  t.true(
    E.isRight(
      await ledger.correct(
        payment.right.event.eventId,
        '2021-05-01',
        'Betalningen gick till fel mottagare',
        { metadata },
      )(),
    ),
  );
  t.is((await state()).openItems.get('ÖS-1')!.öppetBelopp, '1000.00');
  t.true(E.isRight(await ledger.correct(costEvent, '2021-05-02', 'Fel kostnad', { metadata })()));
  const after = await state();
  t.is(after.openItems.get('ÖS-1')!.öppetBelopp, '0.00');
  t.true((after.balances.get('2890') ?? Money.zero).isZero());
  t.true((after.yearResults.get(2021) ?? Money.zero).isZero());
});

test('an income accrual in the opening balance keeps its intäktspost for the reversal', async (t) => {
  const { ledger } = await ledgerWith(
    [
      [
        'IngåendeBalansRegistrerad',
        {
          datum: '2021-01-01',
          text: 'IB',
          kassaOchBank: '0',
          momsfordran: '0',
          balanseratResultat: '700.00',
          öppnaPoster: [
            {
              postId: 'UI-0',
              slag: 'upplupen-intäkt',
              belopp: '700.00',
              text: 'Utlånad personal',
              intäktsslag: 'övrig',
              intäktspost: 'Utlåning av personal',
            },
          ],
        },
      ],
    ],
    'ovrig',
  );
  const reversed = await ledger.reverseAccrual('UI-0', '2021-01-01', { metadata })();
  if (E.isLeft(reversed)) return t.fail(reversed.left.message);
  const [verifikation] = await collectAsync(ledger.verifikationer(2021)).then((all) =>
    all.filter((candidate) => candidate.eventType === 'PeriodiseringÅterförd'),
  );
  t.deepEqual(
    verifikation!.rader.map((rad) => [rad.konto, rad.belopp.toString(), rad.dimensioner ?? null]),
    [
      ['3990', '700.00', { intäktsslag: 'övrig', intäktspost: 'Utlåning av personal' }],
      ['1790', '-700.00', null],
    ],
  );
});

test('ÖvrigSkuldBetald posts debet övriga kortfristiga skulder 2890, kredit bank 1930', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(
        event('ÖvrigSkuldBetald', {
          datum: '2021-02-05',
          postId: 'ÖS-2020',
          belopp: '4000.00',
          motpart: 'Täby kommun',
        }),
      )
      .thenPosts([
        {
          datum: '2021-02-05',
          text: 'Betalning övrig skuld ÖS-2020',
          motpart: 'Täby kommun',
          rader: [
            { konto: '2890', debet: '4000.00' },
            { konto: '1930', kredit: '4000.00' },
          ],
        },
      ]),
  );
});

test('ÖvrigSkuldBetald’s open-item refusals name their field: data.belopp above the open amount, data.postId otherwise', (t) => {
  const pay = (postId: string, belopp: string) =>
    event('ÖvrigSkuldBetald', { datum: '2021-02-05', postId, belopp });
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(pay('ÖS-2020', '4000.01'))
      .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp'),
  );
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(pay('LF-2020-88', '1.00'))
      .thenRefused('OPEN_ITEM_MISMATCH', 'data.postId'),
  );
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(pay('ÖS-404', '1.00'))
      .thenRefused('OPEN_ITEM_NOT_FOUND', 'data.postId'),
  );
});
