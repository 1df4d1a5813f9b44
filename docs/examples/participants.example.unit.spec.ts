import test from 'ava';
import { readFileSync } from 'node:fs';
import { runParticipantsExample } from './participants.example.js';

test('the example of docs/participants.md runs and prints what the page says', async (t) => {
  t.deepEqual(await runParticipantsExample(), [
    'refused: PERSONNUMMER_REFUSED',
    'stored: 0',
    'recorded: 5',
    'concluded twice: PARTICIPANT_ALREADY_CONCLUDED',
    'kommunen: 2 of 3 = 67% (exact 66.67%)',
    'offered 3 of goal 4; work or studies 1 of 1 = 100%',
    'since 2017-04-01: 3 enrolled',
    '## MIA Roslagen, 2019 (2019-01-01 – 2019-12-31)',
    '## MIA Roslagen, sedan start (2017-04-01 – 2019-12-31)',
  ]);
});

test('docs/participants.md shows the same calls and output as the example file', (t) => {
  const page = readFileSync(new URL('../participants.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./participants.example.ts', import.meta.url), 'utf8');
  for (const line of [
    'const register = createParticipantRegister({',
    "förbundId: 'roslagen',",
    'const tables = await register.tables(2019)();',
    'const { year, sinceStart } = tables.right.insatser[0]!;',
    'const markdown = renderParticipantTablesMarkdown(tables.right, {',
  ]) {
    t.true(page.includes(line), `the page has: ${line}`);
    t.true(example.includes(line), `the example has: ${line}`);
  }
  for (const line of [
    'kommunen: 2 of 3 = 67% (exact 66.67%)',
    'since 2017-04-01: 3 enrolled',
    '## MIA Roslagen, sedan start (2017-04-01 – 2019-12-31)',
  ])
    t.true(page.includes(line), `the page shows the output: ${line}`);
});
