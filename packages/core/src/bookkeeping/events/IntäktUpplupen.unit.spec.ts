import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const accrued = (overrides: Record<string, unknown> = {}) =>
  event('IntäktUpplupen', {
    datum: '2021-12-31',
    postId: 'UI-ESF-2021',
    intäktsslag: 'esf',
    belopp: '98765.43',
    text: 'ESF sep–dec 2021',
    motpart: 'Svenska ESF-rådet',
    ...overrides,
  });

test('IntäktUpplupen posts debet 1790, kredit the income account with its Not 1 line, and opens the accrual', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(accrued())
      .thenPosts([
        {
          datum: '2021-12-31',
          text: 'ESF sep–dec 2021',
          motpart: 'Svenska ESF-rådet',
          rader: [
            { konto: '1790', debet: '98765.43' },
            { konto: '3989', kredit: '98765.43', dimensioner: { intäktsslag: 'esf' } },
          ],
        },
      ]),
  );
  const outcome = spec
    .given([opening2021])
    .when(accrued({ intäktsslag: 'övrig', intäktspost: 'Utlåning av personal', belopp: '700.00' }))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader[1], {
    konto: '3990',
    kredit: '700.00',
    dimensioner: { intäktsslag: 'övrig', intäktspost: 'Utlåning av personal' },
  });
  t.like(outcome.state.openItems.get('UI-ESF-2021'), {
    slag: 'upplupen-intäkt',
    öppetBelopp: '700.00',
    intäktspost: 'Utlåning av personal',
  });
});

test('an accrual reusing an open item id is refused with OPEN_ITEM_ALREADY_EXISTS naming data.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(accrued({ postId: 'UI-ESF-2020' }))
      .thenRefused('OPEN_ITEM_ALREADY_EXISTS', 'data.postId'),
  );
});
