import test from 'ava';
import { readFileSync } from 'node:fs';
import { rowOf } from '@finsam-ledger/core';
import { ownStatement } from './ownStatement.example.js';

test('the example statement sums costs per insats from the booked lines, accrual reversal included', async (t) => {
  const { statement, text } = await ownStatement();
  const figures = (key: string) =>
    rowOf(statement, key).amounts.map((amount) => amount?.toString());
  // 2021: the invoice 41 000 minus the reversed accrual 40 000; 2020: 120 000 + 40 000 accrued.
  t.deepEqual(figures('insats:MIA'), ['1000.00', '160000.00']);
  t.deepEqual(figures('insats:SAMSUS'), ['0.00', '15000.00']);
  t.deepEqual(figures('insats:(ingen insats)'), ['0.00', '2500.00']);
  t.deepEqual(figures('summa'), ['1000.00', '177500.00']);
  t.regex(text, /^ {2}MIA\s+1 000\s+160 000$/m);
});

test('the docs page shows the same code and the same output as the example file', async (t) => {
  const { text } = await ownStatement();
  const page = readFileSync(
    new URL('../statements/writing-a-statement.md', import.meta.url),
    'utf8',
  );
  const example = readFileSync(new URL('./ownStatement.example.ts', import.meta.url), 'utf8');
  for (const line of [
    "const insats = rad.dimensioner?.insats ?? '(ingen insats)';",
    'export function kostnaderPerInsats(costs: CostsPerInsats, year: number): Statement {',
    'const { totals, perInsats } = await replayBookkeeping(store.readStream(ledger.streamId), {',
    'extra: { perInsats: costsPerInsatsProjection(isCostAccount) },',
  ]) {
    t.true(page.includes(line), `page has: ${line}`);
    t.true(example.includes(line), `example has: ${line}`);
  }
  t.true(page.includes(text), 'the page shows exactly what the example prints');
});
