import test from 'ava';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { createLedger } from '../facade/createLedger.js';
import { balansräkning } from './Balansräkning.js';
import { not3Fordringar } from './Not3Fordringar.js';
import {
  must,
  recordScenario2020,
  replayWithOpenItems,
} from './openItemsAtYearEnd.testScenario.js';
import { renderStatementText } from './renderStatementText.js';
import { rowOf, type Statement } from './Statement.js';

const table = (statement: Statement) =>
  statement.rows.map((row) => [row.key, row.label, row.amounts[0]?.toString() ?? null]);

test('Not 3 lists the receivables at the year end item by item, grouped by balansräkning line, each total equal to the line', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  const { totals, openItems } = await replayWithOpenItems(store, ledger, 2020);
  const not3 = not3Fordringar(totals, openItems, 2020);
  t.is(not3.name, 'Not 3 Fordringar');
  t.deepEqual(not3.columns, [{ year: 2020, label: '2020-12-31', source: 'bokföring' }]);
  t.deepEqual(table(not3), [
    ['rubrik:kundfordringar', 'Kundfordringar', null],
    ['post:KF-1', 'Regionens medlemsavgift kv 4', '375000.00'], // paid 2021-01-15
    ['post:KF-2', 'Utlåning personal Samsund', '20000.00'],
    ['summa:kundfordringar', 'Summa kundfordringar', '395000.00'],
    [
      'rubrik:förutbetalda-kostnader-upplupna-intäkter',
      'Förutbetalda kostnader och upplupna intäkter',
      null,
    ],
    ['post:UI-1', 'Upplupen intäkt ESF medel sep-dec 2020', '771420.00'],
    ['post:FK-1', 'Projektlokal kv 1 2021 Täby församling', '122000.00'],
    [
      'summa:förutbetalda-kostnader-upplupna-intäkter',
      'Summa förutbetalda kostnader och upplupna intäkter',
      '893420.00',
    ],
    ['rubrik:övriga-fordringar', 'Övriga fordringar', null],
    ['momsfordran', 'Momsfordran', '8250.00'],
    ['summa:övriga-fordringar', 'Summa övriga fordringar', '8250.00'],
  ]);
  t.is(not3.notes, undefined, 'every krona is explained by an item');
  const br = balansräkning(totals, 2020);
  for (const line of [
    'kundfordringar',
    'förutbetalda-kostnader-upplupna-intäkter',
    'övriga-fordringar',
  ]) {
    t.true(
      rowOf(not3, `summa:${line}`).amounts[0]!.equals(rowOf(br, line).amounts[0]!),
      `${line} equals the balansräkning`,
    );
  }
  t.regex(renderStatementText(not3), /^ {2}Upplupen intäkt ESF medel sep-dec 2020\s+771 420$/m);
  t.regex(
    renderStatementText(not3, 'tkr'),
    /^ {2}Summa förutbetalda kostnader och upplupna intäkter\s+893$/m,
  );
});

test('Not 3 after an equity correction shows the lowered receivable; a line without items or balance is left out', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  await must(
    ledger,
    'EgetKapitalRättat',
    {
      datum: '2021-04-01',
      belopp: '-5000.00',
      motpost: { slag: 'kundfordran', postId: 'KF-2' },
      text: 'Fordran Samsund nedskriven',
      skäl: 'Fakturan 2020 var 5 000 kr för hög',
    },
    '2021-04-01T08:00:00.000Z',
  );
  await must(
    ledger,
    'MomsÅterbetald',
    { datum: '2021-02-12', period: '2020 kv 4', belopp: '8250.00' },
    '2021-04-02T08:00:00.000Z',
  );
  const { totals, openItems } = await replayWithOpenItems(store, ledger, 2021);
  const not3 = not3Fordringar(totals, openItems, 2021);
  t.deepEqual(table(not3), [
    ['rubrik:kundfordringar', 'Kundfordringar', null],
    ['post:KF-2', 'Utlåning personal Samsund', '15000.00'],
    ['summa:kundfordringar', 'Summa kundfordringar', '15000.00'],
  ]);
  t.is(rowOf(balansräkning(totals, 2021), 'kundfordringar').amounts[0]!.toString(), '15000.00');
});

test('what the items do not explain is shown as Övrigt (utan specifikation) and named in the notes, never dropped', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  const { totals, openItems } = await replayWithOpenItems(store, ledger, 2020);
  // Open items from another source that lack one item: the balansräkning still has it.
  const partial = { ...openItems, items: openItems.items.filter((item) => item.postId !== 'KF-2') };
  const not3 = not3Fordringar(totals, partial, 2020);
  t.is(rowOf(not3, 'övrigt:kundfordringar').label, 'Övrigt (utan specifikation)');
  t.is(rowOf(not3, 'övrigt:kundfordringar').amounts[0]!.toString(), '20000.00');
  t.is(rowOf(not3, 'summa:kundfordringar').amounts[0]!.toString(), '395000.00');
  t.deepEqual(not3.notes, [
    'Kundfordringar: 20 000,00 kr av balansräkningens 395 000,00 kr förklaras inte av någon öppen post och visas som "Övrigt (utan specifikation)" (en bokning på radens konton som ingen öppen post bär).',
  ]);
  t.throws(() => not3Fordringar(totals, openItems, 2021), {
    message: /needs the open items at the end of 2021/,
  });
  // Open items of another year are the caller's mistake, named, not a broken invariant.
  t.like(
    t.throws(() => not3Fordringar(totals, openItems, 2021)),
    {
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'openItems.year', rule: 'same-year', message: 'must be 2021' }],
    },
  );
});

test('a year outside the books and the history has no rows, and says so', async (t) => {
  const store = getInMemoryEventStore();
  const ledger = createLedger({ store, förbundId: 'test' });
  await recordScenario2020(ledger);
  const { totals, openItems } = await replayWithOpenItems(store, ledger, 2018);
  const not3 = not3Fordringar(totals, openItems, 2018);
  t.deepEqual(not3.rows, []);
  t.is(not3.columns[0]!.source, 'saknas');
  t.deepEqual(not3.notes, [
    '2018 finns varken i bokföringen eller bland de historiska uppgifterna.',
  ]);
});
