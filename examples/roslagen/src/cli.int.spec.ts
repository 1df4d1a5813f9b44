import test from 'ava';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

test('the main job, run as `pnpm start` runs it, prints the 2020 report (RR, BR, KF among it) and the participant tables', async (t) => {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=finsam-source',
      'examples/roslagen/src/main.ts',
      '--',
      '--year',
      '2020',
    ],
    { cwd: root },
  );
  t.regex(stdout, /^ {2}Verksamhetens intäkter\s+1\s+9 561 772\s+8 675 276$/m);
  t.regex(stdout, /^ {2}Summa eget kapital och skulder\s+5 525 049\s+4 464 786$/m);
  t.regex(stdout, /^ {2}Likvida medel vid årets slut\s+3 920 436\s+2 573 298$/m);
  t.regex(stdout, /Deltagare anvisade från - MIA Roslagen/);
});

interface JsonStatement {
  name: string;
  rows: { key: string; amounts: (string | null)[] }[];
}
interface JsonReport {
  år: number;
  årsredovisning: Record<string, JsonStatement> & {
    finansiellaRiktlinjer: { checks: { key: string; passed: boolean | null }[] };
  };
  deltagare: { år: number; insatser: { insatsId: string }[] };
}

const reportParts = [
  'flerårsöversikt',
  'resultaträkning',
  'balansräkning',
  'kassaflödesanalys',
  'driftredovisning',
  'not1',
  'not2',
  'not3',
  'not4',
  'finansiellaRiktlinjer',
];

test('--format json gives the same figures as data', async (t) => {
  const { exitCode, output } = await runCli(['--year', '2020', '--format', 'json']);
  t.is(exitCode, 0);
  const json = JSON.parse(output) as JsonReport;
  t.is(json.år, 2020);
  t.deepEqual(Object.keys(json.årsredovisning).sort(), ['år', ...reportParts].sort());
  const rr = json.årsredovisning['resultaträkning']!;
  t.is(rr.name, 'Resultaträkning');
  t.deepEqual(rr.rows.find((row) => row.key === 'årets-resultat')!.amounts, [
    '566928.00',
    '1979011.00',
  ]);
  t.is(json.deltagare.år, 2020);
  t.deepEqual(
    json.deltagare.insatser.map((insats) => insats.insatsId),
    ['mia-roslagen', 'mia-vidare-roslagen'],
  );
  const text = await runCli(['--year', '2020', '--unit', 'tkr']);
  t.regex(text.output, /^ {2}Verksamhetens kostnader\s+2\s+-8 995\s+-6 696$/m);
});

test('`start -- --year 2022` prints the full set, and --format json gives the same data', async (t) => {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=finsam-source',
      'examples/roslagen/src/main.ts',
      '--',
      '--year',
      '2022',
      '--unit',
      'tkr',
    ],
    { cwd: root },
  );
  for (const heading of [
    'Flerårsöversikt',
    'Resultaträkning',
    'Balansräkning',
    'Kassaflödesanalys',
    'Driftredovisning',
    'Not 1 Verksamhetens intäkter',
    'Not 2 Verksamhetens kostnader',
    'Not 3 Fordringar',
    'Not 4 Kortfristiga skulder',
    'Finansiella riktlinjer',
  ]) {
    t.regex(stdout, new RegExp(`^${heading}`, 'm'), `prints ${heading}`);
  }
  t.regex(stdout, /^ {2}Verksamhetens intäkter\s+1\s+8 217\s+9 169$/m);
  t.regex(stdout, /^ {2}Årets resultat\s+-2 091\s+-1 138$/m);
  const json = JSON.parse(
    (await runCli(['--year', '2022', '--format', 'json'])).output,
  ) as JsonReport;
  t.deepEqual(Object.keys(json.årsredovisning).sort(), ['år', ...reportParts].sort());
  t.is(
    json.årsredovisning['driftredovisning']!.rows.find((row) => row.key === 'nettokostnad')!.amounts
      .length,
    4,
  );
  t.true(json.årsredovisning.finansiellaRiktlinjer.checks.length >= 5);
});

test('bad arguments get a usage message and exit code 2', async (t) => {
  const result = await runCli(['--format', 'xml']);
  t.is(result.exitCode, 2);
  t.regex(result.output, /usage: start/);
});
