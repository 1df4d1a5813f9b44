import test from 'ava';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  createLedger,
  defaultChart,
  defineChart,
  ledgerError,
  type EventStore,
} from '@finsam-ledger/core';
import { isSieError, type SieError } from './error.js';
import { importSie } from './importSie.js';
import type { SieDocument } from './SieFile.js';
import { identitySieMapping } from './SieMapping.js';
import { readSie } from './readSie.js';
import { writeSie } from './writeSie.js';

const metadata = { recordedAt: '2022-04-01T10:00:00.000Z', recordedBy: 'ekonom@forbundet' };

/** `#VER B number` of 2022-03-04: a cost on `account` paid from the bank. */
const paid = (number: string, text: string, account = '4010', amount = '249.50') => ({
  series: 'B',
  number,
  date: '2022-03-04',
  text,
  transactions: [
    { account, objects: [], amount },
    { account: '1930', objects: [], amount: `-${amount}` },
  ],
});

/** Opening 1 000 in the bank against equity, one cost of 249.50 paid from the bank. */
const books = (overrides: Partial<SieDocument> = {}): Uint8Array =>
  writeSie({
    program: { name: 'Annat system', version: '1' },
    generated: { date: '2022-03-31' },
    sieType: '4',
    companyName: 'Samordningsförbundet Test',
    years: [{ index: 0, start: '2022-01-01', end: '2022-12-31' }],
    accounts: [
      { number: '1930', name: 'Bank' },
      { number: '2091', name: 'Balanserat resultat' },
      { number: '4010', name: 'Operativa individinsatser' },
    ],
    dimensions: [],
    objects: [],
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '750.50' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'RES', yearIndex: 0, account: '4010', amount: '249.50' },
    ],
    verifikationer: [paid('17', 'Konsult')],
    ...overrides,
  });

const eventsOf = async (store: ReturnType<typeof getInMemoryEventStore>) => {
  const events = [];
  for await (const event of store.readStream('bokforing-test')) events.push(event);
  return events;
};

const eventsIn = async (store: ReturnType<typeof getInMemoryEventStore>) => {
  const events = [];
  for await (const event of store.readStream('bokforing-test')) events.push(event.type);
  return events;
};

test('an import writes the opening balance and the verifikation, with its proof', async (t) => {
  const store = getInMemoryEventStore();
  const result = await importSie({ store, förbundId: 'test' }, books(), {
    mapping: identitySieMapping,
    metadata,
  });
  t.like(result, { år: 2022, verifikationer: 1, openingBalance: true, written: 2 });
  t.deepEqual(
    result.comparison.map((row) => [row.kind, row.konto, row.file, row.ledger, row.equal]),
    [
      ['UB', '1930', '750.50', '750.50', true],
      ['UB', '2091', '-1000.00', '-1000.00', true],
      ['RES', '4010', '249.50', '249.50', true],
    ],
  );
  t.deepEqual(await eventsIn(store), ['IngåendeBalansRegistrerad', 'VerifikationImporterad']);
});

test('a dry run proves the import and writes nothing', async (t) => {
  const store = getInMemoryEventStore();
  const result = await importSie({ store, förbundId: 'test' }, books(), {
    mapping: identitySieMapping,
    metadata,
    dryRun: true,
  });
  t.is(result.written, 0);
  t.true(result.comparison.every((row) => row.equal));
  t.deepEqual(await eventsIn(store), []);
});

test('a #UB that the verifikationer do not give is an error naming the account, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const bytes = books({
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '705.50' },
      { kind: 'RES', yearIndex: 0, account: '4010', amount: '249.50' },
    ],
  });
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, bytes, { mapping: identitySieMapping, metadata }),
  );
  t.true(isSieError(error, 'IMPORT_PROOF_FAILED'));
  t.regex(error!.message, /UB 1930/);
  t.deepEqual(await eventsIn(store), []);
});

