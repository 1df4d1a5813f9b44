import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const interest = (overrides: Record<string, unknown> = {}) =>
  event('FinansiellIntäktBokförd', {
    datum: '2021-12-31',
    belopp: '1234.56',
    text: 'Ränta på bankkonto 2021',
    motpart: 'Roslagens Sparbank',
    ...overrides,
  });

test('FinansiellIntäktBokförd posts debet bank 1930, kredit ränteintäkter 8310', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(interest())
      .thenPosts([
        {
          datum: '2021-12-31',
          text: 'Ränta på bankkonto 2021',
          motpart: 'Roslagens Sparbank',
          rader: [
            { konto: '1930', debet: '1234.56' },
            { konto: '8310', kredit: '1234.56' },
          ],
        },
      ]),
  );
});

test('the interest raises the year’s result: the year closes with 1234.56 and no other figure', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, interest()])
      .when(closing2021('1234.56'))
      .then([closing2021('1234.56')]),
  );
  t.notThrows(() =>
    spec
      .given([opening2021, interest()])
      .when(closing2021('0.00'))
      .thenRefused('YEAR_RESULT_MISMATCH', 'data.åretsResultat'),
  );
});

test('interest dated in a closed year is refused with YEAR_CLOSED naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, closing2021('0.00')])
      .when(interest())
      .thenRefused('YEAR_CLOSED', 'data.datum'),
  );
});
