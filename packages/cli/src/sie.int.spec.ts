import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identitySieMapping, readSie } from '@finsam-ledger/sie';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam export sie` and `finsam import sie` as a user runs them: child processes in a
// fresh temporary directory, on the Roslagen example's store and configuration.

const roslagenConfig = join(repositoryRoot, 'examples/roslagen/forbund.json');
const roslagen = [
  '--store',
  join(repositoryRoot, 'examples/roslagen/data/roslagen.finsam.jsonl'),
  '--config',
  roslagenConfig,
];

interface JsonReport {
  årsredovisning: Record<string, unknown>;
}
// The imported books hold the same facts under new event ids (the import's own, derived from
// the file), so a footnote naming the event is compared by what it says, not by the id.
const annualReportOf = (stdout: string) =>
  (
    JSON.parse(
      stdout.replace(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, '<event id>'),
    ) as JsonReport
  ).årsredovisning;

test('export 2020, then import it into new books: dry run, import, import again, the same annual report', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-sie-'));
  const file = join(directory, 'roslagen-2020.se');
  const exported = await runFinsamProcess(
    ['export', 'sie', ...roslagen, '--year', '2020', '--out', file],
    {
      cwd: directory,
    },
  );
  t.is(exported.exitCode, 0, exported.stderr);
  const read = readSie(await readFile(file));
  t.is(read.companyName, 'Samordningsförbundet Roslagen');
  t.true(read.ksumma !== undefined && read.ksumma.written === read.ksumma.computed);

  // Roslagen's configuration with a sie section: every account and dimension as exported, and
  // the Not 2 placement of open accruals in the opening balance (a declared post).
  const configuration = JSON.parse(await readFile(roslagenConfig, 'utf8')) as object;
  const withSie = join(directory, 'forbund.json');
  await writeFile(
    withSie,
    JSON.stringify({
      ...configuration,
      $schema: undefined,
      sie: {
        ...identitySieMapping,
        ejFördelat: { konto: '6010', dimensioner: { område: 'administrativa', post: 'Övrigt' } },
      },
    }),
  );
  const books = ['--store', join(directory, 'books.jsonl'), '--config', withSie];
  const init = await runFinsamProcess(
    [
      'init',
      '--store',
      join(directory, 'books.jsonl'),
      '--config',
      join(directory, 'template.json'),
      '--namn',
      'Samordningsförbundet Roslagen',
      '--forbund-id',
      'roslagen',
    ],
    { cwd: directory },
  );
  t.is(init.exitCode, 0, init.stderr);

  const dryRun = await runFinsamProcess(['import', 'sie', file, ...books, '--dry-run'], {
    cwd: directory,
  });
  t.is(dryRun.exitCode, 0, dryRun.stderr);
  t.regex(dryRun.stdout, /SIE 2020, \d+ verifikationer, read as cp437/);
  t.regex(dryRun.stdout, /^ {2}UB 1930 +\d+\.\d\d +\d+\.\d\d +lika$/m);
  t.notRegex(dryRun.stdout, /OLIKA/);
  t.regex(dryRun.stdout, /Dry run: .* nothing was written/);
  const empty = await runFinsamProcess(['events', ...books], { cwd: directory });
  t.is(empty.stdout, '', 'the dry run wrote nothing');

  const imported = await runFinsamProcess(['import', 'sie', file, ...books], { cwd: directory });
  t.is(imported.exitCode, 0, imported.stderr);
  t.regex(imported.stdout, /#IB 2020 opens the books/);
  t.regex(
    imported.stdout,
    /finsam's own records: HistoriskaÅrsuppgifterRegistrerade, IngåendeBalansRegistrerad, BudgetFastställd, BudgetÄndrad, PersonalresurserRegistrerade, .*RäkenskapsårStängt; open items of \d+ verifikationer/,
  );
  t.regex(imported.stdout, /\d+ events written; every #UB and #RES equals the books/);
  const again = await runFinsamProcess(['import', 'sie', file, ...books], { cwd: directory });
  t.is(again.exitCode, 0, again.stderr);
  t.regex(again.stdout, /Already imported: nothing new was written/);

  const original = await runFinsamProcess(
    ['report', ...roslagen, '--year', '2020', '--format', 'json'],
    { cwd: directory },
  );
  const copy = await runFinsamProcess(['report', ...books, '--year', '2020', '--format', 'json'], {
    cwd: directory,
  });
  t.is(copy.exitCode, 0, copy.stderr);
  t.deepEqual(annualReportOf(copy.stdout), annualReportOf(original.stdout));
});

test('a bad file is refused with its line, and nothing is written', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-sie-'));
  const books = ['--store', join(directory, 'books.jsonl'), '--config', roslagenConfig];
  const init = await runFinsamProcess(
    [
      'init',
      '--store',
      join(directory, 'books.jsonl'),
      '--config',
      join(directory, 'template.json'),
      '--namn',
      'Test',
      '--forbund-id',
      'roslagen',
    ],
    { cwd: directory },
  );
  t.is(init.exitCode, 0, init.stderr);
  const file = join(directory, 'bad.se');
  await writeFile(
    file,
    '#FLAGGA 0\r\n#SIETYP 4\r\n#RAR 0 20220101 20221231\r\n#VER A 1 20220105 "Fika"\r\n{\r\n#TRANS 1930 {} -100.00\r\n#TRANS 6010 {} 99.00\r\n}\r\n',
  );
  const refused = await runFinsamProcess(['import', 'sie', file, ...books], { cwd: directory });
  t.is(refused.exitCode, 1);
  t.regex(refused.stderr, /UNBALANCED_VERIFIKATION: Line 4: #VER A 1 does not balance/);
  // A file whose #UB the rows do not give: the differing row is printed with both figures.
  const wrongUb = join(directory, 'wrong-ub.se');
  await writeFile(
    wrongUb,
    [
      '#FLAGGA 0',
      '#SIETYP 4',
      '#RAR 0 20220101 20221231',
      '#KONTO 1930 "Bank"',
      '#KONTO 2091 "Balanserat resultat"',
      '#KONTO 6010 "Kostnad"',
      '#IB 0 1930 1000.00',
      '#IB 0 2091 -1000.00',
      '#UB 0 1930 905.00',
      '#UB 0 2091 -1000.00',
      '#RES 0 6010 100.00',
      '#VER A 1 20220105 "Fika"',
      '{',
      '#TRANS 6010 {} 100.00',
      '#TRANS 1930 {} -100.00',
      '}',
      '',
    ].join('\r\n'),
  );
  const unproved = await runFinsamProcess(['import', 'sie', wrongUb, ...books], { cwd: directory });
  t.is(unproved.exitCode, 1);
  t.regex(unproved.stderr, /IMPORT_PROOF_FAILED: .* differ from the file's on UB 1930; nothing/);
  t.regex(
    unproved.stderr,
    /\n {2}konto {10}fil {2}bokföring\n {2}UB 1930 {5}905\.00 {5}900\.00 {2}OLIKA\n$/,
  );
  const events = await runFinsamProcess(['events', ...books], { cwd: directory });
  t.is(events.stdout, '');
});