test('a verifikation the ledger refuses is named by its line, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const bytes = books({
    verifikationer: [paid('17', 'Arvode 19800101-1234')],
  });
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, bytes, { mapping: identitySieMapping, metadata }),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  t.is((error as unknown as { line: number }).line, 17, 'the line of the #VER');
  t.regex(error!.message, /PERSONNUMMER_REFUSED/);
  t.deepEqual(await eventsIn(store), []);
});

test('an #IB that opens the books must land on the chart too, and the refusal points at the earliest line', async (t) => {
  // 1221 has only balances; the import opens the books with them, so it is booked.
  const bytes = books({
    accounts: [
      { number: '1221', name: 'Inventarier' },
      { number: '1930', name: 'Bank' },
      { number: '2091', name: 'Balanserat resultat' },
      { number: '4010', name: 'Operativa individinsatser' },
      { number: '5010', name: 'Lokalhyra' },
    ],
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '1221', amount: '500.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1500.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '750.50' },
      { kind: 'UB', yearIndex: 0, account: '1221', amount: '500.00' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1500.00' },
      { kind: 'RES', yearIndex: 0, account: '4010', amount: '249.50' },
    ],
    verifikationer: [paid('17', 'Konsult', '5010')],
  });
  const error = await t.throwsAsync(
    importSie({ store: getInMemoryEventStore(), förbundId: 'test' }, bytes, {
      mapping: identitySieMapping,
      metadata,
    }),
  );
  const refused = error as unknown as SieError;
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  t.is(refused.line, 15, 'the earliest line among them: the #IB of 1221');
  t.deepEqual(
    refused.issues.map((issue) => issue.message),
    [
      'account 1221 (first booked in #IB, line 15; named 2 times): no sie mapping places it, so it keeps its number, which the chart does not have',
      'account 5010 (first booked in #VER B 17, line 23; named once): no sie mapping places it, so it keeps its number, which the chart does not have',
    ],
  );
  t.regex(
    refused.message,
    /The configuration has no sie section, so each account keeps its number: add one and map them there \(konton, or ejFördelat\), onto accounts of the chart/,
  );
});

test("the import's own metadata, refused, is named once and not blamed on each verifikation", async (t) => {
  const store = getInMemoryEventStore();
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, books(), {
      mapping: identitySieMapping,
      metadata: { ...metadata, recordedBy: 'Anna 19800101-1234' },
    }),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  const refused = error as unknown as SieError;
  t.is(refused.line, undefined);
  t.regex(refused.message, /^The ledger refuses the import's metadata: PERSONNUMMER_REFUSED/);
  t.deepEqual(
    refused.issues.map((issue) => `${issue.path} ${issue.rule}`),
    ['metadata.recordedBy no-personnummer'],
  );
  t.deepEqual(await eventsIn(store), []);
});

test("a foreign #PBUDGET's accounts are placed with the others when the budget is booked, and not when it is skipped", async (t) => {
  const store = getInMemoryEventStore();
  // 5060 is budgeted and never booked: only the budget names it.
  const bytes = books({
    budgets: [
      { yearIndex: 0, period: '202201', account: '4010', objects: [], amount: '300.00' },
      { yearIndex: 0, period: '202201', account: '5060', objects: [], amount: '500.00' },
    ],
  });
  const mapping = { konton: [{ från: '1930' }, { från: '2091' }, { från: '4010' }] };
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, bytes, { mapping, metadata }),
  );
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  t.deepEqual((error as unknown as SieError).issues, [
    {
      path: '#PBUDGET.kontonr',
      rule: 'mapped-account',
      message:
        'account 5060 (first in #PBUDGET, line 18; named once): the mapping places it nowhere',
    },
  ]);
  const skipped = await importSie({ store, förbundId: 'test' }, bytes, {
    mapping,
    metadata,
    budget: 'skip',
  });
  t.like(skipped, { written: 2, budget: { rows: 2, booked: false, reason: 'skipped as asked' } });
});

