import test from 'ava';
import { isLedgerError } from '../../error.js';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const reversal = (overrides: Record<string, unknown> = {}) =>
  event('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'UK-2020',
    slag: 'upplupen-kostnad',
    belopp: '8000.00',
    område: 'administrativa',
    post: 'Revision',
    text: 'Återföring revisionsarvode 2020',
    ...overrides,
  });

test('an upplupen kostnad reversed: debet 2990, kredit the cost account on its Not 2 line', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(reversal())
      .thenPosts([
        {
          datum: '2021-01-01',
          text: 'Återföring revisionsarvode 2020',
          rader: [
            { konto: '2990', debet: '8000.00' },
            {
              konto: '6010',
              kredit: '8000.00',
              dimensioner: { område: 'administrativa', post: 'Revision' },
            },
          ],
        },
      ]),
  );
});

test('a förutbetald kostnad reversed: debet the cost, kredit 1790', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(
        reversal({
          postId: 'FK-2021-01',
          slag: 'förutbetald-kostnad',
          belopp: '15000.00',
          post: 'Lokaler',
          text: 'Hyra januari',
        }),
      )
      .thenPosts([
        {
          datum: '2021-01-01',
          text: 'Hyra januari',
          rader: [
            {
              konto: '6010',
              debet: '15000.00',
              dimensioner: { område: 'administrativa', post: 'Lokaler' },
            },
            { konto: '1790', kredit: '15000.00' },
          ],
        },
      ]),
  );
});

test('an upplupen intäkt reversed: debet the income account, kredit 1790, and the item is closed', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(
      reversal({
        postId: 'UI-ESF-2020',
        slag: 'upplupen-intäkt',
        belopp: '120000.00',
        område: undefined,
        post: undefined,
        intäktsslag: 'esf',
        text: 'Återföring ESF 2020',
      }),
    )
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    { konto: '3989', debet: '120000.00', dimensioner: { intäktsslag: 'esf' } },
    { konto: '1790', kredit: '120000.00' },
  ]);
  t.is(outcome.state.openItems.get('UI-ESF-2020')?.öppetBelopp, '0.00');
});

test('a reversal on another Not 2 line than the accrual is refused with OPEN_ITEM_MISMATCH naming data.post', (t) => {
  const error = spec
    .given([opening2021])
    .when(reversal({ post: 'Kansli' }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.post');
  t.deepEqual(
    error.issues.map((issue) => [issue.path, issue.rule]),
    [['data.post', 'placement-of-open-item']],
  );
});

test('a reversal of part of the accrual is refused with OPEN_ITEM_MISMATCH naming data.belopp', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(reversal({ belopp: '7999.99' }))
      .thenRefused('OPEN_ITEM_MISMATCH', 'data.belopp'),
  );
});

test('a reversal above the open amount is refused with SETTLEMENT_EXCEEDS_OPEN_AMOUNT naming data.belopp', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(reversal({ belopp: '8000.01' }))
      .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp'),
  );
});

test('a reversal of an unknown accrual is refused with OPEN_ITEM_NOT_FOUND naming data.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(reversal({ postId: 'UK-404' }))
      .thenRefused('OPEN_ITEM_NOT_FOUND', 'data.postId'),
  );
});

/** The opening balance 2021 with, besides, 50 000 of course fees for 2021 received in 2020. */
const openingWithPrepaidIncome = event('IngåendeBalansRegistrerad', {
  ...opening2021.data,
  balanseratResultat: '646333.00',
  öppnaPoster: [
    ...opening2021.data.öppnaPoster,
    {
      postId: 'FI-2021',
      slag: 'förutbetald-intäkt',
      belopp: '50000.00',
      text: 'Kursavgifter vt 2021',
      intäktsslag: 'övrig',
      intäktspost: 'Kursavgifter',
    },
  ],
});

const prepaidIncomeReversal = (overrides: Record<string, unknown> = {}) =>
  reversal({
    postId: 'FI-2021',
    slag: 'förutbetald-intäkt',
    belopp: '50000.00',
    område: undefined,
    post: undefined,
    intäktsslag: 'övrig',
    intäktspost: 'Kursavgifter',
    text: 'Kursavgifter vt 2021',
    ...overrides,
  });

test('a förutbetald intäkt reversed: debet 2990, kredit the income account on its Not 1 line, and the item is closed', (t) => {
  t.notThrows(() =>
    spec
      .given([openingWithPrepaidIncome])
      .when(prepaidIncomeReversal())
      .thenPosts([
        {
          datum: '2021-01-01',
          text: 'Kursavgifter vt 2021',
          rader: [
            { konto: '2990', debet: '50000.00' },
            {
              konto: '3990',
              kredit: '50000.00',
              dimensioner: { intäktsslag: 'övrig', intäktspost: 'Kursavgifter' },
            },
          ],
        },
      ]),
  );
  const outcome = spec.given([openingWithPrepaidIncome]).when(prepaidIncomeReversal()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.openItems.get('FI-2021')?.öppetBelopp, '0.00');
});

test('a förutbetald intäkt reversed without its intäktsslag is refused by the schema, naming data.intäktsslag', (t) => {
  const error = t.throws(() => prepaidIncomeReversal({ intäktsslag: undefined }));
  t.true(isLedgerError(error) && error.code === 'VALIDATION_FAILED');
  t.deepEqual(isLedgerError(error) ? error.issues.map((issue) => [issue.path, issue.rule]) : [], [
    ['data.intäktsslag', 'income-accrual-needs-kind'],
  ]);
});

test('a förutbetald intäkt reversed on another intäktspost is refused with OPEN_ITEM_MISMATCH naming data.intäktspost', (t) => {
  const error = spec
    .given([openingWithPrepaidIncome])
    .when(prepaidIncomeReversal({ intäktspost: 'Konferensavgifter' }))
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.intäktspost');
  t.is(error.issues[0]?.rule, 'placement-of-open-item');
});

test('an accrual reversed on a day before it was booked is refused with OPEN_ITEM_MISMATCH naming data.datum', (t) => {
  const accrued = event('IntäktUpplupen', {
    datum: '2021-12-31',
    postId: 'UI-ESF-2021',
    intäktsslag: 'esf',
    belopp: '98765.43',
    text: 'ESF sep–dec 2021',
  });
  const error = spec
    .given([opening2021, accrued])
    .when(
      reversal({
        datum: '2021-12-30',
        postId: 'UI-ESF-2021',
        slag: 'upplupen-intäkt',
        belopp: '98765.43',
        område: undefined,
        post: undefined,
        intäktsslag: 'esf',
      }),
    )
    .thenRefused('OPEN_ITEM_MISMATCH', 'data.datum');
  t.deepEqual(
    error.issues.map((issue) => [issue.path, issue.rule]),
    [['data.datum', 'not-before-open-item']],
  );
});
