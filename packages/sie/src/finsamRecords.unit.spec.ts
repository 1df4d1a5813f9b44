import test from 'ava';
import * as E from 'fp-ts/Either';
import iconv from 'iconv-lite';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { createLedger, type Ledger } from '@finsam-ledger/core';
import { exportLedgerSie } from './exportLedgerSie.js';
import { finsamJson } from './finsamRecords.js';
import { importSie } from './importSie.js';
import { readSie } from './readSie.js';
import { identitySieMapping } from './SieMapping.js';
import { isSieError } from './error.js';
import { writeSie } from './writeSie.js';
import { smallDocument } from './testDocument.testScenario.js';

const metadata = { recordedAt: '2023-03-01T10:00:00.000Z', recordedBy: 'ekonom@forbundet' };

const recorded = async (ledger: Ledger, type: string, data: unknown): Promise<void> => {
  const result = await ledger.record(type as never, data as never, { metadata })();
  if (E.isLeft(result)) throw result.left;
};

/** Books of 2022 whose one cost is met by one income: the year closes with a zero result. */
async function zeroResultBooks(budget = false) {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'noll' });
  if (budget)
    await recorded(ledger, 'BudgetFastställd', {
      år: 2022,
      beslutsdatum: '2021-11-20',
      beslut: 'Styrelsen 2021-11-20 § 4',
      kostnader: [{ område: 'administrativa', post: 'Kansli', belopp: '600.00' }],
      intäkter: [{ slag: 'övrig', belopp: '600.00' }],
    });
  await recorded(ledger, 'IngåendeBalansRegistrerad', {
    datum: '2022-01-01',
    text: 'Ingående balans 2022',
    kassaOchBank: '1000.00',
    momsfordran: '0.00',
    balanseratResultat: '1000.00',
    öppnaPoster: [],
  });
  await recorded(ledger, 'ÖvrigIntäktBokförd', {
    datum: '2022-02-01',
    intäktsslag: 'övrig',
    belopp: '500.00',
    text: 'Utlånad personal',
    betalning: { sätt: 'bank' },
  });
  await recorded(ledger, 'KostnadBokförd', {
    datum: '2022-03-01',
    område: 'administrativa',
    post: 'Kansli',
    belopp: '500.00',
    moms: '0.00',
    text: 'Kontorsmaterial',
    betalning: { sätt: 'bank' },
  });
  await recorded(ledger, 'RäkenskapsårStängt', {
    år: 2022,
    datum: '2023-03-15',
    åretsResultat: '0.00',
  });
  return { store, ledger };
}

const exportOf = async (withEvents: boolean, budget = false) => {
  const { store, ledger } = await zeroResultBooks(budget);
  return exportLedgerSie(ledger, {
    year: 2022,
    companyName: 'Samordningsförbundet Noll',
    generated: { date: '2023-03-20' },
    ...(withEvents ? { events: store.readStream(ledger.streamId) } : {}),
  });
};

test('a year closed with a zero result is closed again by the import (finsam record)', async (t) => {
  const bytes = await exportOf(true);
  const file = readSie(bytes);
  t.deepEqual(
    file.finsamEvents!.map((event) => event.type),
    ['IngåendeBalansRegistrerad', 'RäkenskapsårStängt'],
  );
  t.false(
    file.verifikationer.some((v) => v.transactions.some((row) => row.account === '8999')),
    'a zero result books no closing #VER',
  );
  const store = getInMemoryEventStore();
  const result = await importSie({ store, förbundId: 'noll' }, bytes, {
    mapping: identitySieMapping,
    metadata,
  });
  t.deepEqual(result.finsam.facts, ['IngåendeBalansRegistrerad', 'RäkenskapsårStängt']);
  const totals = await createLedger({ store, förbundId: 'noll' }).totals();
  t.true(totals.closedYears.has(2022));
});

