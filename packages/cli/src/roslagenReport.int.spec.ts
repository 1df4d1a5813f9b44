import test from 'ava';
import { readFile } from 'node:fs/promises';
import { runFinsamProcess } from './runCli.testSupport.js';

// The Roslagen example through `finsam report`, as `npx -y pnpm@10 start` runs it. These are
// the assertions of the example's former CLI test (examples/roslagen/src/cli.int.spec.ts),
// ported to the finsam command, plus the comparison with that CLI's output before it was
// replaced (fixtures/roslagen2020.before.json).

const roslagen = [
  '--store',
  'examples/roslagen/data/roslagen.finsam.jsonl',
  '--config',
  'examples/roslagen/forbund.json',
];
// What the root `start` script adds: `start` prints in kr unless --unit says otherwise.
const start = ['report', ...roslagen, '--unit', 'kr'];

interface JsonStatement {
  name: string;
  columns: { label: string }[];
  rows: { key: string; amounts: (string | null)[] }[];
}
interface JsonReport {
  förbund: string;
  år: number;
  enhet: string;
  årsredovisning: Record<string, JsonStatement> & {
    finansiellaRiktlinjer: {
      checks: { key: string; passed: boolean | null; figures: Record<string, string> }[];
    };
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

test('the main job, run as `pnpm start` runs it, prints the 2020 report (RR, BR, KF among it) and the participant tables', async (t) => {
  const { exitCode, stdout, stderr } = await runFinsamProcess([...start, '--', '--year', '2020']);
  t.is(exitCode, 0, stderr);
  t.is(stderr, '', 'no progress output when stderr is not a terminal');
  t.regex(stdout, /^Samordningsförbundet Roslagen – årsredovisning 2020$/m);
  t.regex(stdout, /^ {2}Verksamhetens intäkter\s+1\s+9 561 772\s+8 675 276$/m);
  t.regex(stdout, /^ {2}Summa eget kapital och skulder\s+5 525 049\s+4 464 786$/m);
  t.regex(stdout, /^ {2}Likvida medel vid årets slut\s+3 920 436\s+2 573 298$/m);
  t.regex(stdout, /Deltagare anvisade från - MIA Roslagen/);
});

test('--format json gives the same figures as data, and --unit tkr the text in tkr', async (t) => {
  const { exitCode, stdout } = await runFinsamProcess([
    ...start,
    '--year',
    '2020',
    '--format',
    'json',
  ]);
  t.is(exitCode, 0);
  const json = JSON.parse(stdout) as JsonReport;
  t.is(json.år, 2020);
  t.is(json.förbund, 'Samordningsförbundet Roslagen');
  t.is(json.enhet, 'kr');
  t.deepEqual(
    Object.keys(json.årsredovisning).sort(),
    ['år', 'namn', 'förvaltningsberättelse', ...reportParts].sort(),
    'the statements and the förvaltningsberättelse of Årsredovisning 2020 / 2022',
  );
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
  const text = await runFinsamProcess([...start, '--year', '2020', '--unit', 'tkr']);
  t.regex(text.stdout, /^ {2}Verksamhetens kostnader\s+2\s+-8 995\s+-6 696$/m);
});

test('`start -- --year 2022 --unit tkr` prints the full set, and --format json gives the same data', async (t) => {
  const { stdout } = await runFinsamProcess([...start, '--', '--year', '2022', '--unit', 'tkr']);
  for (const heading of [
    'Förvaltningsberättelse',
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
    (await runFinsamProcess([...start, '--year', '2022', '--format', 'json'])).stdout,
  ) as JsonReport;
  t.deepEqual(
    Object.keys(json.årsredovisning).sort(),
    ['år', 'namn', 'förvaltningsberättelse', ...reportParts].sort(),
    'the statements and the förvaltningsberättelse of Årsredovisning 2020 / 2022',
  );
  t.is(
    json.årsredovisning['driftredovisning']!.rows.find((row) => row.key === 'nettokostnad')!.amounts
      .length,
    4,
  );
  t.true(json.årsredovisning.finansiellaRiktlinjer.checks.length >= 5);
});

test('bad arguments get a usage message naming the allowed values, and exit code 2', async (t) => {
  const result = await runFinsamProcess([...start, '--format', 'xml']);
  t.is(result.exitCode, 2);
  t.regex(
    result.stderr,
    /argument 'xml' is invalid\. Allowed choices are text, json, csv, md(, [a-z]+)*\./,
  );
  t.is(result.stdout, '');
});

test('finsam report on the Roslagen store and configuration gives, statement by statement, the figures the Roslagen-only CLI gave for 2020', async (t) => {
  const before = JSON.parse(
    await readFile(new URL('./fixtures/roslagen2020.before.json', import.meta.url), 'utf8'),
  ) as {
    statements: Record<string, { columns: string[]; rows: Record<string, (string | null)[]> }>;
    guidelineChecks: Record<string, { passed: boolean | null; figures: Record<string, string> }>;
  };
  const { exitCode, stdout } = await runFinsamProcess([
    'report',
    ...roslagen,
    '--year',
    '2020',
    '--format',
    'json',
  ]);
  t.is(exitCode, 0);
  const now = JSON.parse(stdout) as JsonReport;
  t.deepEqual(Object.keys(before.statements).sort(), reportParts.slice(0, -1).sort());
  for (const [key, statement] of Object.entries(before.statements)) {
    const current = now.årsredovisning[key]!;
    t.deepEqual(
      current.columns.map((column) => column.label),
      statement.columns,
      `${key} columns`,
    );
    t.deepEqual(
      Object.fromEntries(current.rows.map((row) => [row.key, row.amounts])),
      statement.rows,
      `${key} figures`,
    );
  }
  // The check of each member's share came after the Roslagen-only CLI: it is checked on its own.
  const checks = now.årsredovisning.finansiellaRiktlinjer.checks;
  t.deepEqual(
    Object.fromEntries(
      checks
        .filter((check) => check.key !== 'medlemsandelar')
        .map((check) => [check.key, { passed: check.passed, figures: check.figures }]),
    ),
    before.guidelineChecks,
  );
  const medlemsandelar = checks.find((check) => check.key === 'medlemsandelar')!;
  t.true(medlemsandelar.passed);
  t.is(medlemsandelar.figures['Vaxholms stad'], '133333.34');
  t.is(
    medlemsandelar.figures['medlemsbidrag'],
    before.guidelineChecks['finsam-5-paragraf']!.figures['medlemsbidrag'],
  );
});
