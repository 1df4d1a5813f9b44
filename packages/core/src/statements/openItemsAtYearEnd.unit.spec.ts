import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger } from '../facade/createLedger.js';
import { defaultChart } from '../bookkeeping/ChartOfAccounts.js';
import { postEvents } from '../bookkeeping/postingFold.js';
import { runProjection } from '../projections/Projection.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import {
  openItemsAtYearEndProjection,
  openItemsLimits,
  type OpenItemsAtYearEnd,
} from './openItemsAtYearEnd.js';
import {
  at,
  must,
  mustTask,
  recordScenario2020,
  replayWithOpenItems,
} from './openItemsAtYearEnd.testScenario.js';

const amounts = (openItems: OpenItemsAtYearEnd) =>
  openItems.items.map((item) => [item.postId, item.öppetBelopp.toString()]);

test('the open items at a year end: opened on or before it, settlements dated after it not counted, whatever the recording order', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  const { openItems } = await replayWithOpenItems(store, ledger, 2020);
  t.is(openItems.year, 2020);
  t.is(openItems.datum, '2020-12-31');
  t.deepEqual(amounts(openItems), [
    ['KF-1', '375000.00'], // paid 2021-01-15, recorded before the year-end entries: still open at the year end
    ['KF-2', '20000.00'],
    ['UI-1', '771420.00'], // dated 2020-12-31, recorded in March: counts; its reversal of 2021-01-01 does not
    ['FK-1', '122000.00'],
    ['L-3', '6000.00'], // 10 000 with 4 000 paid in December
    ['L-1', '41250.00'], // paid 2021-01-10
    ['UK-1', '44577.00'],
    ['UK-2', '197711.00'],
    ['ÖS-1', '800.00'],
  ]);
  const l1 = openItems.items.find((item) => item.postId === 'L-1')!;
  t.like(l1, {
    slag: 'leverantörsskuld',
    konto: '2440',
    line: 'leverantörsskulder',
    text: 'Arbetsträning Berga beds',
    område: 'operativa',
    post: 'Arbetsträning',
    insats: 'MIA',
    datum: '2020-12-10',
  });
  t.is(l1.ursprungligtBelopp.toString(), '41250.00');
  t.like(
    openItems.items.find((item) => item.postId === 'UI-1'),
    { slag: 'upplupen-intäkt', konto: '1790', intäktsslag: 'esf', motpart: 'Svenska ESF-rådet' },
  );
  t.like(
    openItems.items.find((item) => item.postId === 'KF-2'),
    { motpart: 'Samsund' },
  );
  t.false(
    openItems.items.some((item) => item.postId === 'L-2' || item.postId === 'IB-L1'),
    'settled in the year: not open at its end',
  );

  const { openItems: at2021 } = await replayWithOpenItems(store, ledger, 2021);
  t.deepEqual(amounts(at2021), [
    ['KF-2', '20000.00'],
    ['L-3', '6000.00'],
    ['ÖS-1', '800.00'],
  ]);
  const { openItems: at2019 } = await replayWithOpenItems(store, ledger, 2019);
  t.deepEqual(amounts(at2019), [], 'nothing is dated before the opening balance');
});

