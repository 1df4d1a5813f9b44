import test from 'ava';
import { copyOfRoslagen } from './runCli.testSupport.js';

// `finsam report` says where figures are not plain bookings: the Roslagen 2022 report, run as
// a child process in a fresh temporary directory, footnotes the 16 tkr equity correction of
// 2021 and the years of the flerårsöversikt taken from historical figures.

interface JsonFootnote {
  number: number;
  kind: string;
  eventType: string;
  eventId: string;
  text: string;
  cells: { row: string; column: number }[];
}

test('report 2022 marks the equity correction and the historical years, in text, Markdown and JSON', async (t) => {
  const { finsam } = await copyOfRoslagen(t, 'footnotes');

  const text = await finsam('report', '--year', '2022', '--section', 'ekonomi');
  t.is(text.exitCode, 0, text.stderr);
  t.regex(text.stdout, /^ {2}Övrigt eget kapital \[1\]\s+2 387\s+3 525$/m);
  t.regex(text.stdout, /^ {2}Justering för ej likviditetspåverkande poster \[1\]\s+0\s+-16$/m);
  t.regex(
    text.stdout,
    /^\[1\] Rättelse av eget kapital 2021-04-16, verifikation 2021-\d+: Rättelse bokslut 2020: /m,
  );
  t.regex(
    text.stdout,
    /^Flerårsöversikt\s+2022\s+2021\s+2020\s+2019 \[3\]\s+2018 \[2\]\s+2017 \[1\]$/m,
  );
  t.regex(
    text.stdout,
    /^\[3\] Historiska uppgifter för 2019, inte bokföring\. Källa: Årsredovisning 2020 Samordningsförbundet Roslagen, jämförelsekolumn 2019 \(RR, BR, KF; /m,
  );
  // Rows no correction touches keep their printed line.
  t.regex(text.stdout, /^ {2}Leverantörsskulder\s+387\s+909$/m);

  const markdown = await finsam(
    'report',
    '--year',
    '2022',
    '--section',
    'ekonomi',
    '--format',
    'md',
  );
  t.regex(markdown.stdout, /^\| Övrigt eget kapital \[1\] \| {2}\| 2 387 \| 3 525 \|$/m);

  const json = JSON.parse(
    (await finsam('report', '--year', '2022', '--section', 'ekonomi', '--format', 'json')).stdout,
  ) as { årsredovisning: Record<string, { footnotes?: JsonFootnote[] }> };
  const footnotes = json.årsredovisning['balansräkning']!.footnotes!;
  t.is(footnotes.length, 1);
  t.is(footnotes[0]!.kind, 'rättelse');
  t.is(footnotes[0]!.eventType, 'EgetKapitalRättat');
  t.true(
    footnotes[0]!.cells.some((cell) => cell.row === 'övrigt-eget-kapital' && cell.column === 1),
  );
  t.false(
    footnotes[0]!.cells.some((cell) => cell.column === 0),
    'only the 2021 column',
  );
  t.is(json.årsredovisning['resultaträkning']!.footnotes, undefined);
});
