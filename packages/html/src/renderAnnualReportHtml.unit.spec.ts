import test from 'ava';
import * as E from 'fp-ts/Either';
import {
  createLedger,
  formatMoney,
  renderStatementText,
  getInMemoryEventStore,
  Money,
  type BookkeepingEventType,
  type EventInput,
} from '@finsam-ledger/core';
import { escapeHtml } from './escapeHtml.js';
import { formatAmountHtml } from './formatAmountHtml.js';
import { renderAnnualReportHtml } from './renderAnnualReportHtml.js';
import { budgetChart, flerårsöversiktChart } from './charts/reportCharts.js';

const metadata = { recordedAt: '2022-01-10T08:00:00.000Z', recordedBy: 'Ekonom' };

/** Text a person could type into a post, a member or a name: markup that must stay text. */
const hostile = `<img src=x onerror="alert('x')"> & </text><script>alert(1)</script>`;

/** Given: a small förbund's books of 2021, recorded through the ledger. */
async function smallLedger(namn: string) {
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'liten', namn });
  const contribution = (medlem: string, medlemskategori: string, belopp: string) =>
    [
      'MedlemsbidragMottaget',
      { datum: '2021-01-20', medlem, medlemskategori, period: '2021', belopp },
    ] as [BookkeepingEventType, unknown];
  const steps: [BookkeepingEventType, unknown][] = [
    [
      'IngåendeBalansRegistrerad',
      {
        datum: '2021-01-01',
        text: 'IB',
        kassaOchBank: '900000.00',
        momsfordran: '0',
        balanseratResultat: '900000.00',
        öppnaPoster: [],
      },
    ],
    [
      'BudgetFastställd',
      {
        år: 2021,
        beslutsdatum: '2020-11-20',
        beslut: 'Styrelsen 2020-11-20 § 5',
        kostnader: [
          { område: 'operativa', post: hostile, belopp: '2000000.00' },
          { område: 'administrativa', post: 'Kansli', belopp: '500000.00' },
        ],
        intäkter: [{ slag: 'medlemsbidrag', belopp: '2000000.00' }],
      },
    ],
    contribution('Staten', 'staten', '1000000.00'),
    contribution('Region', 'region', '500000.00'),
    contribution(hostile, 'kommun', '500000.00'),
    [
      'KostnadBokförd',
      {
        datum: '2021-06-30',
        område: 'operativa',
        post: hostile,
        belopp: '2450000.40',
        text: 'Insatspersonal',
        betalning: { sätt: 'bank' },
      },
    ],
    [
      'KostnadBokförd',
      {
        datum: '2021-12-31',
        område: 'administrativa',
        post: 'Kansli',
        belopp: '450000.00',
        text: 'Kansli dec',
        betalning: { sätt: 'leverantörsskuld', postId: 'LS-1' },
      },
    ],
  ];
  for (const [type, data] of steps) {
    const recorded = await ledger.record(type, data as EventInput<typeof type>, { metadata })();
    if (E.isLeft(recorded)) throw recorded.left;
  }
  return ledger;
}

const smallReport = async (namn: string) => (await smallLedger(namn)).annualReport(2021);

