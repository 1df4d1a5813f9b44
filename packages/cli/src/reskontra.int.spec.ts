import anyTest, { type TestFn } from 'ava';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { copyOfRoslagen } from './runCli.testSupport.js';

// `finsam reskontra`, run as a child process in a fresh temporary directory holding a copy of
// the Roslagen store and configuration.

const test = anyTest.serial as TestFn;

interface JsonReskontra {
  datum: string;
  konton: {
    konto: string;
    sida: string;
    poster: {
      postId: string;
      öppetBelopp: string;
      förfallodatum?: string;
      dagarEfterFörfallodatum?: number;
      förfalloklass: string;
    }[];
    perFörfalloklass: Record<string, string>;
    summaPoster: string;
    saldoEnligtHuvudbok: string;
    ospecificerat: string;
  }[];
}

test('reskontra at the 2020 year end: every open item of Not 3 and Not 4, each account equal to the balansräkning', async (t) => {
  const { finsam } = await copyOfRoslagen(t, 'reskontra');
  const json = await finsam('reskontra', '--date', '2020-12-31', '--format', 'json');
  t.is(json.exitCode, 0, json.stderr);
  const book = JSON.parse(json.stdout) as JsonReskontra;
  t.is(book.datum, '2020-12-31');
  // Roslagen's printed balansräkning 2020: kundfordringar 375 000, förutbetalda kostnader och
  // upplupna intäkter 897 388, leverantörsskulder 629 950, upplupna kostnader 1 353 815.
  t.deepEqual(
    book.konton.map((konto) => [konto.konto, konto.sida, konto.saldoEnligtHuvudbok]),
    [
      ['1510', 'fordran', '375000.00'],
      ['1790', 'fordran', '897388.00'],
      ['2440', 'skuld', '629950.00'],
      ['2990', 'skuld', '1353815.00'],
    ],
  );
  for (const konto of book.konton) {
    t.is(konto.summaPoster, konto.saldoEnligtHuvudbok, `${konto.konto}: the items explain it`);
    t.is(konto.ospecificerat, '0.00');
  }
  const payables = book.konton.find((konto) => konto.konto === '2440')!;
  t.is(payables.poster.length, 20);
  t.like(
    payables.poster.find((post) => post.postId === 'LS-2020-LOKAL'),
    {
      öppetBelopp: '122000.00',
      förfallodatum: '2021-01-04',
      dagarEfterFörfallodatum: -4,
      förfalloklass: 'ej-förfallen',
    },
  );
  t.is(payables.perFörfalloklass['ej-förfallen'], '629950.00', 'nothing overdue at the year end');

  const text = await finsam('reskontra', '--date', '2020-12-31');
  t.is(text.exitCode, 0, text.stderr);
  t.regex(text.stdout, /^Reskontra per 2020-12-31$/m);
  t.regex(text.stdout, /^2440 Leverantörsskulder \(skuld, kredit\)$/m);
  t.regex(text.stdout, /^ {2}Saldo enligt huvudbok\s+629 950,00$/m);
  t.regex(
    text.stdout,
    /^Kontroll: de öppna posterna förklarar varje kontos saldo i huvudboken\.$/m,
  );
});

test('reskontra after the due dates: paid invoices gone, unpaid ones aged by their due dates, in CSV to a file', async (t) => {
  const { finsam, directory } = await copyOfRoslagen(t, 'reskontra');
  const payablesAt = async (date: string) => {
    const json = await finsam('reskontra', '--date', date, '--format', 'json');
    t.is(json.exitCode, 0, json.stderr);
    return (JSON.parse(json.stdout) as JsonReskontra).konton.find(
      (konto) => konto.konto === '2440',
    )!;
  };
  // 2021-01-10: the rent of 122 000 was paid on its due date, 2021-01-04; the other 19 invoices
  // fall due on 2021-01-15.
  const january = await payablesAt('2021-01-10');
  t.false(january.poster.some((post) => post.postId === 'LS-2020-LOKAL'));
  t.is(january.poster.length, 19);
  t.is(january.summaPoster, '507950.00');
  t.is(january.saldoEnligtHuvudbok, '507950.00');
  t.is(january.perFörfalloklass['ej-förfallen'], '507950.00');

  // The books end with 2022: its payables, due 2023-01-13, are 19 days overdue on 2023-02-01.
  const february2023 = await payablesAt('2023-02-01');
  t.true(february2023.poster.length > 0);
  for (const post of february2023.poster)
    t.like(post, {
      förfallodatum: '2023-01-13',
      dagarEfterFörfallodatum: 19,
      förfalloklass: '1-30-dagar',
    });
  t.is(february2023.perFörfalloklass['1-30-dagar'], february2023.saldoEnligtHuvudbok);
  t.is(february2023.saldoEnligtHuvudbok, '387300.00');

  const out = join(directory, 'reskontra.csv');
  const csv = await finsam('reskontra', '--date', '2023-02-01', '--format', 'csv', '--out', out);
  t.is(csv.exitCode, 0, csv.stderr);
  t.is(csv.stdout, '', 'written to --out, not stdout');
  const records = (await readFile(out, 'utf8')).split('\r\n');
  t.true(records[0]!.startsWith('konto,kontonamn,typ,post-id,slag,datum,förfallodatum,'));
  t.true(
    records.some((record) =>
      /^2440,Leverantörsskulder,post,LS-2022-LERNIA,leverantörsskuld,2022-12-13,2023-01-13,19,1-30-dagar,/.test(
        record,
      ),
    ),
  );
  t.true(records.includes('2440,Leverantörsskulder,saldo enligt huvudbok,,,,,,,,,,387300.00,'));
});

test('reskontra refuses a date that does not exist, naming --date, and writes nothing', async (t) => {
  const { finsam, directory } = await copyOfRoslagen(t, 'reskontra');
  const out = join(directory, 'reskontra.txt');
  const run = await finsam('reskontra', '--date', '2021-02-29', '--out', out);
  t.is(run.exitCode, 2);
  t.regex(
    run.stderr,
    /--date <date>' argument '2021-02-29' is invalid\. "2021-02-29" is not a date/,
  );
  t.is(run.stdout, '');
  await t.throwsAsync(stat(out), { code: 'ENOENT' });
});

test('reskontra refuses a date before the books begin (exit 2), and notes a date after their last year', async (t) => {
  const { finsam } = await copyOfRoslagen(t, 'reskontra');
  const before = await finsam('reskontra', '--date', '2019-12-31');
  t.is(before.exitCode, 2);
  t.regex(before.stderr, /2019-12-31 is before the books of .*: they begin in 2020\./);
  t.is(before.stdout, '');
  const after = await finsam('reskontra', '--date', '2030-01-01');
  t.is(after.exitCode, 0, after.stderr);
  t.regex(
    after.stderr,
    /the books hold verifikationer up to 2023; the items are aged as of 2030-01-01/,
  );
  t.regex(after.stdout, /387 300,00/);
});
