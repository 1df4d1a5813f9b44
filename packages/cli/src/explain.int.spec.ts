import anyTest, { type TestFn } from 'ava';
import { copyOfRoslagen } from './runCli.testSupport.js';

// `finsam explain`, run as a child process in a fresh temporary directory holding a copy of
// the Roslagen store and configuration (the default --store and --config names).

const test = anyTest.serial as TestFn;

const roslagenCopy = async (t: { teardown: (fn: () => Promise<void>) => void }) =>
  (await copyOfRoslagen(t, 'explain')).finsam;

interface JsonCell {
  statement: string;
  rowKey: string;
  amount: string | null;
  column: { label: string; source: string };
  contributions: {
    källa: string;
    amount: string;
    eventType: string;
    eventId: string;
    verifikationer: { år: number; löpnummer: number }[];
  }[];
}

test('explain --list prints every row key of the report, statement by statement', async (t) => {
  const finsam = await roslagenCopy(t);
  const { exitCode, stdout, stderr } = await finsam('explain', '--year', '2020', '--list');
  t.is(exitCode, 0, stderr);
  const keys = stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.split('\t')[0]);
  for (const key of [
    'resultaträkning/årets-resultat',
    'balansräkning/leverantörsskulder',
    'kassaflödesanalys/likvida-medel-vid-årets-slut',
    'driftredovisning/nettokostnad',
    'not1/summa',
    'not2/summa',
    'not3/summa:kundfordringar',
    'not4/summa:leverantörsskulder',
    'flerårsöversikt/verksamhetens-intäkter',
  ])
    t.true(keys.includes(key), key);
  t.regex(stdout, /^balansräkning\/leverantörsskulder\tLeverantörsskulder$/m);
});

test('explain ROW prints the verifikationer behind a figure and their sum, which is the row', async (t) => {
  const finsam = await roslagenCopy(t);
  const { exitCode, stdout, stderr } = await finsam(
    'explain',
    '--year',
    '2020',
    'balansräkning/leverantörsskulder',
  );
  t.is(exitCode, 0, stderr);
  t.regex(stdout, /^Balansräkning \/ leverantörsskulder: Leverantörsskulder$/m);
  t.regex(stdout, /^Kolumn 1, 2020-12-31 \(bokföring\): 629 950,00 kr$/m);
  t.regex(
    stdout,
    /^verifikation\s+2020-1\s+2020-01-01\s+IngåendeBalansRegistrerad\s+\S+\s+.*\s1 008 770,00$/m,
  );
  t.regex(stdout, /^Summa\s+\d+ delar\s+629 950,00$/m);

  const json = await finsam(
    'explain',
    '--year',
    '2020',
    'balansräkning/leverantörsskulder',
    '--format',
    'json',
  );
  t.is(json.exitCode, 0, json.stderr);
  const cell = JSON.parse(json.stdout) as JsonCell;
  t.is(cell.amount, '629950.00');
  t.is(
    cell.contributions
      .reduce((sum, contribution) => sum + BigInt(contribution.amount.replace('.', '')), 0n)
      .toString(),
    '62995000',
  );
  t.true(cell.contributions.every((contribution) => contribution.verifikationer.length === 1));
});

