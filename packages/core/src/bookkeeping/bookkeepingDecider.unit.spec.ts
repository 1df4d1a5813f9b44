import test from 'ava';
import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createEventRecorder } from '../ledger/EventRecorder.js';
import { Money } from '../money/Money.js';
import { collectAsync } from '../util/asyncIterable.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { bookkeepingCatalog, bookkeepingStreamId } from './bookkeepingCatalog.js';
import { createBookkeepingDecider } from './bookkeepingDecider.js';
import { defaultChart, defineChart } from './ChartOfAccounts.js';

const opening = () =>
  bookkeepingEvent('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'Ingående balans 2020',
    kassaOchBank: '1000.00',
    momsfordran: '100.00',
    balanseratResultat: '800.00',
    öppnaPoster: [
      { postId: 'KF-1', slag: 'kundfordran', belopp: '200.00', text: 'Regionens bidrag kv 4' },
      { postId: 'LS-1', slag: 'leverantörsskuld', belopp: '300.00', text: 'Lokalhyra' },
      {
        postId: 'UK-1',
        slag: 'upplupen-kostnad',
        belopp: '200.00',
        text: 'Arvoden dec',
        område: 'administrativa',
        post: 'Styrelse',
      },
    ],
  });

async function setup() {
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: bookkeepingStreamId('test'),
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  const recorded = await recorder.record([opening()])();
  if (E.isLeft(recorded)) throw recorded.left;
  return { store, recorder };
}

const codeOf = (result: E.Either<{ code: string }, unknown>) =>
  E.isLeft(result) ? result.left.code : 'ok';

test('an opening balance that does not balance is refused, naming the difference, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: 's',
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  const result = await recorder.record([
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2020-01-01',
      text: 'IB',
      kassaOchBank: '100.00',
      momsfordran: '0',
      balanseratResultat: '99.00',
      öppnaPoster: [],
    }),
  ])();
  t.is(codeOf(result), 'UNBALANCED_VERIFIKATION');
  t.regex(E.isLeft(result) ? result.left.message : '', /1\.00/);
  t.deepEqual(await collectAsync(store.readAll()), []);
});

test('settlements: unknown item, above open amount, wrong kind are refused; a valid one settles', async (t) => {
  const { store, recorder } = await setup();
  const before = (await collectAsync(store.readAll())).length;
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('KundfordranBetald', {
          datum: '2020-02-01',
          postId: 'KF-404',
          belopp: '1.00',
        }),
      ])(),
    ),
    'OPEN_ITEM_NOT_FOUND',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('KundfordranBetald', {
          datum: '2020-02-01',
          postId: 'KF-1',
          belopp: '200.01',
        }),
      ])(),
    ),
    'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('KundfordranBetald', {
          datum: '2020-02-01',
          postId: 'LS-1',
          belopp: '1.00',
        }),
      ])(),
    ),
    'OPEN_ITEM_MISMATCH',
  );
  t.is((await collectAsync(store.readAll())).length, before);
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('KundfordranBetald', {
          datum: '2020-02-01',
          postId: 'KF-1',
          belopp: '150.00',
        }),
      ])(),
    ),
    'ok',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('KundfordranBetald', {
          datum: '2020-02-02',
          postId: 'KF-1',
          belopp: '50.01',
        }),
      ])(),
    ),
    'SETTLEMENT_EXCEEDS_OPEN_AMOUNT',
  );
  const state = await recorder.state()();
  t.true(E.isRight(state) && state.right.openItems.get('KF-1')!.öppetBelopp === '50.00');
  t.true(E.isRight(state) && state.right.balances.get('1930')!.equals(Money.from('1150.00')));
});

test('no booking in a closed year; the close states the booked result; a year closes once and in order', async (t) => {
  const { store, recorder } = await setup();
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('MedlemsbidragMottaget', {
          datum: '2020-03-01',
          medlem: 'Täby kommun',
          medlemskategori: 'kommun',
          period: '2020',
          belopp: '500.00',
        }),
      ])(),
    ),
    'ok',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('RäkenskapsårStängt', {
          år: 2020,
          datum: '2021-02-01',
          åretsResultat: '499.00',
        }),
      ])(),
    ),
    'YEAR_RESULT_MISMATCH',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('RäkenskapsårStängt', {
          år: 2021,
          datum: '2022-02-01',
          åretsResultat: '0',
        }),
      ])(),
    ),
    'PREVIOUS_YEAR_NOT_CLOSED',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('RäkenskapsårStängt', {
          år: 2020,
          datum: '2021-02-01',
          åretsResultat: '500.00',
        }),
      ])(),
    ),
    'ok',
  );
  const count = (await collectAsync(store.readAll())).length;
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('RäkenskapsårStängt', {
          år: 2020,
          datum: '2021-02-02',
          åretsResultat: '500.00',
        }),
      ])(),
    ),
    'YEAR_ALREADY_CLOSED',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('FinansiellKostnadBokförd', {
          datum: '2020-12-31',
          belopp: '60.00',
          text: 'Bankavgift',
        }),
      ])(),
    ),
    'YEAR_CLOSED',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('FinansiellKostnadBokförd', {
          datum: '2019-12-31',
          belopp: '60.00',
          text: 'Bankavgift',
        }),
      ])(),
    ),
    'BEFORE_FIRST_YEAR',
  );
  t.is((await collectAsync(store.readAll())).length, count);
  const state = await recorder.state()();
  t.true(
    E.isRight(state) && state.right.balances.get('2091')!.equals(Money.from('-1300.00')),
    'the result moved to balanserat resultat',
  );
});