test('a correction counts from its own date: a reversed payment reopens, an equity correction lowers a receivable', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  const payment = await must(
    ledger,
    'LeverantörsskuldBetald',
    { datum: '2021-02-01', postId: 'L-3', belopp: '6000.00' },
    '2021-03-20T08:00:00.000Z',
  );
  await mustTask(
    ledger.correct(
      payment,
      '2021-02-10',
      'Betalningen gick i retur',
      at('2021-03-21T08:00:00.000Z'),
    ),
  );
  await must(
    ledger,
    'EgetKapitalRättat',
    {
      datum: '2021-04-01',
      belopp: '-5000.00',
      motpost: { slag: 'kundfordran', postId: 'KF-2' },
      text: 'Fordran Samsund nedskriven',
      skäl: 'Fakturan 2020 var 5 000 kr för hög; styrelsen 2021-03-30 § 4',
    },
    '2021-04-01T08:00:00.000Z',
  );
  await must(
    ledger,
    'EgetKapitalRättat',
    {
      datum: '2021-04-02',
      belopp: '-300.00',
      motpost: { slag: 'övrig-kortfristig-skuld', postId: 'ÖS-1' },
      text: 'Utlägget var 1 100 kr',
      skäl: 'Kvitto saknades i bokslutet 2020',
    },
    '2021-04-02T08:00:00.000Z',
  );

  const { openItems: at2020 } = await replayWithOpenItems(store, ledger, 2020);
  t.is(
    at2020.items.find((item) => item.postId === 'KF-2')!.öppetBelopp.toString(),
    '20000.00',
    'the correction of 2021 does not change the 2020 year end',
  );
  const { openItems: at2021 } = await replayWithOpenItems(store, ledger, 2021);
  t.deepEqual(amounts(at2021), [
    ['KF-2', '15000.00'],
    ['L-3', '6000.00'],
    ['ÖS-1', '1100.00'],
  ]);
  t.is(
    at2021.items.find((item) => item.postId === 'L-3')!.text,
    'ASF samordnare nov-dec',
    'a reopened item keeps its own text',
  );
});

test('the projection runs over posted events without a store, and memory is the items', async (t) => {
  const events = [
    bookkeepingEvent('KostnadBokförd', {
      datum: '2020-12-28',
      område: 'administrativa',
      post: 'Revision',
      belopp: '1000.00',
      text: 'Revisor',
      betalning: { sätt: 'leverantörsskuld', postId: 'A' },
    }),
    bookkeepingEvent('LeverantörsskuldBetald', {
      datum: '2020-12-31',
      postId: 'A',
      belopp: '1000.00',
    }),
    bookkeepingEvent('KostnadBokförd', {
      datum: '2021-01-02',
      område: 'administrativa',
      post: 'Revision',
      belopp: '500.00',
      text: 'Revisor 2021',
      betalning: { sätt: 'leverantörsskuld', postId: 'B' },
    }),
  ];
  const projection = openItemsAtYearEndProjection(defaultChart, 2020);
  const openItems = await runProjection(postEvents(events, defaultChart), projection);
  t.deepEqual(amounts(openItems), [], 'A was paid on the last day; B is opened after the year end');
  const state = projection.init();
  for await (const posted of postEvents(events, defaultChart)) projection.apply(state, posted);
  t.is(
    state.items.size,
    0,
    'A settled to zero and B opened after the year end are not held as open',
  );
  t.deepEqual(
    [...state.settled.keys()],
    ['A'],
    'A is remembered among the settled, in case a correction reopens it',
  );
});

test('memory is bounded: settled items are remembered up to the limit, the oldest forgotten first', async (t) => {
  const limit = openItemsLimits.settledItemsRememberedMax;
  function* invoicesPaid() {
    for (let index = 0; index <= limit; index += 1) {
      yield bookkeepingEvent('KostnadBokförd', {
        datum: '2020-06-01',
        område: 'operativa',
        post: 'Arbetsträning',
        belopp: '100.00',
        text: `Faktura ${index}`,
        betalning: { sätt: 'leverantörsskuld', postId: `F-${index}` },
      });
      yield bookkeepingEvent('LeverantörsskuldBetald', {
        datum: '2020-06-30',
        postId: `F-${index}`,
        belopp: '100.00',
      });
    }
  }
  const projection = openItemsAtYearEndProjection(defaultChart, 2020);
  const state = projection.init();
  for await (const posted of postEvents(invoicesPaid(), defaultChart))
    projection.apply(state, posted);
  t.is(state.items.size, 0);
  t.is(state.settled.size, limit, `${limit + 1} invoices paid, ${limit} remembered`);
  t.false(state.settled.has('F-0'), 'the oldest is forgotten');
  t.true(state.settled.has(`F-${limit}`));
});
