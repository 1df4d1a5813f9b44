import test from 'ava';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  bookkeepingCatalog,
  budgetInForce,
  defaultChart,
  Money,
  openItemsAtYearEndProjection,
  replayBookkeeping,
  type BookkeepingEvent,
  type OpenItemsAtYearEnd,
} from '@finsam-ledger/core';
import { createBookkeepingDecider, createEventRecorder } from '@finsam-ledger/core/testing';
import { kr, öre } from './amounts.js';
import {
  costsByNot2Post,
  earlyYears,
  esfAccrual2021,
  esfAccrual2022,
  esfCorrection2020,
  esfIncome2021,
  esfIncome2022,
  esfLine,
  försäljningTjänst,
  incomeByNot1Line,
  memberContributions2021,
  memberContributions2022,
  not2LineOf,
  not2Lines,
  not2Post,
  not2Summor,
  not2Total,
  prepaidEkonomisystem,
  roslagenBookkeepingEvents,
  roslagenBookkeepingEvents2020,
  roslagenStreamId,
  samsundAccrual,
  serviceIncome2022,
  splitGross,
  staffingByYear,
  statenKv4Receivable2021,
  vatReceivable2021,
  vatReceivable2022,
  yearEnd2021Items,
  yearEnd2022Items,
} from './index.js';

/**
 * The 2021 and 2022 history checked line by line against Årsredovisning 2022 (seed 000,
 * tkr): Not 1, Not 2 (2022 and its 2021 column), Not 3 and Not 4 at the end of 2022 item by
 * item, the 2021 year-end totals, VAT, budgets, staffing, and that every event passes the
 * bookkeeping rules. Amounts are folded from the events themselves (incomeByNot1Line,
 * costsByNot2Post), so the checks do not depend on the core's statements.
 */

