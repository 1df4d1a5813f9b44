import test from 'ava';
import * as E from 'fp-ts/Either';
import {
  Money,
  balanceAtEndOf,
  balanceAtStartOf,
  createLedger,
  rowOf,
  type Ledger,
  type StatementLine,
} from '@finsam-ledger/core';
import {
  decodeSieBytes,
  exportLedgerSie,
  fitSieText,
  identitySieMapping,
  planSieImport,
  readSie,
  sieSeriesOfEventType,
  sieTextLengthMax,
} from '@finsam-ledger/sie';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

const company = { companyName: 'Samordningsförbundet Roslagen', organisationNumber: '222000-1727' };

// One read-only store for every test of the file: each export replays it twice.
const opened = openRoslagenFileStore().then((result) => {
  if (E.isLeft(result)) throw result.left;
  return result.right;
});
const openLedger = async (): Promise<Ledger> =>
  createLedger({ store: await opened, förbundId: roslagenFörbundId });
test.after.always(async () => (await opened).close());

const exported = async (ledger: Ledger, year: number, date = '2023-03-01') =>
  exportLedgerSie(ledger, {
    year,
    ...company,
    generated: { date },
    events: (await opened).readStream(ledger.streamId),
  });

const linesOf = (bytes: Uint8Array): string[] => decodeSieBytes(bytes).text.split('\r\n');

