import test from 'ava';
import { event, opening2021, spec } from './eventSpecs.testScenario.js';

const prepaid = (overrides: Record<string, unknown> = {}) =>
  event('KostnadFörutbetald', {
    datum: '2021-12-20',
    område: 'administrativa',
    post: 'Lokaler',
    postId: 'FK-2022-Q1',
    avserPeriod: '2022 kv 1',
    belopp: '36000.00',
    moms: '9000.00',
    text: 'Hyra kv 1 2022',
    motpart: 'Fastighets AB Roslagen',
    betalning: { sätt: 'leverantörsskuld', postId: 'LF-2021-99', förfallodatum: '2022-01-01' },
    ...overrides,
  });

test('KostnadFörutbetald posts debet 1790 and 1650, kredit 2440, and opens the prepayment and the payable', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(prepaid())
      .thenPosts([
        {
          datum: '2021-12-20',
          text: 'Hyra kv 1 2022',
          motpart: 'Fastighets AB Roslagen',
          rader: [
            { konto: '1790', debet: '36000.00' },
            { konto: '1650', debet: '9000.00' },
            { konto: '2440', kredit: '45000.00' },
          ],
        },
      ]),
  );
  const outcome = spec.given([opening2021]).when(prepaid()).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.like(outcome.state.openItems.get('FK-2022-Q1'), {
    slag: 'förutbetald-kostnad',
    öppetBelopp: '36000.00',
    post: 'Lokaler',
  });
  t.like(outcome.state.openItems.get('LF-2021-99'), {
    slag: 'leverantörsskuld',
    öppetBelopp: '45000.00',
  });
});

test('paid from the bank it posts kredit 1930 and opens only the prepayment', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(prepaid({ moms: '0.00', betalning: { sätt: 'bank' } }))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    { konto: '1790', debet: '36000.00' },
    { konto: '1930', kredit: '36000.00' },
  ]);
  t.false(outcome.state.openItems.has('LF-2021-99'));
});

test('a prepayment whose moms is above 25 % of belopp plus a krona is refused with VAT_ABOVE_HIGHEST_RATE naming data.moms; at the ceiling it is accepted', (t) => {
  const error = spec
    .given([opening2021])
    .when(prepaid({ moms: '9001.01' }))
    .thenRefused('VAT_ABOVE_HIGHEST_RATE', 'data.moms');
  t.deepEqual(error.details, { moms: '9001.01', belopp: '36000.00', ceiling: '9001.00' });
  t.true(
    spec
      .given([opening2021])
      .when(prepaid({ moms: '9001.00' }))
      .outcome().accepted,
  );
});

test('a prepayment reusing an open item id is refused with OPEN_ITEM_ALREADY_EXISTS naming data.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(prepaid({ postId: 'FK-2021-01' }))
      .thenRefused('OPEN_ITEM_ALREADY_EXISTS', 'data.postId'),
  );
});

test('a payable reusing an open item id is refused naming data.betalning.postId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(prepaid({ betalning: { sätt: 'leverantörsskuld', postId: 'LF-2020-88' } }))
      .thenRefused('OPEN_ITEM_ALREADY_EXISTS', 'data.betalning.postId'),
  );
});
