import anyTest, { type TestFn } from 'ava';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forgeWithRecomputedChain } from '../forgeStore.testSupport.js';
import { repositoryRoot, runFinsamProcess } from '../runCli.testSupport.js';

// `finsam reconcile` as a child process in a fresh temporary directory: a printed report
// alone (internal checks), as JSON, refused input, the Roslagen reports against the
// committed store, and `--as-of` against a store built here, event by event.

const test = anyTest.serial as TestFn;
const roslagen = fileURLToPath(new URL('../../../../examples/roslagen/', import.meta.url));

async function freshDirectory(t: { teardown: (fn: () => Promise<void>) => void }) {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-reconcile-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const run = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  return { directory, run };
}

/** A tkr balansräkning that adds up, or is 6 tkr off in 2021 with leverantörsskulder 2 379. */
const printedReport = (leverantörsskulder2021: string) => ({
  förbund: 'Samordningsförbundet Ekbacken',
  år: 2022,
  enhet: 'tkr',
  statements: [
    {
      statement: 'balansräkning',
      columns: [
        { key: '2022', label: '2022-12-31', år: 2022 },
        { key: '2021', label: '2021-12-31', år: 2021 },
      ],
      rows: [
        { key: 'kassa-och-bank', label: 'Kassa och bank', amounts: ['1 317', '4 760'] },
        {
          key: 'summa-tillgångar',
          label: 'Summa tillgångar',
          sumOf: ['kassa-och-bank'],
          amounts: ['1 317', '4 760'],
        },
        { key: 'årets-resultat', label: 'Årets resultat', amounts: ['-2 091', '-1 138'] },
        { key: 'övrigt-eget-kapital', label: 'Övrigt eget kapital', amounts: ['2 387', '3 525'] },
        {
          key: 'leverantörsskulder',
          label: 'Leverantörsskulder',
          amounts: ['1 021', leverantörsskulder2021],
        },
        {
          key: 'summa-eget-kapital-och-skulder',
          label: 'Summa eget kapital och skulder',
          sumOf: ['årets-resultat', 'övrigt-eget-kapital', 'leverantörsskulder'],
          amounts: ['1 317', '4 760'],
        },
      ],
    },
  ],
});

test('a printed report alone: every internal difference with both figures and the arithmetic, exit code 1', async (t) => {
  const { directory, run } = await freshDirectory(t);
  await writeFile(join(directory, 'report.json'), JSON.stringify(printedReport('2 379')));
  const result = await run('reconcile', 'report.json');
  t.is(result.exitCode, 1, result.stderr);
  t.is(
    result.stdout,
    [
      'Samordningsförbundet Ekbacken, årsredovisning 2022: 12 printed figures, 1 avvikelse, 0 avrundningar; internal checks only (no ledger).',
      'Rounding: a printed figure stands for the exact kronor rounded half away from zero to its last printed digit; a difference such rounding explains is listed as avrundning and does not count.',
      'avvikelse summa: 2022 balansräkning/summa-eget-kapital-och-skulder [2021-12-31] Summa eget kapital och skulder',
      '  printed 4 760 tkr, expected 4 766 tkr: Årets resultat -1 138 tkr + Övrigt eget kapital 3 525 tkr + Leverantörsskulder 2 379 tkr = 4 766 tkr, printed 4 760 tkr',
      '',
    ].join('\n'),
  );
});

test('a report that adds up exits 0; --format json gives the same findings as data', async (t) => {
  const { directory, run } = await freshDirectory(t);
  await writeFile(join(directory, 'good.json'), JSON.stringify(printedReport('2 373')));
  const good = await run('reconcile', 'good.json');
  t.is(good.exitCode, 0, good.stdout + good.stderr);
  t.regex(good.stdout, /0 avvikelser, 0 avrundningar; internal checks only/u);
  await writeFile(join(directory, 'bad.json'), JSON.stringify(printedReport('2 379')));
  const json = await run('reconcile', 'bad.json', '--format', 'json');
  t.is(json.exitCode, 1);
  const parsed = JSON.parse(json.stdout) as {
    differs: boolean;
    reports: { år: number; findings: { check: string; printed: string; expected: string }[] }[];
  };
  t.true(parsed.differs);
  t.deepEqual(
    parsed.reports[0]!.findings.map((finding) => [
      finding.check,
      finding.printed,
      finding.expected,
    ]),
    [['summa', '4 760 tkr', '4 766 tkr']],
  );
});

