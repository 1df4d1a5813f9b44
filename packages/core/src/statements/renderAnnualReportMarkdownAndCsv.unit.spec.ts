import test from 'ava';
import type { EventInput } from '../facade/EventInput.js';
import { bookkeepingEvent } from '../testing/bookkeepingFixtures.js';
import { replayAnnualReport } from './annualReport.js';
import { annualReportCsvColumns, renderAnnualReportCsv } from './renderAnnualReportCsv.js';
import { renderAnnualReportMarkdown } from './renderAnnualReportMarkdown.js';

// The report is replayed from events made in memory: no store is needed (the core never
// imports an adapter).
async function oneYear() {
  const events = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2021-01-01',
      text: 'IB',
      kassaOchBank: '100000.00',
      momsfordran: '0.00',
      balanseratResultat: '100000.00',
      öppnaPoster: [],
    }),
    bookkeepingEvent('MedlemsbidragMottaget', {
      datum: '2021-01-20',
      medlem: 'Staten',
      medlemskategori: 'staten',
      period: '2021',
      belopp: '1234567.89',
    }),
    bookkeepingEvent('KostnadBokförd', {
      datum: '2021-03-01',
      område: 'administrativa',
      post: 'Kansli | lokal, "IT"',
      belopp: '234567.89',
      text: 'Hyra',
      betalning: { sätt: 'bank' },
    }),
  ];
  const { totals: _totals, ...report } = await replayAnnualReport(events, 2021, {
    namn: 'Samordningsförbundet Tabell',
  });
  return report;
}

test('Markdown: a title from the förbund, one table per statement, amounts in the unit asked for', async (t) => {
  const markdown = renderAnnualReportMarkdown(await oneYear(), 'tkr');
  t.true(markdown.startsWith('# Samordningsförbundet Tabell – årsredovisning 2021\n'));
  // A reader adding rounded rows finds sums off by one: the document says why, under its title.
  t.regex(
    markdown,
    /^# .*\n\nTabellerna anger belopp i tusental kronor \(tkr\) .* en summa är den avrundade exakta summan, inte summan av avrundade rader/,
  );
  t.regex(
    markdown,
    /^## Resultaträkning\n\nBelopp i tkr\.\n\n\| Resultaträkning \| Not \| 2021-12-31 \| 2020-12-31 \|\n\| :--- \| :---: \| ---: \| ---: \|$/m,
  );
  t.regex(markdown, /^\| Verksamhetens intäkter \| 1 \| 1 235 \| {2}\|$/m);
  t.regex(markdown, /^\| \*\*Årets resultat\*\* \| {2}\| 1 000 \| {2}\|$/m);
  // The flerårsöversikt is always in mkr, whatever the unit asked for.
  t.regex(markdown, /^## Flerårsöversikt\n\nBelopp i mkr\.$/m);
  // A pipe in a label would end the cell: Not 2 prints the post with it escaped.
  t.regex(markdown, /^\| Kansli \\\| lokal, "IT" \| 235 \|/m);
  t.regex(markdown, /^## Finansiella riktlinjer 2021$/m);
});

test('CSV: one long table, RFC 4180 quoting, amounts rounded once to the unit, guideline figures exact', async (t) => {
  const csv = renderAnnualReportCsv(await oneYear(), 'tkr');
  const records = csv.split('\r\n');
  t.is(records[0], annualReportCsvColumns.join(','));
  t.is(records.at(-1), '', 'every record ends with CRLF');
  t.true(
    records.includes(
      'Resultaträkning,verksamhetens-intäkter,Verksamhetens intäkter,1,2021-12-31,2021,tkr,1235,',
    ),
  );
  t.true(
    records.includes('Resultaträkning,årets-resultat,Årets resultat,,2021-12-31,2021,tkr,1000,'),
  );
  t.true(
    records.includes('Balansräkning,kassa-och-bank,Kassa och bank,,2021-12-31,2021,tkr,1100,'),
  );
  t.true(
    records.includes(
      'Flerårsöversikt,verksamhetens-intäkter,Verksamhetens intäkter,,2021,2021,mkr,1.23,',
    ),
  );
  t.true(
    records.some((record) => record.includes('"Kansli | lokal, ""IT"""')),
    'a field with a comma and quotes is quoted, its quotes doubled',
  );
  t.true(
    records.some((record) =>
      /^Finansiella riktlinjer 2021,eget-kapital,.*,uppfylld,2021,,(true|false),$/.test(record),
    ),
  );
  t.is(renderAnnualReportCsv(await oneYear(), 'tkr'), csv, 'deterministic');
});

test('CSV: a figure a correction changed carries the correction’s footnote in fotnot; a plain one none', async (t) => {
  const costData: EventInput<'KostnadBokförd'> = {
    datum: '2021-03-01',
    område: 'administrativa',
    post: 'Kansli',
    belopp: '5000.00',
    text: 'Dubbel faktura',
    betalning: { sätt: 'bank' },
  };
  const cost = bookkeepingEvent('KostnadBokförd', costData);
  const correction = bookkeepingEvent('HändelseRättad', {
    datum: '2021-04-01',
    rättadEventId: cost.eventId,
    orsak: 'Fakturan var redan betald',
    original: { type: cost.type, schemaVersion: cost.schemaVersion, data: cost.data },
  });
  const events = [
    bookkeepingEvent('IngåendeBalansRegistrerad', {
      datum: '2021-01-01',
      text: 'IB',
      kassaOchBank: '100000.00',
      momsfordran: '0.00',
      balanseratResultat: '100000.00',
      öppnaPoster: [],
    }),
    cost,
    correction,
  ];
  const { totals: _totals, ...report } = await replayAnnualReport(events, 2021, {
    footnotes: true,
  });
  const records = renderAnnualReportCsv(report, 'kr').split('\r\n');
  const costs = records.find((record) =>
    record.startsWith(
      'Resultaträkning,verksamhetens-kostnader,Verksamhetens kostnader,2,2021-12-31,',
    ),
  );
  t.regex(
    costs!,
    new RegExp(
      `,kr,0,"Rättelse 2021-04-01, verifikation 2021-\\d+: Rättelse: Dubbel faktura\\. Fakturan var redan betald\\."$`,
    ),
  );
  // A figure the correction leaves as it was has no footnote.
  t.true(
    records.includes(
      'Balansräkning,övrigt-eget-kapital,Övrigt eget kapital,,2021-12-31,2021,kr,100000,',
    ),
  );
});
