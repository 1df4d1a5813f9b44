import test from 'ava';
import type { BookkeepingEvent } from '../bookkeeping/bookkeepingCatalog.js';
import type { PostedEvent } from '../bookkeeping/postingFold.js';
import { Money } from '../money/Money.js';
import type { Projection } from '../projections/Projection.js';
import { participantRegister } from '../participants/projections/participantRegister.js';
import { bookkeepingEvent } from './bookkeepingFixtures.js';
import { bookkeepingSpecification } from './bookkeepingSpecification.js';
import { SpecificationError } from './DeciderSpecification.js';
import { participantEvent, participantSpecification } from './participantSpecification.js';

/** The helper itself: it passes what holds and throws a SpecificationError for what does not. */

const spec = bookkeepingSpecification();
const opening = bookkeepingEvent('IngåendeBalansRegistrerad', {
  datum: '2021-01-01',
  text: 'IB',
  kassaOchBank: '1000.00',
  momsfordran: '250.00',
  balanseratResultat: '1250.00',
  öppnaPoster: [],
});
const refund = (belopp: string) =>
  bookkeepingEvent('MomsÅterbetald', { datum: '2021-02-01', period: 'jan', belopp });
const posting = [
  {
    datum: '2021-02-01',
    text: 'Momsåterbetalning jan',
    motpart: 'Skatteverket',
    rader: [
      { konto: '1930', debet: '100.00' },
      { konto: '1650', kredit: '100.00' },
    ],
  },
];

test('thenPosts passes on the exact posting and throws, showing both, on another amount', (t) => {
  t.deepEqual(spec.given([opening]).when(refund('100.00')).thenPosts(posting), posting);
  const error = t.throws(() => spec.given([opening]).when(refund('100.01')).thenPosts(posting), {
    instanceOf: SpecificationError,
  });
  t.regex(error.message, /100\.01/);
  t.deepEqual(error.expected, posting);
});

test('then compares the recorded events by type and data', (t) => {
  const event = refund('100.00');
  t.notThrows(() => spec.given([opening]).when(event).then([event]));
  t.throws(
    () =>
      spec
        .given([opening])
        .when(event)
        .then([refund('99.00')]),
    {
      instanceOf: SpecificationError,
    },
  );
  t.throws(
    () =>
      spec
        .given([opening])
        .when(refund('251.00'))
        .then([refund('251.00')]),
    {
      instanceOf: SpecificationError,
      message: /refused: The VAT receivable/,
    },
  );
});

test('thenRefused checks the code and the field, and fails on an accepted event', (t) => {
  const error = spec
    .given([opening])
    .when(refund('250.01'))
    .thenRefused('VAT_REFUND_EXCEEDS_RECEIVABLE', 'data.belopp');
  t.is(error.code, 'VAT_REFUND_EXCEEDS_RECEIVABLE');
  t.throws(
    () => spec.given([opening]).when(refund('250.01')).thenRefused('YEAR_CLOSED', 'data.belopp'),
    { instanceOf: SpecificationError },
  );
  t.throws(
    () =>
      spec
        .given([opening])
        .when(refund('250.01'))
        .thenRefused('VAT_REFUND_EXCEEDS_RECEIVABLE', 'data.period'),
    { instanceOf: SpecificationError },
  );
  t.throws(() => spec.given([opening]).when(refund('1.00')).thenRefused('YEAR_CLOSED'), {
    instanceOf: SpecificationError,
    message: /was accepted/,
  });
});

test('a given history the rules refuse fails the specification, naming the event', (t) => {
  t.throws(() => spec.given([opening, opening]).when(refund('1.00')).outcome(), {
    instanceOf: SpecificationError,
    message: /given event 1 \(IngåendeBalansRegistrerad\) is refused/,
  });
});

test('a hand-built event with invalid data is refused by the catalog, as the recorder does', (t) => {
  const event = refund('1.00');
  const handBuilt = { ...event, data: { ...event.data, belopp: '1.001' } };
  t.notThrows(() =>
    spec.given([opening]).when(handBuilt).thenRefused('INVALID_AMOUNT', 'data.belopp'),
  );
});

test('thenProjection folds the given events through a projection and compares its result', (t) => {
  const enrolment = participantEvent('DeltagareInskriven', {
    deltagareId: 'p-1',
    insatsId: 'mia',
    datum: '2021-03-01',
    kön: 'kvinna',
    åldersband: '30-44',
    anvisadFrån: 'försäkringskassan',
    försörjningVidInskrivning: 'sjuk- och rehabiliteringspenning',
    tidIOffentligFörsörjning: '1 till 3 år',
    hemkommun: 'Österåker',
  });
  const expected = {
    insatsId: 'mia',
    participants: new Map([['p-1', { enrolment: enrolment.data }]]),
    anonymous: [],
    goal: null,
  };
  const result = participantSpecification()
    .given([enrolment])
    .thenProjection(participantRegister('mia'), expected);
  t.is(result.participants.get('p-1')?.enrolment.hemkommun, 'Österåker');
  t.throws(
    () => participantSpecification().given([]).thenProjection(participantRegister('mia'), expected),
    { instanceOf: SpecificationError, message: /participantRegister\(mia\) gives otherwise/ },
  );
});

/** Cash per year from the verifikationer: a correction's reverse counts with no case of its own. */
const cashPerYear: Projection<PostedEvent<BookkeepingEvent>, Map<number, Money>, string[]> = {
  name: 'cashPerYear',
  init: () => new Map(),
  apply(cash, { verifikationer }) {
    for (const verifikation of verifikationer)
      for (const rad of verifikation.rader)
        if (rad.konto === '1930')
          cash.set(verifikation.år, (cash.get(verifikation.år) ?? Money.zero).plus(rad.belopp));
    return cash;
  },
  result: (cash) => [...cash].map(([year, amount]) => `${year} ${amount.toString()}`),
};

test('thenPostedProjection folds the given events as posted, numbered verifikationer, corrections included', (t) => {
  const cost = bookkeepingEvent('KostnadBokförd', {
    datum: '2021-03-01',
    område: 'administrativa',
    post: 'Kansli',
    belopp: '400.00',
    text: 'Hyra',
    betalning: { sätt: 'bank' },
  });
  const correction = bookkeepingEvent('HändelseRättad', {
    datum: '2021-04-01',
    rättadEventId: cost.eventId,
    orsak: 'Fel förbund',
    original: { type: cost.type, schemaVersion: cost.schemaVersion, data: cost.data },
  });
  t.deepEqual(spec.given([opening, cost]).thenPostedProjection(cashPerYear, ['2021 600.00']), [
    '2021 600.00',
  ]);
  t.notThrows(() =>
    spec.given([opening, cost, correction]).thenPostedProjection(cashPerYear, ['2021 1000.00']),
  );
  const wrong = t.throws(
    () => spec.given([opening, cost]).thenPostedProjection(cashPerYear, ['2021 1000.00']),
    { instanceOf: SpecificationError },
  );
  t.regex(wrong.message, /cashPerYear gives otherwise/);
  // Books the rules refuse are no history to test a projection on.
  const refused = t.throws(
    () => spec.given([cost, opening]).thenPostedProjection(cashPerYear, []),
    { instanceOf: SpecificationError },
  );
  t.regex(refused.message, /given event 1 \(IngåendeBalansRegistrerad\) is refused/);
});
