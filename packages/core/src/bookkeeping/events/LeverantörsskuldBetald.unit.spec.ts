import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const paid = (overrides: Record<string, unknown> = {}) =>
  event('LeverantörsskuldBetald', {
    datum: '2021-01-28',
    postId: 'LF-2020-88',
    belopp: '30000.00',
    motpart: 'Arbetsträning AB',
    ...overrides,
  });

test('LeverantörsskuldBetald posts debet leverantörsskulder 2440, kredit bank 1930', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(paid())
      .thenPosts([
        {
          datum: '2021-01-28',
          text: 'Betalning leverantörsskuld LF-2020-88',
          motpart: 'Arbetsträning AB',
          rader: [
            { konto: '2440', debet: '30000.00' },
            { konto: '1930', kredit: '30000.00' },
          ],
        },
      ]),
  );
});

test('a part payment leaves the rest open', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(paid({ belopp: '12000.00' }))
    .outcome();
  t.is(outcome.accepted && outcome.state.openItems.get('LF-2020-88')?.öppetBelopp, '18000.00');
});

test('a payment above the open amount is refused with SETTLEMENT_EXCEEDS_OPEN_AMOUNT naming data.belopp', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(paid({ belopp: '30000.01' }))
      .thenRefused('SETTLEMENT_EXCEEDS_OPEN_AMOUNT', 'data.belopp'),
  );
});

test('paying a kundfordran as a leverantörsskuld is refused with OPEN_ITEM_MISMATCH naming data.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(paid({ postId: 'KF-2020-12', belopp: '1.00' }))
      .thenRefused('OPEN_ITEM_MISMATCH', 'data.postId'),
  );
});
