import test from 'ava';
import { readFileSync } from 'node:fs';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import { createLedger, defaultChart, type AnnualReport } from '@finsam-ledger/core';
import { budgetOfSieFile } from './budgetOfSieFile.js';
import { isSieError, type SieError } from './error.js';
import { importSie } from './importSie.js';
import { readSie } from './readSie.js';
import type { SieBudget, SieDocument } from './SieFile.js';
import type { SieMapping } from './SieMapping.js';
import { writeSie } from './writeSie.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const metadata = { recordedAt: '2022-04-01T10:00:00.000Z', recordedBy: 'ekonom@forbundet' };
const bl = readSie(fixture('BL0001_typ4.SE'));

/** BL's accounts: sales as övriga intäkter, goods as operativa; kostnadsställe 10 is a post. */
const mapping: SieMapping = {
  konton: [
    { från: '1930' },
    { från: '2091' },
    { från: '3000-3999', till: '3990', dimensioner: { intäktsslag: 'övrig' } },
    { från: '4000-4999', till: '4010', dimensioner: { område: 'operativa', post: 'Varuinköp' } },
  ],
  objekt: [{ dimension: '1', objekt: '10', dimensioner: { post: 'Östervåla' } }],
};

test('BL Administration: #PBUDGET of 3010 and 4010, twelve months each, as the ledger’s budget', (t) => {
  const budget = budgetOfSieFile(bl, mapping, 2009, defaultChart);
  t.deepEqual(budget?.data, {
    år: 2009,
    beslutsdatum: '2009-01-01',
    beslut: 'Budget ur SIE-fil (#PBUDGET), BL Administration 2011.2.102, 2011-11-01',
    kostnader: [{ område: 'operativa', post: 'Varuinköp', belopp: '600000.00' }],
    intäkter: [{ slag: 'övrig', belopp: '1200000.00' }],
  });
  t.is(budget?.rows, 24);
  // Each budget line names the first #PBUDGET row it was summed from.
  t.deepEqual(budget?.costLines, [452]);
  t.deepEqual(budget?.incomeLines, [440]);
});

