import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { copyOfRoslagen } from './runCli.testSupport.js';

// The configuration's `presentation` shapes the printed report: Roslagen's 2020 report printed a
// five-year flerårsöversikt, and with `flerårsöversiktÅr: 5` `finsam report` prints the same
// five years (2016–2019 from historical figures). Run as a child process on a fresh copy.

const withPresentation = async (directory: string, presentation: Record<string, unknown>) => {
  const path = join(directory, 'forbund.json');
  const configuration = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify({ ...configuration, presentation }, null, 2));
};

test('presentation.flerårsöversiktÅr 5 prints the 2020 report with the five years it printed', async (t) => {
  const { directory, finsam } = await copyOfRoslagen(t, 'presentation');
  const sixYears = await finsam('report', '--year', '2020', '--section', 'ekonomi');
  t.is(sixYears.exitCode, 0, sixYears.stderr);
  t.regex(sixYears.stdout, /^Flerårsöversikt\s+2020\s+2019 \[\d\]\s+.*2015$/m);

  await withPresentation(directory, { enhet: 'mkr', flerårsöversiktÅr: 5 });
  const fiveYears = await finsam('report', '--year', '2020', '--section', 'ekonomi');
  t.is(fiveYears.exitCode, 0, fiveYears.stderr);
  t.regex(
    fiveYears.stdout,
    /^Flerårsöversikt\s+2020\s+2019 \[4\]\s+2018 \[3\]\s+2017 \[2\]\s+2016 \[1\]$/m,
  );
  // The printed report's figures (mkr): 9,56 8,68 4,68 4,13 2,32.
  t.regex(fiveYears.stdout, /^ {2}Verksamhetens intäkter\s+9,56\s+8,68\s+4,68\s+4,13\s+2,32$/m);
  const json = JSON.parse(
    (await finsam('report', '--year', '2020', '--section', 'ekonomi', '--format', 'json')).stdout,
  ) as { årsredovisning: { flerårsöversikt: { columns: { label: string }[] } } };
  t.deepEqual(
    json.årsredovisning.flerårsöversikt.columns.map((column) => column.label),
    ['2020', '2019', '2018', '2017', '2016'],
  );
});

test('a flerårsöversiktÅr outside 5 to 30 is refused naming the field and the rule, nothing printed', async (t) => {
  const { directory, finsam } = await copyOfRoslagen(t, 'presentation');
  await withPresentation(directory, { flerårsöversiktÅr: 4 });
  const refused = await finsam('report', '--year', '2020');
  t.is(refused.exitCode, 1, 'a configuration that cannot be used is a refusal');
  t.is(refused.stdout, '');
  t.regex(
    refused.stderr,
    /: presentation\.flerårsöversiktÅr: must be at least 5 .*\n {2}field presentation\.flerårsöversiktÅr: rule too_small$/m,
  );
});
