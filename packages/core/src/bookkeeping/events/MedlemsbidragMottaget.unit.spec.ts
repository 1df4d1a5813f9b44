import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const received = (overrides: Record<string, unknown> = {}) =>
  event('MedlemsbidragMottaget', {
    datum: '2021-01-25',
    medlem: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
    medlemskategori: 'staten',
    period: '2021',
    belopp: '1363333.00',
    ...overrides,
  });

test('MedlemsbidragMottaget posts debet bank 1930, kredit 3985 for the state, with the member as dimension', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(received())
      .thenPosts([
        {
          datum: '2021-01-25',
          text: 'Medlemsbidrag Staten (Försäkringskassan/Arbetsförmedlingen) 2021',
          motpart: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
          rader: [
            { konto: '1930', debet: '1363333.00' },
            {
              konto: '3985',
              kredit: '1363333.00',
              dimensioner: {
                medlem: 'Staten (Försäkringskassan/Arbetsförmedlingen)',
                medlemskategori: 'staten',
              },
            },
          ],
        },
      ]),
  );
});

test('a municipality’s contribution is credited to 3987 with the text given', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(
        received({
          medlem: 'Vaxholms stad',
          medlemskategori: 'kommun',
          belopp: '23863.00',
          text: 'Vaxholm 2021',
        }),
      )
      .thenPosts([
        {
          datum: '2021-01-25',
          text: 'Vaxholm 2021',
          motpart: 'Vaxholms stad',
          rader: [
            { konto: '1930', debet: '23863.00' },
            {
              konto: '3987',
              kredit: '23863.00',
              dimensioner: { medlem: 'Vaxholms stad', medlemskategori: 'kommun' },
            },
          ],
        },
      ]),
  );
});

test('a contribution in a closed year is refused with YEAR_CLOSED naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, closing2021('0.00')])
      .when(received({ datum: '2021-12-20' }))
      .thenRefused('YEAR_CLOSED', 'data.datum'),
  );
});
