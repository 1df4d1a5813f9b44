import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createEventRecorder } from '../ledger/EventRecorder.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { collectAsync } from '../util/asyncIterable.js';
import { bookkeepingCatalog, type BookkeepingEvent } from './bookkeepingCatalog.js';
import { createBookkeepingDecider } from './bookkeepingDecider.js';

/**
 * Every refusal of the bookkeeping rules, one case each: the code, and that nothing was
 * appended. Each case starts from the same small history.
 */

const cost = bookkeepingEvent('KostnadBokförd', {
  datum: '2020-02-10',
  område: 'operativa',
  post: 'Arbetsträning',
  belopp: '1000.00',
  moms: '250.00',
  text: 'Arbetsträning',
  betalning: { sätt: 'leverantörsskuld', postId: 'LS-2' },
});
const history = (): BookkeepingEvent[] => [
  bookkeepingEvent('HistoriskaÅrsuppgifterRegistrerade', {
    år: 2019,
    källa: 'test',
    resultaträkning: { verksamhetensIntäkter: '100.00', verksamhetensKostnader: '0.00' },
    balansräkning: {
      kassaOchBank: '1000.00',
      åretsResultat: '100.00',
      övrigtEgetKapital: '900.00',
    },
  }),
  bookkeepingEvent('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'IB',
    kassaOchBank: '1000.00',
    momsfordran: '0',
    balanseratResultat: '1000.00',
    öppnaPoster: [],
  }),
  cost,
  bookkeepingEvent('LeverantörsskuldBetald', {
    datum: '2020-02-20',
    postId: 'LS-2',
    belopp: '500.00',
  }),
];

const cases: readonly [string, string, () => BookkeepingEvent][] = [
  [
    'a second opening balance',
    'OPENING_BALANCE_ALREADY_RECORDED',
    () =>
      bookkeepingEvent('IngåendeBalansRegistrerad', {
        datum: '2021-01-01',
        text: 'IB',
        kassaOchBank: '0',
        momsfordran: '0',
        balanseratResultat: '0',
        öppnaPoster: [],
      }),
  ],
  [
    'a booking before the opening balance',
    'BEFORE_FIRST_YEAR',
    () =>
      bookkeepingEvent('FinansiellKostnadBokförd', {
        datum: '2019-12-31',
        belopp: '1.00',
        text: 'Avgift',
      }),
  ],
  [
    'an open item id used twice',
    'OPEN_ITEM_ALREADY_EXISTS',
    () =>
      bookkeepingEvent('KostnadBokförd', {
        ...cost.data,
        betalning: { sätt: 'leverantörsskuld', postId: 'LS-2' },
      }),
  ],
  [
    'paying an unknown payable',
    'OPEN_ITEM_NOT_FOUND',
    () =>
      bookkeepingEvent('LeverantörsskuldBetald', {
        datum: '2020-03-01',
        postId: 'LS-404',
        belopp: '1.00',
      }),
  ],
  [
    'paying more than is open',
    'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
    () =>
      bookkeepingEvent('LeverantörsskuldBetald', {
        datum: '2020-03-01',
        postId: 'LS-2',
        belopp: '750.01',
      }),
  ],
  [
    'paying a payable as a receivable',
    'OPEN_ITEM_MISMATCH',
    () =>
      bookkeepingEvent('KundfordranBetald', {
        datum: '2020-03-01',
        postId: 'LS-2',
        belopp: '1.00',
      }),
  ],
  [
    'reversing a payable as an accrual',
    'OPEN_ITEM_MISMATCH',
    () =>
      bookkeepingEvent('PeriodiseringÅterförd', {
        datum: '2020-03-01',
        postId: 'LS-2',
        slag: 'upplupen-kostnad',
        belopp: '750.00',
        område: 'operativa',
        post: 'Arbetsträning',
        text: 'x',
      }),
  ],
  [
    'a VAT refund above the receivable',
    'VAT_REFUND_EXCEEDS_RECEIVABLE',
    () =>
      bookkeepingEvent('MomsÅterbetald', { datum: '2020-03-01', period: '2020', belopp: '250.01' }),
  ],
  [
    'correcting an event that does not exist',
    'EVENT_NOT_FOUND',
    () =>
      bookkeepingEvent('HändelseRättad', {
        datum: '2020-03-01',
        rättadEventId: globalThis.crypto.randomUUID(),
        orsak: 'x',
        original: { type: 'KostnadBokförd', schemaVersion: 1, data: cost.data },
      }),
  ],
  [
    'correcting with a changed copy',
    'CORRECTION_MISMATCH',
    () =>
      bookkeepingEvent('HändelseRättad', {
        datum: '2020-03-01',
        rättadEventId: cost.eventId,
        orsak: 'x',
        original: {
          type: 'KostnadBokförd',
          schemaVersion: 1,
          data: { ...cost.data, belopp: '999.00' },
        },
      }),
  ],
  [
    'correcting a cost whose payable was partly paid',
    'EVENT_NOT_CORRECTABLE',
    () =>
      bookkeepingEvent('HändelseRättad', {
        datum: '2020-03-01',
        rättadEventId: cost.eventId,
        orsak: 'x',
        original: { type: 'KostnadBokförd', schemaVersion: 1, data: cost.data },
      }),
  ],
  [
    'closing with another result than the books',
    'YEAR_RESULT_MISMATCH',
    () =>
      bookkeepingEvent('RäkenskapsårStängt', {
        år: 2020,
        datum: '2021-01-15',
        åretsResultat: '0.00',
      }),
  ],
  [
    'closing a year before the previous one',
    'PREVIOUS_YEAR_NOT_CLOSED',
    () =>
      bookkeepingEvent('RäkenskapsårStängt', {
        år: 2021,
        datum: '2022-01-15',
        åretsResultat: '0.00',
      }),
  ],
  [
    'closing a year before the ledger',
    'BEFORE_FIRST_YEAR',
    () =>
      bookkeepingEvent('RäkenskapsårStängt', {
        år: 2019,
        datum: '2020-01-15',
        åretsResultat: '0.00',
      }),
  ],
  [
    'historical figures for a year the ledger covers',
    'VALIDATION_FAILED',
    () =>
      bookkeepingEvent('HistoriskaÅrsuppgifterRegistrerade', {
        år: 2020,
        källa: 'x',
        resultaträkning: { verksamhetensIntäkter: '0', verksamhetensKostnader: '0' },
      }),
  ],
  [
    'historical figures for a year already recorded',
    'VALIDATION_FAILED',
    () =>
      bookkeepingEvent('HistoriskaÅrsuppgifterRegistrerade', {
        år: 2019,
        källa: 'x',
        resultaträkning: { verksamhetensIntäkter: '0', verksamhetensKostnader: '0' },
      }),
  ],
  [
    'historical figures that do not balance',
    'HISTORICAL_FIGURES_INCONSISTENT',
    () =>
      bookkeepingEvent('HistoriskaÅrsuppgifterRegistrerade', {
        år: 2018,
        källa: 'x',
        resultaträkning: { verksamhetensIntäkter: '10.00', verksamhetensKostnader: '0' },
        balansräkning: {
          kassaOchBank: '100.00',
          åretsResultat: '10.00',
          övrigtEgetKapital: '80.00',
        },
      }),
  ],
];

