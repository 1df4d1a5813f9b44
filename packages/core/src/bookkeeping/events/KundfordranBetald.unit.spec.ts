import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const paid = (overrides: Record<string, unknown> = {}) =>
  event('KundfordranBetald', {
    datum: '2021-01-20',
    postId: 'KF-2020-12',
    belopp: '90833.00',
    motpart: 'Region Stockholm',
    ...overrides,
  });

test('KundfordranBetald posts debet bank 1930, kredit kundfordringar 1510 and settles the item', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(paid())
      .thenPosts([
        {
          datum: '2021-01-20',
          text: 'Inbetalning kundfordran KF-2020-12',
          motpart: 'Region Stockholm',
          rader: [
            { konto: '1930', debet: '90833.00' },
            { konto: '1510', kredit: '90833.00' },
          ],
        },
      ]),
  );
  const outcome = spec
    .given([opening2021])
    .when(paid({ belopp: '40000.00' }))
    .outcome();
  t.is(outcome.accepted && outcome.state.openItems.get('KF-2020-12')?.öppetBelopp, '50833.00');
});

test('a payment above the open amount is refused with SETTLEMENT_EXCEEDS_OPEN_AMOUNT naming data.belopp', (t) => {
  const error = spec
    .given([opening2021, paid({ belopp: '90000.00' })])
    .when(paid({ datum: '2021-02-01', belopp: '833.01' }))
    .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp');
  t.like(error.details, { postId: 'KF-2020-12', open: '833.00', settle: '833.01' });
  t.is(error.issues[0]?.rule, 'at-most-open-amount');
});

test('a payment of an unknown item is refused with OPEN_ITEM_NOT_FOUND naming data.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(paid({ postId: 'KF-404' }))
      .thenRefused('OPEN_ITEM_NOT_FOUND', 'data.postId'),
  );
});

test('a payment of a leverantörsskuld as a kundfordran is refused with OPEN_ITEM_MISMATCH naming data.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(paid({ postId: 'LF-2020-88', belopp: '1.00' }))
      .thenRefused('OPEN_ITEM_MISMATCH', 'data.postId'),
  );
});