test('a report that is not the format is refused naming the field and the rule; a missing file too', async (t) => {
  const { directory, run } = await freshDirectory(t);
  const report = printedReport('2 379');
  report.statements[0]!.rows[0]!.amounts = ['13 17', '4 760'];
  await writeFile(join(directory, 'typo.json'), JSON.stringify(report));
  const refused = await run('reconcile', 'typo.json');
  t.is(refused.exitCode, 1);
  t.is(refused.stdout, '');
  t.regex(refused.stderr, /^typo\.json: VALIDATION_FAILED: Invalid printed report/u);
  t.regex(refused.stderr, /field statements\.0\.rows\.0\.amounts\.0: rule invalid_format/u);
  const missing = await run('reconcile', 'nowhere.json');
  t.is(missing.exitCode, 1);
  t.regex(
    missing.stderr,
    /^nowhere\.json: IO_ERROR: Cannot read the printed report nowhere\.json/u,
  );
  const usage = await run('reconcile');
  t.is(usage.exitCode, 2);
});

test('with --store the Roslagen reports are compared with the ledger too: the printed 2 388 against the ledger’s 2 387 004', async (t) => {
  const { directory, run } = await freshDirectory(t);
  await copyFile(
    join(roslagen, 'data/roslagen.finsam.jsonl'),
    join(directory, 'roslagen.finsam.jsonl'),
  );
  await copyFile(join(roslagen, 'forbund.json'), join(directory, 'forbund.json'));
  const reports = ['2020', '2022'].map((year) =>
    join(roslagen, `reports/arsredovisning-${year}.json`),
  );
  const internal = await run('reconcile', ...reports);
  t.is(internal.exitCode, 1);
  t.notRegex(internal.stdout, /bokföring/u);
  const result = await run('reconcile', ...reports, '--store', 'roslagen.finsam.jsonl');
  t.is(result.exitCode, 1, result.stderr);
  t.regex(
    result.stdout,
    /årsredovisning 2020: 295 printed figures, .*; compared with the ledger at 252 figures \(43 without a ledger row\) and 135 participant counts and percentages \(0 without a ledger table\)\.$/mu,
  );
  t.true(
    result.stdout.includes(
      'avvikelse bokföring: 2022 balansräkning/övrigt-eget-kapital [2022-12-31] Övrigt eget kapital\n' +
        '  printed 2 388 tkr, expected 2 387 tkr: ledger övrigt-eget-kapital = 2 387 004,00 kr → 2 387 tkr (half away from zero), printed 2 388 tkr',
    ),
    result.stdout,
  );
});

test('with --store on books whose closed 2022 no longer has the result its close states, reconcile warns on stderr as report does', async (t) => {
  const { directory, run } = await freshDirectory(t);
  const store = join(directory, 'roslagen.finsam.jsonl');
  await copyFile(join(roslagen, 'data/roslagen.finsam.jsonl'), store);
  await copyFile(join(roslagen, 'forbund.json'), join(directory, 'forbund.json'));
  const printed = (year: string) => join(roslagen, `reports/arsredovisning-${year}.json`);
  const clean = await run('reconcile', printed('2022'), '--store', 'roslagen.finsam.jsonl');
  t.is(clean.exitCode, 1, clean.stderr); // the printed 2 388 tkr against the ledger's 2 387 004
  t.notRegex(clean.stderr, /warning/);
  // A 2022 cost of 174 860,00 (verifikation 2022-35) changed in place to 184 860,00, the hash
  // chain sealed again: 2022's result, closed at -2 090 800,00, is now 10 000,00 lower.
  await forgeWithRecomputedChain(store, (record) => {
    if (record.eventId !== '866db82e-7fd3-40a2-8a9b-be9bd253e2be') return false;
    t.is(record.data['belopp'], '174860.00');
    record.data['belopp'] = '184860.00';
    return true;
  });
  const warning =
    'warning: 2022 was closed with årets resultat -2090800.00, but the books now show -2100800.00: this report is not the one adopted; run finsam audit to find the events behind it.';
  const warned = await run('reconcile', printed('2022'), '--store', 'roslagen.finsam.jsonl');
  t.is(warned.exitCode, 1, warned.stderr);
  t.true(warned.stderr.split('\n').includes(warning), warned.stderr);
  t.regex(warned.stdout, /årsredovisning 2022: /u);
  // The same sentence as the report's, from the same code.
  const report = await run(
    'report',
    '--year',
    '2022',
    '--section',
    'ekonomi',
    '--store',
    'roslagen.finsam.jsonl',
  );
  t.is(report.exitCode, 0, report.stderr);
  t.true(report.stderr.split('\n').includes(warning), report.stderr);
  // A report of 2020 shows nothing of 2022: neither command warns of it.
  const earlier = await run('reconcile', printed('2020'), '--store', 'roslagen.finsam.jsonl');
  t.notRegex(earlier.stderr, /warning/);
});