test('a correction reverses the original in the open year, once, and must repeat it exactly', async (t) => {
  const { recorder } = await setup();
  const cost = bookkeepingEvent('KostnadBokförd', {
    datum: '2020-05-01',
    område: 'operativa',
    post: 'Arbetsträning',
    belopp: '1000.00',
    moms: '250.00',
    text: 'ASF arbetsträning maj',
    betalning: { sätt: 'bank' },
  });
  t.is(codeOf(await recorder.record([cost])()), 'ok');
  const tampered = {
    type: cost.type,
    schemaVersion: cost.schemaVersion,
    data: { ...cost.data, belopp: '999.00' },
  };
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('HändelseRättad', {
          datum: '2020-06-01',
          rättadEventId: cost.eventId,
          orsak: 'Fel belopp',
          original: tampered,
        }),
      ])(),
    ),
    'CORRECTION_MISMATCH',
  );
  const original = { type: cost.type, schemaVersion: cost.schemaVersion, data: cost.data };
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('HändelseRättad', {
          datum: '2020-06-01',
          rättadEventId: cost.eventId,
          orsak: 'Fel belopp',
          original,
        }),
      ])(),
    ),
    'ok',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('HändelseRättad', {
          datum: '2020-06-02',
          rättadEventId: cost.eventId,
          orsak: 'Igen',
          original,
        }),
      ])(),
    ),
    'EVENT_ALREADY_CORRECTED',
  );
  const state = await recorder.state()();
  t.true(
    E.isRight(state) && state.right.yearResults.get(2020)!.isZero(),
    'the cost is gone from the result',
  );
  t.true(
    E.isRight(state) && state.right.balances.get('1650')!.equals(Money.from('100.00')),
    'and its VAT from the receivable',
  );
});

test('a VAT refund above the receivable is refused', async (t) => {
  const { recorder } = await setup();
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('MomsÅterbetald', {
          datum: '2020-02-01',
          period: '2019',
          belopp: '100.01',
        }),
      ])(),
    ),
    'VAT_REFUND_EXCEEDS_RECEIVABLE',
  );
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('MomsÅterbetald', {
          datum: '2020-02-01',
          period: '2019',
          belopp: '100.00',
        }),
      ])(),
    ),
    'ok',
  );
});

test('an accrual is reversed whole, against the cost it was opened with', async (t) => {
  const { recorder } = await setup();
  const reversal = (data: Record<string, unknown>) =>
    bookkeepingEvent('PeriodiseringÅterförd', {
      datum: '2020-01-01',
      postId: 'UK-1',
      slag: 'upplupen-kostnad',
      belopp: '200.00',
      område: 'administrativa',
      post: 'Styrelse',
      text: 'Återföring',
      ...data,
    });
  t.is(codeOf(await recorder.record([reversal({ belopp: '100.00' })])()), 'OPEN_ITEM_MISMATCH');
  t.is(codeOf(await recorder.record([reversal({ post: 'Kansli' })])()), 'OPEN_ITEM_MISMATCH');
  t.is(codeOf(await recorder.record([reversal({})])()), 'ok');
  const state = await recorder.state()();
  t.true(
    E.isRight(state) && state.right.yearResults.get(2020)!.equals(Money.from('200.00')),
    'reversing an accrued cost is income of the new year until the invoice is booked',
  );
});

