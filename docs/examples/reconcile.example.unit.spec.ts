import { readFileSync } from 'node:fs';
import test from 'ava';
import { examplePrintedReport, reconcileExample } from './reconcile.example.js';

const page = readFileSync(new URL('../reconcile.md', import.meta.url), 'utf8');
const block = (language: string): string => {
  const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\``).exec(page);
  if (match === null) throw new TypeError(`docs/reconcile.md has no ${language} block`);
  return match[1]!;
};

test('the page’s printed report is the one the example reconciles', (t) => {
  t.deepEqual(JSON.parse(block('json')), examplePrintedReport);
});

test('the page shows exactly what the example prints: two avvikelser and one avrundning', (t) => {
  const output = reconcileExample(JSON.parse(block('json')));
  t.is(block('text'), output);
  t.regex(output, /2 avvikelser, 1 avrundning; internal checks only/u);
  t.true(
    output.includes(
      'avvikelse balansräkning: 2025 balansräkning/summa-eget-kapital-och-skulder [2025-12-31] Summa eget kapital och skulder\n  printed 413 tkr, expected 412 tkr',
    ),
  );
});
