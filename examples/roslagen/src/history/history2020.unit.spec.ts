import test from 'ava';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { bookkeepingCatalog, Money, type BookkeepingEvent } from '@finsam-ledger/core';
import {
  createBookkeepingDecider,
  createEventRecorder,
  type BookkeepingState,
} from '@finsam-ledger/core/testing';
import { kr } from './amounts.js';
import {
  accruedCosts2020,
  costLeaves2020,
  costsByNot2Line,
  esfAccrual2020,
  esfIncome2020,
  esfLine,
  incomeByNot1Line,
  leafKey,
  memberContributions2020,
  otherIncome2020,
  payables2020,
  prepaidRent2021,
  prepaidWebb2021,
  regionKv4Receivable,
  roslagenBookkeepingEvents2020,
  roslagenStreamId,
} from './index.js';

const m = Money.from;

async function record(events: readonly BookkeepingEvent[]) {
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: roslagenStreamId,
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  for (const event of events) {
    const result = await recorder.record([event])();
    if (result._tag === 'Left')
      throw new Error(
        `${event.type} ${JSON.stringify(event.data)} refused: ${result.left.code} ${result.left.message}`,
      );
  }
  const state = await recorder.state()();
  if (state._tag === 'Left') throw new Error(state.left.message);
  return { store, recorder, state: state.right };
}

const events = roslagenBookkeepingEvents2020();
const beforeClose = events.filter((event) => event.type !== 'RäkenskapsårStängt');
const recorded = record(events);
const recordedBeforeClose = record(beforeClose);

const balance = (state: BookkeepingState, ...accounts: string[]) =>
  Money.sum(accounts.map((account) => state.balances.get(account) ?? Money.zero));
const accountsOf = (state: BookkeepingState, line: (account: string) => boolean) =>
  [...state.balances.keys()].filter(line);
/** Half away from zero, as the report rounds (amounts here are positive). */
const roundedKr = (amountÖre: bigint) => Money.from(kr(amountÖre)).roundedIn(1, 0);
const roundedTkr = (amountÖre: bigint) => Money.from(kr(amountÖre)).roundedIn(1000, 0);

