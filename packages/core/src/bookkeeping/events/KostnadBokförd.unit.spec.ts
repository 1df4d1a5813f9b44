import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';
import { Money } from '../../money/Money.js';
import { vatCeilingOf } from '../vatAtMostHighestRate.js';

const cost = (overrides: Record<string, unknown> = {}) =>
  event('KostnadBokförd', {
    datum: '2021-03-10',
    område: 'operativa',
    post: 'Insatser',
    underpost: 'MIA vidare',
    insats: 'MIA vidare',
    belopp: '40000.00',
    moms: '10000.00',
    text: 'Arbetsträning mars',
    motpart: 'Arbetsträning AB',
    betalning: { sätt: 'leverantörsskuld', postId: 'LF-2021-31' },
    ...overrides,
  });

test('KostnadBokförd on a leverantörsskuld posts debet the område’s cost account and 1650, kredit 2440', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(cost())
      .thenPosts([
        {
          datum: '2021-03-10',
          text: 'Arbetsträning mars',
          motpart: 'Arbetsträning AB',
          rader: [
            {
              konto: '4010',
              debet: '40000.00',
              dimensioner: {
                område: 'operativa',
                post: 'Insatser',
                underpost: 'MIA vidare',
                insats: 'MIA vidare',
              },
            },
            { konto: '1650', debet: '10000.00' },
            { konto: '2440', kredit: '50000.00' },
          ],
        },
      ]),
  );
});

test('paid from the bank without VAT: debet 6010 for administrativa, kredit 1930, no VAT line, no open item', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(
      cost({
        område: 'administrativa',
        post: 'Kansli',
        underpost: undefined,
        insats: undefined,
        belopp: '1200.00',
        moms: '0.00',
        betalning: { sätt: 'bank' },
      }),
    )
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    { konto: '6010', debet: '1200.00', dimensioner: { område: 'administrativa', post: 'Kansli' } },
    { konto: '1930', kredit: '1200.00' },
  ]);
  t.is(outcome.state.openItems.size, 6, 'only the opening balance’s items');
});

test('an accrued cost posts kredit 2990 and opens an upplupen kostnad with its placement', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(cost({ moms: '0.00', betalning: { sätt: 'upplupen', postId: 'UK-2021' } }))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader[1], { konto: '2990', kredit: '40000.00' });
  t.like(outcome.state.openItems.get('UK-2021'), {
    slag: 'upplupen-kostnad',
    öppetBelopp: '40000.00',
    område: 'operativa',
    underpost: 'MIA vidare',
  });
});

test('moms above 25 % of belopp (plus a krona for rounding) is refused with VAT_ABOVE_HIGHEST_RATE naming data.moms; at the ceiling, and half an öre above 25 %, it is accepted', (t) => {
  // The gross amount typed as the net one's VAT: 50 000 kr on 40 000 kr net.
  const gross = spec
    .given([opening2021])
    .when(cost({ moms: '50000.00' }))
    .thenRefused('VAT_ABOVE_HIGHEST_RATE', 'data.moms');
  t.is(gross.issues[0]?.rule, 'vat-at-most-highest-rate');
  t.deepEqual(gross.details, { moms: '50000.00', belopp: '40000.00', ceiling: '10001.00' });
  t.regex(gross.message, /moms 50000\.00 kr is more than 25 % of belopp 40000\.00 kr/);
  spec
    .given([opening2021])
    .when(cost({ moms: '10001.01' }))
    .thenRefused('VAT_ABOVE_HIGHEST_RATE', 'data.moms');
  for (const [belopp, moms] of [
    ['40000.00', '10001.00'],
    // An invoice's VAT rounded per line, as in Roslagen's books: half an öre above 25 %.
    ['1910.50', '477.63'],
    // Paid from the bank: the rule is the cost's, not the payable's.
    ['0.01', '1.01'],
  ] as const)
    t.true(
      spec
        .given([opening2021])
        .when(cost({ belopp, moms, betalning: { sätt: 'bank' } }))
        .outcome().accepted,
      `${moms} kr on ${belopp} kr`,
    );
});

test('a cost whose payable reuses an open item id is refused with OPEN_ITEM_ALREADY_EXISTS naming data.betalning.postId', (t) => {
  const error = spec
    .given([opening2021])
    .when(cost({ betalning: { sätt: 'leverantörsskuld', postId: 'LF-2020-88' } }))
    .thenRefused('OPEN_ITEM_ALREADY_EXISTS', 'data.betalning.postId');
  t.deepEqual(error.details, { postId: 'LF-2020-88' });
});

test('a cost dated two years past the open year is refused with YEAR_NOT_YET_OPEN naming data.datum; the next year is accepted', (t) => {
  const error = spec
    .given([opening2021])
    .when(cost({ datum: '2052-11-03' }))
    .thenRefused('YEAR_NOT_YET_OPEN', 'data.datum');
  t.is(error.issues[0]?.rule, 'open-year-or-next');
  t.regex(error.message, /the books' open year is 2021: a booking goes in 2021 or 2022/);
  t.true(
    spec
      .given([opening2021])
      .when(cost({ datum: '2022-01-10' }))
      .outcome().accepted,
  );
  // Once 2021 is closed, 2023 may be booked and 2024 may not.
  const closed = [opening2021, closing2021('0.00')];
  t.true(
    spec
      .given(closed)
      .when(cost({ datum: '2023-01-10' }))
      .outcome().accepted,
  );
  spec
    .given(closed)
    .when(cost({ datum: '2024-01-10' }))
    .thenRefused('YEAR_NOT_YET_OPEN', 'data.datum');
});

test('the first booking of books without an opening balance, or the opening balance, dated beyond the year after its recording is refused with YEAR_NOT_YET_OPEN; the year after is accepted', (t) => {
  // The fixtures are recorded 2021-01-10: a first booking opens the books in its year.
  const error = spec
    .given([])
    .when(cost({ datum: '2052-11-03' }))
    .thenRefused('YEAR_NOT_YET_OPEN', 'data.datum');
  t.is(error.issues[0]?.rule, 'first-year-not-ahead');
  t.is(error.issues[0]?.message, 'must be in 2022 or earlier (recorded in 2021)');
  t.regex(error.message, /would open the books in 2052, but it is recorded in 2021/);
  t.true(
    spec
      .given([])
      .when(cost({ datum: '2022-12-31' }))
      .outcome().accepted,
  );
  t.true(
    spec
      .given([])
      .when(cost({ datum: '1998-05-04' }))
      .outcome().accepted,
    'history far back',
  );
  const farOpening = event('IngåendeBalansRegistrerad', {
    ...opening2021.data,
    datum: '2025-01-01',
  });
  spec.given([]).when(farOpening).thenRefused('YEAR_NOT_YET_OPEN', 'data.datum');
  const nextOpening = event('IngåendeBalansRegistrerad', {
    ...opening2021.data,
    datum: '2022-01-01',
  });
  t.true(spec.given([]).when(nextOpening).outcome().accepted);
});

test('a cost dated before the opening balance is refused with BEFORE_FIRST_YEAR naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(cost({ datum: '2020-12-30' }))
      .thenRefused('BEFORE_FIRST_YEAR', 'data.datum'),
  );
});

test('the VAT ceiling of the largest net amount is computed in whole öre, beyond the safe integers', (t) => {
  // 25 % of 99 999 999 999 999 999 öre, rounded up, plus 100 öre.
  t.is(vatCeilingOf(Money.from('999999999999999.99')).toString(), '250000000000001.00');
  t.is(vatCeilingOf(Money.from('1910.50')).toString(), '478.63');
});
