import anyTest, { type TestFn } from 'ava';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyOfRoslagen, repositoryRoot, runFinsamProcess } from './runCli.testSupport.js';

// `finsam huvudbok` and `finsam verifikationer`, run as child processes in a fresh temporary
// directory holding a copy of the Roslagen store and configuration.

const test = anyTest.serial as TestFn;

const roslagenCopy = (t: { teardown: (fn: () => Promise<void>) => void }) =>
  copyOfRoslagen(t, 'huvudbok');

interface JsonHuvudbok {
  år: number;
  konton: {
    konto: string;
    ingåendeBalans: string;
    utgåendeBalans: string;
    transaktioner: { verifikation: string; belopp: string; saldo: string }[];
  }[];
  kontroller: { rad: string; enligtÅrsredovisning: string; enligtHuvudbok: string }[];
}

test('huvudbok 2020: the bank account from the opening balance to the balansräkning’s kassa och bank, in text, CSV and JSON', async (t) => {
  const { finsam, directory } = await roslagenCopy(t);
  const text = await finsam('huvudbok', '--year', '2020');
  t.is(text.exitCode, 0, text.stderr);
  t.regex(text.stdout, /^Huvudbok 2020$/m);
  t.regex(text.stdout, /^1930 Bank$/m);
  t.regex(
    text.stdout,
    /^ {2}balansräkning\/kassa-och-bank\s+Kassa och bank\s+3 920 436,00\s+=\s+3 920 436,00$/m,
  );
  t.regex(
    text.stdout,
    /^ {2}resultaträkning\/verksamhetens-intäkter\s+Verksamhetens intäkter\s+9 561 772,00\s+=\s+9 561 772,00$/m,
  );

  const json = await finsam('huvudbok', '--year', '2020', '--format', 'json');
  t.is(json.exitCode, 0, json.stderr);
  const book = JSON.parse(json.stdout) as JsonHuvudbok;
  const bank = book.konton.find((konto) => konto.konto === '1930')!;
  t.is(bank.ingåendeBalans, '2573298.00');
  t.is(bank.utgåendeBalans, '3920436.00');
  t.is(bank.transaktioner.at(-1)!.saldo, '3920436.00');
  for (const check of book.kontroller)
    t.is(check.enligtHuvudbok, check.enligtÅrsredovisning, check.rad);

  const csv = await finsam(
    'huvudbok',
    '--year',
    '2020',
    '--format',
    'csv',
    '--out',
    'huvudbok.csv',
  );
  t.is(csv.exitCode, 0, csv.stderr);
  t.is(csv.stdout, '');
  const records = (await readFile(join(directory, 'huvudbok.csv'), 'utf8')).split('\r\n');
  t.is(records[0], 'konto,kontonamn,typ,datum,verifikation,text,belopp,saldo,händelse-id');
  t.true(records.includes('1930,Bank,ingående balans,,,,,2573298.00,'));
  t.true(records.includes('1930,Bank,utgående balans,,,,,3920436.00,'));
});

interface JsonVerifikationslista {
  år: number;
  summaDebet: string;
  summaKredit: string;
  verifikationer: {
    nummer: string;
    datum: string;
    registrerad: string;
    text: string;
    motpart?: string;
    eventId: string;
    eventType: string;
    orsak?: string;
    rader: { konto: string; debet: string | null; kredit: string | null }[];
  }[];
}

test('verifikationer 2021: every verifikation numbered without gaps, with dates, text, counterparty, lines and event', async (t) => {
  const { finsam } = await roslagenCopy(t);
  const json = await finsam('verifikationer', '--year', '2021', '--format', 'json');
  t.is(json.exitCode, 0, json.stderr);
  const list = JSON.parse(json.stdout) as JsonVerifikationslista;
  t.is(list.år, 2021);
  t.deepEqual(
    list.verifikationer.map((post) => post.nummer),
    list.verifikationer.map((_post, index) => `2021-${index + 1}`),
  );
  t.is(list.summaDebet, list.summaKredit);
  const correction = list.verifikationer.find((post) => post.eventType === 'EgetKapitalRättat')!;
  t.regex(correction.text, /^Rättelse bokslut 2020/);
  t.true(correction.rader.some((rad) => rad.konto === '2091' && rad.debet === '16000.00'));
  t.regex(correction.registrerad, /^2021-\d\d-\d\dT/);
  // The skäl says why: the ESF payment, and the reconstructed evidence.
  t.regex(
    correction.orsak!,
    /^Svenska ESF-rådet betalade ansökan .* med 755 420 kr, 16 000 kr mindre /,
  );

  const text = await finsam('verifikationer', '--year', '2021');
  t.is(text.exitCode, 0, text.stderr);
  t.regex(text.stdout, /^Verifikationslista 2021$/m);
  t.regex(text.stdout, new RegExp(`^ {2}Händelse EgetKapitalRättat ${correction.eventId}$`, 'm'));
  t.true(text.stdout.includes(`\n  Orsak ${correction.orsak}\n`));
  t.regex(
    text.stdout,
    /^\d+ verifikationer; summa debet [\d ]+,\d\d, summa kredit [\d ]+,\d\d\.$/m,
  );

  const csv = await finsam('verifikationer', '--year', '2021', '--format', 'csv');
  t.is(csv.exitCode, 0, csv.stderr);
  const records = csv.stdout.split('\r\n');
  t.is(
    records[0],
    'verifikation,datum,registrerad,registrerad-av,text,motpart,händelse,händelse-id,rättar,rättar-verifikationer,orsak,rättad-av,rättad-av-verifikationer,rättad-av-datum,källa-serie,källa-nummer,källa-fil,källa-registrerad,källa-signatur,konto,kontonamn,dimensioner,radtext,debet,kredit',
  );
  t.true(records.some((record) => record.startsWith('2021-1,')));
});