test('the förvaltningsberättelse of a closed year is carried as finsam record and registered again by the import', async (t) => {
  const { store, ledger } = await zeroResultBooks();
  const avsnitt = [
    { rubrik: 'Händelser av väsentlig betydelse', stycken: ['Året gick jämnt upp: 0 kr.'] },
  ];
  await recorded(ledger, 'FörvaltningsberättelseRegistrerad', { år: 2022, avsnitt });
  const bytes = await exportLedgerSie(ledger, {
    year: 2022,
    companyName: 'Samordningsförbundet Noll',
    generated: { date: '2023-03-20' },
    events: store.readStream(ledger.streamId),
  });
  t.deepEqual(
    readSie(bytes).finsamEvents!.map((event) => event.type),
    ['IngåendeBalansRegistrerad', 'RäkenskapsårStängt', 'FörvaltningsberättelseRegistrerad'],
  );
  const copy = getInMemoryEventStore();
  const result = await importSie({ store: copy, förbundId: 'noll' }, bytes, {
    mapping: identitySieMapping,
    metadata,
  });
  t.true(result.finsam.facts.includes('FörvaltningsberättelseRegistrerad'));
  const report = await createLedger({ store: copy, förbundId: 'noll' }).annualReport(2022);
  t.deepEqual(report.förvaltningsberättelse, avsnitt);
});

test("without finsam's records (a foreign program's file) the zero-result close is read from #RES", async (t) => {
  // The file is written after the year (#GEN 2023-03-20) and its #RES sums to zero (500 of
  // income, 500 of cost): the year's result, zero, is in eget kapital, so the year is closed.
  const bytes = await exportOf(false);
  const file = readSie(bytes);
  t.deepEqual(
    file.balances.filter((b) => b.kind === 'RES').map((b) => [b.account, b.amount]),
    [
      ['3990', '-500.00'],
      ['6010', '500.00'],
    ],
  );
  const store = getInMemoryEventStore();
  const result = await importSie({ store, förbundId: 'noll' }, bytes, {
    mapping: identitySieMapping,
    metadata,
  });
  t.deepEqual(result.closes, [{ år: 2022, source: 'zero-result' }]);
  const ledger = createLedger({ store, förbundId: 'noll' });
  const totals = await ledger.totals();
  t.true(totals.closedYears.has(2022));
  const events = [];
  for await (const event of store.readStream(ledger.streamId)) events.push(event);
  t.deepEqual(events.at(-1)?.data, { år: 2022, datum: '2022-12-31', åretsResultat: '0.00' });
  // The same file written before the year ended leaves the year open.
  const early = await exportLedgerSie((await zeroResultBooks()).ledger, {
    year: 2022,
    companyName: 'Samordningsförbundet Noll',
    generated: { date: '2022-12-30' },
  });
  const openStore = getInMemoryEventStore();
  const open = await importSie({ store: openStore, förbundId: 'noll' }, early, {
    mapping: identitySieMapping,
    metadata,
  });
  t.deepEqual(open.closes, []);
  t.false(
    (await createLedger({ store: openStore, förbundId: 'noll' }).totals()).closedYears.has(2022),
  );
});

