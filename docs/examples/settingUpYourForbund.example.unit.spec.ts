import { readFileSync } from 'node:fs';
import test from 'ava';
import * as E from 'fp-ts/Either';
import { checkSieMappingNames, parseFörbundConfiguration } from '@finsam-ledger/core';
import {
  exampleConfiguration,
  settingUpYourForbundExample,
} from './settingUpYourForbund.example.js';

const page = readFileSync(new URL('../setting-up-your-forbund.md', import.meta.url), 'utf8');

test('the page’s forbund.json is the configuration the example runs', (t) => {
  const block = /```json\n([\s\S]*?)\n```/.exec(page);
  t.truthy(block, 'the page has a json block');
  t.deepEqual(JSON.parse(block![1]!), exampleConfiguration);
});

test('the example books on the configured chart, refuses a misspelt post and titles the report with the förbund’s name', async (t) => {
  const { refusal, title, resultaträkning } = await settingUpYourForbundExample();
  t.deepEqual(refusal, [
    {
      path: 'data.post',
      rule: 'declared-post',
      message:
        '"Arbetstränning" is not a declared post of område operativa in 2025: must be one of: Arbetsträning',
    },
  ]);
  t.is(title, 'Samordningsförbundet Ekbacken – årsredovisning 2025');
  t.regex(resultaträkning, /^ {2}Verksamhetens intäkter\s+1\s+750$/m);
  t.regex(resultaträkning, /^ {2}Verksamhetens kostnader\s+2\s+-45$/m);
  t.regex(resultaträkning, /^ {2}Årets resultat\s+705$/m);
  for (const line of [
    '"post": "Lokaler", "konto": "6020"',
    'ledgerOptionsFromConfiguration(configuration)',
  ])
    t.true(page.replace(/\s+/g, ' ').includes(line.replace(/\s+/g, ' ')), line);
});

test('the page has a section for every field of the configuration, and the JSON Schema a description for each', (t) => {
  const schema = JSON.parse(
    readFileSync(new URL('../../packages/core/forbund.schema.json', import.meta.url), 'utf8'),
  ) as { properties: Record<string, { description?: string }> };
  const fields = Object.keys(schema.properties).filter(
    (field) => field !== '$schema' && field !== 'medlemsbidragsfördelning',
  );
  t.deepEqual(fields, [
    'version',
    'förbundId',
    'namn',
    'organisationsnummer',
    'medlemmar',
    'kontoplan',
    'poster',
    'insatser',
    'finansiellaRiktlinjer',
    'presentation',
    'sie',
  ]);
  for (const field of fields) t.true(page.includes(`### \`${field}\``), `section for ${field}`);
  t.true(page.includes('`medlemsbidragsfördelning`'));
  const undocumented: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties ?? {};
    for (const [name, child] of Object.entries(properties)) {
      if (typeof (child as { description?: unknown }).description !== 'string')
        undocumented.push(`${path}${name}`);
      walk(child, `${path}${name}.`);
      walk((child as { items?: unknown }).items, `${path}${name}[].`);
    }
  };
  walk(schema, '');
  t.deepEqual(undocumented, []);
});

test('the sie page’s mapping fits this page’s configuration: its accounts are the chart’s and its names are declared', (t) => {
  const siePage = readFileSync(new URL('../sie.md', import.meta.url), 'utf8');
  const mappingBlock = /## Import: the mapping[\s\S]*?```json\n([\s\S]*?)\n```/.exec(siePage);
  t.truthy(mappingBlock, 'the sie page has the mapping block');
  const { sie } = JSON.parse(mappingBlock![1]!) as { sie: unknown };
  const parsed = parseFörbundConfiguration({ ...exampleConfiguration, sie });
  if (E.isLeft(parsed)) return t.fail(parsed.left.message);
  const checked = checkSieMappingNames(parsed.right);
  t.true(E.isRight(checked), E.isLeft(checked) ? checked.left.message : '');
  const chart = new Set(
    (exampleConfiguration.kontoplan?.konton ?? []).map((konto) => konto.nummer),
  );
  const placed = parsed.right.sie!.konton.map((rule) => rule.till ?? rule.från);
  t.deepEqual(
    placed.filter((konto) => !chart.has(konto)),
    [],
    'every rule places its accounts on an account of the chart',
  );
});
