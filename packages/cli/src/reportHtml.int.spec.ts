import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { chromium, type BrowserContext } from 'playwright-core';
import { formatMoney, Money, type MoneyUnit } from '@finsam-ledger/core';
import { chromiumFlags, findChromium } from './printPdf.js';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam report --format html|pdf` on Roslagen's books, read back by a real browser: Debian's
// headless Chromium (installed by .ci/run when missing) opens the HTML file and the test reads
// the figures from the DOM, counts the marks of every chart, takes an A4 screenshot (kept under
// packages/cli/test-artefacts/, which git ignores) and counts the pages of the printed PDF.

const roslagen = [
  '--store',
  'examples/roslagen/data/roslagen.finsam.jsonl',
  '--config',
  'examples/roslagen/forbund.json',
];
const artefacts = join(repositoryRoot, 'packages/cli/test-artefacts');
const browserTimeoutMs = 180_000;

const statementKeys = [
  'flerårsöversikt',
  'resultaträkning',
  'balansräkning',
  'kassaflödesanalys',
  'driftredovisning',
  'not1',
  'not2',
  'not3',
  'not4',
] as const;

interface JsonStatement {
  name: string;
  fixedUnit?: MoneyUnit;
  columns: { year: number; kind?: string; source: string }[];
  rows: { key: string; kind: string; unit?: string; amounts: (string | null)[] }[];
  footnotes?: { number: number; text: string }[];
}
interface JsonCheck {
  key: string;
  passed: boolean | null;
}
interface JsonReport {
  förbund: string;
  årsredovisning: Record<(typeof statementKeys)[number], JsonStatement> & {
    finansiellaRiktlinjer: { checks: JsonCheck[] };
  };
  deltagare: {
    insatser: {
      year: { tables: { periodFrån: string } };
      sinceStart: { tables: { periodFrån: string } };
    }[];
  };
}

interface DomRow {
  key: string;
  className: string;
  cells: { text: string; exact: string | null }[];
}
interface DomPage {
  statements: {
    caption: string;
    unit: MoneyUnit;
    rows: DomRow[];
    footnotes: string[];
    /** Each footnote mark's text, and whether the element it links to is that footnote. */
    marks: { text: string; resolves: boolean }[];
  }[];
  charts: {
    id: string;
    role: string | null;
    ariaLabel: string | null;
    title: string;
    description: string;
    bars: number;
    points: number;
    tableRows: number;
  }[];
  checks: { key: string; passed: string }[];
  participantSections: number;
  parts: string[];
  captionsMissing: number;
  columnHeadersWithoutScope: number;
}

// Read in the page as a string of plain JavaScript: the test's TypeScript is compiled by tsx,
// whose helpers do not exist in the page.
const readDom = `(() => {
  const text = (element) => (element ? element.textContent : '');
  return {
    statements: [...document.querySelectorAll('table.statement-table')].map((table) => ({
      caption: text(table.querySelector('caption')),
      unit: table.dataset.unit,
      rows: [...table.querySelectorAll('tbody tr')].map((row) => ({
        key: row.dataset.key,
        className: row.className,
        cells: [...row.querySelectorAll('td.amount')].map((cell) => ({
          text: cell.textContent,
          exact: cell.dataset.exact === undefined ? null : cell.dataset.exact,
        })),
      })),
      footnotes: table.nextElementSibling && table.nextElementSibling.matches('ul.footnotes')
        ? [...table.nextElementSibling.querySelectorAll('li')].map((item) => item.textContent)
        : [],
      marks: [...table.querySelectorAll('sup.footnote-mark a')].map((link) => {
        const target = document.getElementById(link.getAttribute('href').slice(1));
        return {
          text: link.textContent,
          resolves: target !== null && target.textContent.startsWith(link.textContent + ' '),
        };
      }),
    })),
    charts: [...document.querySelectorAll('[data-chart]')].map((block) => {
      const svg = block.querySelector('svg');
      return {
        id: block.dataset.chart,
        role: svg.getAttribute('role'),
        ariaLabel: svg.getAttribute('aria-label'),
        title: text(svg.querySelector(':scope > title')),
        description: text(svg.querySelector(':scope > desc')),
        bars: svg.querySelectorAll('g.mark-rect.role-mark > path').length,
        points: svg.querySelectorAll('g.mark-symbol.role-mark > path').length,
        tableRows: block.querySelectorAll('table.chart-table tbody tr').length,
      };
    }),
    checks: [...document.querySelectorAll('tr.check')].map((row) => ({
      key: row.dataset.key,
      passed: row.dataset.passed,
    })),
    participantSections: document.querySelectorAll('section.participant-section').length,
    parts: [...document.querySelectorAll('section.part > h2')].map((heading) => heading.textContent),
    captionsMissing: [...document.querySelectorAll('table')].filter((table) => !table.querySelector(':scope > caption')).length,
    columnHeadersWithoutScope: document.querySelectorAll('thead th:not([scope="col"])').length,
  };
})()`;

async function withBrowser<Result>(use: (context: BrowserContext) => Promise<Result>) {
  const profile = await mkdtemp(join(tmpdir(), 'finsam-test-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: await findChromium(process.env['FINSAM_CHROMIUM']),
    headless: true,
    args: [...chromiumFlags],
    timeout: browserTimeoutMs,
  });
  context.setDefaultTimeout(browserTimeoutMs);
  try {
    return await use(context);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** The amount as the HTML prints it, from the JSON's exact kronor (or empty for no figure). */
const printed = (amount: string | null, unit: MoneyUnit, staffing: boolean): string => {
  if (amount === null) return '';
  const text = staffing
    ? formatMoney(Money.from(amount), 'kr', 1)
    : formatMoney(Money.from(amount), unit);
  return text.replace(/^-/, '\u2212').replace(/ /g, '\u00a0');
};

const nonNull = (
  statement: JsonStatement,
  prefix: string,
  columns: readonly number[],
  { withAmountOnly = false } = {},
) =>
  statement.rows
    .filter((row) => row.key.startsWith(prefix))
    // The budget chart leaves out a post with nothing to draw (a comparison year's only).
    .filter(
      (row) =>
        !withAmountOnly ||
        columns.some((index) => ![null, undefined, '0.00'].includes(row.amounts[index])),
    )
    .flatMap((row) => columns.map((index) => row.amounts[index] ?? null))
    .filter((amount) => amount !== null).length;

/** The marks each chart must have: one bar or point per figure the JSON report has. */
function expectedMarks(json: JsonReport, year: number): Record<string, [number, number]> {
  const report = json.årsredovisning;
  const overview = report['flerårsöversikt'];
  const all = overview.columns.map((_column, index) => index);
  const not2 = report['not2'];
  const column = (kind: string) => not2.columns.findIndex((each) => each.kind === kind);
  const yearsInBooks = overview.columns.filter(
    (each) => each.source === 'bokföring' && each.year <= year,
  ).length;
  return {
    'diagram-flerarsoversikt': [
      nonNull(overview, 'verksamhetens-', all),
      nonNull(overview, 'årets-resultat', all),
    ],
    'diagram-kostnader-per-omrade': [
      nonNull(not2, 'summa:', [column('utfall'), column('jämförelseår')]),
      0,
    ],
    'diagram-budget-och-utfall': [
      nonNull(not2, 'post:', [column('utfall'), column('budget')], { withAmountOnly: true }),
      0,
    ],
    'diagram-eget-kapital': [yearsInBooks, yearsInBooks],
  };
}

function assertStatements(
  t: import('ava').ExecutionContext,
  dom: DomPage,
  json: JsonReport,
  unit: MoneyUnit,
) {
  t.is(dom.statements.length, statementKeys.length);
  // Roslagen's books hold a correction of 2020 booked in 2021 and historical years: footnoted.
  t.true(statementKeys.some((key) => (json.årsredovisning[key].footnotes ?? []).length > 0));
  statementKeys.forEach((key, index) => {
    const expected = json.årsredovisning[key];
    const table = dom.statements[index]!;
    t.true(table.caption.startsWith(expected.name), table.caption);
    t.is(table.unit, expected.fixedUnit ?? unit, expected.name);
    const totals = expected.rows.filter((row) => row.kind === 'total' || row.kind === 'subtotal');
    t.true(totals.length > 0, `${expected.name} has totals`);
    // Corrections and historical figures: the JSON's footnotes under the table, every mark a
    // link to one of them, and each footnote marked somewhere.
    const footnotes = (expected.footnotes ?? []).map((each) => `[${each.number}] ${each.text}`);
    t.deepEqual(table.footnotes, footnotes, `${expected.name} footnotes`);
    t.true(
      table.marks.every((mark) => mark.resolves),
      `${expected.name} marks link to their footnotes`,
    );
    t.deepEqual(
      [...new Set(table.marks.map((mark) => mark.text))].sort(),
      footnotes.map((footnote) => footnote.slice(0, footnote.indexOf(']') + 1)).sort(),
      `${expected.name} every footnote marked`,
    );
    for (const row of totals) {
      const domRow = table.rows.find((candidate) => candidate.key === row.key);
      t.truthy(domRow, `${expected.name} ${row.key}`);
      t.deepEqual(
        domRow!.cells.map((cell) => cell.text),
        row.amounts.map((amount) => printed(amount, table.unit, row.unit === 'årsarbetare')),
        `${expected.name} ${row.key}`,
      );
      t.deepEqual(
        domRow!.cells.map((cell) => cell.exact),
        row.amounts,
      );
    }
  });
}

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

for (const [year, unit] of [
  [2022, 'tkr'],
  [2020, 'kr'],
] as const) {
  test.serial(
    `the HTML report of Roslagen ${year}, opened in headless Chromium, shows the JSON report's totals, every chart's marks, and prints on A4`,
    async (t) => {
      t.timeout(600_000);
      const directory = await mkdtemp(join(tmpdir(), 'finsam-html-'));
      t.teardown(() => rm(directory, { recursive: true, force: true }));
      const htmlPath = join(directory, `roslagen-${year}.html`);
      const pdfPath = join(directory, `roslagen-${year}.pdf`);
      const common = [...roslagen, 'report', '--year', String(year), '--unit', unit];
      const jsonRun = await runFinsamProcess([...common, '--format', 'json']);
      t.is(jsonRun.exitCode, 0, jsonRun.stderr);
      const htmlRun = await runFinsamProcess([...common, '--format', 'html', '--out', htmlPath]);
      t.is(htmlRun.exitCode, 0, htmlRun.stderr);
      const json = JSON.parse(jsonRun.stdout) as JsonReport;

      await withBrowser(async (context) => {
        const page = await context.newPage();
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
        t.deepEqual(requests, [pathToFileURL(htmlPath).href], 'nothing but the file is fetched');
        t.is(await page.title(), `${json.förbund} – årsredovisning ${year}`);
        const dom = (await page.evaluate(readDom)) as DomPage;

        assertStatements(t, dom, json, unit);
        const marks = expectedMarks(json, year);
        t.deepEqual(
          dom.charts.map((chart) => chart.id),
          Object.keys(marks),
        );
        for (const chart of dom.charts) {
          t.deepEqual([chart.bars, chart.points], marks[chart.id], chart.id);
          t.true(chart.bars > 0, chart.id);
          t.is(chart.role, 'img');
          t.true((chart.ariaLabel ?? '').length > 10 && chart.title === chart.ariaLabel);
          t.regex(chart.description, /Tabellen bredvid har samma siffror/);
          t.true(chart.tableRows > 0);
        }
        t.deepEqual(
          dom.checks.map((check) => [check.key, check.passed]),
          json.årsredovisning.finansiellaRiktlinjer.checks.map((check) => [
            check.key,
            String(check.passed),
          ]),
        );
        const sections = json.deltagare.insatser.flatMap((insats) =>
          insats.sinceStart.tables.periodFrån < insats.year.tables.periodFrån ? [1, 1] : [1],
        ).length;
        t.true(sections > 0);
        t.is(dom.participantSections, sections);
        t.is(dom.captionsMissing, 0);
        t.is(dom.columnHeadersWithoutScope, 0);

        // The first A4 page as print shows it: 210 mm × 297 mm at 96 px per inch.
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 794, height: 1123 });
        await mkdir(artefacts, { recursive: true });
        const screenshot = await page.screenshot({
          path: join(artefacts, `roslagen-${year}-a4.png`),
        });
        t.deepEqual(pngSize(screenshot), { width: 794, height: 1123 });

        const pdfRun = await runFinsamProcess([...common, '--format', 'pdf', '--out', pdfPath]);
        t.is(pdfRun.exitCode, 0, pdfRun.stderr);
        await assertPdfPages(t, await readFile(pdfPath), dom.parts);
      });
    },
  );
}

/**
 * The PDF's pages, counted and read by PDF.js: every page is A4, and every part of the report
 * (each statement, the guideline checks, the participant tables) starts on a page of its own
 * after the title page with the table of contents. The exact count depends on the fonts the
 * machine has, so it is bounded by that structure: at least one page per part plus the title
 * page, at most a generous few per part.
 */
async function assertPdfPages(
  t: import('ava').ExecutionContext,
  pdf: Buffer,
  parts: readonly string[],
) {
  t.is(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    const pages = document.numPages;
    t.true(pages >= parts.length + 1, `${pages} pages for ${parts.length} parts`);
    t.true(pages <= (parts.length + 1) * 6, `${pages} pages`);
    const firstPageOf: number[] = [];
    const strandedSums: number[] = [];
    for (let number = 1; number <= pages; number += 1) {
      const page = await document.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      t.true(Math.abs(width - 595.92) < 1 && Math.abs(height - 842.88) < 1, `page ${number} A4`);
      const content = await page.getTextContent();
      // A heading wrapped over two lines loses its space in the text PDF.js reads: compare
      // without white space.
      const text = content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .replace(/\s+/g, '');
      // A table continued from the page before repeats its header ("Post", the Not column,
      // the dates); a Summa row straight under it was left without a row of its own. Only
      // tables whose columns are dates (the statements and notes) are recognised this way.
      if (/^Post(Not)?(\d{4}-\d{2}-\d{2})+Summa/.test(text)) strandedSums.push(number);
      parts.forEach((heading, index) => {
        if (
          firstPageOf[index] === undefined &&
          number > 1 &&
          text.startsWith(heading.replace(/\s+/g, ''))
        )
          firstPageOf[index] = number;
      });
    }
    t.is(
      firstPageOf.filter((page) => page !== undefined).length,
      parts.length,
      'each part heads a page',
    );
    t.deepEqual(
      [...firstPageOf].sort((left, right) => left - right),
      firstPageOf,
    );
    t.deepEqual(
      strandedSums,
      [],
      'no page continues a table of dated columns with its Summa row alone under the header',
    );
  } finally {
    await document.destroy();
  }
}

test('--format pdf without Chromium is refused with CHROMIUM_NOT_FOUND naming the Debian package, and writes nothing', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-nochromium-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const missing = join(directory, 'no', 'chromium');
  const out = join(directory, 'report.pdf');
  const byOption = await runFinsamProcess([
    ...roslagen,
    'report',
    '--year',
    '2022',
    '--format',
    'pdf',
    '--chromium',
    missing,
    '--out',
    out,
  ]);
  t.is(byOption.exitCode, 1, byOption.stderr);
  t.regex(byOption.stderr, /^CHROMIUM_NOT_FOUND: No Chromium executable at .*no\/chromium/m);
  t.regex(byOption.stderr, /install Debian's package chromium \(apt-get install chromium\)/);
  t.regex(byOption.stderr, /field --chromium: rule chromium-installed/);
  t.false(existsSync(out));
  const scriptPath = join(directory, 'env.mts');
  await writeFile(
    scriptPath,
    `process.env.FINSAM_CHROMIUM = ${JSON.stringify(missing)};\nawait import(${JSON.stringify(pathToFileURL(join(repositoryRoot, 'packages/cli/src/main.ts')).href)});\n`,
  );
  const byEnvironment = await runFinsamProcess(
    [...roslagen, 'report', '--year', '2022', '--format', 'pdf', '--out', out],
    { script: scriptPath },
  );
  t.is(byEnvironment.exitCode, 1, byEnvironment.stderr);
  t.regex(byEnvironment.stderr, /CHROMIUM_NOT_FOUND: .*given by --chromium or FINSAM_CHROMIUM/);
  t.false(existsSync(out));
});

test('the runnable example of docs/report-html.md writes the HTML report it describes', async (t) => {
  const page = await readFile(join(repositoryRoot, 'docs/report-html.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)\n```/.exec(page)?.[1];
  t.truthy(block, 'the page has a sh block');
  const command = block!.replace(/\\\n\s*/g, ' ').trim();
  t.regex(command, /^finsam report .*--format html --out roslagen-2022\.html$/);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-html-doc-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const args = command
    .split(/\s+/)
    .slice(1)
    .map((arg) => (arg === 'roslagen-2022.html' ? join(directory, arg) : arg));
  const run = await runFinsamProcess(args);
  t.is(run.exitCode, 0, run.stderr);
  const html = await readFile(join(directory, 'roslagen-2022.html'), 'utf8');
  t.regex(html, /<title>Samordningsförbundet Roslagen – årsredovisning 2022<\/title>/);
  t.regex(html, /<caption>Resultaträkning 2022, belopp i tusental kronor \(tkr\)<\/caption>/);
  for (const line of ['--format pdf', 'FINSAM_CHROMIUM', 'apt-get install chromium'])
    t.true(page.includes(line), line);
});
