import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const income = (overrides: Record<string, unknown> = {}) =>
  event('ÖvrigIntäktBokförd', {
    datum: '2021-09-30',
    intäktsslag: 'övrig',
    intäktspost: 'Intäkt försäljning tjänst',
    belopp: '12500.00',
    text: 'Utbildningsdag för Samsund',
    motpart: 'Samsund',
    betalning: { sätt: 'bank' },
    ...overrides,
  });

test('ÖvrigIntäktBokförd paid to the bank posts debet 1930, kredit 3990 on its Not 1 line', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(income())
      .thenPosts([
        {
          datum: '2021-09-30',
          text: 'Utbildningsdag för Samsund',
          motpart: 'Samsund',
          rader: [
            { konto: '1930', debet: '12500.00' },
            {
              konto: '3990',
              kredit: '12500.00',
              dimensioner: { intäktsslag: 'övrig', intäktspost: 'Intäkt försäljning tjänst' },
            },
          ],
        },
      ]),
  );
});

test('a grant invoiced posts debet kundfordringar 1510, kredit 3989, and opens a kundfordran', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(
      income({
        intäktsslag: 'bidrag',
        intäktspost: undefined,
        belopp: '50000.00',
        betalning: { sätt: 'kundfordran', postId: 'F-2021-40' },
      }),
    )
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    { konto: '1510', debet: '50000.00' },
    { konto: '3989', kredit: '50000.00', dimensioner: { intäktsslag: 'bidrag' } },
  ]);
  t.like(outcome.state.openItems.get('F-2021-40'), {
    slag: 'kundfordran',
    öppetBelopp: '50000.00',
  });
});

test('an invoice reusing an open item id is refused with OPEN_ITEM_ALREADY_EXISTS naming data.betalning.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(income({ betalning: { sätt: 'kundfordran', postId: 'KF-2020-12' } }))
      .thenRefused('OPEN_ITEM_ALREADY_EXISTS', 'data.betalning.postId'),
  );
});