test('explain of a balance in a late year sums the years before as its ingående balans, which is the year before’s figure; --full-history lists them', async (t) => {
  const finsam = await roslagenCopy(t);
  const row = 'balansräkning/leverantörsskulder';
  const summed = await finsam('explain', '--year', '2022', row);
  t.is(summed.exitCode, 0, summed.stderr);
  const brought =
    /^ingående balans\s+-\s+2022-01-01\s+-\s+-\s+Ingående balans: summan av (\d+) verifikationer 2020–2021\s+(\S+ \S+,\d\d)$/m.exec(
      summed.stdout,
    );
  if (brought === null) return t.fail(summed.stdout);
  const before = await finsam('explain', '--year', '2022', row, '--column', '2');
  t.regex(
    before.stdout,
    new RegExp(`^Kolumn 2, 2021-12-31 \\(bokföring\\): ${brought[2]} kr$`, 'm'),
  );
  t.notRegex(summed.stdout, /^verifikation\s+202[01]-/m);
  t.regex(summed.stdout, /^Summa\s+\d+ delar\s+387 300,00$/m);

  const full = await finsam('explain', '--year', '2022', row, '--full-history');
  t.is(full.exitCode, 0, full.stderr);
  t.notRegex(full.stdout, /^ingående balans/m);
  const earlier = full.stdout.match(/^verifikation\s+202[01]-\d+\s/gm) ?? [];
  t.is(earlier.length, Number(brought[1]));
  t.regex(full.stdout, /^Summa\s+\d+ delar\s+387 300,00$/m);
  const json = JSON.parse(
    (await finsam('explain', '--year', '2022', row, '--format', 'json')).stdout,
  ) as JsonCell;
  t.is(
    json.contributions.filter((contribution) => contribution.verifikationer[0]!.år < 2022).length,
    earlier.length,
    'JSON lists every verifikation',
  );
});

test('explain --column 2 explains the comparison year: historical figures explain as their event', async (t) => {
  const finsam = await roslagenCopy(t);
  const { exitCode, stdout, stderr } = await finsam(
    'explain',
    '--year',
    '2020',
    'resultaträkning/årets-resultat',
    '--column',
    '2',
    '--format',
    'json',
  );
  t.is(exitCode, 0, stderr);
  const cell = JSON.parse(stdout) as JsonCell;
  t.is(cell.column.source, 'historiska uppgifter');
  t.is(cell.amount, '1979011.00');
  t.deepEqual(
    cell.contributions.map((contribution) => [
      contribution.källa,
      contribution.eventType,
      contribution.amount,
    ]),
    [['uppgift', 'HistoriskaÅrsuppgifterRegistrerade', '1979011.00']],
  );
});

test('an unknown row, no row, or a bad column is a usage error (exit code 2) and prints nothing', async (t) => {
  const finsam = await roslagenCopy(t);
  const unknown = await finsam('explain', '--year', '2020', 'balansräkning/finns-inte');
  t.is(unknown.exitCode, 2);
  t.regex(unknown.stderr, /has no row "balansräkning\/finns-inte".*--list/);
  t.is(unknown.stdout, '');
  const none = await finsam('explain', '--year', '2020');
  t.is(none.exitCode, 2);
  t.regex(none.stderr, /name a row to explain, or give --list/);
  const column = await finsam('explain', '--year', '2020', 'not1/summa', '--column', '0');
  t.is(column.exitCode, 2);
  t.regex(column.stderr, /is not a column/);
  const beyond = await finsam('explain', '--year', '2020', 'not1/summa', '--column', '3');
  t.is(beyond.exitCode, 2);
  t.regex(beyond.stderr, /not1\/summa has 2 columns; --column 3 is not one/);
  const outside = await finsam('explain', '--year', '2030', 'not1/summa');
  t.is(outside.exitCode, 2);
  t.regex(outside.stderr, /year 2030 is outside the books/);
});

test('explain --column 2 of the driftredovisning explains the budget by the board’s decisions, and says the column is theirs', async (t) => {
  const finsam = await roslagenCopy(t);
  const { exitCode, stdout, stderr } = await finsam(
    'explain',
    '--year',
    '2022',
    'driftredovisning/nettokostnad',
    '--column',
    '2',
  );
  t.is(exitCode, 0, stderr);
  t.regex(
    stdout,
    /^Kolumn 2, Budget jan–dec 2022 \(inkl\. ändringsbeslut\) \(budgetbeslut\): 10 560 000,00 kr$/m,
  );
  t.regex(stdout, /^uppgift +- +2021-11-24 +BudgetFastställd /m);
  t.regex(stdout, /^uppgift +- +2022-05-18 +BudgetÄndrad /m);
  const outcome = await finsam('explain', '--year', '2022', 'driftredovisning/nettokostnad');
  t.regex(outcome.stdout, /^Kolumn 1, Utfall jan–dec 2022 \(bokföring\): /m);
});