test('SIE 4E of 2022: the records 4B requires for type 4, in its order', async (t) => {
  const lines = linesOf(await exported(await openLedger(), 2022));
  const labels = [...new Set(lines.map((line) => line.split(' ')[0]))];
  t.deepEqual(labels, [
    '#FLAGGA',
    '#KSUMMA',
    '#PROGRAM',
    '#FORMAT',
    '#GEN',
    '#SIETYP',
    '#FNAMN',
    '#ORGNR',
    '#RAR',
    '#KPTYP',
    '#KONTO',
    '#KTYP',
    '#DIM',
    '#OBJEKT',
    '#IB',
    '#UB',
    '#RES',
    '#PBUDGET',
    '#FINSAMHANDELSE',
    '#FINSAMVER',
    '#VER',
    '{',
    '#TRANS',
    '}',
    '',
  ]);
  t.deepEqual(lines.slice(0, 10), [
    '#FLAGGA 0',
    '#KSUMMA',
    '#PROGRAM "finsam-ledger" "0.1.0"',
    '#FORMAT PC8',
    '#GEN 20230301',
    '#SIETYP 4',
    '#FNAMN "Samordningsförbundet Roslagen"',
    '#ORGNR 222000-1727',
    '#RAR 0 20220101 20221231',
    '#RAR -1 20210101 20211231',
  ]);
  t.regex(lines.at(-2)!, /^#KSUMMA \d+$/);
});

for (const year of [2020, 2021, 2022]) {
  test(`SIE 4E of ${year}: every verifikation of the year, balances equal to the ledger's`, async (t) => {
    const ledger = await openLedger();
    const file = readSie(await exported(ledger, year));
    const totals = await ledger.totals();
    const journal = [];
    for await (const verifikation of ledger.verifikationer(year)) journal.push(verifikation);
    const opening = journal.filter((v) => v.eventType === 'IngåendeBalansRegistrerad');
    t.is(file.verifikationer.length, journal.length - opening.length);
    t.true(file.ksumma !== undefined && file.ksumma.written === file.ksumma.computed);
    t.true(
      file.verifikationer.every((verifikation) => verifikation.text.length <= sieTextLengthMax),
    );
    t.is(file.years.length, year === 2020 ? 1 : 2, 'year −1 only where the books have it');
    const ub = (line: StatementLine) =>
      Money.sum(
        file.balances
          .filter((balance) => balance.kind === 'UB' && balance.yearIndex === 0)
          .filter((balance) => ledger.chart.account(balance.account).line === line)
          .map((balance) => Money.from(balance.amount)),
      );
    for (const line of [
      'kassa-och-bank',
      'kundfordringar',
      'övriga-fordringar',
      'förutbetalda-kostnader-upplupna-intäkter',
      'leverantörsskulder',
      'övriga-kortfristiga-skulder',
      'upplupna-kostnader-förutbetalda-intäkter',
    ] as const)
      t.is(ub(line).toString(), balanceAtEndOf(totals, year, [line]).toString(), line);
    const { resultaträkning } = await ledger.statements(year);
    const res = (prefix: RegExp) =>
      Money.sum(
        file.balances
          .filter((b) => b.kind === 'RES' && b.yearIndex === 0 && prefix.test(b.account))
          .map((b) => Money.from(b.amount)),
      ).negated();
    t.is(
      res(/^3/).toString(),
      rowOf(resultaträkning, 'verksamhetens-intäkter').amounts[0]!.toString(),
    );
    t.is(
      res(/^[3-8](?!999)/).toString(),
      rowOf(resultaträkning, 'årets-resultat').amounts[0]!.toString(),
    );
  });
}

for (const year of [2020, 2021, 2022]) {
  test(`${year}: exporting twice gives the same bytes; another #GEN changes only #GEN and #KSUMMA`, async (t) => {
    const ledger = await openLedger();
    const first = await exported(ledger, year);
    t.deepEqual(await exported(ledger, year), first);
    const other = linesOf(await exported(ledger, year, '2024-01-02'));
    const differing = linesOf(first)
      .map((line, index) => [line, other[index]])
      .filter(([line, otherLine]) => line !== otherLine);
    t.is(differing.length, 2);
    t.deepEqual(differing[0], ['#GEN 20230301', '#GEN 20240102']);
    t.regex(differing[1]![0]!, /^#KSUMMA \d+$/);
  });
}

test('2022: each kind of event has its series, numbered 1, 2, 3 … without gaps', async (t) => {
  const ledger = await openLedger();
  const file = readSie(await exported(ledger, 2022));
  const journal = new Map<string, string>();
  for await (const verifikation of ledger.verifikationer(2022))
    journal.set(`2022-${verifikation.löpnummer}`, verifikation.eventType);
  const typeOf = new Map(
    file.finsamVerifikationer!.map((f) => [`${f.series} ${f.number}`, journal.get(f.ledgerNumber)]),
  );
  const seriesOfType = new Map<string, Set<string>>();
  const numbers = new Map<string, number[]>();
  for (const verifikation of file.verifikationer) {
    const type = typeOf.get(`${verifikation.series} ${verifikation.number}`)!;
    seriesOfType.set(type, (seriesOfType.get(type) ?? new Set()).add(verifikation.series));
    numbers.set(verifikation.series, [
      ...(numbers.get(verifikation.series) ?? []),
      Number(verifikation.number),
    ]);
  }
  for (const [type, series] of seriesOfType)
    t.deepEqual(
      [...series],
      [sieSeriesOfEventType[type as keyof typeof sieSeriesOfEventType].series],
      type,
    );
  t.deepEqual(
    Object.fromEntries([...seriesOfType].map(([type, series]) => [type, [...series][0]])),
    {
      MedlemsbidragMottaget: 'A',
      ESFUtbetalning: 'A',
      ÖvrigIntäktBokförd: 'A',
      KundfordranBetald: 'A',
      KostnadBokförd: 'B',
      LeverantörsskuldBetald: 'B',
      MomsÅterbetald: 'B',
      ÖvrigSkuldBetald: 'B',
      IntäktUpplupen: 'C',
      KostnadFörutbetald: 'C',
      PeriodiseringÅterförd: 'C',
      RäkenskapsårStängt: 'D',
    },
  );
  for (const [series, written] of numbers)
    t.deepEqual(
      written,
      written.map((_, index) => index + 1),
      `series ${series}`,
    );
});

test('2022: #PBUDGET is the budget in force, by område and post, in twelve monthly parts', async (t) => {
  const ledger = await openLedger();
  const file = readSie(await exported(ledger, 2022));
  const yearly = new Map<string, Money>();
  for (const budget of file.budgets!) {
    const key = [budget.account, ...budget.objects.map((o) => `${o.dimension}=${o.id}`)].join(' ');
    yearly.set(key, (yearly.get(key) ?? Money.zero).plus(Money.from(budget.amount)));
  }
  t.is(file.budgets!.length, yearly.size * 12);
  // The ändringsbeslut of 2022-05-18 moved 534 000 kr to the ESF project.
  t.is(yearly.get('4010 1=operativa 20=ESF Projekt')?.toString(), '5534000.00');
  t.is(yearly.get('6010 1=administrativa 20=Lokal')?.toString(), '130000.00');
  t.is(yearly.get('3985 24=medlemsbidrag')?.toString(), '-6000000.00');
  t.is(yearly.get('3989 24=esf')?.toString(), '-2300000.00');
  const costs = Money.sum(
    [...yearly].filter(([key]) => !key.startsWith('39')).map(([, amount]) => amount),
  );
  t.is(costs.toString(), '10560000.00', "the driftredovisning's budgeted nettokostnad");
  t.like(
    file.objects.find((object) => object.dimension === '1' && object.id === 'operativa'),
    { name: 'Operativa individinsatser' },
  );
});

for (const year of [2020, 2021, 2022]) {
  test(`${year} exported and planned for import with the identity mapping gives back the ledger's rows`, async (t) => {
    const ledger = await openLedger();
    const file = readSie(await exported(ledger, year));
    const plan = planSieImport(file, identitySieMapping, 'f'.repeat(64));
    const journal = [];
    for await (const verifikation of ledger.verifikationer(year))
      if (verifikation.eventType !== 'IngåendeBalansRegistrerad') journal.push(verifikation);
    const simple = (rows: readonly { konto: string; belopp: Money; dimensioner?: object }[]) =>
      rows.map((rad) => [rad.konto, rad.belopp.toString(), rad.dimensioner ?? {}]);
    // #FINSAMVER names the ledger's number of each #VER: in that order the plan is the journal.
    const ledgerNumber = new Map(
      file.finsamVerifikationer!.map((f) => [`${f.series} ${f.number}`, f.ledgerNumber]),
    );
    const planned = plan.verifikationer.map((v) => [
      ledgerNumber.get(`${v.källa.serie} ${v.källa.nummer}`)!,
      v.datum,
      v.text,
      simple(v.rader),
    ]);
    t.deepEqual(
      planned.sort((left, right) => Number(left[0]!.slice(5)) - Number(right[0]!.slice(5))),
      journal.map((v) => [`${year}-${v.löpnummer}`, v.datum, fitSieText(v.text), simple(v.rader)]),
    );
    const totals = await ledger.totals();
    t.is(
      plan.ingåendeBalans.get('1930')?.toString() ?? '0.00',
      balanceAtStartOf(totals, year, ['kassa-och-bank']).toString(),
      "the opening bank balance is the ledger's balance at the end of the year before",
    );
  });
}
