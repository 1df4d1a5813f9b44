import { createHash } from 'node:crypto';
import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSie } from '@finsam-ledger/sie';
import { repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam import sie` of foreign programs' files as a user runs it: a child process on fresh
// books in a temporary directory, with a configuration whose sie section maps a company's BAS
// accounts onto the förbund's chart.

const vismaFile = join(repositoryRoot, 'packages/sie/fixtures/SIE4_Exempelfil_med_underdim.SE');

const sieSection = {
  konton: [
    { från: '1000-1499', till: '1790' },
    { från: '1500-1599', till: '1510' },
    { från: '1600-1699', till: '1650' },
    { från: '1700-1899', till: '1790' },
    { från: '1900-1999', till: '1930' },
    { från: '2080-2098', till: '2091' },
    { från: '2099' },
    { från: '2100-2399', till: '2890' },
    { från: '2400-2499', till: '2440' },
    { från: '2500-2899', till: '2890' },
    { från: '2900-2999', till: '2990' },
    { från: '3000-3999', till: '3990', dimensioner: { intäktsslag: 'övrig' } },
    { från: '4000-4999', till: '4010', dimensioner: { område: 'operativa', post: 'Varor' } },
    { från: '5000-7999', till: '6010', dimensioner: { område: 'administrativa', post: 'Kansli' } },
    { från: '8000-8399', till: '8310' },
    { från: '8400-8989', till: '8410' },
    { från: '8999' },
  ],
};

/** Fresh books and a configuration with the sie section, in a new temporary directory. */
async function freshBooks(
  sie: object = sieSection,
  extraKonton: readonly object[] = [],
): Promise<{ directory: string; books: string[] }> {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-sie-foreign-'));
  const template = join(directory, 'template.json');
  const store = join(directory, 'books.jsonl');
  const init = await runFinsamProcess(
    ['init', '--store', store, '--config', template, '--namn', 'Test', '--forbund-id', 'test'],
    { cwd: directory },
  );
  if (init.exitCode !== 0) throw new Error(init.stderr);
  const configuration = JSON.parse(await readFile(template, 'utf8')) as {
    kontoplan: { konton: object[] };
  };
  const kontoplan = {
    ...configuration.kontoplan,
    konton: [...configuration.kontoplan.konton, ...extraKonton],
  };
  const config = join(directory, 'forbund.json');
  await writeFile(config, JSON.stringify({ ...configuration, $schema: undefined, kontoplan, sie }));
  return { directory, books: ['--store', store, '--config', config] };
}

test("Visma's 2021: the proof moves 2020's result, which the books carried on 1 January", async (t) => {
  const { directory, books } = await freshBooks();
  const imported = await runFinsamProcess(['import', 'sie', vismaFile, ...books], {
    cwd: directory,
  });
  t.is(imported.exitCode, 0, imported.stderr);
  t.regex(imported.stdout, /SIE 2021, 295 verifikationer, read as utf-8 although it declares PC8/);
  t.regex(
    imported.stdout,
    /last year's result -585964\.73 \(#IB of årets resultat\) is in balanserat resultat from 1 January; the file has not carried it/,
  );
  t.regex(imported.stdout, /^ {2}UB 2099 +-585964\.73 +0\.00 +lika efter flytt av 585964\.73$/m);
  t.regex(
    imported.stdout,
    /^ {2}UB 2091 +-1850263\.28 +-2436228\.01 +lika efter flytt av -585964\.73$/m,
  );
  t.notRegex(imported.stdout, /OLIKA/);
  t.notRegex(imported.stdout, /closed/, 'an open year stays open');
  const report = await runFinsamProcess(
    ['report', ...books, '--year', '2021', '--format', 'json'],
    { cwd: directory },
  );
  t.is(report.exitCode, 0, report.stderr);
  const rows = (
    JSON.parse(report.stdout) as {
      årsredovisning: { resultaträkning: { rows: { key: string; amounts: unknown[] }[] } };
    }
  ).årsredovisning.resultaträkning.rows;
  t.is(rows.find((row) => row.key === 'årets-resultat')?.amounts[0], '1074344.11');

  // Each imported verifikation is listed with its series and number in Visma and the file's
  // SHA-256: an auditor finds it in the old system.
  const fileHash = createHash('sha256')
    .update(await readFile(vismaFile))
    .digest('hex');
  const listed = await runFinsamProcess(['verifikationer', ...books, '--year', '2021'], {
    cwd: directory,
  });
  t.is(listed.exitCode, 0, listed.stderr);
  const sources = [
    ...listed.stdout.matchAll(
      /^ {2}Källa verifikation (\S+) (\d+) i SIE-fil (\S+), registrerad där (\S+)$/gm,
    ),
  ];
  t.is(sources.length, 295);
  t.deepEqual(sources[0]!.slice(1), ['A', '1', fileHash.slice(0, 12), '2021-03-10']);
  // 2021-1 is the year's opening balance; the file's å, ä and ö were lost before we read it.
  t.regex(
    listed.stdout,
    new RegExp(
      `^2021-2 {2}2021-01-05 {2}Kaffebr\uFFFDd\n.*\n.*\n {2}Källa verifikation A 1 i SIE-fil ${fileHash.slice(0, 12)}, registrerad där 2021-03-10$`,
      'mu',
    ),
  );
  const csv = await runFinsamProcess(
    ['verifikationer', ...books, '--year', '2021', '--format', 'csv'],
    { cwd: directory },
  );
  t.true(csv.stdout.split('\r\n').some((line) => line.includes(`,G,12,${fileHash},`)));
});

test("Visma's 2021 again as balances only: nothing to book, proved row by row, and the store's bytes unchanged", async (t) => {
  const { directory, books } = await freshBooks();
  const imported = await runFinsamProcess(['import', 'sie', vismaFile, ...books], {
    cwd: directory,
  });
  t.is(imported.exitCode, 0, imported.stderr);
  // The same year as a balances-only export (SIE 4E without its #VER blocks).
  const balancesOnly = join(directory, 'visma-2021-saldon.se');
  const text = (await readFile(vismaFile)).toString('latin1');
  const withoutVer = text.replace(/^#VER[^\n]*\n\{\n(?:[^\n]*\n)*?\}\n/gm, '');
  t.false(withoutVer.includes('#VER'));
  await writeFile(balancesOnly, Buffer.from(withoutVer, 'latin1'));
  const store = books[1]!;
  const before = await readFile(store);

  const proved = await runFinsamProcess(['import', 'sie', balancesOnly, ...books], {
    cwd: directory,
  });

  t.is(proved.exitCode, 0, proved.stderr);
  t.regex(proved.stdout, /SIE 2021, 0 verifikationer, read as utf-8/);
  t.regex(proved.stdout, /^ {2}UB 1930 +-?\d+\.\d\d +-?\d+\.\d\d +lika/m);
  t.notRegex(proved.stdout, /OLIKA/);
  t.regex(
    proved.stdout,
    /^Nothing to book: the file adds nothing to these books, and every #UB and #RES equals them\.$/m,
  );
  t.notRegex(proved.stdout, /Already imported/);
  t.deepEqual(await readFile(store), before, 'nothing was written');
});

test("Visma's inventarier and long-term debts open the books on the förbund's own accounts of those lines, and the balansräkning states them", async (t) => {
  const konton = [
    { nummer: '1220', namn: 'Inventarier', rad: 'anläggningstillgångar' },
    {
      nummer: '1229',
      namn: 'Ackumulerade avskrivningar på inventarier',
      rad: 'anläggningstillgångar',
    },
    { nummer: '2350', namn: 'Andra långfristiga skulder', rad: 'långfristiga-skulder' },
  ];
  const sie = {
    konton: [
      { från: '1220-1228', till: '1220' },
      { från: '1229' },
      { från: '2100-2399', till: '2350' },
      ...sieSection.konton.filter((rule) => rule.från !== '2100-2399'),
    ],
  };
  const { directory, books } = await freshBooks(sie, konton);
  const imported = await runFinsamProcess(['import', 'sie', vismaFile, ...books], {
    cwd: directory,
  });
  t.is(imported.exitCode, 0, imported.stderr);
  t.regex(imported.stdout, /^ {2}UB 1220 +518057\.53 +518057\.53 +lika$/m);
  t.regex(imported.stdout, /^ {2}UB 1229 +-366754\.50 +-366754\.50 +lika$/m);
  t.regex(imported.stdout, /^ {2}UB 2350 +-311300\.00 +-311300\.00 +lika$/m);
  t.notRegex(imported.stdout, /OLIKA/);
  const report = await runFinsamProcess(
    ['report', ...books, '--year', '2021', '--format', 'json'],
    { cwd: directory },
  );
  t.is(report.exitCode, 0, report.stderr);
  type Rows = { rows: { key: string; amounts: unknown[] }[] };
  const { balansräkning, kassaflödesanalys } = (
    JSON.parse(report.stdout) as {
      årsredovisning: { balansräkning: Rows; kassaflödesanalys: Rows };
    }
  ).årsredovisning;
  const amount = ({ rows }: Rows, key: string) => rows.find((row) => row.key === key)?.amounts[0];
  // #IB 1221 421457.53 and 1229 -366754.50 open the year; 96 600.00 was bought in 2021.
  t.is(amount(balansräkning, 'anläggningstillgångar'), '151303.03');
  // #IB 2150 -87500.00 and 2350 -223800.00, unchanged through the year.
  t.is(amount(balansräkning, 'långfristiga-skulder'), '311300.00');
  t.is(amount(kassaflödesanalys, 'kassaflöde-investeringsverksamhet'), '-96600.00');
  const opening = (await readFile(books[1]!, 'utf8'))
    .split('\n')
    .map((line) => (line === '' ? undefined : (JSON.parse(line) as { type: string; data: object })))
    .find((event) => event?.type === 'IngåendeBalansRegistrerad');
  // The figure explained: the opening balance and the one purchase, found in Visma by its
  // series and number.
  const explained = await runFinsamProcess(
    ['explain', 'balansräkning/anläggningstillgångar', ...books, '--year', '2021'],
    { cwd: directory },
  );
  t.is(explained.exitCode, 0, explained.stderr);
  const fileHash = createHash('sha256')
    .update(await readFile(vismaFile))
    .digest('hex');
  t.regex(explained.stdout, /^verifikation {2}2021-1 .* 54 703,03$/m);
  t.regex(
    explained.stdout,
    new RegExp(
      `^verifikation {2}2021-159 .*VerifikationImporterad.* 96 600,00\n {2}Källa verifikation C 11 i SIE-fil ${fileHash.slice(0, 12)}, registrerad där 2021-02-13$`,
      'm',
    ),
  );
  t.regex(explained.stdout, /^Summa .* 2 delar +151 303,03$/m);
  t.deepEqual((opening?.data as { övrigaBalanser?: unknown }).övrigaBalanser, [
    { konto: '1220', saldo: '421457.53' },
    { konto: '1229', saldo: '-366754.50' },
    { konto: '2350', saldo: '-311300.00' },
  ]);
});

test('a foreign file on books without its sie mapping: every account to map is named in one run, and nothing is written', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-sie-unmapped-'));
  const books = ['--store', join(directory, 'books.jsonl'), '--config', join(directory, 'f.json')];
  const init = await runFinsamProcess(
    ['init', ...books, '--namn', 'Test', '--forbund-id', 'test'],
    {
      cwd: directory,
    },
  );
  t.is(init.exitCode, 0, init.stderr);
  const storeBefore = await readFile(join(directory, 'books.jsonl'));
  // Without a sie section every account maps to itself, and the company's BAS accounts are
  // mostly not the förbund's: 83 accounts of its #TRANS rows and of the #IB that opens the books
  // are not in the default chart (counted in the file with grep), which a user would otherwise
  // meet one run at a time.
  const imported = await runFinsamProcess(['import', 'sie', '--dry-run', vismaFile, ...books], {
    cwd: directory,
  });
  t.is(imported.exitCode, 1);
  t.is(imported.stdout, '');
  const lines = imported.stderr.trimEnd().split('\n');
  t.true(
    lines[0]!.endsWith(
      ': UNMAPPED_ACCOUNT: Line 1647: The file names 83 accounts the import cannot place in the books: 1221, 1229, 1400, 1710, 1910, 1920, 1940, 2081, 2086, 2098 and 73 more. The configuration has no sie section, so each account keeps its number: add one and map them there (konton, or ejFördelat), onto accounts of the chart',
    ),
    lines[0],
  );
  const issues = lines.slice(1);
  t.is(issues.length, 83);
  t.true(
    issues.every((line) => /^ {2}field #(TRANS|IB)\.kontonr: rule account-in-chart: /.test(line)),
  );
  // 1910: its #IB (line 1657, where the books open), its #UB and 32 #TRANS rows.
  t.true(
    issues.includes(
      '  field #IB.kontonr: rule account-in-chart: account 1910 (first booked in #IB, line 1657; named 34 times): no sie mapping places it, so it keeps its number, which the chart does not have',
    ),
  );
  t.false(
    issues.some((line) => /account (1930|2440|6010) /.test(line)),
    "the chart's own accounts",
  );
  t.deepEqual(await readFile(join(directory, 'books.jsonl')), storeBefore, 'nothing written');
});

test("a foreign #PBUDGET is booked as the year's budget, or read only with --without-budget", async (t) => {
  const { directory, books } = await freshBooks();
  const file = join(directory, 'budget-2022.se');
  const months = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'));
  await writeFile(
    file,
    writeSie({
      program: { name: 'Annat system', version: '1' },
      generated: { date: '2022-02-01' },
      sieType: '4',
      companyName: 'Samordningsförbundet Test',
      years: [{ index: 0, start: '2022-01-01', end: '2022-12-31' }],
      accounts: [
        { number: '1930', name: 'Bank' },
        { number: '2091', name: 'Balanserat resultat' },
        { number: '3010', name: 'Intäkter' },
        { number: '4010', name: 'Varor' },
      ],
      dimensions: [],
      objects: [],
      balances: [
        { kind: 'IB', yearIndex: 0, account: '1930', amount: '1000.00' },
        { kind: 'IB', yearIndex: 0, account: '2091', amount: '-1000.00' },
        { kind: 'UB', yearIndex: 0, account: '1930', amount: '900.00' },
        { kind: 'UB', yearIndex: 0, account: '2091', amount: '-1000.00' },
        { kind: 'RES', yearIndex: 0, account: '4010', amount: '100.00' },
      ],
      budgets: months.flatMap((month) => [
        {
          yearIndex: 0,
          period: `2022${month}`,
          account: '3010',
          objects: [],
          amount: '-100000.00',
        },
        { yearIndex: 0, period: `2022${month}`, account: '4010', objects: [], amount: '50000.00' },
      ]),
      verifikationer: [
        {
          series: 'A',
          number: '1',
          date: '2022-01-20',
          text: 'Varor',
          transactions: [
            { account: '4010', objects: [], amount: '100.00' },
            { account: '1930', objects: [], amount: '-100.00' },
          ],
        },
      ],
    }),
  );
  const skipped = await runFinsamProcess(
    ['import', 'sie', file, ...books, '--dry-run', '--without-budget'],
    { cwd: directory },
  );
  t.is(skipped.exitCode, 0, skipped.stderr);
  t.regex(skipped.stdout, /#PBUDGET: 24 rows read, not booked: skipped as asked/);
  const booked = await runFinsamProcess(['import', 'sie', file, ...books], { cwd: directory });
  t.is(booked.exitCode, 0, booked.stderr);
  t.regex(booked.stdout, /#PBUDGET: 24 rows booked as the budget of 2022/);
  const report = await runFinsamProcess(
    ['report', ...books, '--year', '2022', '--format', 'json'],
    { cwd: directory },
  );
  t.is(report.exitCode, 0, report.stderr);
  const drift = (
    JSON.parse(report.stdout) as {
      årsredovisning: { driftredovisning: { rows: { key: string; amounts: unknown[] }[] } };
    }
  ).årsredovisning.driftredovisning.rows;
  t.deepEqual(drift.find((row) => row.key === 'nettokostnad')?.amounts.slice(0, 2), [
    '100.00',
    '600000.00',
  ]);
});

test("Edison's SIE 4I of rows only, into books already open: refused as unprovable, and nothing is written", async (t) => {
  const { directory, books } = await freshBooks();
  const opening = {
    type: 'IngåendeBalansRegistrerad',
    data: {
      datum: '2012-01-01',
      text: 'Ingående balans',
      kassaOchBank: '1000000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000000.00',
      öppnaPoster: [],
    },
    metadata: { recordedBy: 'ekonom' },
  };
  await writeFile(join(directory, 'opening.jsonl'), JSON.stringify(opening));
  const recorded = await runFinsamProcess(['record', 'opening.jsonl', ...books], {
    cwd: directory,
  });
  t.is(recorded.exitCode, 0, recorded.stderr);
  const edison = join(repositoryRoot, 'packages/sie/fixtures/typ4si.si');
  const refused = await runFinsamProcess(['import', 'sie', edison, ...books], { cwd: directory });
  t.is(refused.exitCode, 1);
  t.regex(
    refused.stderr,
    /typ4si\.si: IMPORT_REFUSED: The file has no #IB, #UB or #RES of 2012, only verifikationer: .* Export the year with its balances/,
  );
  t.regex(refused.stderr, /^ {2}field #UB: rule balances-required$/m);
  const events = await runFinsamProcess(['events', ...books], { cwd: directory });
  t.is(events.stdout.trim().split('\n').length, 1, 'only the opening balance');
});

test('a file of another organisation (#ORGNR) is refused before anything is planned, naming both, and nothing is written', async (t) => {
  const { directory, books } = await freshBooks();
  const config = books[books.indexOf('--config') + 1]!;
  const store = books[books.indexOf('--store') + 1]!;
  const configuration = JSON.parse(await readFile(config, 'utf8')) as object;
  // A made-up förbund's organisationsnummer (passes the Luhn check).
  await writeFile(config, JSON.stringify({ ...configuration, organisationsnummer: '222000-0000' }));
  const before = await readFile(store);
  const refused = await runFinsamProcess(['import', 'sie', vismaFile, '--dry-run', ...books], {
    cwd: directory,
  });
  t.is(refused.exitCode, 1, refused.stderr);
  t.regex(
    refused.stderr,
    /OTHER_ORGANISATION: The file is the books of .vningsbolaget AB \(#ORGNR 555555-5555\), not of the förbund \(222000-0000\)/,
  );
  t.regex(refused.stderr, /field #ORGNR: rule same-organisation-as-configuration/);
  const written = await runFinsamProcess(['import', 'sie', vismaFile, ...books], {
    cwd: directory,
  });
  t.is(written.exitCode, 1, written.stderr);
  t.deepEqual(await readFile(store), before, 'nothing is written');
});

test('a mapping that gives a name recording would refuse is refused before the file is read, naming the rule; the configuration still loads for the other commands', async (t) => {
  const { directory, books } = await freshBooks();
  const config = books[books.indexOf('--config') + 1]!;
  const store = books[books.indexOf('--store') + 1]!;
  const configuration = JSON.parse(await readFile(config, 'utf8')) as { sie: typeof sieSection };
  const konton = configuration.sie.konton.map((rule) =>
    rule.från === '3000-3999' ? { ...rule, dimensioner: { medlemskategori: 'kommunen' } } : rule,
  );
  await writeFile(config, JSON.stringify({ ...configuration, sie: { konton } }));
  const before = await readFile(store);
  const refused = await runFinsamProcess(['import', 'sie', vismaFile, ...books], {
    cwd: directory,
  });
  t.is(refused.exitCode, 1, refused.stderr);
  t.regex(
    refused.stderr,
    /: sie\.konton\.11\.dimensioner\.medlemskategori: unknown medlemskategori "kommunen".*\n {2}field sie\.konton\.11\.dimensioner\.medlemskategori: rule known-dimension-value$/m,
  );
  t.deepEqual(await readFile(store), before, 'nothing is written');
  const verified = await runFinsamProcess(['events', ...books], { cwd: directory });
  t.is(verified.exitCode, 0, verified.stderr);
});