test('a #PBUDGET row that maps onto no Not 2 post is refused with its record and line', (t) => {
  const withoutPost: SieMapping = {
    konton: [
      { från: '3000-3999', till: '3990', dimensioner: { intäktsslag: 'övrig' } },
      { från: '4000-4999', till: '4010', dimensioner: { område: 'operativa' } },
    ],
  };
  const error = t.throws(() => budgetOfSieFile(bl, withoutPost, 2009, defaultChart));
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  t.like(error, { line: 452 });
  t.deepEqual((error as unknown as { issues: unknown[] }).issues, [
    {
      path: '#PBUDGET.kontonr',
      rule: 'budget-not2-post',
      message: (error as unknown as { issues: { message: string }[] }).issues[0]!.message,
    },
  ]);
  t.regex(error!.message, /#PBUDGET 200907 4010: maps to cost account 4010 without a Not 2 post/);
  // An income row on an account outside the resultaträkning's income has no budget line either.
  const onBank: SieMapping = { konton: [{ från: '3000-3999', till: '1930' }, ...mapping.konton] };
  const onBalance = t.throws(() => budgetOfSieFile(bl, onBank, 2009, defaultChart));
  t.like(onBalance, { code: 'UNMAPPED_ACCOUNT', line: 440 });
  t.is((onBalance as unknown as { issues: { rule: string }[] }).issues[0]!.rule, 'budget-line');
});

/** A foreign program's 2022: an opening, one cost, and BL's budget figures by month. */
const foreignBooks = (budgets: readonly SieBudget[]): Uint8Array => {
  const document: SieDocument = {
    program: { name: 'Annat system', version: '1' },
    generated: { date: '2022-03-31' },
    sieType: '4',
    companyName: 'Samordningsförbundet Test',
    years: [{ index: 0, start: '2022-01-01', end: '2022-12-31' }],
    accounts: [
      { number: '1930', name: 'Bank' },
      { number: '2091', name: 'Balanserat resultat' },
      { number: '3010', name: 'Försäljning' },
      { number: '4010', name: 'Varuinköp' },
    ],
    dimensions: [{ number: '1', name: 'Kostnadsställe' }],
    objects: [{ dimension: '1', id: '10', name: 'Östervåla' }],
    balances: [
      { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'UB', yearIndex: 0, account: '1930', amount: '750.50' },
      { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1000.00' },
      { kind: 'RES', yearIndex: 0, account: '4010', amount: '249.50' },
    ],
    budgets,
    verifikationer: [
      {
        series: 'B',
        number: '1',
        date: '2022-03-04',
        text: 'Varor',
        transactions: [
          { account: '4010', objects: [{ dimension: '1', id: '10' }], amount: '249.50' },
          { account: '1930', objects: [], amount: '-249.50' },
        ],
      },
    ],
  };
  return writeSie(document);
};

/** BL's twelve months of 3010 and of 4010 (the latter on kostnadsställe 10), moved to 2022. */
const blBudgetIn2022 = (objects: SieBudget['objects']): SieBudget[] =>
  (bl.budgets ?? []).map((budget, index) => ({
    yearIndex: 0,
    period: `2022${String((index % 12) + 1).padStart(2, '0')}`,
    account: budget.account,
    objects: budget.account === '4010' ? objects : [],
    amount: budget.amount,
  }));

const budgetColumn = (report: AnnualReport, part: 'driftredovisning' | 'not2', key: string) =>
  report[part].rows.find((row) => row.key === key)?.amounts[1]?.toString();

test('every #PBUDGET account without a line of the ledger’s budget is named in one refusal, each once', (t) => {
  // 3010's twelve months land on the bank, 4010's on a cost without a Not 2 post.
  const twoWrong: SieMapping = {
    konton: [
      { från: '3000-3999', till: '1930' },
      { från: '4000-4999', till: '4010', dimensioner: { område: 'operativa' } },
    ],
  };
  const error = t.throws(() => budgetOfSieFile(bl, twoWrong, 2009, defaultChart));
  t.true(isSieError(error, 'UNMAPPED_ACCOUNT'));
  const refused = error as unknown as SieError;
  t.is(refused.line, 440);
  t.is(
    refused.message,
    "Line 440: 2 #PBUDGET accounts have no line in the ledger's budget, at line 440, line 452; nothing was written",
  );
  t.deepEqual(
    refused.issues.map((issue) => [issue.rule, issue.message]),
    [
      [
        'budget-line',
        "line 440: #PBUDGET 200907 3010: maps to account 1930, which is neither a cost of Not 2 nor verksamhetens intäkter: the ledger's budget has no line for it",
      ],
      [
        'budget-not2-post',
        "line 452: #PBUDGET 200907 4010: maps to cost account 4010 without a Not 2 post: the mapping's rule for the account (or an object rule) must give område and post",
      ],
    ],
  );
});

test('every #PBUDGET month outside the year, and every budget line of the wrong sign, is named at once', (t) => {
  const row = (period: string, account: string, amount: string): SieBudget => ({
    yearIndex: 0,
    period,
    account,
    objects: account === '4010' ? [{ dimension: '1', id: '10' }] : [],
    amount,
  });
  const outside = readSie(
    foreignBooks([
      row('202112', '4010', '100.00'),
      row('202206', '4010', '1.00'),
      row('202301', '3010', '-5.00'),
    ]),
  );
  const months = t.throws(() => budgetOfSieFile(outside, mapping, 2022, defaultChart));
  t.true(isSieError(months, 'INVALID_DATE'));
  const [december, january] = [outside.budgets![0]!.line, outside.budgets![2]!.line];
  t.deepEqual(
    (months as unknown as SieError).issues.map((issue) => [issue.path, issue.message]),
    [
      ['#PBUDGET.period', `line ${december}: #PBUDGET 202112 is a month outside #RAR 0`],
      ['#PBUDGET.period', `line ${january}: #PBUDGET 202301 is a month outside #RAR 0`],
    ],
  );
  // A cost budgeted as a kredit and an income as a debet: two lines, one refusal.
  const signs = readSie(
    foreignBooks([row('202201', '3010', '50.00'), row('202201', '4010', '-100.00')]),
  );
  const wrong = t.throws(() => budgetOfSieFile(signs, mapping, 2022, defaultChart));
  t.true(isSieError(wrong, 'INVALID_AMOUNT'));
  t.deepEqual(
    (wrong as unknown as SieError).issues.map((issue) => issue.message),
    [
      `line ${signs.budgets![0]!.line}: #PBUDGET rows of income övrig sum to 50.00: a budgeted income is a kredit (negative) for the year`,
      `line ${signs.budgets![1]!.line}: #PBUDGET rows of cost line ["operativa","Östervåla",null] sum to -100.00: a budgeted cost is a debet (positive) for the year`,
    ],
  );
});

test('a foreign file’s #PBUDGET is booked as the year’s budget: the driftredovisning shows it', async (t) => {
  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'test' };
  const bytes = foreignBooks(blBudgetIn2022([{ dimension: '1', id: '10' }]));
  const result = await importSie(target, bytes, { mapping, metadata });
  t.deepEqual(result.budget, { rows: 24, booked: true });
  t.is(result.written, 3, 'the opening balance, the budget and the verifikation');
  const report = await createLedger(target).annualReport(2022);
  t.is(budgetColumn(report, 'driftredovisning', 'nettokostnad'), '600000.00');
  t.is(budgetColumn(report, 'driftredovisning', 'extern-finansiering'), '1200000.00');
  t.is(budgetColumn(report, 'not2', 'post:operativa|Östervåla'), '600000.00');
  // Importing the file again books nothing new.
  const again = await importSie(target, bytes, { mapping, metadata });
  t.is(again.written, 0);
});

test('a budget post the configuration does not declare is refused at its #PBUDGET line; nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const vocabulary = { poster: [{ område: 'operativa' as const, post: 'Varuinköp' }] };
  const bytes = foreignBooks(blBudgetIn2022([{ dimension: '1', id: '10' }]));
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'test', vocabulary }, bytes, { mapping, metadata }),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  // The line of the first #PBUDGET row of 4010 (after the twelve rows of 3010).
  const file = readSie(bytes);
  const first4010 = file.budgets!.find((budget) => budget.account === '4010')!;
  t.like(error, { line: first4010.line });
  t.is(
    (error as unknown as { issues: { path: string }[] }).issues[0]!.path,
    'BudgetFastställd.data.kostnader.0.post',
  );
  const stored = [];
  for await (const event of store.readStream('bokforing-test')) stored.push(event);
  t.is(stored.length, 0);
});

test('budget: skip reads the #PBUDGET and books the rest, saying so', async (t) => {
  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'test' };
  const bytes = foreignBooks(blBudgetIn2022([]));
  const result = await importSie(target, bytes, { mapping, metadata, budget: 'skip' });
  t.deepEqual(result.budget, { rows: 24, booked: false, reason: 'skipped as asked' });
  t.is(result.written, 2);
  const report = await createLedger(target).annualReport(2022);
  t.is(budgetColumn(report, 'driftredovisning', 'nettokostnad'), undefined);
});