test('escapeHtml escapes the five characters that can end text or an attribute', (t) => {
  t.is(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  t.is(escapeHtml('Täby kommun'), 'Täby kommun');
});

test('amounts are printed the Swedish way: no-break space between thousands, the minus sign U+2212, rounded once', (t) => {
  t.is(formatAmountHtml(Money.from('-8994844.00'), 'tkr'), '\u22128\u00a0995');
  t.is(formatAmountHtml(Money.from('-2090800.00'), 'kr'), '\u22122\u00a0090\u00a0800');
  t.is(formatAmountHtml(Money.from('-2090800.00'), 'mkr'), '\u22122,09');
  t.is(formatAmountHtml(Money.from('1234567.50'), 'kr'), '1\u00a0234\u00a0568');
  t.is(formatAmountHtml(Money.from('999.99'), 'kr'), '1\u00a0000');
  // A negative amount that rounds to zero prints no minus sign.
  t.is(formatAmountHtml(Money.from('-400.00'), 'tkr'), '0');
  t.is(formatAmountHtml(Money.from('1.25'), 'kr', 1), '1,3');
});

test('every text of the report is escaped: markup in a post, a member and the förbund’s name stays text, in tables and in the charts', async (t) => {
  const report = await smallReport(`Förbundet ${hostile}`);
  const html = await renderAnnualReportHtml({ report, unit: 'kr' });
  t.false(/<script/i.test(html), 'no script element');
  t.false(/<img/i.test(html), 'no img element');
  t.false(/<\/text><script/i.test(html));
  t.true(
    html.includes('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;'),
    'escaped in a table',
  );
  t.true(html.includes(`<title>Förbundet ${escapeHtml(hostile)} – årsredovisning 2021</title>`));
  // The post's cost, exact and formatted: 2 450 000,40 kr prints as 2 450 000 in kr.
  t.regex(html, /data-exact="2450000\.40">2\u00a0450\u00a0000</);
  // The resultaträkning's negative result carries the real minus sign.
  const result = formatMoney(Money.from('-900000.40'), 'kr').replace('-', '\u2212');
  t.true(html.includes(`data-exact="-900000.40">${result.replace(/ /g, '\u00a0')}<`));
});

test('the document is self-contained and accessible: no script, nothing fetched, a caption and column headers on every table, a text alternative on every chart', async (t) => {
  const report = await smallReport('Samordningsförbundet Liten');
  const html = await renderAnnualReportHtml({ report });
  t.false(/<script|<link|<iframe|@import|url\(/i.test(html));
  const externalReferences = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
  t.deepEqual(
    externalReferences.filter((reference) => !reference!.startsWith('#')),
    [],
  );
  const tables = html.match(/<table/g)?.length ?? 0;
  t.true(tables >= 14, `${tables} tables`);
  t.is(html.match(/<caption>/g)?.length, tables);
  t.is(html.match(/<thead><tr><th scope="col"/g)?.length, tables);
  const charts = [...html.matchAll(/<svg[^>]*>/g)].map((match) => match[0]);
  t.is(charts.length, 4);
  for (const svg of charts) {
    t.regex(svg, /role="img"/);
    t.regex(svg, /aria-label="[^"]+"/);
  }
  t.is(
    html.match(/<svg[^>]*><title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/g)?.length,
    4,
  );
  t.is(html.match(/<div class="chart-block"[^>]*><figure>/g)?.length, 4);
  t.is(
    html.match(/<\/figure><table class="chart-table">/g)?.length,
    4,
    'each chart’s table beside it',
  );
  t.regex(html, /thead \{ display: table-header-group; \}/);
  t.regex(html, /@page \{ size: A4;/);
  t.regex(html, /<nav class="toc"/);
});

test('the same report gives the same bytes, whatever was rendered before it', async (t) => {
  const report = await smallReport('Samordningsförbundet Liten');
  const other = await smallReport('Samordningsförbundet Annan');
  const first = await renderAnnualReportHtml({ report, unit: 'tkr' });
  await renderAnnualReportHtml({ report: other, unit: 'kr' });
  const second = await renderAnnualReportHtml({ report, unit: 'tkr' });
  t.is(second, first);
  t.not(await renderAnnualReportHtml({ report, unit: 'kr' }), first);
});

test('financialReport false prints the participant tables alone, titled as they are: no statement, chart or guideline check', async (t) => {
  const report = await smallReport('Samordningsförbundet Liten');
  const participants = { år: 2021, insatser: [] };
  const html = await renderAnnualReportHtml({ report, participants, financialReport: false });
  t.true(html.includes('<title>Deltagarstatistik 2021</title>'));
  t.deepEqual(
    [...html.matchAll(/<section class="part" id="([^"]+)"/g)].map((match) => match[1]),
    ['deltagarstatistik'],
  );
  t.false(html.includes('<svg'), 'no chart');
  t.false(html.includes('class="statement-table"'), 'no statement');
  t.false(html.includes('class="lead"'), 'no note on the unit of amounts');
  t.true(html.includes('Inga deltagare i någon insats under 2021.'));
  const whole = await renderAnnualReportHtml({ report, participants });
  t.deepEqual(
    [...whole.matchAll(/<section class="part" id="([^"]+)"/g)].map((match) => match[1]).at(-1),
    'deltagarstatistik',
  );
  t.true(whole.includes('<title>Samordningsförbundet Liten – årsredovisning 2021</title>'));
});

test('a first year’s flerårsöversikt is charted over the year it has: no empty years on the axis or in the caption', async (t) => {
  const report = await smallReport('Liten');
  // The statement keeps its six columns, the year and the five before; only 2021 has figures.
  t.is(report.flerårsöversikt.columns.length, 6);
  const chart = flerårsöversiktChart(report);
  t.is(chart.title, 'Flerårsöversikt 2021: intäkter, kostnader och resultat');
  t.deepEqual(
    chart.table.rows.map((row) => [row.label, row.amounts.map((amount) => amount?.toString())]),
    [['2021', ['2000000.00', '2900000.40', '-900000.40']]],
  );
  t.regex(chart.description, /per år \(2021\) med/);
  const html = await renderAnnualReportHtml({ report, unit: 'kr' });
  t.true(
    html.includes(
      '<title id="diagram-eget-kapital-title">Eget kapital och riktlinjens gräns 2021</title>',
    ),
  );
  t.false(html.includes('2021–2021'));
});

test('a correction is marked where the text report marks it: on the label of each figure it changes, linking to its footnote under the table', async (t) => {
  const ledger = await smallLedger('Liten');
  const cost = await ledger.record(
    'KostnadBokförd',
    {
      datum: '2021-09-30',
      område: 'administrativa',
      post: 'Kansli',
      belopp: '1000.00',
      text: 'Dubbelbokförd faktura',
      betalning: { sätt: 'bank' },
    },
    { metadata },
  )();
  if (E.isLeft(cost)) throw cost.left;
  const corrected = await ledger.correct(
    cost.right.event.eventId,
    '2021-10-05',
    'Fakturan var redan bokförd',
    { metadata },
  )();
  if (E.isLeft(corrected)) throw corrected.left;
  const report = await ledger.annualReport(2021, { footnotes: true });
  const html = await renderAnnualReportHtml({ report, unit: 'kr' });
  const mark = '<sup class="footnote-mark"><a href="#resultatrakning-fotnot-1">[1]</a></sup>';
  t.true(html.includes(`<th scope="row">Verksamhetens kostnader ${mark}</th>`));
  t.true(html.includes(`<th scope="row">Årets resultat ${mark}</th>`));
  t.false(html.includes(`<th scope="row">Verksamhetens intäkter ${mark}`), 'income unchanged');
  t.regex(
    html,
    new RegExp(
      `<ul class="footnotes"><li id="resultatrakning-fotnot-1">\\[1\\] Rättelse 2021-10-05, verifikation 2021-\\d+: Rättelse: Dubbelbokförd faktura\\. Fakturan var redan bokförd\\.</li></ul>`,
    ),
  );
  // The same rows marked as in the text report, which prints ` [1]` after each label.
  const text = renderStatementText(report.resultaträkning, 'kr');
  const markedInText = report.resultaträkning.rows
    .filter((row) => new RegExp(`^ {2}${row.label} \\[1\\]`, 'm').test(text))
    .map((row) => row.key);
  const markedInHtml = [
    ...html.matchAll(
      /data-key="([^"]+)"><th scope="row">[^<]*<sup class="footnote-mark"><a href="#resultatrakning-fotnot-1">/g,
    ),
  ].map((match) => match[1]);
  t.deepEqual(markedInHtml, markedInText);
  t.deepEqual(markedInText, [
    'verksamhetens-kostnader',
    'verksamhetens-resultat',
    'årets-resultat',
  ]);
});

test('a balansräkning heading that carries a Not prints it in the Not column', async (t) => {
  const report = await smallReport('Liten');
  const html = await renderAnnualReportHtml({ report, unit: 'kr' });
  const headings = [
    ...html.matchAll(
      /<tr class="row-heading[^"]*" data-key="[^"]*"><th scope="rowgroup">([^<]+)<\/th><td class="note"><a href="#([^"]+)">(\d)<\/a><\/td><td colspan="2"><\/td><\/tr>/g,
    ),
  ];
  t.deepEqual(
    headings.map((match) => [match[1], match[3], match[2]]),
    [
      ['Omsättningstillgångar', '3', 'not-3-fordringar'],
      ['Eget kapital och skulder', '4', 'not-4-kortfristiga-skulder'],
    ],
  );
});

