import test from 'ava';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyOfRoslagen } from './runCli.testSupport.js';

/** Roslagen's förvaltningsberättelse of 2022, abridged from its published annual report. */
const avsnitt = [
  {
    rubrik: 'Händelser av väsentlig betydelse',
    stycken: [
      'Projektet MIA-Vidare Roslagen avslutades i september 2022.',
      'Förbundet har under året arbetat med en ny verksamhetsplan för 2023–2025.',
    ],
  },
  {
    rubrik: 'Förväntad utveckling',
    stycken: ['Medlemmarnas tilldelning för 2023 är oförändrad.'],
  },
];

test('a förvaltningsberättelse recorded for closed 2022 is printed first in its report, as text, Markdown and JSON; 2021 has none', async (t) => {
  const { directory, finsam } = await copyOfRoslagen(t, 'forvaltningsberattelse');
  const events = join(directory, 'forvaltningsberattelse.jsonl');
  const metadata = { recordedAt: '2023-03-20T09:00:00.000Z', recordedBy: 'ekonom@roslagen' };
  await writeFile(
    events,
    `${JSON.stringify({ type: 'FörvaltningsberättelseRegistrerad', data: { år: 2022, avsnitt }, metadata })}\n`,
  );
  const recorded = await finsam('record', events);
  t.is(recorded.exitCode, 0, recorded.stderr);
  t.regex(recorded.stdout, /1 event/);

  const text = await finsam('report', '--year', '2022');
  t.is(text.exitCode, 0, text.stderr);
  const start = text.stdout.indexOf(
    '\n\nFörvaltningsberättelse\n----------------------\n\nHändelser av väsentlig betydelse\n\n  ',
  );
  t.true(start > 0, text.stdout.slice(0, 600));
  t.true(start < text.stdout.indexOf('\n\nFlerårsöversikt'));
  t.true(
    text.stdout.includes(
      'Förväntad utveckling\n\n  Medlemmarnas tilldelning för 2023 är oförändrad.\n\nFlerårsöversikt',
    ),
  );

  const markdown = await finsam('report', '--year', '2022', '--format', 'md');
  t.is(markdown.exitCode, 0, markdown.stderr);
  t.regex(markdown.stdout, /\n## Förvaltningsberättelse\n\n### Händelser av väsentlig betydelse\n/);
  t.true(
    markdown.stdout.includes(
      '### Förväntad utveckling\n\nMedlemmarnas tilldelning för 2023 är oförändrad\\.\n',
    ),
  );

  const json = await finsam('report', '--year', '2022', '--format', 'json');
  t.is(json.exitCode, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as {
    årsredovisning: { förvaltningsberättelse?: unknown };
  };
  t.deepEqual(parsed.årsredovisning.förvaltningsberättelse, avsnitt);

  const earlier = await finsam('report', '--year', '2021');
  t.is(earlier.exitCode, 0, earlier.stderr);
  t.false(earlier.stdout.includes('Förvaltningsberättelse'));
});

test('a förvaltningsberättelse with a personnummer is refused naming the paragraph, and nothing is written', async (t) => {
  const { directory, finsam } = await copyOfRoslagen(t, 'forvaltningsberattelse-pnr');
  const events = join(directory, 'forvaltningsberattelse.jsonl');
  const data = {
    år: 2022,
    avsnitt: [{ rubrik: 'Personal', stycken: ['Ny chef, 19800101-1234.'] }],
  };
  await writeFile(
    events,
    `${JSON.stringify({ type: 'FörvaltningsberättelseRegistrerad', data, metadata: { recordedBy: 'ekonom' } })}\n`,
  );
  const before = await finsam('events');
  const refused = await finsam('record', events);
  t.is(refused.exitCode, 1, refused.stdout);
  t.regex(refused.stderr, /PERSONNUMMER_REFUSED/);
  t.regex(refused.stderr, /data\.avsnitt\.0\.stycken\.0/);
  t.false(refused.stderr.includes('19800101-1234'), 'the refusal does not repeat it');
  const after = await finsam('events');
  t.is(after.stdout, before.stdout);
});
