import { readFileSync } from 'node:fs';
import test from 'ava';
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
