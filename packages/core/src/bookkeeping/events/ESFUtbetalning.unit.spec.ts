import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const payment = (overrides: Record<string, unknown> = {}) =>
  event('ESFUtbetalning', {
    datum: '2021-06-15',
    projekt: 'MIA vidare Roslagen',
    period: '2021-01-01–2021-04-30',
    belopp: '212345.67',
    ...overrides,
  });

test('ESFUtbetalning posts debet bank 1930, kredit ESF and grants 3989 with intäktsslag esf', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(payment())
      .thenPosts([
        {
          datum: '2021-06-15',
          text: 'ESF-utbetalning MIA vidare Roslagen 2021-01-01–2021-04-30',
          motpart: 'Svenska ESF-rådet',
          rader: [
            { konto: '1930', debet: '212345.67' },
            { konto: '3989', kredit: '212345.67', dimensioner: { intäktsslag: 'esf' } },
          ],
        },
      ]),
  );
});

test('an ESF payment dated in a closed year is refused with YEAR_CLOSED naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, closing2021('0.00')])
      .when(payment({ datum: '2021-11-30' }))
      .thenRefused('YEAR_CLOSED', 'data.datum'),
  );
});
