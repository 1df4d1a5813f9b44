import test from 'ava';
import { renderAnnualReportMarkdown } from '../../statements/renderAnnualReportMarkdown.js';
import { renderAnnualReportText } from '../../statements/annualReport.js';
import { assertRefused, ledgerWith, type Step } from '../ledgerSteps.testScenario.js';
import { closing2021, event, opening2021, spec } from './eventSpecs.testScenario.js';

/**
 * The förvaltningsberättelse (FörvaltningsberättelseRegistrerad): the förbund's sections of a
 * year, written once the year is done (so a closed year takes one), never posted, the latest
 * registration for a year in force, printed before the statements of that year's report.
 */

const avsnitt = [
  {
    rubrik: 'Händelser av väsentlig betydelse',
    stycken: ['Förbundet startade två nya insatser.', 'ESF-projektet avslutades i juni.'],
  },
  { rubrik: 'Förväntad utveckling', stycken: ['Medlemmarna höjer bidragen 2022 med 5 %.'] },
];
const berättelse = (år: number, sections: unknown = avsnitt) =>
  event('FörvaltningsberättelseRegistrerad', { år, avsnitt: sections } as never);

test('a closed year takes its förvaltningsberättelse, which posts nothing', (t) => {
  t.notThrows(() =>
    spec
      .given([opening2021, closing2021('0.00')])
      .when(berättelse(2021))
      .thenPosts([]),
  );
});

test('a year past the open year and the next is refused as a mistyped year, naming data.år', (t) => {
  t.notThrows(() =>
    spec.given([opening2021]).when(berättelse(2023)).thenRefused('YEAR_NOT_YET_OPEN', 'data.år'),
  );
  t.notThrows(() => spec.given([opening2021]).when(berättelse(2022)).thenPosts([]));
});

const step = (data: unknown): Step => ['FörvaltningsberättelseRegistrerad', data];

test('a paragraph with a personnummer, or a section without paragraphs, is refused by its path', async (t) => {
  await assertRefused(
    t,
    [],
    step({ år: 2021, avsnitt: [{ rubrik: 'Personal', stycken: ['Anställd 19800101-1234.'] }] }),
    'PERSONNUMMER_REFUSED',
    'data.avsnitt.0.stycken.0',
  );
  await assertRefused(
    t,
    [],
    step({ år: 2021, avsnitt: [{ rubrik: 'Personal', stycken: [] }] }),
    'VALIDATION_FAILED',
    'data.avsnitt.0.stycken',
  );
  // A paragraph is one line: a line break is a control character.
  await assertRefused(
    t,
    [],
    step({ år: 2021, avsnitt: [{ rubrik: 'Personal', stycken: ['Rad ett\nrad två'] }] }),
    'VALIDATION_FAILED',
    'data.avsnitt.0.stycken.0',
  );
});

test('the latest registration of a year is its förvaltningsberättelse, printed first in text and Markdown; another year has none', async (t) => {
  const opening: Step = ['IngåendeBalansRegistrerad', opening2021.data];
  const draft = step({ år: 2021, avsnitt: [{ rubrik: 'Utkast', stycken: ['Ej antaget.'] }] });
  const { ledger } = await ledgerWith([opening, draft, step({ år: 2021, avsnitt })]);
  const report = await ledger.annualReport(2021);
  t.deepEqual(report.förvaltningsberättelse, avsnitt);
  const text = renderAnnualReportText(report, 'tkr');
  t.true(
    text.includes(
      [
        'Förvaltningsberättelse\n----------------------',
        'Händelser av väsentlig betydelse',
        '  Förbundet startade två nya insatser.',
        '  ESF-projektet avslutades i juni.',
        'Förväntad utveckling',
        '  Medlemmarna höjer bidragen 2022 med 5 %.',
        'Flerårsöversikt',
      ].join('\n\n'),
    ),
  );
  t.false(text.includes('Utkast'));
  const markdown = renderAnnualReportMarkdown(report, 'tkr');
  t.regex(markdown, /\n## Förvaltningsberättelse\n\n### Händelser av väsentlig betydelse\n\n/);
  // Punctuation is escaped so that the förbund's text is never read as markup.
  t.true(markdown.includes('\n\nFörbundet startade två nya insatser\\.\n\n'));
  t.true(markdown.includes('höjer bidragen 2022 med 5 \\%\\.'));
  const next = await ledger.annualReport(2022);
  t.is(next.förvaltningsberättelse, undefined);
  t.false(renderAnnualReportText(next, 'tkr').includes('Förvaltningsberättelse'));
});

test('HändelseRättad does not correct a förvaltningsberättelse: a new registration replaces it', (t) => {
  const registered = berättelse(2021);
  const correction = event('HändelseRättad', {
    datum: '2021-06-01',
    rättadEventId: registered.eventId,
    orsak: 'Fel text',
    original: {
      type: registered.type,
      schemaVersion: registered.schemaVersion,
      data: registered.data,
    },
  });
  const error = spec
    .given([opening2021, registered])
    .when(correction)
    .thenRefused('EVENT_NOT_CORRECTABLE', 'data.original.type');
  t.regex(
    error.message,
    /a new FörvaltningsberättelseRegistrerad for the year replaces the earlier/,
  );
});
