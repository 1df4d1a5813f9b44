import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './runCli.testSupport.js';

// Issue 11's second acceptance, word for word as a user types it at the repository root:
// `npx -y pnpm@10 -s finsam report --store … --config … --year 2020 --format json` gives the
// same figures as `npx -y pnpm@10 start -- --year 2020 --format json`. Both go through pnpm
// and the root scripts, so a change to either script (its store, its configuration, its
// arguments) is caught here, not only a change to the command behind them.

interface JsonReport {
  förbund: string;
  förbundId: string;
  år: number;
  belopp: string;
  enhet: string;
  årsredovisning: Record<string, { rows: { key: string; amounts: (string | null)[] }[] }>;
  deltagare: { år: number };
}

function npx(
  args: readonly string[],
  cwd = repositoryRoot,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile('npx', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: (error as { code?: number } | null)?.code ?? 0, stdout, stderr }),
    ),
  );
}

test('`pnpm -s finsam report` on the Roslagen store and configuration gives the figures `pnpm start` gives', async (t) => {
  // Each run starts Node (and pnpm) afresh: slow on a loaded machine.
  t.timeout(600_000);
  const finsam = await npx([
    '-y',
    'pnpm@10',
    '-s',
    'finsam',
    'report',
    '--store',
    'examples/roslagen/data/roslagen.finsam.jsonl',
    '--config',
    'examples/roslagen/forbund.json',
    '--year',
    '2020',
    '--format',
    'json',
  ]);
  t.is(finsam.code, 0, finsam.stderr);
  // With -s, pnpm adds nothing: stdout is the JSON and nothing else.
  const report = JSON.parse(finsam.stdout) as JsonReport;

  const start = await npx(['-y', 'pnpm@10', 'start', '--', '--year', '2020', '--format', 'json']);
  t.is(start.code, 0, start.stderr);
  // Without -s, pnpm first echoes the script it runs; the report follows.
  const jsonStart = start.stdout.indexOf('\n{\n');
  t.true(jsonStart >= 0, start.stdout.slice(0, 500));
  t.regex(start.stdout.slice(0, jsonStart), /^> finsam-ledger@ start /m);
  const started = JSON.parse(start.stdout.slice(jsonStart)) as JsonReport;

  t.is(report.förbund, 'Samordningsförbundet Roslagen');
  t.is(report.år, 2020);
  t.deepEqual(report.årsredovisning, started.årsredovisning);
  t.deepEqual(report.deltagare, started.deltagare);
  t.is(report.belopp, started.belopp);
  // The only difference is the unit the text would be printed in: the configuration's
  // presentation.enhet for finsam, kr for `start`; JSON states it and keeps exact kronor.
  t.is(report.enhet, 'tkr');
  t.is(started.enhet, 'kr');
  t.deepEqual(
    report.årsredovisning['resultaträkning']!.rows.find((row) => row.key === 'årets-resultat')!
      .amounts,
    ['566928.00', '1979011.00'],
  );
  t.deepEqual(
    report.årsredovisning['balansräkning']!.rows.find(
      (row) => row.key === 'summa-eget-kapital-och-skulder',
    )!.amounts,
    ['5525049.00', '4464786.00'],
  );
});

test('`pnpm -s finsam` run from another directory reads and writes its relative paths there, not in the repository', async (t) => {
  t.timeout(600_000);
  const directory = await mkdtemp(join(tmpdir(), 'finsam-elsewhere-'));
  const init = await npx(
    [
      '-y',
      'pnpm@10',
      '-C',
      repositoryRoot,
      '-s',
      'finsam',
      'init',
      '--namn',
      'Test',
      '--forbund-id',
      'test',
    ],
    directory,
  );
  t.is(init.code, 0, init.stderr);
  // The output names where the files are, in full.
  t.true(init.stdout.startsWith(`wrote ${join(directory, 'forbund.json')} (`), init.stdout);
  t.regex(
    init.stdout,
    new RegExp(`^created the empty store ${join(directory, 'finsam.jsonl')}$`, 'm'),
  );
  t.deepEqual(
    (await readdir(directory)).filter((name) => !/\.(ids|index|head)$/.test(name)),
    ['finsam.jsonl', 'forbund.json'],
  );
  t.false(existsSync(join(repositoryRoot, 'forbund.json')));
  const verify = await npx(
    ['-y', 'pnpm@10', '-C', repositoryRoot, '-s', 'finsam', 'verify'],
    directory,
  );
  t.is(verify.code, 0, verify.stderr);
  t.regex(verify.stdout, /intact: 0 events/);
});