test('retrying an already recorded batch is a no-op, not a second booking', async (t) => {
  const { store, recorder } = await setup();
  const income = bookkeepingEvent('MedlemsbidragMottaget', {
    datum: '2020-03-01',
    medlem: 'Region Stockholm',
    medlemskategori: 'region',
    period: '2020 kv 1',
    belopp: '375000.00',
  });
  t.is(codeOf(await recorder.record([income])()), 'ok');
  const again = await recorder.record([income])();
  t.true(E.isRight(again) && again.right.alreadyStored);
  const fresh = createEventRecorder({
    store,
    streamId: bookkeepingStreamId('test'),
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  const viaFresh = await fresh.record([income])();
  t.true(E.isRight(viaFresh) && viaFresh.right.alreadyStored);
  t.is(
    (await collectAsync(store.readAll())).filter((event) => event.eventId === income.eventId)
      .length,
    1,
  );
});

test('the recorder re-validates hand-built events: a float amount or a personnummer in metadata is refused and nothing is written', async (t) => {
  const { store, recorder } = await setup();
  const before = (await collectAsync(store.readAll())).length;
  const valid = bookkeepingEvent('FinansiellKostnadBokförd', {
    datum: '2020-05-31',
    belopp: '60.00',
    text: 'Bankavgift',
  });
  const float = {
    ...valid,
    eventId: globalThis.crypto.randomUUID(),
    data: { ...valid.data, belopp: 60.5 as unknown as string },
  };
  const floatResult = await recorder.record([float])();
  t.is(codeOf(floatResult), 'INVALID_AMOUNT');
  const personal = {
    ...valid,
    eventId: globalThis.crypto.randomUUID(),
    metadata: { ...valid.metadata, recordedBy: 'handläggare 850412-1234' },
  };
  t.is(codeOf(await recorder.record([personal])()), 'PERSONNUMMER_REFUSED');
  const oldVersion = { ...valid, eventId: globalThis.crypto.randomUUID(), schemaVersion: 2 };
  t.is(codeOf(await recorder.record([oldVersion])()), 'UNSUPPORTED_SCHEMA_VERSION');
  t.is((await collectAsync(store.readAll())).length, before);
});

test('reverseAccrual carries the item’s underpost and insats; a reversal naming another insats is refused', async (t) => {
  const { recorder } = await setup();
  t.is(
    codeOf(
      await recorder.record([
        bookkeepingEvent('KostnadBokförd', {
          datum: '2020-12-31',
          område: 'operativa',
          post: 'Individuellt deltagarstöd',
          underpost: '2 SE coach',
          insats: 'MIA vidare',
          belopp: '332291.00',
          text: 'SE-coach okt-dec',
          betalning: { sätt: 'upplupen', postId: 'UK-SE' },
        }),
      ])(),
    ),
    'ok',
  );
  const wrong = bookkeepingEvent('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'UK-SE',
    slag: 'upplupen-kostnad',
    belopp: '332291.00',
    område: 'operativa',
    post: 'Individuellt deltagarstöd',
    insats: 'MIA Roslagen',
    text: 'Återföring',
  });
  t.is(codeOf(await recorder.record([wrong])()), 'OPEN_ITEM_MISMATCH');
  const right = bookkeepingEvent('PeriodiseringÅterförd', {
    datum: '2021-01-01',
    postId: 'UK-SE',
    slag: 'upplupen-kostnad',
    belopp: '332291.00',
    område: 'operativa',
    post: 'Individuellt deltagarstöd',
    underpost: '2 SE coach',
    insats: 'MIA vidare',
    text: 'Återföring',
  });
  t.is(codeOf(await recorder.record([right])()), 'ok');
});

test('a cost the chart maps to an account it does not define is refused with UNKNOWN_ACCOUNT, not thrown, and nothing is written', async (t) => {
  // A caller's chart whose mapping for one post names an account the chart lacks.
  const chart = defineChart({
    ...defaultChart,
    name: 'Egen kontoplan',
    costAccount: (område, post) =>
      post === 'Utbildning' ? '4999' : defaultChart.costAccount(område, post),
  });
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: 's',
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(chart),
  });
  t.is(codeOf(await recorder.record([opening()])()), 'ok');
  const cost = (post: string) =>
    bookkeepingEvent('KostnadBokförd', {
      datum: '2020-03-01',
      område: 'operativa',
      post,
      belopp: '50.00',
      moms: '0.00',
      text: 'Kurs',
      betalning: { sätt: 'bank' },
    });
  const refused = await recorder.record([cost('Utbildning')])();
  t.is(codeOf(refused), 'UNKNOWN_ACCOUNT');
  t.deepEqual(
    E.isLeft(refused) ? refused.left.issues.map((issue) => [issue.path, issue.rule]) : [],
    [['konto', 'account-in-chart']],
  );
  t.regex(E.isLeft(refused) ? refused.left.message : '', /account 4999.*Egen kontoplan/);
  t.is((await collectAsync(store.readAll())).length, 1);
  t.is(codeOf(await recorder.record([cost('Lokaler')])()), 'ok');
});

test('an annotated event is a new envelope of the same five members in order, with its data and numbered metadata', (t) => {
  const decider = createBookkeepingDecider();
  const state = decider.initialState();
  const booked = bookkeepingEvent('IngåendeBalansRegistrerad', {
    datum: '2020-01-01',
    text: 'Ingående balans 2020',
    kassaOchBank: '1000.00',
    momsfordran: '0.00',
    balanseratResultat: '1000.00',
    öppnaPoster: [],
  });
  const annotated = decider.annotate!(state, booked);
  t.not(annotated, booked);
  t.deepEqual(Object.keys(annotated), ['eventId', 'type', 'schemaVersion', 'data', 'metadata']);
  t.is(annotated.eventId, booked.eventId);
  t.is(annotated.type, booked.type);
  t.is(annotated.schemaVersion, booked.schemaVersion);
  // The same data object: a store takes the catalog's certified data as it is.
  t.is(annotated.data, booked.data);
  t.deepEqual(annotated.metadata, { ...booked.metadata, verifikationsnummer: ['2020-1'] });
  t.is(booked.metadata.verifikationsnummer, undefined);
});