const events = roslagenBookkeepingEvents();
const recorded = (async () => {
  const store = getInMemoryEventStore();
  const recorder = createEventRecorder({
    store,
    streamId: roslagenStreamId,
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  let bankMin = Money.from('0.00');
  let first = true;
  for (const event of events) {
    const result = await recorder.record([event])();
    if (result._tag === 'Left')
      throw new Error(
        `${event.type} ${JSON.stringify(event.data)} refused: ${result.left.code} ${result.left.message}`,
      );
    const state = await recorder.state()();
    if (state._tag === 'Left') throw new Error(state.left.message);
    const bank = state.right.balances.get('1930') ?? Money.zero;
    if (first || bank.compare(bankMin) < 0) bankMin = bank;
    first = false;
  }
  const state = await recorder.state()();
  if (state._tag === 'Left') throw new Error(state.left.message);
  return { store, state: state.right, bankMin };
})();

const tkr = (amountÖre: bigint) => Money.from(kr(amountÖre)).roundedIn(1000, 0);
const sumÖre = (amounts: Iterable<bigint>) =>
  [...amounts].reduce((sum, amount) => sum + amount, 0n);

async function openItemsAt(year: number): Promise<OpenItemsAtYearEnd> {
  const { openItems } = await replayBookkeeping(events, {
    extra: { openItems: openItemsAtYearEndProjection(defaultChart, year) },
  });
  return openItems;
}

test('the whole history: 2019 to the close of 2022, in recording order, unique ids, the same bytes every run; the 2020 part is a part of it', (t) => {
  t.true(events.length >= 600 && events.length <= 900, `${events.length} events`);
  t.is(new Set(events.map((event) => event.eventId)).size, events.length);
  for (let index = 1; index < events.length; index += 1)
    t.true(
      events[index - 1]!.metadata.recordedAt < events[index]!.metadata.recordedAt,
      `recorded in order at ${index}`,
    );
  t.is(events.at(-1)!.type, 'RäkenskapsårStängt');
  t.is(
    JSON.stringify(roslagenBookkeepingEvents()),
    JSON.stringify(events),
    'same bytes on every run',
  );
  const byId = new Map(events.map((event) => [event.eventId, JSON.stringify(event)]));
  const part = roslagenBookkeepingEvents2020();
  for (const event of part)
    t.is(
      byId.get(event.eventId),
      JSON.stringify(event),
      `the 2020 event ${event.eventId} is the same in the whole history`,
    );
  const closes = events.filter(
    (event): event is Extract<BookkeepingEvent, { type: 'RäkenskapsårStängt' }> =>
      event.type === 'RäkenskapsårStängt',
  );
  t.deepEqual(
    closes.map((event) => [event.data.år, event.data.datum, event.data.åretsResultat]),
    [
      [2020, '2021-03-17', '566928.00'],
      [2021, '2022-03-16', '-1138280.00'],
      [2022, '2023-03-22', '-2090800.00'],
    ],
  );
});

test('every event passes the bookkeeping rules; 2021 and 2022 close with their results; the bank never goes below zero', async (t) => {
  const { state, bankMin } = await recorded;
  t.true(state.closedYears.has(2021) && state.closedYears.has(2022));
  t.is(state.yearResults.get(2021)!.toString(), '-1138280.00');
  t.is(state.yearResults.get(2022)!.toString(), '-2090800.00');
  t.false(bankMin.isNegative(), `lowest bank balance after any event: ${bankMin.toString()}`);
});

test('Not 1 2021 and 2022: every line exact and rounded to the printed tkr; the summa is the RR', (t) => {
  for (const [year, members, esf, total] of [
    [2021, memberContributions2021, esfIncome2021, '9169180.00'],
    [2022, memberContributions2022, esfIncome2022, '8217200.00'],
  ] as const) {
    const lines = incomeByNot1Line(events, year);
    for (const member of members) {
      t.is(kr(lines.get(member.medlem)!), member.belopp, `${year} ${member.medlem}`);
      t.is(
        tkr(lines.get(member.medlem)!),
        member.printed,
        `${year} ${member.not1Text} prints ${member.printed}`,
      );
    }
    const municipalities = sumÖre(
      members
        .filter((member) => member.kategori === 'kommun')
        .map((member) => lines.get(member.medlem)!),
    );
    t.is(
      kr(municipalities),
      '1500000.00',
      `${year}: the municipalities pay the Finsam quarter exactly`,
    );
    t.is(kr(lines.get(esfLine)!), esf.belopp, `${year} Medel från europeiska socialfonden`);
    t.is(tkr(lines.get(esfLine)!), esf.printed);
    t.is(kr(sumÖre(lines.values())), total, `${year}: Not 1 summa = RR`);
    t.is(lines.size, members.length + (year === 2022 ? 2 : 1), `${year}: no other line`);
  }
  const lines2022 = incomeByNot1Line(events, 2022);
  t.is(
    kr(lines2022.get(försäljningTjänst)!),
    serviceIncome2022.belopp,
    'Intäkt försäljning tjänst, 57 tkr (0 in 2021)',
  );
  t.is(tkr(lines2022.get(försäljningTjänst)!), serviceIncome2022.printed);
});

test('Not 2 2022 and its 2021 column: every line exact, rounded to the printed tkr and avvikelse; the område summor and the total', (t) => {
  const lines = { 2022: costsByNot2Post(events, 2022), 2021: costsByNot2Post(events, 2021) };
  const keyOf = (line: { område: string; post: string }) => `${line.område}|${line.post}`;
  for (const line of not2Lines) {
    const utfall2022 = lines[2022].get(keyOf(line)) ?? 0n;
    const utfall2021 = lines[2021].get(keyOf(line)) ?? 0n;
    t.is(kr(utfall2022), line.belopp2022, `2022 ${line.post} exact`);
    t.is(kr(utfall2021), line.belopp2021, `2021 ${line.post} exact`);
    t.is(
      tkr(utfall2022),
      line.printed.utfall2022,
      `2022 ${line.post} prints ${line.printed.utfall2022}`,
    );
    const avvikelse = tkr(öre(`${line.printed.budget2022}.00`) * 1000n - utfall2022);
    if (line.post === not2Post.teamUtanförMia)
      t.is(avvikelse, '83', 'printed −83: 200 − 117 = +83 (sign)');
    else if (line.post === not2Post.övrigaOperativa)
      t.is(avvikelse, '37', 'printed 38: 90 − 53,2 = 36,8');
    else t.is(avvikelse, line.printed.avvikelse2022, `2022 ${line.post} avvikelse`);
    if (line.område === 'administrativa' && line.post === not2Post.övrigt)
      t.is(
        tkr(utfall2021),
        '100',
        '2021 Övrigt: printed 96, but the administrativa lines must make the printed summa 1 609',
      );
    else
      t.is(
        tkr(utfall2021),
        line.printed.utfall2021 === '' ? '0' : line.printed.utfall2021,
        `2021 ${line.post} prints ${line.printed.utfall2021 || '(blank)'}`,
      );
  }
  for (const year of [2021, 2022] as const) {
    const known = new Set(not2Lines.map(keyOf));
    t.deepEqual(
      [...lines[year].keys()].filter((key) => !known.has(key)),
      [],
      `${year}: no cost outside the Not 2 lines`,
    );
    t.is(kr(sumÖre(lines[year].values())), not2Total(year), `${year}: Not 2 = RR`);
  }
  const områdeSum = (year: 2021 | 2022, område: string) =>
    sumÖre(
      [...lines[year]].filter(([key]) => key.startsWith(`${område}|`)).map(([, amount]) => amount),
    );
  const budget = (område: string) =>
    sumÖre(
      not2Lines
        .filter((line) => line.område === område)
        .map((line) => öre(`${line.printed.budget2022}.00`) * 1000n),
    );
  for (const område of ['administrativa', 'strukturpåverkande', 'operativa'] as const) {
    const printed = not2Summor[område];
    t.is(tkr(områdeSum(2022, område)), printed.utfall2022, `summa ${område} 2022`);
    t.is(tkr(områdeSum(2021, område)), printed.utfall2021, `summa ${område} 2021`);
    t.is(tkr(budget(område)), printed.budget2022, `budget ${område}`);
  }
  t.is(
    tkr(budget('administrativa') - områdeSum(2022, 'administrativa')),
    '20',
    'administrativa avvikelse 20',
  );
  t.is(
    tkr(budget('strukturpåverkande') - områdeSum(2022, 'strukturpåverkande')),
    '166',
    'printed 401: the lines say 50 + 97 + 38 + 20 − 39 = 166',
  );
  t.is(
    tkr(budget('operativa') - områdeSum(2022, 'operativa')),
    '66',
    'printed −67: 7 240 − 7 174 = 66',
  );
  t.is(
    tkr(sumÖre(not2Lines.map((line) => öre(`${line.printed.budget2022}.00`) * 1000n))),
    '10560',
    'the budget lines add up to 10 560 (printed total 10 590)',
  );
  t.is(tkr(sumÖre(lines[2022].values())), not2Summor.total.utfall2022);
  t.is(tkr(sumÖre(lines[2021].values())), not2Summor.total.utfall2021);
});

test('Not 3 and Not 4 at the end of 2022: every printed item with its text, exact and in tkr, grouped as printed; nothing else open', async (t) => {
  const { items } = await openItemsAt(2022);
  const byText = new Map(items.map((item) => [item.text, item]));
  const expect = (text: string, slag: string, printedTkr: string, exact?: string) => {
    const item = byText.get(text);
    if (!item) return t.fail(`"${text}" is not open at 2022-12-31`);
    t.is(item.slag as string, slag, text);
    t.is(item.öppetBelopp.roundedIn(1000, 0), printedTkr, `${text} prints ${printedTkr}`);
    if (exact !== undefined) t.is(item.öppetBelopp.toString(), exact, text);
  };
  // Not 3 (PRINTED texts and tkr).
  expect(esfAccrual2022.text, 'upplupen-intäkt', '84', esfAccrual2022.belopp);
  expect(prepaidEkonomisystem.text, 'förutbetald-kostnad', '11', prepaidEkonomisystem.belopp);
  expect(samsundAccrual.text, 'upplupen-intäkt', '2', samsundAccrual.belopp);
  t.is(byText.get(samsundAccrual.text)!.intäktspost, försäljningTjänst);
  // Not 4, upplupna kostnader, grouped by område as printed (Kansli, Strukturinsats, Operativ
  // individinsats MIA).
  const accrued: [string, string, 'administrativa' | 'strukturpåverkande' | 'operativa', string][] =
    [
      ['Styrelse arvode', '27', 'administrativa', not2Post.styrelseOchRevision],
      ['Revisorer', '38', 'administrativa', not2Post.styrelseOchRevision],
      ['Kansli personal', '106', 'administrativa', not2Post.kanslipersonal],
      ['Socioekonomisk studie', '120', 'administrativa', not2Post.utvärdering],
      ['Stödja ASF', '36', 'strukturpåverkande', not2Post.stödjaAsf],
      ['Projektledning', '64', 'operativa', not2Post.esfProjekt],
      ['Projektgemensamma kostnader', '49', 'operativa', not2Post.esfProjekt],
      ['Insatspersonal', '193', 'operativa', not2Post.efterMia],
    ];
  for (const [text, printed, område, post] of accrued) {
    expect(text, 'upplupen-kostnad', printed);
    t.is(byText.get(text)?.område, område, text);
    t.is(byText.get(text)?.post, post, text);
    t.notThrows(() => not2LineOf(område, post));
  }
  const sumOf = (slag: string[]) =>
    Money.sum(items.filter((item) => slag.includes(item.slag)).map((item) => item.öppetBelopp));
  t.is(sumOf(['upplupen-intäkt', 'förutbetald-kostnad']).toString(), '96900.00', 'Not 3 summa 97');
  t.is(sumOf(['upplupen-kostnad']).toString(), '633150.00', 'Not 4 upplupna kostnader summa 633');
  t.is(
    sumOf(['leverantörsskuld']).toString(),
    '387300.00',
    'Not 4 leverantörsskulder 387 (only the total is printed; the invoices are reconstructed)',
  );
  t.is(
    sumOf(['kundfordran', 'övrig-kortfristig-skuld']).toString(),
    '0.00',
    'no kundfordran, no övrig skuld',
  );
  const payables = items.filter((item) => item.slag === 'leverantörsskuld');
  t.deepEqual(
    payables.map((item) => item.postId).sort(),
    yearEnd2022Items.payables.map((item) => item.postId).sort(),
  );
  for (const item of payables)
    t.regex(item.text, /\(rekonstruerad\)$/, 'an invented supplier invoice says so');
  t.is(items.length, 3 + accrued.length + payables.length, 'nothing else is open');
});

test('the open items at the end of 2021 make the BR 2021 totals (the items are reconstructed)', async (t) => {
  const { items } = await openItemsAt(2021);
  const sumOf = (slag: string[]) =>
    Money.sum(
      items.filter((item) => slag.includes(item.slag)).map((item) => item.öppetBelopp),
    ).toString();
  t.is(sumOf(['kundfordran']), statenKv4Receivable2021.belopp, 'kundfordran 750');
  t.is(
    sumOf(['upplupen-intäkt', 'förutbetald-kostnad']),
    '890624.00',
    'förutbetalda kostnader och upplupna intäkter 891',
  );
  t.is(sumOf(['leverantörsskuld']), '909170.00', 'leverantörsskulder 909');
  t.is(sumOf(['övrig-kortfristig-skuld']), '2980.00', 'övrig skuld 3');
  t.is(
    sumOf(['upplupen-kostnad']),
    '1461000.00',
    'upplupna kostnader 1 461 (printed 1 467: see README)',
  );
  t.truthy(
    items.find(
      (item) =>
        item.postId === esfAccrual2021.postId &&
        item.öppetBelopp.toString() === esfAccrual2021.belopp,
    ),
  );
  const specs = yearEnd2021Items;
  t.is(
    items.length,
    1 +
      1 +
      specs.prepaid.length +
      specs.payables.length +
      1 +
      specs.otherDebts.length +
      specs.accruedCosts.length,
    'nothing else is open',
  );
  const payableTotal = sumÖre(specs.payables.map((item) => öre(item.brutto))) + öre('122000.00');
  t.is(kr(payableTotal), '909170.00', 'the payables of the table and the unpaid rent');
  for (const item of specs.payables) {
    const { netto, moms } = splitGross(item.brutto, item.momssats);
    t.is(netto + moms, öre(item.brutto));
    if (item.momssats === 25n)
      t.is(netto * 125n, öre(item.brutto) * 100n, `${item.text}: gross is exactly 1.25 × a net`);
  }
});

test('the 2020 ESF accrual, 16 000 too high, is corrected against eget kapital and then reversed at the payment', (t) => {
  const correction = events.find((event) => event.type === 'EgetKapitalRättat');
  if (!correction || correction.type !== 'EgetKapitalRättat') return t.fail('no EgetKapitalRättat');
  t.is(correction.data.belopp, esfCorrection2020.belopp);
  t.deepEqual(correction.data.motpost, {
    slag: 'upplupen-intäkt',
    postId: esfCorrection2020.postId,
  });
  t.is(correction.data.datum, '2021-04-16');
  const reversal = events.find(
    (event) =>
      event.type === 'PeriodiseringÅterförd' && event.data.postId === esfCorrection2020.postId,
  );
  t.is(reversal?.type === 'PeriodiseringÅterförd' ? reversal.data.belopp : undefined, '755420.00');
  t.true(events.indexOf(correction) < events.indexOf(reversal!), 'corrected before it is reversed');
  t.is(
    events.filter((event) => event.type === 'EgetKapitalRättat').length,
    1,
    'the only correction against eget kapital',
  );
});

test('VAT: the receivable is 357 200 at the end of 2021 (July–December) and 709 700 at the end of 2022 (all of 2022); refunds never exceed it', async (t) => {
  const { state } = await recorded;
  const refunds = events.filter(
    (event): event is Extract<BookkeepingEvent, { type: 'MomsÅterbetald' }> =>
      event.type === 'MomsÅterbetald',
  );
  t.deepEqual(
    refunds
      .filter((event) => event.data.datum >= '2021-01-01')
      .map((event) => [event.data.period, event.data.belopp]),
    [
      ['2020 jul-dec', '332225.00'],
      ['2021 jan-jun', refunds.find((event) => event.data.period === '2021 jan-jun')!.data.belopp],
      ['2021 jul-dec', vatReceivable2021],
    ],
  );
  const vatBooked = (from: string, to: string) =>
    Money.sum(
      events
        .filter((event) => event.type === 'KostnadBokförd' || event.type === 'KostnadFörutbetald')
        .map((event) => event.data as { datum: string; moms: string })
        .filter((data) => data.datum >= from && data.datum <= to)
        .map((data) => Money.from(data.moms)),
    ).toString();
  t.is(vatBooked('2021-07-01', '2021-12-31'), vatReceivable2021);
  t.is(
    vatBooked('2021-01-01', '2021-06-30'),
    refunds.find((event) => event.data.period === '2021 jan-jun')!.data.belopp,
  );
  t.is(vatBooked('2022-01-01', '2022-12-31'), vatReceivable2022);
  t.is(state.balances.get('1650')!.toString(), vatReceivable2022, 'the VAT receivable at the end');
  t.is(Money.from(vatReceivable2021).roundedIn(1000, 0), '357');
  t.is(Money.from(vatReceivable2022).roundedIn(1000, 0), '710');
});

test('budgets: 2022 adopted with Bilaga 2’s split and amended on 18 May; 2020 adopted and amended in the autumn', async (t) => {
  const { totals } = await replayBookkeeping(events);
  const key = (post: string) => `operativa|${post}|`;
  const before = budgetInForce(totals, 2022, '2022-05-17')!;
  const after = budgetInForce(totals, 2022)!;
  t.is(before.kostnader.get(key(not2Post.esfProjekt))?.belopp, '5000000.00');
  t.is(before.kostnader.get(key(not2Post.efterMia))?.belopp, '1600000.00');
  t.is(after.kostnader.get(key(not2Post.esfProjekt))?.belopp, '5534000.00');
  t.is(after.kostnader.get(key(not2Post.efterMia))?.belopp, '1066000.00');
  const total = (budget: typeof after) =>
    Money.sum([...budget.kostnader.values()].map((rad) => Money.from(rad.belopp))).toString();
  t.is(total(before), '10560000.00');
  t.is(
    total(after),
    '10560000.00',
    'the Not 2 budget lines (printed total 10 590, driftredovisning 10 490)',
  );
  t.is(after.intäkter.get('medlemsbidrag')?.toString(), '6000000.00');
  t.is(after.intäkter.get('esf')?.toString(), '2300000.00');
  t.is(
    after.ingåendeEgetKapital?.toString(),
    '2800000.00',
    'printed budgeted utgående eget kapital 610 − budgeted result −2 190',
  );
  for (const line of not2Lines) {
    const amount = after.kostnader.get(`${line.område}|${line.post}|`)?.belopp;
    t.is(
      amount === undefined ? undefined : Money.from(amount).roundedIn(1000, 0),
      line.printed.budget2022,
      `budget 2022 ${line.post}`,
    );
  }
  const adopted2020 = budgetInForce(totals, 2020, '2020-10-20')!;
  const amended2020 = budgetInForce(totals, 2020)!;
  t.is(total(adopted2020), '10695000.00', 'arbetsträning 1,2 mkr');
  t.is(
    total(amended2020),
    '11195000.00',
    'the Not 2 2020 budget column (driftredovisning prints 10 690)',
  );
});

test('staffing and the years before the ledger, for the flerårsöversikt', async (t) => {
  const { totals } = await replayBookkeeping(events);
  for (const year of [2020, 2021, 2022] as const)
    t.deepEqual(totals.staffing.get(year), staffingByYear[year], `personal ${year}`);
  for (const year of [2019, 2018, 2017, 2016] as const)
    t.deepEqual(
      totals.historical.get(year)?.personalresurser,
      staffingByYear[year],
      `personal ${year}`,
    );
  for (const year of earlyYears) {
    const rr = totals.historical.get(year.år)!.resultaträkning;
    t.is(rr.verksamhetensIntäkter, year.intäkter);
    t.is(rr.verksamhetensKostnader, year.kostnader);
    t.is(
      totals.historical.get(year.år)!.balansräkning,
      undefined,
      'only the resultaträkning is known',
    );
  }
});
