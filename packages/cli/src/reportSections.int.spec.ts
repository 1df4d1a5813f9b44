import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { participantSheetName, statementSheetNames } from '@finsam-ledger/xlsx';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam report --section` in every format, as a user runs it (a child process in a fresh
// temporary directory on Roslagen's books 2020): `deltagare` prints the participant tables and
// no statement, `ekonomi` the statements and no participant table.

const roslagen = [
  '--store',
  join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl'),
  '--config',
  join(repositoryRoot, 'examples/roslagen/forbund.json'),
];
const pdfTimeoutMs = 300_000;

/** The report of 2020 in `format`, limited to `section`, as the text (or bytes) it wrote. */
async function reportOf(format: string, section: string): Promise<Buffer> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-section-'));
  try {
    const out = join(directory, `report.${format}`);
    const args = ['report', ...roslagen, '--year', '2020', '--format', format];
    const run = await runFinsamProcess([...args, '--section', section, '--out', out], {
      cwd: directory,
    });
    if (run.exitCode !== 0) throw new Error(`exit ${run.exitCode}: ${run.stderr}`);
    return await readFile(out);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * What the text formats print for each part: a statement's name, and the participant title or a
 * row of the participant tables (`Inskrivna under perioden`; the CSV's key `inskrivna,`). Not the
 * bare word: the förvaltningsberättelse tells of participants inskrivna in its prose.
 */
const statementMark = /Resultaträkning|Balansräkning/;
const participantMark = /Deltagarstatistik 2020|Inskrivna under perioden|^"?inskrivna"?,/m;

// The reports are large: a test says what it found rather than printing the whole report.
for (const format of ['text', 'md', 'csv', 'html'] as const) {
  test.serial(
    `report --format ${format} --section deltagare prints the participant tables and no statement`,
    async (t) => {
      const text = (await reportOf(format, 'deltagare')).toString('utf8');
      t.true(participantMark.test(text), 'the participant tables');
      t.is(statementMark.exec(text)?.[0], undefined);
    },
  );

  test.serial(
    `report --format ${format} --section ekonomi prints the statements and no participant table`,
    async (t) => {
      const text = (await reportOf(format, 'ekonomi')).toString('utf8');
      t.true(statementMark.test(text), 'the statements');
      t.is(participantMark.exec(text)?.[0], undefined);
    },
  );
}

test.serial('report --format json has the part of the section asked for', async (t) => {
  const keysOf = async (section: string) =>
    Object.keys(JSON.parse((await reportOf('json', section)).toString('utf8')) as object);
  const head = ['förbund', 'förbundId', 'år', 'belopp', 'enhet'];
  t.deepEqual(await keysOf('deltagare'), [...head, 'deltagare']);
  t.deepEqual(await keysOf('ekonomi'), [...head, 'årsredovisning']);
});

test.serial(
  'report --format html --section deltagare is titled by the participant tables, with no chart and no unit note',
  async (t) => {
    const html = (await reportOf('html', 'deltagare')).toString('utf8');
    t.true(html.includes('<title>Deltagarstatistik 2020, Samordningsförbundet Roslagen</title>'));
    t.false(html.includes('<svg'));
    t.false(html.includes('class="lead"'));
    t.deepEqual(
      [...html.matchAll(/<section class="part" id="([^"]+)"/g)].map((match) => match[1]),
      ['deltagarstatistik'],
    );
  },
);

test.serial('report --format xlsx has the sheets of the section asked for', async (t) => {
  const sheetsOf = async (section: string) => XLSX.read(await reportOf('xlsx', section)).SheetNames;
  t.deepEqual(await sheetsOf('deltagare'), [participantSheetName]);
  const financial = await sheetsOf('ekonomi');
  t.deepEqual(financial, [...Object.values(statementSheetNames), 'Riktlinjer']);
});

test.serial(
  'report --format pdf --section deltagare prints the participant tables and no statement',
  async (t) => {
    t.timeout(pdfTimeoutMs);
    const pdf = await reportOf('pdf', 'deltagare');
    const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false })
      .promise;
    try {
      let text = '';
      for (let number = 1; number <= document.numPages; number += 1) {
        const content = await (await document.getPage(number)).getTextContent();
        text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
      }
      t.true(text.includes('Deltagarstatistik'));
      t.is(statementMark.exec(text)?.[0], undefined);
    } finally {
      await document.destroy();
    }
  },
);