test('a year outside the books and an unknown format are usage errors (exit code 2)', async (t) => {
  const { finsam } = await roslagenCopy(t);
  const outside = await finsam('huvudbok', '--year', '2031');
  t.is(outside.exitCode, 2);
  t.regex(outside.stderr, /year 2031 is outside the books/);
  const format = await finsam('verifikationer', '--format', 'xml');
  t.is(format.exitCode, 2);
  t.regex(format.stderr, /Allowed choices are text, csv, json/);
});

test('verifikationer and huvudbok 2023: the year holding only the 2022 close’s transfer of the result lists it', async (t) => {
  const { finsam } = await roslagenCopy(t);
  const listed = await finsam('verifikationer', '--year', '2023');
  t.is(listed.exitCode, 0, listed.stderr);
  t.regex(
    listed.stdout,
    /^2023-1 {2}2023-01-01 {2}Omföring av årets resultat 2022 till balanserat resultat$/m,
  );
  t.regex(listed.stdout, /^ {2}2099 .* 2 090 800,00$/m);
  t.regex(
    listed.stdout,
    /^1 verifikation; summa debet 2 090 800,00, summa kredit 2 090 800,00\.$/m,
  );
  const huvudbok = await finsam('huvudbok', '--year', '2023', '--format', 'json');
  t.is(huvudbok.exitCode, 0, huvudbok.stderr);
  const book = JSON.parse(huvudbok.stdout) as JsonHuvudbok;
  const åretsResultat = book.konton.find((konto) => konto.konto === '2099')!;
  t.deepEqual([åretsResultat.ingåendeBalans, åretsResultat.utgåendeBalans], ['2090800.00', '0.00']);
  // The default year is still the latest with bookings, and 2024 holds nothing.
  const latest = await finsam('verifikationer');
  t.regex(latest.stdout, /^Verifikationslista 2022$/m);
  const after = await finsam('verifikationer', '--year', '2024');
  t.is(after.exitCode, 2);
  t.regex(after.stderr, /year 2024 is outside the books/);
});

test('verifikationer of books that hold only their opening balance list it, asked for or by default', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'finsam-opening-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const finsam = (...args: string[]) => runFinsamProcess(args, { cwd: directory });
  const init = await finsam('init', '--forbund-id', 'norrbacken', '--namn', 'Norrbäcken');
  t.is(init.exitCode, 0, init.stderr);
  await copyFile(
    join(repositoryRoot, 'examples/norrbacken/forbund.json'),
    join(directory, 'forbund.json'),
  );
  const events = await readFile(join(repositoryRoot, 'examples/norrbacken/events.jsonl'), 'utf8');
  await writeFile(join(directory, 'ib.jsonl'), `${events.split('\n')[0]}\n`);
  t.is((await finsam('record', 'ib.jsonl')).exitCode, 0);
  for (const args of [['verifikationer'], ['verifikationer', '--year', '2024']]) {
    const listed = await finsam(...args);
    t.is(listed.exitCode, 0, listed.stderr);
    t.regex(listed.stdout, /^Verifikationslista 2024$/m);
    t.regex(listed.stdout, /^2024-1 {2}2024-01-01 {2}Ingående balans 2024/m);
    t.regex(listed.stdout, /^1 verifikation; summa debet 350 000,00, summa kredit 350 000,00\.$/m);
  }
  const after = await finsam('verifikationer', '--year', '2025');
  t.is(after.exitCode, 2);
  t.regex(after.stderr, /year 2025 is outside the books/);
});
