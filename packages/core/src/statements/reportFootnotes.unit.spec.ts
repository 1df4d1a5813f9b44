import test from 'ava';
import { renderAnnualReportText } from './annualReport.js';
import { renderAnnualReportMarkdown } from './renderAnnualReportMarkdown.js';
import { footnoteMarksOf } from './footnoteMarks.js';
import { drilldownScenario } from './drilldownScenario.testScenario.js';

test('a correction footnotes the figures it changes in its year, naming the event and its verifikation', async (t) => {
  const { ledger, correctionId } = await drilldownScenario();
  const report = await ledger.annualReport(2021, { footnotes: true });
  const not2 = report.not2;
  t.is(not2.footnotes?.length, 1);
  const footnote = not2.footnotes![0]!;
  t.is(footnote.kind, 'rättelse');
  t.is(footnote.eventId, correctionId);
  t.is(footnote.eventType, 'HändelseRättad');
  t.regex(
    footnote.text,
    new RegExp(
      // The board's words: no event type or id in the text, which the footnote's data keeps.
      `^Rättelse 2021-02-12, verifikation 2021-\\d+: Rättelse: Coach feb \\(fel belopp\\)\\. Fel belopp\\.$`,
    ),
  );
  // The corrected post, its område's sum and the total; only in the 2021 columns.
  const rows = new Set(footnote.cells.map((cell) => cell.row));
  t.true(rows.has('post:operativa|Insatspersonal'));
  t.true(rows.has('summa:operativa'));
  t.true(rows.has('summa'));
  t.true(footnote.cells.every((cell) => not2.columns[cell.column]!.year === 2021));
  // The resultaträkning's costs and result are touched too; the untouched rows are not.
  const rr = report.resultaträkning.footnotes![0]!;
  t.deepEqual(
    rr.cells.map((cell) => cell.row).sort(),
    ['verksamhetens-kostnader', 'verksamhetens-resultat', 'årets-resultat'].sort(),
  );
  const marks = footnoteMarksOf(report.resultaträkning);
  t.deepEqual(marks.rows.get('verksamhetens-kostnader'), [1]);
  t.is(marks.rows.get('verksamhetens-intäkter'), undefined);

  const text = renderAnnualReportText(report, 'kr');
  t.regex(text, /^ {2}Verksamhetens kostnader \[1\]\s+2\s/m);
  t.regex(text, /^ {2}Verksamhetens intäkter\s+1\s/m);
  t.regex(text, /^\[1\] Rättelse 2021-02-12, verifikation 2021-\d+: /m);
  const markdown = renderAnnualReportMarkdown(report, 'kr');
  t.regex(markdown, /^\| Verksamhetens kostnader \[1\] \| 2 \|/m);
  t.regex(markdown, /^\[1\] Rättelse 2021-02-12, verifikation 2021-\d+: /m);
});

test('a comparison year taken whole from historical figures is marked on its column, naming the event', async (t) => {
  const { ledger, historyId } = await drilldownScenario();
  const report = await ledger.annualReport(2020, { footnotes: true });
  const footnote = report.resultaträkning.footnotes![0]!;
  t.is(footnote.kind, 'historiska uppgifter');
  t.is(footnote.eventId, historyId);
  t.true(footnote.cells.every((cell) => cell.column === 1));
  const marks = footnoteMarksOf(report.resultaträkning);
  t.deepEqual(marks.columns, [[], [1]]);
  t.is(marks.rows.size, 0);
  const text = renderAnnualReportText(report, 'kr');
  t.regex(text, /^Resultaträkning\s+Not\s+2020-12-31\s+2019-12-31 \[1\]$/m);
  t.regex(
    text,
    new RegExp(
      '^\\[1\\] Historiska uppgifter för 2019, inte bokföring\\. Källa: Årsredovisning 2019\\.$',
      'm',
    ),
  );
  // The figures themselves are unchanged by the footnotes.
  t.is(
    report.resultaträkning.rows.find((row) => row.key === 'årets-resultat')!.amounts[1]!.toString(),
    '500000.00',
  );
  // A report without corrections or history in its columns has no footnotes.
  t.is((await ledger.annualReport(2020, { footnotes: true })).not3.footnotes, undefined);
  // Without the option the report is data without footnotes, as before.
  t.is((await ledger.annualReport(2020)).resultaträkning.footnotes, undefined);
});
