import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  differencesFromStatement,
  hledgerBinary,
  hledgerCheck,
  hledgerFiguresOfJournal,
  type StatementJson,
} from '../../hledger/src/hledgerReport.testSupport.js';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam export hledger` as a user runs it: a child process in a fresh temporary directory on
// the Roslagen example, its journal read by the real hledger and compared with
// `finsam report --format json` of the same year; and on Norrbäcken's with a correction, the
// tags that lead from a correction to what it corrects and back, as hledger queries them.

const roslagen = [
  '--store',
  join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl'),
  '--config',
  join(repositoryRoot, 'examples/roslagen/forbund.json'),
];

interface JsonReport {
  årsredovisning: { resultaträkning: StatementJson; balansräkning: StatementJson };
}

for (const year of ['2020', '2021', '2022']) {
  test(`finsam export hledger --year ${year}: hledger check passes and hledger's bse and is equal finsam report's`, async (t) => {
    const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-cli-'));
    t.teardown(() => rm(directory, { recursive: true, force: true }));
    const journal = join(directory, `roslagen-${year}.journal`);
    const exported = await runFinsamProcess(
      ['export', 'hledger', ...roslagen, '--year', year, '--out', journal],
      { cwd: directory },
    );
    t.is(exported.exitCode, 0, exported.stderr);
    t.is(exported.stdout, '');
    await t.notThrowsAsync(hledgerCheck(journal, ['--strict', 'ordereddates', 'uniqueleafnames']));
    const report = await runFinsamProcess(
      ['report', ...roslagen, '--year', year, '--format', 'json'],
      {
        cwd: directory,
      },
    );
    t.is(report.exitCode, 0, report.stderr);
    const { årsredovisning } = JSON.parse(report.stdout) as JsonReport;
    const figures = await hledgerFiguresOfJournal(journal);
    t.deepEqual(differencesFromStatement(figures.balansräkning, årsredovisning.balansräkning), []);
    t.deepEqual(
      differencesFromStatement(figures.resultaträkning, årsredovisning.resultaträkning),
      [],
    );
    t.true(figures.balansräkning.get('summa-tillgångar')!.isPositive());
  });
}

test('finsam export hledger without --out writes the journal to stdout', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-cli-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const exported = await runFinsamProcess(['export', 'hledger', ...roslagen, '--year', '2022'], {
    cwd: directory,
  });
  t.is(exported.exitCode, 0, exported.stderr);
  t.regex(exported.stdout, /^; Samordningsförbundet Roslagen – räkenskapsår 2022/);
  t.regex(exported.stdout, /^2022-01-01 \* \(IB-2022\) Ingående balans 2022/m);
  const refused = await runFinsamProcess(['export', 'hledger', ...roslagen, '--year', '1999'], {
    cwd: directory,
  });
  t.not(refused.exitCode, 0);
  t.regex(refused.stderr, /1999/);
  t.deepEqual(await readdir(directory), [], 'nothing written');
});

/** The transactions hledger finds for `query` in `journal`, each with its tags. */
async function hledgerTransactions(journal: string, query: string) {
  const { stdout } = await promisify(execFile)(hledgerBinary, [
    '-f',
    journal,
    'print',
    '-O',
    'json',
    query,
  ]);
  return (JSON.parse(stdout) as { tcode: string; ttags: [string, string][] }[]).map(
    ({ tcode, ttags }) => ({ code: tcode, tags: ttags }),
  );
}

test('finsam export hledger tags a correction rättar and the transaction it corrects rättadAv, also from a later year, and hledger finds each by its tag', async (t) => {
  t.timeout(600_000);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-hledger-rattelse-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  const example = join(repositoryRoot, 'examples/norrbacken');
  await copyFile(join(example, 'forbund.json'), join(directory, 'forbund.json'));
  t.is((await run('init')).exitCode, 0);
  t.is((await run('record', join(example, 'events.jsonl'))).exitCode, 0);
  // The förbundschef's cost of 2024 (the example's line 6), corrected in 2026, both years closed.
  const cost = JSON.parse(
    (await readFile(join(example, 'events.jsonl'), 'utf8')).split('\n')[5]!,
  ) as { eventId: string; type: string; data: Record<string, unknown> };
  const correctionId = '4e6f7262-0000-4000-8000-0000000000c1';
  const correction = {
    type: 'HändelseRättad',
    data: {
      datum: '2026-03-02',
      rättadEventId: cost.eventId,
      orsak: 'Fakturan gällde fel period.',
      // As stored: the schema fills in the moms the line leaves out.
      original: { type: cost.type, schemaVersion: 1, data: { ...cost.data, moms: '0.00' } },
    },
    metadata: { recordedBy: 'ekonom@norrbacken.example' },
    eventId: correctionId,
  };
  await writeFile(join(directory, 'rattelse.jsonl'), `${JSON.stringify(correction)}\n`);
  const recorded = await run('record', 'rattelse.jsonl');
  t.is(recorded.exitCode, 0, recorded.stderr);
  const journalOf = async (year: string) => {
    const journal = join(directory, `${year}.journal`);
    const exported = await run('export', 'hledger', '--year', year, '--out', journal);
    t.is(exported.exitCode, 0, exported.stderr);
    return journal;
  };
  const journal2024 = await journalOf('2024');
  const corrected = await hledgerTransactions(journal2024, 'tag:rättadAv');
  t.is(corrected.length, 1, 'only the corrected transaction');
  t.deepEqual(
    corrected[0]!.tags.filter(([name]) => name === 'eventId' || name === 'rättadAv'),
    [
      ['eventId', cost.eventId],
      ['rättadAv', correctionId],
    ],
  );
  t.deepEqual(await hledgerTransactions(journal2024, 'tag:rättar'), []);
  const corrections = await hledgerTransactions(await journalOf('2026'), 'tag:rättar');
  t.true(corrections.length > 0);
  for (const { tags } of corrections) {
    t.deepEqual(
      tags.filter(([name]) => name === 'eventId' || name === 'rättar'),
      [
        ['eventId', correctionId],
        ['rättar', cost.eventId],
      ],
    );
    t.false(tags.some(([name]) => name === 'rättadAv'));
  }
  // The same books give the same journal.
  const again = await run('export', 'hledger', '--year', '2024');
  t.is(again.stdout, await readFile(journal2024, 'utf8'));
});