test('a file whose #UB repeats its #IB is proved by its rows: an account only its #RES names needs no placement', async (t) => {
  const store = getInMemoryEventStore();
  // The program wrote the balances before the year's bookings (Fortnox's SIE 4I does): the proof
  // reads #IB and the rows, never this #RES, so 3010 is neither booked nor compared.
  const bytes = books({
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'RES', yearIndex: 0, account: '3010', amount: '-80.00' },
    ],
  });
  const mapping = { konton: [{ från: '1930' }, { från: '2091' }, { från: '4010' }] };
  const result = await importSie({ store, förbundId: 'test' }, bytes, { mapping, metadata });
  t.like(result, { proofBasis: 'transactions', written: 2 });
  t.deepEqual(
    result.comparison.map((row) => [row.kind, row.konto, row.file, row.ledger, row.equal]),
    [
      ['UB', '1930', '750.50', '750.50', true],
      ['UB', '2091', '-1000.00', '-1000.00', true],
      ['RES', '4010', '249.50', '249.50', true],
    ],
  );
  // The same file proved by its balances names 3010 among the accounts to place.
  const byBalances = books({
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '750.50' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'RES', yearIndex: 0, account: '3010', amount: '0.00' },
      { kind: 'RES', yearIndex: 0, account: '4010', amount: '249.50' },
    ],
  });
  const error = await t.throwsAsync(
    importSie({ store: getInMemoryEventStore(), förbundId: 'test' }, byBalances, {
      mapping,
      metadata,
    }),
  );
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  t.regex((error as unknown as SieError).issues[0]!.message, /^account 3010 \(first in #RES/);
});

test('a file with #IB and no #UB or #RES is proved by #IB and its rows', async (t) => {
  const store = getInMemoryEventStore();
  const bytes = books({
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
    ],
  });
  const result = await importSie({ store, förbundId: 'test' }, bytes, {
    mapping: identitySieMapping,
    metadata,
  });
  t.like(result, { proofBasis: 'transactions', openingBalance: true, written: 2 });
  t.deepEqual(
    result.comparison.map((row) => [row.kind, row.konto, row.file, row.ledger, row.equal]),
    [
      ['UB', '1930', '750.50', '750.50', true],
      ['UB', '2091', '-1000.00', '-1000.00', true],
      ['RES', '4010', '249.50', '249.50', true],
    ],
  );
});

test('every verifikation whose text the ledger refuses is named at once, each by its line, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const bytes = books({
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '600.00' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'RES', yearIndex: 0, account: '4010', amount: '400.00' },
    ],
    verifikationer: [
      paid('1', 'Arvode 19800101-1234', '4010', '100.00'),
      paid('2', 'Konsult', '4010', '100.00'),
      paid('3', 'Resa 811218-9876', '4010', '100.00'),
      paid('4', 'Lön 800229-9876', '4010', '100.00'),
    ],
  });
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, bytes, { mapping: identitySieMapping, metadata }),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  const refused = error as unknown as SieError;
  t.is(refused.line, 17, "the first refused #VER's line");
  t.regex(
    refused.message,
    /^Line 17: The ledger refuses 3 events of the file, at line 17, line 27, line 32; nothing was written$/,
  );
  t.deepEqual(
    refused.issues.map((issue) => `${issue.path} ${issue.rule} ${issue.message.split(':')[0]}`),
    [
      'VerifikationImporterad.data.text no-personnummer line 17',
      'VerifikationImporterad.data.text no-personnummer line 27',
      'VerifikationImporterad.data.text no-personnummer line 32',
    ],
  );
  t.deepEqual(await eventsIn(store), []);
});

test('importing into books that are already open adds the verifikationer only', async (t) => {
  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'test' };
  await importSie(target, books(), { mapping: identitySieMapping, metadata });
  const again = await importSie(target, books(), { mapping: identitySieMapping, metadata });
  t.like(again, { openingBalance: false, written: 0 });
  t.deepEqual(await eventsIn(store), ['IngåendeBalansRegistrerad', 'VerifikationImporterad']);
});

