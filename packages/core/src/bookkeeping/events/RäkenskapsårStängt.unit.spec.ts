import test from 'ava';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const interest = event('FinansiellIntäktBokförd', {
  datum: '2021-12-31',
  belopp: '2500.00',
  text: 'Ränta 2021',
});
const closing2022 = (åretsResultat: string) =>
  event('RäkenskapsårStängt', { år: 2022, datum: '2023-02-15', åretsResultat });

test('RäkenskapsårStängt moves the result to eget kapital: 8999 to 2099 on 31 December, 2099 to 2091 on 1 January', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, interest])
      .when(closing2021('2500.00'))
      .thenPosts([
        {
          datum: '2021-12-31',
          text: 'Årets resultat 2021',
          bokslut: 'årets-resultat',
          rader: [
            { konto: '8999', debet: '2500.00' },
            { konto: '2099', kredit: '2500.00' },
          ],
        },
        {
          datum: '2022-01-01',
          text: 'Omföring av årets resultat 2021 till balanserat resultat',
          bokslut: 'omföring',
          rader: [
            { konto: '2099', debet: '2500.00' },
            { konto: '2091', kredit: '2500.00' },
          ],
        },
      ]),
  );
});

test('a loss is moved with the signs turned; a zero result posts nothing and still closes the year', (t) => {
  const fee = event('FinansiellKostnadBokförd', {
    datum: '2021-05-01',
    belopp: '100.00',
    text: 'Avgift',
  });
  const outcome = spec.given([opening2021, fee]).when(closing2021('-100.00')).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.deepEqual(outcome.posting?.[0]?.rader, [
    { konto: '8999', kredit: '100.00' },
    { konto: '2099', debet: '100.00' },
  ]);
  const zero = spec.given([opening2021]).when(closing2021('0.00')).outcome();
  t.deepEqual(zero.accepted && zero.posting, []);
  t.true(zero.accepted && zero.state.closedYears.has(2021));
});

test('a result other than the books show is refused with YEAR_RESULT_MISMATCH naming data.åretsResultat', (t) => {
  const error = spec
    .given([opening2021, interest])
    .when(closing2021('2499.99'))
    .thenRefused('YEAR_RESULT_MISMATCH', 'data.åretsResultat');
  t.like(error.details, { år: 2021, booked: '2500.00', stated: '2499.99' });
});

test('a year closed twice is refused with YEAR_ALREADY_CLOSED naming data.år', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, closing2021('0.00')])
      .when(event('RäkenskapsårStängt', { år: 2021, datum: '2022-03-01', åretsResultat: '0.00' }))
      .thenRefused('YEAR_ALREADY_CLOSED', 'data.år'),
  );
});

test('a year closed before the year before is refused with PREVIOUS_YEAR_NOT_CLOSED naming data.år', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(closing2022('0.00'))
      .thenRefused('PREVIOUS_YEAR_NOT_CLOSED', 'data.år'),
  );
});

test('closing empty books is refused with OPENING_BALANCE_REQUIRED naming data.år', (t) => {
  t.notThrows(() =>
    spec.given([]).when(closing2021('0.00')).thenRefused('OPENING_BALANCE_REQUIRED', 'data.år'),
  );
});

test('closing a year before the ledger is refused with BEFORE_FIRST_YEAR naming data.år', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(event('RäkenskapsårStängt', { år: 2020, datum: '2021-02-15', åretsResultat: '0.00' }))
      .thenRefused('BEFORE_FIRST_YEAR', 'data.år'),
  );
});
