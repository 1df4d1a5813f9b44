import test from 'ava';
import { runProjection } from '../../projections/Projection.js';
import { createParticipantEvent } from '../participantEvents.testScenario.js';
import { participantTables } from '../projections/participantTables.js';
import { participantRoundingRule } from './participantTablesLayout.js';
import { renderParticipantTablesMarkdown } from './renderParticipantTablesMarkdown.js';
import { renderParticipantTablesText } from './renderParticipantTablesText.js';
import { stegetEvents } from './stegetRegister.testScenario.js';

test('the Markdown of a register of anonymous participants, whole', async (t) => {
  const events = [
    createParticipantEvent('AnonymaDeltagareRegistrerade', {
      insatsId: 'oppna-samtal',
      datum: '2021-12-31',
      startår: 2021,
      kön: 'kvinna',
      antal: 2,
    }),
    createParticipantEvent('AnonymaDeltagareRegistrerade', {
      insatsId: 'oppna-samtal',
      datum: '2021-12-31',
      startår: 2021,
      kön: 'man',
      antal: 1,
    }),
  ];
  const tables = await runProjection(events, participantTables(2021));
  t.is(
    renderParticipantTablesMarkdown(tables, { insatsNames: { 'oppna-samtal': 'Öppna samtal' } }),
    `# Deltagarstatistik 2021

${participantRoundingRule}

## Öppna samtal, 2021 (2021-01-01 – 2021-12-31)

| Deltagare | Kvinnor | Män | Samtliga |
| --- | ---: | ---: | ---: |
| Inskrivna under perioden | 0 | 0 | 0 |
| Deltog under perioden | 0 | 0 | 0 |
| Aktiva vid periodens slut | 0 | 0 | 0 |
| Avslutade under perioden | 0 | 0 | 0 |
| Överförda till annan insats | 0 | 0 | 0 |
| Anonyma deltagare (startår i perioden) | 2 | 1 | 3 |

| Måluppfyllelse | Utfall | Mål |
| --- | ---: | ---: |
| Erbjudna insatser | 3 | – |
| Arbete eller studier (av avslutade) | – (0 av 0) | – |
| Stegförflyttning (av avslutade) | – (0 av 0) | – |
`,
  );
});

test('Markdown tables hold the same cells as the text, and a | in a name stays inside its cell', async (t) => {
  const tables = await runProjection(stegetEvents, participantTables(2021));
  const markdown = renderParticipantTablesMarkdown(tables, {
    insatsNames: { steget: 'Steget | Norrort' },
  });
  // Every row of a table has as many cells as its header: no cell was split by the name.
  const cellCount = (line: string) => line.split(/(?<!\\)\|/).length;
  const blocks = markdown
    .split('\n\n')
    .filter((block) => block.startsWith('|'))
    .map((block) => block.split('\n').filter((line) => line !== ''));
  t.is(blocks.length, 7);
  for (const block of blocks)
    t.deepEqual(
      block.map(cellCount),
      block.map(() => cellCount(block[0]!)),
    );
  t.true(
    markdown.includes(
      '| Deltagare anvisade från - Steget \\| Norrort |  | Kvinnor | Män | Samtliga |\n| --- | --- | ---: | ---: | ---: |\n| Arbetsförmedlingen | Antal | 0 | 1 | 1 |\n|  | Andel | 0% | 100% | 33% |',
    ),
  );
  t.true(markdown.includes('| Studier | Antal | 0 | 1 | 1 |\n|  | Andel | – | 100% | 100% |'));
  t.true(
    markdown.includes(
      '| Arbete eller studier (av avslutade) | 100% (1 av 1) | 30% | uppnått |\n| Stegförflyttning (av avslutade) | 0% (0 av 1) | 30% | ej uppnått |',
    ),
  );
  // The same sections, in the same order, as the text.
  const headings = (rendered: string) =>
    rendered.split('\n').filter((line) => line.startsWith('## '));
  t.deepEqual(
    headings(markdown),
    headings(renderParticipantTablesText(tables, { insatsNames: { steget: 'Steget | Norrort' } })),
  );
  t.is(headings(markdown).length, 1);
});
