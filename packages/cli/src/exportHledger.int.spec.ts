import test from 'ava';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  differencesFromStatement,
  hledgerCheck,
  hledgerFiguresOfJournal,
  type StatementJson,
} from '../../hledger/src/hledgerReport.testSupport.js';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam export hledger` as a user runs it: a child process in a fresh temporary directory on
// the Roslagen example, its journal read by the real hledger and compared with
// `finsam report --format json` of the same year.

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