test('a year without a budget charts its utfall alone, leaves out the comparison year’s posts, and names a repeated post by its område', async (t) => {
  const ledger = await smallLedger('Liten');
  for (const område of ['administrativa', 'operativa'] as const) {
    const recorded = await ledger.record(
      'KostnadBokförd',
      {
        datum: '2022-03-01',
        område,
        post: 'Kansli',
        belopp: område === 'operativa' ? '1000.00' : '2000.00',
        text: `Kansli ${område}`,
        betalning: { sätt: 'bank' },
      },
      { metadata: { ...metadata, recordedAt: '2022-03-02T08:00:00.000Z' } },
    )();
    if (E.isLeft(recorded)) throw recorded.left;
  }
  const report = await ledger.annualReport(2022);
  const chart = budgetChart(report, 'kr');
  t.is(chart.title, 'Utfall 2022 per post i Not 2');
  t.deepEqual(chart.table.columns, ['Utfall']);
  // 2021's operativa post has no utfall in 2022 and no budget: nothing to draw.
  t.deepEqual(
    chart.table.rows.map((row) => [row.label, row.amounts.map((amount) => amount?.toString())]),
    [
      ['Kansli (Administrativa kostnader)', ['2000.00']],
      ['Kansli (Operativa individinsatser)', ['1000.00']],
    ],
  );
  const html = await renderAnnualReportHtml({ report, unit: 'kr' });
  t.false(html.includes('Budget och utfall 2022'));
  // A date in a column header stays on one line in print.
  t.regex(html, /<th scope="col" class="amount">[^<]*<span class="date">2022-12-31<\/span>/);
});