test("a row placed on an account the chart lacks is refused with the row's line, and nothing is written", async (t) => {
  const store = getInMemoryEventStore();
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, books(), {
      mapping: { konton: [{ från: '1930' }, { från: '2091' }, { från: '4010', till: '4999' }] },
      metadata,
    }),
  );
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  const refused = error as unknown as SieError;
  t.is(refused.line, 19);
  // The #RES of 4010 is a balance only the proof reads; the #TRANS row would be booked.
  t.deepEqual(refused.issues, [
    {
      path: '#TRANS.kontonr',
      rule: 'account-in-chart',
      message:
        'account 4010 (first booked in #VER B 17, line 19; named 2 times): the mapping places it on 4999, which the chart does not have',
    },
  ]);
  t.deepEqual(await eventsIn(store), []);
});

test('rows the mapping books on its "ej fördelat" account are refused when the chart lacks that account', async (t) => {
  const store = getInMemoryEventStore();
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, books(), {
      mapping: { konton: [{ från: '1930' }, { från: '2091' }], ejFördelat: { konto: '4999' } },
      metadata,
    }),
  );
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  t.deepEqual((error as unknown as SieError).issues, [
    {
      path: '#TRANS.kontonr',
      rule: 'account-in-chart',
      message:
        'account 4010 (first booked in #VER B 17, line 19; named 2 times): the mapping places it on 4999, which the chart does not have',
    },
  ]);
  t.deepEqual(await eventsIn(store), []);
});

test('every #IB the opening balance cannot hold is named at once, with the file’s accounts behind it', async (t) => {
  const store = getInMemoryEventStore();
  // 1221 (inventarier) is mapped onto a cost; 2440 (leverantörsskulder) is a debet.
  const bytes = books({
    accounts: [
      { number: '1221', name: 'Inventarier' },
      { number: '1930', name: 'Bank' },
      { number: '2091', name: 'Balanserat resultat' },
      { number: '2440', name: 'Leverantörsskulder' },
      { number: '4010', name: 'Operativa individinsatser' },
    ],
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1221', amount: '500.00' },
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1700.00' },
      { kind: 'IB', yearIndex: 0, account: '2440', amount: '200.00' },
    ],
  });
  const lineOf = (account: string) =>
    readSie(bytes).balances.find((balance) => balance.account === account)!.line!;
  const mapping = {
    konton: [
      { från: '1221', till: '6010', dimensioner: { område: 'administrativa' } },
      { från: '1930' },
      { från: '2091' },
      { från: '2440' },
      { från: '4010' },
    ],
  };
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, bytes, { mapping, metadata }),
  );
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  t.deepEqual(
    (error as unknown as SieError).issues.map((issue) => [issue.rule, issue.message]),
    [
      [
        'opening-balance-placement',
        `line ${lineOf('2440')}: #IB 200.00 on 2440 (the file's 2440 line ${lineOf('2440')}) cannot open the books: a leverantörsskuld has a kredit balance`,
      ],
      [
        'opening-balance-placement',
        `line ${lineOf('1221')}: #IB 500.00 on 6010 (the file's 1221 line ${lineOf('1221')}) cannot open the books: account 6010 is on the resultaträkning, which opens every year at zero: map the file's account onto a balance-sheet account`,
      ],
    ],
  );
  t.regex(error!.message, /The #IB of 2 accounts cannot open the books/);
  t.deepEqual(await eventsIn(store), []);
});

/** The default chart with inventarier, their depreciation and a long-term debt. */
const chartWithFixedAssets = defineChart({
  ...defaultChart,
  name: 'Med inventarier',
  accounts: [
    ...defaultChart.accounts,
    { number: '1220', name: 'Inventarier', line: 'anläggningstillgångar' },
    { number: '1229', name: 'Ackumulerade avskrivningar', line: 'anläggningstillgångar' },
    { number: '2350', name: 'Andra långfristiga skulder', line: 'långfristiga-skulder' },
    { number: '7832', name: 'Avskrivningar på inventarier', line: 'avskrivningar' },
  ],
});