for (const [label, code, make] of cases) {
  test(`refuses ${label} with ${code}, and appends nothing`, async (t) => {
    const store = getInMemoryEventStore();
    const recorder = createEventRecorder({
      store,
      streamId: 'bokforing-refusals',
      catalog: bookkeepingCatalog,
      decider: createBookkeepingDecider(),
    });
    for (const event of history()) {
      const recorded = await recorder.record([event])();
      if (E.isLeft(recorded))
        return t.fail(`setup: ${recorded.left.code} ${recorded.left.message}`);
    }
    const before = await collectAsync(store.readAll());
    const result = await recorder.record([make()])();
    t.true(E.isLeft(result), 'refused');
    if (E.isLeft(result)) {
      t.is(result.left.code as string, code, result.left.message);
      t.true(
        result.left.issues.length > 0 &&
          result.left.issues.every((issue) => issue.path.length > 0 && issue.rule.length > 0),
        `the refusal names its field and rule: ${JSON.stringify(result.left.issues)}`,
      );
    }
    t.deepEqual(
      (await collectAsync(store.readAll())).map((event) => event.eventId),
      before.map((event) => event.eventId),
    );
  });
}

test('an opening balance that disagrees with the recorded balance sheet of the year before is refused', async (t) => {
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: 'bokforing-refusals',
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  await recorder.record([history()[0]!])();
  const result = await recorder.record([
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2020-01-01',
      text: 'IB',
      kassaOchBank: '999.00',
      momsfordran: '0',
      balanseratResultat: '999.00',
      öppnaPoster: [],
    }),
  ])();
  t.true(E.isLeft(result) && result.left.code === 'HISTORICAL_FIGURES_INCONSISTENT');
  if (E.isLeft(result))
    t.deepEqual(
      result.left.issues.map((issue) => issue.path),
      ['balansräkning.kassaOchBank', 'balansräkning.eget kapital'],
    );
  t.is((await collectAsync(store.readAll())).length, 1);
});

test('a batch is atomic: one refused event refuses the whole batch', async (t) => {
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: 'bokforing-refusals',
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  const [, opening] = history();
  const good = bookkeepingEvent('FinansiellKostnadBokförd', {
    datum: '2020-05-01',
    belopp: '1.00',
    text: 'Avgift',
  });
  const bad = bookkeepingEvent('LeverantörsskuldBetald', {
    datum: '2020-05-02',
    postId: 'LS-404',
    belopp: '1.00',
  });
  const result = await recorder.record([opening!, good, bad])();
  t.true(E.isLeft(result) && result.left.code === 'OPEN_ITEM_NOT_FOUND');
  t.deepEqual(await collectAsync(store.readAll()), []);
  const state = await recorder.state()();
  t.true(
    E.isRight(state) && state.right.openingBalance === undefined,
    'the refused batch left no trace in the recorder state either',
  );
});
