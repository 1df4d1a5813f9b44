import test from 'ava';
import type { BookkeepingEvent } from '../bookkeepingCatalog.js';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

const cost = event('KostnadBokförd', {
  datum: '2021-03-10',
  område: 'strukturpåverkande',
  post: 'Kompetensutveckling',
  belopp: '8000.00',
  moms: '2000.00',
  text: 'Föreläsning',
  motpart: 'Utbildarna AB',
  betalning: { sätt: 'leverantörsskuld', postId: 'LF-2021-12' },
});
const correctionOf = (original: BookkeepingEvent, overrides: Record<string, unknown> = {}) =>
  event('HändelseRättad', {
    datum: '2021-04-01',
    rättadEventId: original.eventId,
    orsak: 'Fakturan gällde Samsund',
    original: { type: original.type, schemaVersion: original.schemaVersion, data: original.data },
    ...overrides,
  });

test('HändelseRättad books the exact reverse of the original’s verifikation in the open year', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, cost])
      .when(correctionOf(cost))
      .thenPosts([
        {
          datum: '2021-04-01',
          text: 'Rättelse: Föreläsning. Fakturan gällde Samsund',
          motpart: 'Utbildarna AB',
          rader: [
            {
              konto: '4020',
              kredit: '8000.00',
              dimensioner: { område: 'strukturpåverkande', post: 'Kompetensutveckling' },
            },
            { konto: '1650', kredit: '2000.00' },
            { konto: '2440', debet: '10000.00' },
          ],
        },
      ]),
  );
});

test('the payable the original opened is taken back whole, and the event is marked corrected', (t) => {
  const outcome = spec.given([opening2021, cost]).when(correctionOf(cost)).outcome();
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.openItems.get('LF-2021-12')?.öppetBelopp, '0.00');
  t.true(outcome.state.correctedEventIds.has(cost.eventId));
});

test('a correction of a paid debt is refused with EVENT_NOT_CORRECTABLE naming data.rättadEventId: correct the payment first', (t) => {
  const payment = event('LeverantörsskuldBetald', {
    datum: '2021-03-20',
    postId: 'LF-2021-12',
    belopp: '4000.00',
  });
  const error = spec
    .given([opening2021, cost, payment])
    .when(correctionOf(cost))
    .thenRefused('EVENT_NOT_CORRECTABLE', 'data.rättadEventId');
  t.like(error.details, { postId: 'LF-2021-12', open: '6000.00', settle: '10000.00' });
  t.notThrows(() =>
    spec
      .given([opening2021, cost, payment, correctionOf(payment, { datum: '2021-03-25' })])
      .when(correctionOf(cost))
      .then([correctionOf(cost)]),
  );
});

test('a second correction is refused with EVENT_ALREADY_CORRECTED naming data.rättadEventId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, cost, correctionOf(cost)])
      .when(correctionOf(cost, { datum: '2021-04-02' }))
      .thenRefused('EVENT_ALREADY_CORRECTED', 'data.rättadEventId'),
  );
});

test('a correction of an event not in the books is refused with EVENT_NOT_FOUND naming data.rättadEventId', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021])
      .when(correctionOf(cost))
      .thenRefused('EVENT_NOT_FOUND', 'data.rättadEventId'),
  );
  t.notThrows(
    () =>
      spec
        .given([opening2021])
        .when(correctionOf(opening2021))
        .thenRefused('EVENT_NOT_CORRECTABLE', 'data.original.type'),
    'an opening balance is not corrected this way',
  );
});

test('a correction whose copy differs from the stored event is refused with CORRECTION_MISMATCH naming data.original', (t) => {
  const tampered = { ...cost, data: { ...cost.data, belopp: '7999.00' } } as BookkeepingEvent;
  const error = spec
    .given([opening2021, cost])
    .when(correctionOf(tampered))
    .thenRefused('CORRECTION_MISMATCH', 'data.original');
  // Where to find the stored copy, and the defaults a copy of the line as written lacks.
  t.regex(
    error.message,
    /with the defaults the schema filled in \(an omitted moms is stored as "0\.00"\)/,
  );
  t.regex(error.message, /`finsam events --type KostnadBokförd` prints it/);
});

