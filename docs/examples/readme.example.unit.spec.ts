import test from 'ava';
import { readFileSync } from 'node:fs';
import { readmeExample } from './readme.example.js';

test('the README embedding example runs and prints the contribution in tkr', async (t) => {
  const text = await readmeExample();
  t.regex(text, /^ {2}Verksamhetens intäkter\s+1\s+363$/m);
  t.regex(text, /^ {2}Årets resultat\s+363$/m);
});

test('the README shows the same code as the example file', (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./readme.example.ts', import.meta.url), 'utf8');
  for (const line of [
    "'MedlemsbidragMottaget',",
    "belopp: '363333.33',",
    'const { resultaträkning } = await ledger.statements(2020);',
    'if (E.isLeft(opened)) throw opened.left;',
    'if (E.isLeft(contribution)) throw contribution.left;',
  ]) {
    t.true(readme.includes(line), `README has: ${line}`);
    t.true(example.includes(line), `example has: ${line}`);
  }
});