test("a zero-result year left open by its own file is closed by the next year's #IB", async (t) => {
  // 2022's file, written before the year ended, leaves 2022 open (above); 2023's file opens
  // with 2022's eget kapital, 1 000.00 in balanserat resultat: 2022 closed with its zero result.
  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'noll' };
  const early = await exportLedgerSie((await zeroResultBooks()).ledger, {
    year: 2022,
    companyName: 'Samordningsförbundet Noll',
    generated: { date: '2022-12-30' },
  });
  await importSie(target, early, { mapping: identitySieMapping, metadata });
  const next = writeSie({
    ...smallDocument,
    generated: { date: '2023-04-01' },
    years: [{ index: 0, start: '2023-01-01', end: '2023-12-31' }],
    accounts: [
      { number: '1930', name: 'Bank', type: 'T' },
      { number: '2091', name: 'Balanserat resultat', type: 'S' },
      { number: '6010', name: 'Administrativa kostnader', type: 'K' },
    ],
    dimensions: [],
    objects: [],
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '900.00' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'RES', yearIndex: 0, account: '6010', amount: '100.00' },
    ],
    verifikationer: [
      {
        series: 'A',
        number: '1',
        date: '2023-02-01',
        text: 'Kontorsmaterial',
        transactions: [
          {
            account: '6010',
            objects: [
              { dimension: '1', id: 'administrativa' },
              { dimension: '20', id: 'Kansli' },
            ],
            amount: '100.00',
          },
          { account: '1930', objects: [], amount: '-100.00' },
        ],
      },
    ],
  });
  const result = await importSie(target, next, { mapping: identitySieMapping, metadata });
  t.deepEqual(result.closes, [{ år: 2022, source: 'opening-balance' }]);
  t.true(result.comparison.every((row) => row.equal));
  const totals = await createLedger(target).totals();
  t.true(totals.closedYears.has(2022));
  t.false(totals.closedYears.has(2023));
  // A next year's #IB whose eget kapital is not the ledger's is no close: 2022 stays open.
  const otherStore = getInMemoryEventStore();
  await importSie({ store: otherStore, förbundId: 'noll' }, early, {
    mapping: identitySieMapping,
    metadata,
  });
  const differs = readSie(next);
  const error = await t.throwsAsync(
    importSie(
      { store: otherStore, förbundId: 'noll' },
      writeSie({
        ...differs,
        balances: differs.balances.map((balance) =>
          balance.kind === 'IB'
            ? { ...balance, amount: balance.account === '1930' ? '1200.00' : '-1200.00' }
            : balance,
        ),
      }),
      { mapping: identitySieMapping, metadata },
    ),
  );
  // Nor does it follow the books: its #IB of 1930 is not their 1 000.00 on 1 January.
  t.true(isSieError(error, 'IMPORT_PROOF_FAILED'));
  t.regex(error!.message, /IB 1930, IB 2091\+2099/);
  t.false(
    (await createLedger({ store: otherStore, förbundId: 'noll' }).totals()).closedYears.has(2022),
  );
});

test('finsam JSON keeps what CP437 lacks as \\u escapes, and reads back exactly', (t) => {
  const data = { text: 'Konsult – 100 € "MIA" \\ åäö', tal: '1.50' };
  t.is(finsamJson(data), '{"text":"Konsult \\u2013 100 \\u20ac \\"MIA\\" \\\\ åäö","tal":"1.50"}');
  const bytes = writeSie({
    ...smallDocument,
    finsamEvents: [{ type: 'BudgetFastställd', data }],
    finsamVerifikationer: [{ series: 'A', number: '1', ledgerNumber: '2022-1', openItems: [data] }],
  });
  const file = readSie(bytes);
  t.deepEqual(file.finsamEvents, [{ type: 'BudgetFastställd', data, line: 23 }]);
  t.deepEqual(file.finsamVerifikationer![0]!.openItems, [data]);
});

test('finsam JSON escapes § and ¶, so a reader of the Unicode table’s CP437 (bytes 0x15, 0x14 as control characters) still parses it', async (t) => {
  t.is(finsamJson({ beslut: '§ 4 ¶' }), '{"beslut":"\\u00a7 4 \\u00b6"}');
  const bytes = await exportOf(true, true);
  // The budget's beslut 'Styrelsen 2021-11-20 § 4' as any CP437 reader without a PC's ¶ and §
  // reads it (iconv, Python, finsam before it read them as a PC does).
  const text = iconv.decode(Buffer.from(bytes), 'cp437');
  const line = text.split('\r\n').find((record) => record.startsWith('#FINSAMHANDELSE'))!;
  t.regex(line, /Styrelsen 2021-11-20 \\u00a7 4/);
  const controls = [...text.replaceAll('\r\n', '')].filter((character) => character < ' ');
  t.deepEqual(controls, [], 'no control character in the file');
  const budget = readSie(bytes).finsamEvents!.find((event) => event.type === 'BudgetFastställd');
  t.is((budget?.data as { beslut?: string }).beslut, 'Styrelsen 2021-11-20 § 4');
});