test('given a chart with fixed assets, an #IB on them and on a long-term debt opens the books on those accounts, and the year proves', async (t) => {
  const store = getInMemoryEventStore();
  const depreciation = {
    series: 'A',
    number: '1',
    date: '2022-12-31',
    text: 'Avskrivning inventarier',
    transactions: [
      { account: '7832', objects: [], amount: '6000.00' },
      { account: '1229', objects: [], amount: '-6000.00' },
    ],
  };
  const bytes = books({
    accounts: [
      { number: '1220', name: 'Inventarier' },
      { number: '1229', name: 'Ack avskrivningar inventarier' },
      { number: '1930', name: 'Bank' },
      { number: '2091', name: 'Balanserat resultat' },
      { number: '2350', name: 'Skuld till kommunen' },
      { number: '4010', name: 'Operativa individinsatser' },
      { number: '7832', name: 'Avskrivningar på inventarier' },
    ],
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1220', amount: '30000.00' },
      { kind: 'IB', yearIndex: 0, account: '1229', amount: '-12000.00' },
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-9000.00' },
      { kind: 'IB', yearIndex: 0, account: '2350', amount: '-10000.00' },
      { kind: 'UB', yearIndex: 0, account: '1220', amount: '30000.00' },
      { kind: 'UB', yearIndex: 0, account: '1229', amount: '-18000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '750.50' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-9000.00' },
      { kind: 'UB', yearIndex: 0, account: '2350', amount: '-10000.00' },
      { kind: 'RES', yearIndex: 0, account: '4010', amount: '249.50' },
      { kind: 'RES', yearIndex: 0, account: '7832', amount: '6000.00' },
    ],
    verifikationer: [paid('17', 'Konsult'), depreciation],
  });
  const books2022 = { store, förbundId: 'test', chart: chartWithFixedAssets };
  const result = await importSie(books2022, bytes, { mapping: identitySieMapping, metadata });
  t.like(result, { år: 2022, verifikationer: 2, openingBalance: true, written: 3 });
  t.true(result.comparison.every((row) => row.equal));
  const [opening] = await eventsOf(store);
  t.deepEqual(opening?.data, {
    datum: '2022-01-01',
    text: 'Ingående balans 2022 (SIE)',
    kassaOchBank: '1000.00',
    momsfordran: '0.00',
    balanseratResultat: '9000.00',
    öppnaPoster: [],
    övrigaBalanser: [
      { konto: '1220', saldo: '30000.00' },
      { konto: '1229', saldo: '-12000.00' },
      { konto: '2350', saldo: '-10000.00' },
    ],
  });
  const { balansräkning, kassaflödesanalys } = await createLedger(books2022).statements(2022);
  const amount = (rows: typeof balansräkning.rows, key: string) =>
    rows.find((row) => row.key === key)?.amounts[0]?.toString();
  t.is(amount(balansräkning.rows, 'anläggningstillgångar'), '12000.00');
  t.is(amount(balansräkning.rows, 'långfristiga-skulder'), '10000.00');
  t.is(amount(balansräkning.rows, 'kassa-och-bank'), '750.50');
  // The depreciation is a cost that moves no cash: the kassaflödesanalys adds it back, and
  // the fixed assets and the debt, opened on 1 January, are no investment or financing.
  const flow = (key: string) => amount(kassaflödesanalys.rows, key);
  t.is(flow('årets-resultat'), '-6249.50');
  t.is(flow('justering-ej-likviditetspåverkande-poster'), '6000.00');
  // Both are zero, so the statement leaves their rows out.
  t.is(flow('kassaflöde-investeringsverksamhet'), undefined);
  t.is(flow('kassaflöde-finansieringsverksamhet'), undefined);
  t.is(flow('likvida-medel-vid-årets-början'), '1000.00');
  t.is(flow('likvida-medel-vid-årets-slut'), '750.50');
});

