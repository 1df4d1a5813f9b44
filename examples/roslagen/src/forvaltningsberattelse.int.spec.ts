import test from 'ava';
import {
  bookkeepingStreamId,
  replayAnnualReport,
  renderAnnualReportText,
  type AnnualReport,
} from '@finsam-ledger/core';
import { renderAnnualReportHtml } from '@finsam-ledger/html';
import { förvaltningsberättelser } from './history/index.js';
import { roslagenGuidelines } from './roslagenGuidelines.js';
import { openRoslagenFileStore, roslagenFörbundId } from './roslagenStore.js';

/**
 * The förvaltningsberättelse of Årsredovisning 2020 and 2022 (history/forvaltningsberattelse.ts),
 * replayed from the committed file store and printed as the report opens: before the
 * flerårsöversikt and the statements. 2021 has no published report, so its report has none.
 */

async function reportOf(year: number): Promise<AnnualReport> {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') throw new Error(`${opened.left.code}: ${opened.left.message}`);
  try {
    const { totals: _totals, ...report } = await replayAnnualReport(
      opened.right.readStream(bookkeepingStreamId(roslagenFörbundId)),
      year,
      { guidelines: roslagenGuidelines },
    );
    return report;
  } finally {
    await opened.right.close();
  }
}

/** Årsredovisning 2022, 1.3 (seed 000, lines 216–221), its lines joined. */
const händelser2022 =
  'Projektledare för projektet MIA Vidare avslutade sitt uppdrag i slutet av sommaren 2022. ' +
  'Det var för kort tid kvar av projektet för att rekrytera någon ny samtidigt som det var en ' +
  'särskilt viktig del av projektet när allt ska summeras och utvärderas. Förbundschefen ' +
  'hoppade in som projektledare den kvarvarande perioden och slutförde projektet. Detta ' +
  'medförde att en förstärkning av kansliet behövdes och förbundets ekonom utökade sitt ' +
  'uppdrag att även inkludera administrativa uppgifter i kansliet.';

/** The report's own headings of Årsredovisning 2022's chapter 1, in order. */
const rubriker2022 = [
  '1.0 Förvaltningsberättelse',
  'Organisation',
  'Uppdrag',
  'Finansiering',
  'Verksamhetsidé och vision',
  '1.1. Översikt över verksamhetens utveckling',
  '1.2. Viktiga förhållanden för resultat och ekonomisk ställning',
  '1.3. Händelser av väsentlig betydelse',
  '1.4. Styrning och uppföljning av verksamheten',
  '1.5. God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning',
  '1.6. Väsentliga personalförhållanden',
  '1.7. Förväntad utveckling',
];

test('2022: the report carries the published förvaltningsberättelse, section by section under its own headings', async (t) => {
  const report = await reportOf(2022);
  t.deepEqual(report.förvaltningsberättelse, förvaltningsberättelser[2022]);
  t.deepEqual(
    report.förvaltningsberättelse?.map((avsnitt) => avsnitt.rubrik),
    rubriker2022,
  );
  const händelser = report.förvaltningsberättelse?.find(
    (avsnitt) => avsnitt.rubrik === '1.3. Händelser av väsentlig betydelse',
  );
  t.deepEqual(händelser?.stycken, [händelser2022]);
  for (const avsnitt of report.förvaltningsberättelse ?? [])
    for (const stycke of avsnitt.stycken) t.false(/\n|\s{2}/.test(stycke), stycke);
});

test('2020: the report carries Årsredovisning 2020’s förvaltningsberättelse', async (t) => {
  const report = await reportOf(2020);
  t.deepEqual(report.förvaltningsberättelse, förvaltningsberättelser[2020]);
  t.is(report.förvaltningsberättelse?.[0]?.rubrik, '1. Förvaltningsberättelse');
  t.is(report.förvaltningsberättelse?.at(-1)?.rubrik, '1.7. Förväntad utveckling');
});

test('2022 as text: the förvaltningsberättelse opens the report, its headings and the paragraph of 1.3 before the flerårsöversikt and the statements', async (t) => {
  const text = renderAnnualReportText(await reportOf(2022), 'tkr');
  const start = text.indexOf('\nFörvaltningsberättelse\n----------------------\n');
  t.true(start >= 0, text.slice(0, 600));
  let previous = start;
  for (const rubrik of rubriker2022) {
    const at = text.indexOf(`\n${rubrik}\n`, previous);
    t.true(at > previous, `${rubrik} after what comes before it`);
    previous = at;
  }
  const paragraph = text.indexOf(händelser2022);
  t.true(paragraph > text.indexOf('\n1.3. Händelser av väsentlig betydelse\n'));
  const statements = text.indexOf('\nFlerårsöversikt ');
  t.true(paragraph < statements && previous < statements, 'before the flerårsöversikt');
  t.true(statements < text.indexOf('\nResultaträkning '));
});

test('2022 as HTML: the förvaltningsberättelse is the first part, with its headings and the paragraph of 1.3', async (t) => {
  const html = await renderAnnualReportHtml({ report: await reportOf(2022) });
  const part = html.indexOf('<section class="part" id="forvaltningsberattelse"');
  t.true(part > 0);
  t.is(html.indexOf('<section class="part"'), part, 'the first part of the report');
  const heading = html.indexOf('<h3>1.3. Händelser av väsentlig betydelse</h3>');
  const paragraph = html.indexOf(`<p>${händelser2022}</p>`);
  t.true(part < heading && heading < paragraph);
  t.true(html.includes('<h3>1.0 Förvaltningsberättelse</h3>'));
  t.true(html.includes('<h3>1.7. Förväntad utveckling</h3>'));
  t.true(paragraph < html.indexOf('<section class="part" id="', paragraph));
  t.true(paragraph < html.indexOf('Resultaträkning</h2>'), 'before the statements');
});

test('2021 has no published report among the seeds: its report has no förvaltningsberättelse', async (t) => {
  const report = await reportOf(2021);
  t.is(report.förvaltningsberättelse, undefined);
  t.false(renderAnnualReportText(report, 'tkr').includes('Förvaltningsberättelse'));
  const html = await renderAnnualReportHtml({ report });
  t.false(html.includes('id="forvaltningsberattelse"'));
});