test('a #FINSAMHANDELSE of a type the import does not carry is refused with its line', async (t) => {
  const bytes = writeSie({
    ...smallDocument,
    // An #IB that can open the books, so the one thing wrong is the record's type.
    balances: [
      ...smallDocument.balances,
      { kind: 'IB', yearIndex: 0, account: '2440', amount: '-1000.00' },
    ],
    finsamEvents: [{ type: 'HändelseRättad', data: {} }],
  });
  const error = await t.throwsAsync(
    importSie({ store: getInMemoryEventStore(), förbundId: 'x' }, bytes, {
      mapping: identitySieMapping,
      metadata,
    }),
  );
  t.true(isSieError(error, 'INVALID_FIELD'));
  t.like(error, { line: 24 });
});

test("the budget decisions carried must put the file's #PBUDGET in force, or nothing is written", async (t) => {
  const file = readSie(await exportOf(true, true));
  t.deepEqual(
    file.budgets!.map((budget) => [budget.period, budget.account, budget.amount]).slice(10, 14),
    [
      ['202211', '6010', '50.00'],
      ['202212', '6010', '50.00'],
      ['202201', '3990', '-50.00'],
      ['202202', '3990', '-50.00'],
    ],
  );
  const store = getInMemoryEventStore();
  const good = await importSie(
    { store: getInMemoryEventStore(), förbundId: 'noll' },
    writeSie(file),
    {
      mapping: identitySieMapping,
      metadata,
    },
  );
  t.true(good.finsam.facts.includes('BudgetFastställd'));
  const tampered = writeSie({
    ...file,
    budgets: file.budgets!.map((budget, index) =>
      index === 0 ? { ...budget, amount: '51.00' } : budget,
    ),
  });
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'noll' }, tampered, { mapping: identitySieMapping, metadata }),
  );
  t.true(isSieError(error, 'IMPORT_PROOF_FAILED'));
  t.is((error as unknown as { issues: { path: string }[] }).issues[0]!.path, '#PBUDGET');
  t.is((await createLedger({ store, förbundId: 'noll' }).totals()).openingYear, undefined);
});

test("finsam's export of a later year onto empty books is refused naming the order, and nothing is written; after the first year's it imports", async (t) => {
  const { store, ledger } = await zeroResultBooks();
  await recorded(ledger, 'KostnadBokförd', {
    datum: '2023-02-01',
    område: 'administrativa',
    post: 'Kansli',
    belopp: '300.00',
    moms: '0.00',
    text: 'Hyra februari',
    betalning: { sätt: 'leverantörsskuld', postId: 'LF-2023-1' },
  });
  const exportYear = (year: number) =>
    exportLedgerSie(ledger, {
      year,
      companyName: 'Samordningsförbundet Noll',
      generated: { date: '2023-03-20' },
      events: store.readStream(ledger.streamId),
    });
  const target = { store: getInMemoryEventStore(), förbundId: 'noll' };
  const error = await t.throwsAsync(
    importSie(target, await exportYear(2023), { mapping: identitySieMapping, metadata }),
  );
  if (!isSieError(error, 'IMPORT_REFUSED')) return t.fail(String(error));
  t.is(error.issues[0]?.rule, 'finsam-years-in-order');
  t.regex(error.message, /finsam's export of 2023, a year after the books' first/);
  t.is((await createLedger(target).totals()).openingYear, undefined, 'nothing written');
  await importSie(target, await exportYear(2022), { mapping: identitySieMapping, metadata });
  const later = await importSie(target, await exportYear(2023), {
    mapping: identitySieMapping,
    metadata,
  });
  t.true(later.written > 0);
});