test('ejFördelat takes the result accounts no rule names, never a balance account: an unnamed receivable is refused, not booked as a cost', async (t) => {
  const store = getInMemoryEventStore();
  const bytes = books({
    accounts: [
      { number: '1630', name: 'Skattekonto' },
      { number: '1930', name: 'Bank' },
      { number: '2091', name: 'Balanserat resultat' },
      { number: '5010', name: 'Lokalhyra' },
    ],
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1630', amount: '300.00' },
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1300.00' },
    ],
    verifikationer: [paid('17', 'Hyra', '5010')],
  });
  const mapping = {
    konton: [{ från: '1930' }, { från: '2091' }],
    ejFördelat: { konto: '6010', dimensioner: { område: 'administrativa', post: 'Ej fördelat' } },
  };
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, bytes, { mapping, metadata }),
  );
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  t.deepEqual(
    (error as unknown as SieError).issues.map((issue) => [issue.rule, issue.message]),
    [
      [
        'mapped-account',
        'account 1630 (first in #IB, line 13; named once): the mapping places it nowhere: it is a balance account (class 1 or 2), which ejFördelat, a cost, does not take; give it a rule',
      ],
    ],
  );
  t.deepEqual(await eventsIn(store), []);
  // Given its rule, the same file imports, and the rent of 5010 lands on ejFördelat.
  const withRule = { ...mapping, konton: [{ från: '1630', till: '1650' }, ...mapping.konton] };
  const result = await importSie({ store, förbundId: 'test' }, bytes, {
    mapping: withRule,
    metadata,
  });
  t.like(result, { verifikationer: 1, openingBalance: true });
  const [, rent] = await eventsOf(store);
  t.deepEqual((rent?.data as { rader: unknown[] }).rader, [
    {
      konto: '6010',
      belopp: '249.50',
      dimensioner: { område: 'administrativa', post: 'Ej fördelat' },
    },
    { konto: '1930', belopp: '-249.50' },
  ]);
});

test('accounts placed nowhere and accounts placed off the chart are named together', async (t) => {
  const store = getInMemoryEventStore();
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, books(), {
      mapping: { konton: [{ från: '2091' }, { från: '4010', till: '4999' }] },
      metadata,
    }),
  );
  const refused = error as unknown as SieError;
  t.deepEqual(
    refused.issues.map((issue) => `${issue.path} ${issue.rule}`),
    ['#IB.kontonr mapped-account', '#TRANS.kontonr account-in-chart'],
  );
  t.regex(refused.issues[0]!.message, /^account 1930 \(first in #IB, line 12; named 3 times\)/);
  t.regex(refused.message, /names 2 accounts .*: 1930, 4010\. .*onto accounts of the chart$/);
  t.deepEqual(await eventsIn(store), []);
});

test("a file is the förbund's own when its #ORGNR is the configured number, in either form; another is refused before anything is written", async (t) => {
  const organisationsnummer = '222000-0000';
  for (const written of ['222000-0000', '2220000000', '16222000-0000']) {
    const store = getInMemoryEventStore();
    const result = await importSie(
      { store, förbundId: 'test' },
      books({ organisationNumber: written }),
      { mapping: identitySieMapping, metadata, organisationsnummer },
    );
    t.is(result.written, 2, written);
  }
  const store = getInMemoryEventStore();
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test' }, books({ organisationNumber: '555555-5555' }), {
      mapping: identitySieMapping,
      metadata,
      organisationsnummer,
    }),
  );
  t.true(isSieError(error, 'OTHER_ORGANISATION'));
  t.like((error as SieError).issues[0], {
    path: '#ORGNR',
    rule: 'same-organisation-as-configuration',
  });
  t.regex(
    error!.message,
    /books of Samordningsförbundet Test \(#ORGNR 555555-5555\), not of the förbund \(222000-0000\)/,
  );
  t.deepEqual(await eventsIn(store), []);
});

test('a store that cannot be read while the import is rehearsed fails the import with its own error, blamed on no #VER, and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  // The rehearsal finds where each stream ends by reads of one event each; those fail here.
  const failing: EventStore = {
    ...store,
    readStream: (streamId, options = {}) =>
      options.maxCount === 1
        ? (async function* () {
            yield* [];
            throw ledgerError('IO_ERROR', 'the disk went away');
          })()
        : store.readStream(streamId, options),
  };
  const error = await t.throwsAsync(
    importSie({ store: failing, förbundId: 'test' }, books(), {
      mapping: identitySieMapping,
      metadata,
    }),
  );
  t.false(isSieError(error));
  t.like(error, { code: 'IO_ERROR', message: 'the disk went away' });
  t.deepEqual(await eventsIn(store), []);
});