test('a printed report of another förbund is refused against the ledger, naming förbund, instead of listing every figure', async (t) => {
  const { directory, run } = await freshDirectory(t);
  await copyFile(
    join(roslagen, 'data/roslagen.finsam.jsonl'),
    join(directory, 'roslagen.finsam.jsonl'),
  );
  await copyFile(join(roslagen, 'forbund.json'), join(directory, 'forbund.json'));
  await writeFile(join(directory, 'ekbacken.json'), JSON.stringify(printedReport('2 373')));
  const result = await run('reconcile', 'ekbacken.json', '--store', 'roslagen.finsam.jsonl');
  t.is(result.exitCode, 1, result.stderr);
  t.is(result.stdout, '');
  t.regex(
    result.stderr,
    /VALIDATION_FAILED.*The printed report is Samordningsförbundet Ekbacken's, the ledger Samordningsförbundet Roslagen's/s,
  );
  t.regex(result.stderr, /förbund.*same-förbund-as-configuration/s);
  // The same name, typed with other case and spacing, is the same förbund.
  const own = JSON.parse(
    await readFile(join(roslagen, 'reports/arsredovisning-2022.json'), 'utf8'),
  ) as { förbund: string };
  own.förbund = '  samordningsförbundet   ROSLAGEN ';
  await writeFile(join(directory, 'own.json'), JSON.stringify(own));
  const same = await run('reconcile', 'own.json', '--store', 'roslagen.finsam.jsonl');
  t.regex(same.stdout, /compared with the ledger at/);
});