test('a correction dated before the event it corrects is refused with DATES_OUT_OF_ORDER naming data.datum: a cost of 2022 is not reversed in 2021', (t) => {
  const mistyped = event('KostnadBokförd', {
    ...cost.data,
    datum: '2022-03-10',
    betalning: { sätt: 'bank' },
  });
  const error = spec
    .given([opening2021, mistyped])
    .when(correctionOf(mistyped))
    .thenRefused('DATES_OUT_OF_ORDER', 'data.datum');
  t.is(error.issues[0]?.rule, 'on-or-after-original');
  t.deepEqual(error.details, { datum: '2021-04-01', originalDatum: '2022-03-10' });
  // On the original's own day it is accepted.
  t.notThrows(() =>
    spec
      .given([opening2021, cost])
      .when(correctionOf(cost, { datum: '2021-03-10' }))
      .then([correctionOf(cost, { datum: '2021-03-10' })]),
  );
});

test('a booking far past the open year that the books already hold can be corrected on its own date', (t) => {
  // Books without an opening balance took a first booking in any year before the first-year
  // rule (helper-100), and a clock set wrong still records one: a 2052 cost recorded first, then
  // one of 2021, leaves 2052 past the open year, and only a correction on or after 2052-03-10
  // can reverse it.
  const typed = event('KostnadBokförd', {
    ...cost.data,
    datum: '2052-03-10',
    betalning: { sätt: 'bank' },
  });
  const far = { ...typed, metadata: { ...typed.metadata, recordedAt: '2052-03-11T08:00:00.000Z' } };
  const near = event('KostnadBokförd', { ...cost.data, betalning: { sätt: 'bank' } });
  const outcome = spec
    .given([far, near])
    .when(correctionOf(far, { datum: '2052-03-10' }))
    .outcome();
  t.true(outcome.accepted, outcome.accepted ? '' : outcome.error.message);
});

test('a correction of a budget decision is refused with EVENT_NOT_CORRECTABLE naming data.original.type', (t) => {
  const budget = event('BudgetFastställd', {
    år: 2021,
    beslutsdatum: '2020-11-24',
    beslut: 'Styrelsen 2020-11-24 § 7',
    kostnader: [],
    intäkter: [],
  });
  const error = spec
    .given([opening2021, budget])
    .when(correctionOf(budget))
    .thenRefused('EVENT_NOT_CORRECTABLE', 'data.original.type');
  t.regex(error.message, /ändringsbeslut/);
});

test('a correction dated in a closed year is refused with YEAR_CLOSED naming data.datum', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, cost, closing2021('-8000.00')])
      .when(correctionOf(cost, { datum: '2021-12-31' }))
      .thenRefused('YEAR_CLOSED', 'data.datum'),
  );
});

test('correcting a cost after its VAT was refunded is accepted: reversing a cost’s VAT is no refund, it leaves a VAT debt', (t) => {
  // Given 12 500 receivable at the opening and the cost's 2 000, all 14 500 refunded;
  const refund = event('MomsÅterbetald', {
    datum: '2021-03-20',
    period: '2021 kv 1',
    belopp: '14500.00',
  });
  // when the cost is corrected,
  const outcome = spec.given([opening2021, cost, refund]).when(correctionOf(cost)).outcome();
  // then its 2 000 VAT is owed back to Skatteverket: the VAT account stands at −2 000.
  if (!outcome.accepted) return t.fail(outcome.error.message);
  t.is(outcome.state.balances.get('1650')?.toString(), '-2000.00');
  t.is(outcome.state.openItems.get('LF-2021-12')?.öppetBelopp, '0.00');
  // A refund of the corrected VAT's worth is still refused: nothing is receivable.
  spec
    .given([opening2021, cost, refund, correctionOf(cost)])
    .when(event('MomsÅterbetald', { datum: '2021-04-20', period: '2021 kv 2', belopp: '1.00' }))
    .thenRefused('VAT_REFUND_EXCEEDS_RECEIVABLE', 'data.belopp');
});
