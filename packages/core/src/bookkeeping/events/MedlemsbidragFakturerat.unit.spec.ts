import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const invoiced = (overrides: Record<string, unknown> = {}) =>
  event('MedlemsbidragFakturerat', {
    datum: '2021-03-31',
    medlem: 'Täby kommun',
    medlemskategori: 'kommun',
    period: '2021 kv 1',
    belopp: '45416.00',
    postId: 'F-2021-7',
    ...overrides,
  });

test('MedlemsbidragFakturerat posts debet kundfordringar 1510, kredit the member category’s contribution account', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(invoiced())
      .thenPosts([
        {
          datum: '2021-03-31',
          text: 'Medlemsbidrag Täby kommun 2021 kv 1 (fakturerat)',
          motpart: 'Täby kommun',
          rader: [
            { konto: '1510', debet: '45416.00' },
            {
              konto: '3987',
              kredit: '45416.00',
              dimensioner: { medlem: 'Täby kommun', medlemskategori: 'kommun' },
            },
          ],
        },
      ]),
  );
});

test('the state’s contribution goes to 3985 and opens a kundfordran of the whole amount', (t) => {
  const outcome = spec
    .given([opening2021])
    .when(invoiced({ medlem: 'Försäkringskassan', medlemskategori: 'staten', belopp: '181666.00' }))
    .outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(
    outcome.posting?.[0]?.rader.map((rad) => rad.konto),
    ['1510', '3985'],
  );
  t.like(outcome.state.openItems.get('F-2021-7'), {
    slag: 'kundfordran',
    öppetBelopp: '181666.00',
    motpart: 'Försäkringskassan',
  });
});

test('an invoice reusing an open item id is refused with OPEN_ITEM_ALREADY_EXISTS naming data.postId', (t) => {
  const error = spec
    .given([opening2021])
    .when(invoiced({ postId: 'KF-2020-12' }))
    .thenRefused('OPEN_ITEM_ALREADY_EXISTS', 'data.postId');
  t.is(error.issues[0]?.rule, 'unique-open-item');
});

test('an invoice dated in a closed year is refused with YEAR_CLOSED naming data.datum', (t) => {
  const error = spec
    .given([opening2021, closing2021('0.00')])
    .when(invoiced())
    .thenRefused('YEAR_CLOSED', 'data.datum');
  t.is(error.issues[0]?.rule, 'year-open');
});

test('an invoice dated before the opening balance is refused with BEFORE_FIRST_YEAR naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(invoiced({ datum: '2020-12-31' }))
      .thenRefused('BEFORE_FIRST_YEAR', 'data.datum'),
  );
});