test('the history is a few hundred events, in recording order, with unique UUID-shaped ids, starting with 2019 and the opening balance and ending with the close', (t) => {
  t.true(events.length >= 200 && events.length <= 400, `${events.length} events`);
  t.is(new Set(events.map((event) => event.eventId)).size, events.length);
  for (const event of events)
    t.regex(event.eventId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  for (let index = 1; index < events.length; index += 1)
    t.true(
      events[index - 1]!.metadata.recordedAt < events[index]!.metadata.recordedAt,
      `recorded in order at ${index}`,
    );
  t.deepEqual(
    events.slice(0, 2).map((event) => event.type),
    ['HistoriskaÅrsuppgifterRegistrerade', 'IngåendeBalansRegistrerad'],
  );
  t.is(events.at(-1)!.type, 'RäkenskapsårStängt');
  t.is(
    JSON.stringify(roslagenBookkeepingEvents2020()),
    JSON.stringify(events),
    'same bytes on every run',
  );
});

test('every event passes the bookkeeping rules, and the books close 2020 with the printed result', async (t) => {
  const { store, state } = await recorded;
  t.is((await collect(store.readAll())).length, events.length);
  t.true(state.closedYears.has(2020));
  t.is(state.yearResults.get(2020)!.toString(), '566928.00');
});

test('the balance sheet of 2020-12-31, line by line (BR 2020, printed)', async (t) => {
  const { state } = await recordedBeforeClose;
  t.is(balance(state, '1510').toString(), '375000.00');
  t.is(balance(state, '1790').toString(), '897388.00');
  t.is(balance(state, '1650').toString(), '332225.00');
  t.is(balance(state, '1930').toString(), '3920436.00');
  t.is(balance(state, '1510', '1790', '1650', '1930').toString(), '5525049.00', 'summa tillgångar');
  t.is(balance(state, '2440').toString(), '-629950.00');
  t.is(balance(state, '2990').toString(), '-1353815.00');
  t.is(balance(state, '2091').toString(), '-2974356.00', 'övrigt eget kapital');
  t.is(state.yearResults.get(2020)!.toString(), '566928.00', 'årets resultat');
  t.is(
    balance(state, '2091', '2440', '2990').minus(state.yearResults.get(2020)!).toString(),
    '-5525049.00',
    'summa eget kapital och skulder',
  );

  const closed = (await recorded).state;
  t.is(balance(closed, '2099').toString(), '0.00', 'after the close the result has moved on');
  t.is(
    balance(closed, '2091').toString(),
    '-3541284.00',
    'utgående eget kapital 3 541 284 (Driftredovisning: 3 541 tkr)',
  );
  for (const account of ['1510', '1790', '1650', '1930', '2440', '2990'])
    t.true(balance(closed, account).equals(balance(state, account)), account);
});

test('the cash flow of 2020 follows from the balances (KF 2020, printed)', async (t) => {
  const { state } = await recordedBeforeClose;
  const receivables2019 = m('646223.00').plus(m('870738.00')).plus(m('374527.00'));
  const liabilities2019 = m('1008770.00').plus(m('481660.00'));
  const receivables = balance(state, '1510', '1790', '1650');
  const liabilities = balance(state, '2440', '2990').negated();
  t.is(receivables2019.minus(receivables).toString(), '286875.00');
  t.is(liabilities.minus(liabilities2019).toString(), '493335.00');
  t.is(balance(state, '1930').minus(m('2573298.00')).toString(), '1347138.00', 'årets kassaflöde');
});

test('income and cost totals (RR 2020, printed)', async (t) => {
  const { state } = await recordedBeforeClose;
  t.is(
    balance(state, ...accountsOf(state, (account) => account.startsWith('3'))).toString(),
    '-9561772.00',
  );
  t.is(balance(state, '4010', '4020', '6010').toString(), '8994844.00');
  t.is(balance(state, '8310', '8410').toString(), '0.00', 'no financial items in 2020');
  t.is(balance(state, '3985').toString(), '-3000000.00');
  t.is(balance(state, '3987').toString(), '-3000000.00');
  t.is(balance(state, '3989').toString(), '-3486010.50');
  t.is(balance(state, '3990').toString(), '-75761.50');
});

test('every Not 1 line: exact, and rounded to the printed kronor', async (t) => {
  const { store } = await recorded;
  const lines = incomeByNot1Line(await collect(store.readAll()));
  for (const member of memberContributions2020) {
    t.is(kr(lines.get(member.medlem)!), member.belopp, member.medlem);
    t.is(
      roundedKr(lines.get(member.medlem)!),
      member.printed,
      `${member.not1Text} prints ${member.printed}`,
    );
  }
  t.is(kr(lines.get(esfLine)!), esfIncome2020.belopp);
  t.is(roundedKr(lines.get(esfLine)!), esfIncome2020.printed);
  // The other income names its Not 1 line (intäktspost), as printed.
  t.is(kr(lines.get(otherIncome2020.not1Text)!), otherIncome2020.belopp);
  t.is(roundedKr(lines.get(otherIncome2020.not1Text)!), otherIncome2020.printed);
  t.is(lines.size, memberContributions2020.length + 2);
  const total = [...lines.values()].reduce((sum, amount) => sum + amount, 0n);
  t.is(kr(total), '9561772.00', 'the RR total; the printed Not 1 summa is 9 561 771');
  const municipalities = memberContributions2020
    .filter((member) => member.kategori === 'kommun')
    .reduce((sum, member) => sum + lines.get(member.medlem)!, 0n);
  t.is(kr(municipalities), '1500000.00', 'the municipalities pay the Finsam quarter exactly');
});

test('every Not 2 line rounds to its printed tkr; posts and sections as printed except where the report does not add up', async (t) => {
  const { store } = await recorded;
  const lines = costsByNot2Line(await collect(store.readAll()));
  for (const leaf of costLeaves2020) {
    const amount = lines.get(leafKey(leaf)) ?? 0n;
    t.is(kr(amount), leaf.belopp, `${leafKey(leaf)} exact`);
    t.is(roundedTkr(amount), leaf.printedTkr, `${leafKey(leaf)} prints ${leaf.printedTkr}`);
  }
  t.deepEqual(
    [...lines.keys()].filter((key) => !costLeaves2020.some((leaf) => leafKey(leaf) === key)),
    [],
    'no cost outside the Not 2 lines',
  );
  const sum = (filter: (key: string) => boolean) =>
    [...lines].filter(([key]) => filter(key)).reduce((total, [, amount]) => total + amount, 0n);
  t.is(kr(sum(() => true)), '8994844.00');
  t.is(
    kr(sum((key) => key.startsWith('administrativa|'))),
    '1565600.00',
    'summa 1566, avvikelse 434,4 against 2000',
  );
  t.is(
    Money.from('2000000.00')
      .minus(Money.from(kr(sum((key) => key.startsWith('administrativa|')))))
      .roundedIn(1000, 1),
    '434.4',
  );
  t.is(kr(sum((key) => key === 'administrativa|Revision|')), '65500.00');
  const posts: [string, string][] = [
    ['operativa|In-remitterande teamet|', '1650'],
    ['operativa|Individuellt deltagarstöd|', '1396'],
    ['operativa|Övrigt|', '559'],
    ['strukturpåverkande|Övriga kostnader-möten, workshop mm.|', '70'],
    ['administrativa|Styrelse|', '305'],
    ['administrativa|Kansli|', '972'],
  ];
  for (const [prefix, printed] of posts)
    t.is(roundedTkr(sum((key) => key.startsWith(prefix))), printed, prefix);
  t.is(
    roundedTkr(sum((key) => key.startsWith('strukturpåverkande|'))),
    '381',
    'Not 2 prints 380: see README',
  );
  t.is(
    roundedTkr(sum((key) => key.startsWith('operativa|'))),
    '7048',
    'Not 2 prints 7 045: see README',
  );
});

test('every open item at year end is a printed Not 3 or Not 4 item, with its text and amount', async (t) => {
  const { state } = await recorded;
  const open = [...state.openItems.values()].filter(
    (item) => !Money.from(item.öppetBelopp).isZero(),
  );
  const byId = new Map(open.map((item) => [item.postId, item]));
  const expect = (postId: string, slag: string, text: string, belopp: string) => {
    const item = byId.get(postId);
    if (!item) return t.fail(`${postId} is not open`);
    t.is(item.slag as string, slag, postId);
    t.is(item.öppetBelopp, belopp, postId);
    t.is(item.text, text, postId);
  };
  expect(regionKv4Receivable.postId, 'kundfordran', regionKv4Receivable.text, '375000.00');
  expect(esfAccrual2020.postId, 'upplupen-intäkt', esfAccrual2020.text, '771420.00');
  expect(prepaidWebb2021.postId, 'förutbetald-kostnad', prepaidWebb2021.text, '3968.00');
  expect(
    prepaidRent2021.prepaidPostId,
    'förutbetald-kostnad',
    prepaidRent2021.prepaidText,
    '122000.00',
  );
  expect(
    prepaidRent2021.payablePostId,
    'leverantörsskuld',
    prepaidRent2021.payableText,
    '122000.00',
  );
  for (const item of payables2020) expect(item.postId, 'leverantörsskuld', item.text, item.brutto);
  for (const item of accruedCosts2020)
    expect(item.postId, 'upplupen-kostnad', item.text, item.belopp);
  t.is(open.length, 4 + 1 + payables2020.length + accruedCosts2020.length, 'nothing else is open');
  const sumOf = (slag: string[]) =>
    Money.sum(
      open.filter((item) => slag.includes(item.slag)).map((item) => Money.from(item.öppetBelopp)),
    ).toString();
  t.is(sumOf(['leverantörsskuld']), '629950.00');
  t.is(sumOf(['upplupen-kostnad']), '1353815.00');
  t.is(sumOf(['upplupen-intäkt', 'förutbetald-kostnad']), '897388.00');
});

test('replaying the history twice gives the same state', async (t) => {
  const first = await record(roslagenBookkeepingEvents2020());
  const second = await record(roslagenBookkeepingEvents2020());
  const snapshot = (state: BookkeepingState) =>
    JSON.stringify({
      balances: [...state.balances].map(([account, amount]) => [account, amount.toString()]).sort(),
      yearResults: [...state.yearResults].map(([year, amount]) => [year, amount.toString()]),
      openItems: [...state.openItems.values()],
      closedYears: [...state.closedYears],
    });
  t.is(snapshot(first.state), snapshot(second.state));
  t.is(snapshot(first.state), snapshot((await recorded).state));
  const again = await first.recorder.record(roslagenBookkeepingEvents2020())();
  t.true(
    again._tag === 'Right' && again.right.alreadyStored,
    'recording it again is an idempotent no-op',
  );
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
