import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const fee = (overrides: Record<string, unknown> = {}) =>
  event('FinansiellKostnadBokförd', {
    datum: '2021-06-30',
    belopp: '450.00',
    text: 'Bankavgift kv 2',
    ...overrides,
  });

test('FinansiellKostnadBokförd posts debet räntekostnader 8410, kredit bank 1930', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(fee())
      .thenPosts([
        {
          datum: '2021-06-30',
          text: 'Bankavgift kv 2',
          rader: [
            { konto: '8410', debet: '450.00' },
            { konto: '1930', kredit: '450.00' },
          ],
        },
      ]),
  );
});

test('the cost lowers the year’s result: the year closes with −450.00', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, fee()])
      .when(closing2021('-450.00'))
      .then([closing2021('-450.00')]),
  );
});

test('a fee dated in a closed year is refused with YEAR_CLOSED naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, closing2021('0.00')])
      .when(fee({ datum: '2021-12-31' }))
      .thenRefused('YEAR_CLOSED', 'data.datum'),
  );
});