test('with --store a participant table is compared with the ledger’s: one count changed is found three ways', async (t) => {
  const { directory, run } = await freshDirectory(t);
  await copyFile(
    join(roslagen, 'data/roslagen.finsam.jsonl'),
    join(directory, 'roslagen.finsam.jsonl'),
  );
  await copyFile(join(roslagen, 'forbund.json'), join(directory, 'forbund.json'));
  const report = JSON.parse(
    await readFile(join(roslagen, 'reports/arsredovisning-2020.json'), 'utf8'),
  ) as { deltagare: { rows: { antal?: number[] }[] }[] };
  report.deltagare[0]!.rows[0]!.antal![0] = 15;
  await writeFile(join(directory, 'changed.json'), JSON.stringify(report));
  const result = await run('reconcile', 'changed.json', '--store', 'roslagen.finsam.jsonl');
  t.is(result.exitCode, 1, result.stderr);
  t.deepEqual(
    result.stdout.split('\n').filter((line) => /: 2020 deltagare\//u.test(line)),
    [
      'avvikelse deltagare-summa: 2020 deltagare/MIA Roslagen/Deltagare anvisade från - MIA Roslagen [Kvinnor] Totalt',
      'avvikelse deltagare-andel: 2020 deltagare/MIA Roslagen/Deltagare anvisade från - MIA Roslagen [Kvinnor] Arbetsförmedlingen',
      'avvikelse bokföring: 2020 deltagare/MIA Roslagen/Deltagare anvisade från - MIA Roslagen [Kvinnor] Arbetsförmedlingen',
    ],
  );
  t.true(
    result.stdout.includes(
      '  printed 15, expected 14: ledger mia-roslagen sedan-start anvisadFrån arbetsförmedlingen kvinna: 14, printed 15',
    ),
    result.stdout,
  );
});

/** The events of Ekbacken's 2025 as the board signed them: 1 000 kr in the bank, a 200 kr cost. */
const signedEvents = [
  {
    type: 'IngåendeBalansRegistrerad',
    data: {
      datum: '2025-01-01',
      text: 'Ingående balans 2025',
      kassaOchBank: '1000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000.00',
      öppnaPoster: [],
    },
  },
  {
    type: 'KostnadBokförd',
    data: {
      datum: '2025-03-10',
      område: 'administrativa',
      post: 'Lokaler',
      belopp: '200.00',
      text: 'Hyra',
      betalning: { sätt: 'bank' },
    },
  },
];

/** A 2025 invoice of 50 kr recorded after the report was signed. */
const lateEvent = {
  type: 'KostnadBokförd',
  data: {
    datum: '2025-12-30',
    område: 'administrativa',
    post: 'Lokaler',
    belopp: '50.00',
    text: 'Sen faktura',
    betalning: { sätt: 'bank' },
  },
};

/** Ekbacken's 2025 balansräkning in kr, as printed from the signed books. */
const signedReport = {
  förbund: 'Samordningsförbundet Ekbacken',
  år: 2025,
  enhet: 'kr',
  statements: [
    {
      statement: 'balansräkning',
      columns: [{ key: '2025', label: '2025-12-31', år: 2025 }],
      rows: [
        { key: 'kassa-och-bank', label: 'Kassa och bank', amounts: ['800'] },
        {
          key: 'summa-tillgångar',
          label: 'Summa tillgångar',
          sumOf: ['kassa-och-bank'],
          amounts: ['800'],
        },
        { key: 'årets-resultat', label: 'Årets resultat', amounts: ['-200'] },
        { key: 'övrigt-eget-kapital', label: 'Övrigt eget kapital', amounts: ['1 000'] },
        {
          key: 'summa-eget-kapital-och-skulder',
          label: 'Summa eget kapital och skulder',
          sumOf: ['årets-resultat', 'övrigt-eget-kapital'],
          amounts: ['800'],
        },
      ],
    },
  ],
};

const jsonLines = (events: readonly object[]): string =>
  events
    .map((event) => JSON.stringify({ ...event, metadata: { recordedBy: 'ekonom@ekbacken' } }))
    .join('\n') + '\n';

test('--as-of reads the ledger as the store held it when the report was signed: a cost recorded later is no avvikelse then, and is one now', async (t) => {
  t.timeout(600_000);
  const { directory, run } = await freshDirectory(t);
  const init = await run('init', '--namn', 'Samordningsförbundet Ekbacken', '--forbund-id', 'ek');
  t.is(init.exitCode, 0, init.stderr);
  await writeFile(join(directory, 'signed.jsonl'), jsonLines(signedEvents));
  await writeFile(join(directory, 'late.jsonl'), jsonLines([lateEvent]));
  await writeFile(join(directory, 'report.json'), JSON.stringify(signedReport));
  t.is((await run('record', 'signed.jsonl')).exitCode, 0);
  // The moment the report was signed: after the signed books were stored, before the late cost.
  const signedAt = new Date().toISOString();
  t.is((await run('record', 'late.jsonl')).exitCode, 0);
  const reconcile = (...args: string[]) =>
    run('reconcile', 'report.json', '--store', 'finsam.jsonl', ...args);

  const notice = `Bokföringen som den var lagrad ${signedAt} (--as-of): det som lagrats senare ingår inte.`;
  const asOf = await reconcile('--as-of', signedAt);
  t.is(asOf.exitCode, 0, asOf.stdout + asOf.stderr);
  t.is(
    asOf.stdout,
    [
      notice,
      '',
      'Samordningsförbundet Ekbacken, årsredovisning 2025: 5 printed figures, 0 avvikelser, 0 avrundningar; compared with the ledger at 5 figures (0 without a ledger row).',
      'Rounding: a printed figure stands for the exact kronor rounded half away from zero to its last printed digit; a difference such rounding explains is listed as avrundning and does not count.',
      '',
    ].join('\n'),
  );
  t.is(
    asOf.stderr,
    `As of ${signedAt}: the books as finsam.jsonl held them then (by the store's stamps).\n`,
  );
  // docs/reconcile.md shows this output, as of the day its example's report was signed.
  const page = await readFile(join(repositoryRoot, 'docs/reconcile.md'), 'utf8');
  const shown = /## As the books stood[\s\S]*?```text\n([\s\S]*?)\n```/u.exec(page)![1]!;
  t.true(asOf.stdout.startsWith(shown.replaceAll('2026-03-15', signedAt)), shown);
  const asOfJson = await reconcile('--as-of', signedAt, '--format', 'json');
  t.is(asOfJson.exitCode, 0, asOfJson.stderr);
  t.like(JSON.parse(asOfJson.stdout), { asOf: signedAt, asOfNotice: notice, differs: false });

  // The books as they are now: the late 50 kr is an avvikelse in each figure it moved.
  const now = await reconcile();
  t.is(now.exitCode, 1, now.stderr);
  t.notRegex(now.stdout, /--as-of/u);
  t.regex(now.stdout, /årsredovisning 2025: 5 printed figures, 4 avvikelser, 0 avrundningar;/u);
  t.true(
    now.stdout.includes(
      'avvikelse bokföring: 2025 balansräkning/kassa-och-bank [2025-12-31] Kassa och bank\n' +
        '  printed 800 kr, expected 750 kr: ledger kassa-och-bank = 750,00 kr → 750 kr (half away from zero), printed 800 kr\n',
    ),
    now.stdout,
  );
  t.true(
    now.stdout.includes(
      '  printed -200 kr, expected -250 kr: ledger årets-resultat = -250,00 kr → -250 kr (half away from zero), printed -200 kr\n',
    ),
    now.stdout,
  );
  const nowJson = await reconcile('--format', 'json');
  t.false('asOf' in JSON.parse(nowJson.stdout), 'the books as they are say nothing of a moment');
});

test('--as-of is refused as a usage error without --store, for a date that does not exist, and reads no books from before the store was created', async (t) => {
  t.timeout(600_000);
  const { directory, run } = await freshDirectory(t);
  await writeFile(join(directory, 'report.json'), JSON.stringify(signedReport));
  const noStore = await run('reconcile', 'report.json', '--as-of', '2025-03-15');
  t.is(noStore.exitCode, 2);
  t.is(noStore.stdout, '');
  t.is(
    noStore.stderr,
    "error: --as-of reads the ledger as the store held it then: give --store (or FINSAM_STORE) too, or leave --as-of out for the printed reports' own checks.\n",
  );
  const badDate = await run(
    'reconcile',
    'report.json',
    '--store',
    'x.jsonl',
    '--as-of',
    '2025-02-30',
  );
  t.is(badDate.exitCode, 2);
  t.regex(badDate.stderr, /"2025-02-30" is not a date that exists/u);

  const init = await run('init', '--namn', 'Samordningsförbundet Ekbacken', '--forbund-id', 'ek');
  t.is(init.exitCode, 0, init.stderr);
  await writeFile(join(directory, 'signed.jsonl'), jsonLines(signedEvents));
  t.is((await run('record', 'signed.jsonl')).exitCode, 0);
  // Before this file was created it held nothing: said as report says it, and no 2025 to compare.
  const before = await run(
    'reconcile',
    'report.json',
    '--store',
    'finsam.jsonl',
    '--as-of',
    '2025-03-15',
  );
  t.is(before.exitCode, 2);
  t.is(before.stdout, '');
  t.regex(
    before.stderr,
    /^note: finsam\.jsonl was created \S+, after 2025-03-15: the stamps of its events up to then came from a clock its writer was given/mu,
  );
  t.regex(
    before.stderr,
    /^error: year 2025 is outside the books of Samordningsförbundet Ekbacken/mu,
  );
});