test('a year with a budget charts budget and utfall per post', async (t) => {
  const chart = budgetChart(await smallReport('Liten'), 'kr');
  t.is(chart.title, 'Budget och utfall 2021 per post i Not 2');
  t.deepEqual(chart.table.columns, ['Utfall', 'Budget']);
  t.deepEqual(
    chart.table.rows.map((row) => row.amounts.map((amount) => amount?.toString())),
    [
      ['450000.00', '500000.00'],
      ['2450000.40', '2000000.00'],
    ],
  );
});

test("the förvaltningsberättelse is the document's first part, its headings and paragraphs escaped", async (t) => {
  const ledger = await smallLedger('Samordningsförbundet Liten');
  const avsnitt = [
    { rubrik: 'Händelser av väsentlig betydelse', stycken: [hostile, 'Två nya insatser.'] },
    { rubrik: `Förväntad utveckling ${hostile}`, stycken: ['Bidragen höjs.'] },
  ];
  const recorded = await ledger.record(
    'FörvaltningsberättelseRegistrerad',
    { år: 2021, avsnitt },
    { metadata },
  )();
  if (E.isLeft(recorded)) return t.fail(recorded.left.message);
  const html = await renderAnnualReportHtml({ report: await ledger.annualReport(2021) });
  t.false(/<script/i.test(html));
  t.regex(html, /<ol><li><a href="#forvaltningsberattelse">Förvaltningsberättelse<\/a><\/li>/);
  t.true(
    html.includes(
      `<h2 id="forvaltningsberattelse-rubrik">Förvaltningsberättelse</h2><h3>Händelser av väsentlig betydelse</h3><p>${escapeHtml(hostile)}</p><p>Två nya insatser.</p><h3>Förväntad utveckling ${escapeHtml(hostile)}</h3><p>Bidragen höjs.</p></section>`,
    ),
  );
  t.true(html.indexOf('id="forvaltningsberattelse"') < html.indexOf('<h2 id="flerarsoversikt'));
  // A report without one has no such part.
  t.false(
    (await renderAnnualReportHtml({ report: await smallReport('Liten') })).includes(
      'Förvaltningsberättelse',
    ),
  );
});
