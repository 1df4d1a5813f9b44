import test from 'ava';
import { readFileSync } from 'node:fs';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  Money,
  createLedger,
  defaultChart,
  renderVerifikationslistaText,
  replayHuvudbok,
  replayVerifikationslista,
  type AnnualReport,
} from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { isSieError } from './error.js';
import { exportLedgerSie } from './exportLedgerSie.js';
import { importSie } from './importSie.js';
import { planSieImport, sieEventId, sieFileHash, type SieSource } from './planSieImport.js';
import { plannedSieEvents } from './plannedSieEvents.js';
import { proofBalancesOfSieFile } from './proofBalancesOfSieFile.js';
import { readSie } from './readSie.js';
import type { SieBalance, SieFile } from './SieFile.js';
import { companyMapping } from './companyMapping.testScenario.js';
import { writeSie } from './writeSie.js';
import { yearEndOfSieImport } from './yearEndOfSieImport.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const metadata = { recordedAt: '2023-03-01T10:00:00.000Z', recordedBy: 'ekonom@forbundet' };
const generated = { date: '2023-03-02' };

const sumOf = (balances: readonly SieBalance[]): Money =>
  Money.sum(balances.map((balance) => Money.from(balance.amount)));
const ofYear = (file: SieFile, kind: SieBalance['kind'], accounts: RegExp, yearIndex = 0) =>
  file.balances.filter(
    (balance) =>
      balance.kind === kind && balance.yearIndex === yearIndex && accounts.test(balance.account),
  );
const row = (
  report: AnnualReport,
  part: 'resultaträkning' | 'balansräkning' | 'kassaflödesanalys',
  key: string,
) => report[part].rows.find((candidate) => candidate.key === key)?.amounts[0]?.toString();

const visma = readSie(fixture('SIE4_Exempelfil_med_underdim.SE'));

test('Visma 2021: last year closed into #IB 2099, this year open; RR and BR are the file’s #RES and #UB', async (t) => {
  // The file shows 2020 closed: #RES −1 (with 8999, 585 964.73) and #UB −1 each sum to zero,
  // and 2020's result is in the #IB of 2099. 2021 is not closed: its #RES sums to a surplus.
  t.is(sumOf(ofYear(visma, 'RES', /./, -1)).toString(), '0.00');
  t.is(sumOf(ofYear(visma, 'UB', /./, -1)).toString(), '0.00');
  t.is(ofYear(visma, 'RES', /^8999$/, -1)[0]?.amount, '585964.73');
  t.is(ofYear(visma, 'IB', /^2099$/)[0]?.amount, '-585964.73');
  t.is(sumOf(ofYear(visma, 'RES', /./)).toString(), '-1074344.11');

  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'visma' };
  const result = await importSie(target, fixture('SIE4_Exempelfil_med_underdim.SE'), {
    mapping: companyMapping,
    metadata,
  });
  t.like(result, { år: 2021, verifikationer: 295, openingBalance: true, proofBasis: 'balances' });
  t.deepEqual(result.closes, [], 'a year whose #RES does not sum to zero stays open');
  // The ledger opens 2020's result in balanserat resultat (its rule: carried on 1 January);
  // the file never carries it in 2021, so the proof moves it on the file's side and says so.
  t.deepEqual(result.lastYearsResult, { amount: '-585964.73' });
  const proofOf = (konto: string) =>
    result.comparison.find((candidate) => candidate.kind === 'UB' && candidate.konto === konto);
  t.like(proofOf('2099'), {
    file: '-585964.73',
    adjusted: '585964.73',
    ledger: '0.00',
    equal: true,
  });
  t.like(proofOf('2091'), {
    file: '-1850263.28',
    adjusted: '-585964.73',
    ledger: '-2436228.01',
    equal: true,
  });
  t.true(result.comparison.every((candidate) => candidate.equal));

  const ledger = createLedger(target);
  t.false((await ledger.totals()).closedYears.has(2021));
  const report = await ledger.annualReport(2021);
  // Årets resultat is the file's #RES of 2021, negated (credit is income).
  t.is(row(report, 'resultaträkning', 'årets-resultat'), '1074344.11');
  // Assets are the file's #UB of class 1; eget kapital its #UB of 2081–2099 plus the result.
  t.is(
    row(report, 'balansräkning', 'summa-tillgångar'),
    sumOf(ofYear(visma, 'UB', /^1/)).toString(),
  );
  t.is(row(report, 'balansräkning', 'summa-tillgångar'), '4257572.13');
  t.is(row(report, 'balansräkning', 'kassa-och-bank'), '2381558.42');
  t.is(
    row(report, 'balansräkning', 'övrigt-eget-kapital'),
    sumOf(ofYear(visma, 'UB', /^20[89]/))
      .negated()
      .toString(),
  );
  t.is(row(report, 'balansräkning', 'summa-eget-kapital'), '3510572.12');
  // The file's one verifikation on eget kapital, A 18 "Utdelning", pays 500 000 from the bank:
  // financing, not an adjustment for items that move no cash.
  t.is(row(report, 'kassaflödesanalys', 'kassaflöde-finansieringsverksamhet'), '-500000.00');
  t.is(row(report, 'kassaflödesanalys', 'likvida-medel-vid-årets-slut'), '2381558.42');

  const again = await importSie(target, fixture('SIE4_Exempelfil_med_underdim.SE'), {
    mapping: companyMapping,
    metadata,
  });
  t.like(again, { written: 0, openingBalance: false });
  t.true(again.comparison.every((candidate) => candidate.equal));
});

test('the next year’s #IB with 2021’s result in eget kapital closes 2021, and counts the result once', async (t) => {
  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'visma' };
  await importSie(target, fixture('SIE4_Exempelfil_med_underdim.SE'), {
    mapping: companyMapping,
    metadata,
  });
  // Visma's file of 2022 opens with 2021's #UB after the program's close (8999 against 2099:
  // 1 074 344.11 more in 2099), and books one payment.
  const opening = ofYear(visma, 'UB', /./).map((balance) => ({
    ...balance,
    kind: 'IB' as const,
    amount:
      balance.account === '2099'
        ? Money.from(balance.amount).minus(Money.from('1074344.11')).toString()
        : balance.amount,
  }));
  t.is(sumOf(opening).toString(), '0.00', 'after the close the balances balance');
  const next = writeSie({
    ...visma,
    generated: { date: '2022-03-01' },
    years: [{ index: 0, start: '2022-01-01', end: '2022-12-31' }],
    balances: [
      ...opening,
      ...opening.map((balance) => ({
        ...balance,
        kind: 'UB' as const,
        amount: Money.from(balance.amount)
          .plus(Money.from(balance.account === '1930' ? '-100.00' : '0.00'))
          .toString(),
      })),
      { kind: 'RES', yearIndex: 0, account: '6110', amount: '100.00' },
    ],
    budgets: [],
    verifikationer: [
      {
        series: 'A',
        number: '1',
        date: '2022-01-10',
        text: 'Kontorsmaterial',
        transactions: [
          { account: '6110', objects: [], amount: '100.00' },
          { account: '1930', objects: [], amount: '-100.00' },
        ],
      },
    ],
  });
  const result = await importSie(target, next, { mapping: companyMapping, metadata });
  t.deepEqual(result.closes, [{ år: 2021, source: 'opening-balance' }]);
  // Both years' results (2020's from the first #IB, 2021's from this close) are in 2099 of the
  // file and in balanserat resultat of the ledger.
  t.deepEqual(result.lastYearsResult, { amount: '-1660308.84' });
  t.true(result.comparison.every((candidate) => candidate.equal));
  // The file starts where the books are: its #IB is their balance on 1 January 2022, eget
  // kapital (2091 and 2099 together) 2021's #UB of 2081–2099 with 2021's result in it.
  t.like(
    result.comparison.find(
      (candidate) => candidate.kind === 'IB' && candidate.konto === '2091+2099',
    ),
    { file: '-3510572.12', ledger: '-3510572.12', equal: true },
  );
  t.like(
    result.comparison.find((candidate) => candidate.kind === 'IB' && candidate.konto === '1930'),
    { file: '2381558.42', ledger: '2381558.42' },
  );
  const ledger = createLedger(target);
  const totals = await ledger.totals();
  t.true(totals.closedYears.has(2021));
  const report = await ledger.annualReport(2022);
  t.is(row(report, 'resultaträkning', 'årets-resultat'), '-100.00');
  // Eget kapital at the end of 2022: 2021's 3 510 572.12 less this year's 100, not 2021's
  // result twice.
  t.is(row(report, 'balansräkning', 'summa-eget-kapital'), '3510472.12');
  t.is(row(report, 'balansräkning', 'övrigt-eget-kapital'), '3510572.12');
});

test('Fortnox 4I: the close among an accrual in A 10 and last year’s result carried in A 5 are found', (t) => {
  const file = readSie(fixture('Sie4.si'));
  const plan = planSieImport(file, companyMapping, 'f'.repeat(64));
  const yearEnd = yearEndOfSieImport(file, plan, defaultChart, {
    opensBooks: true,
    closedLastYear: false,
  });
  t.like(yearEnd.close, {
    datum: '2010-12-31',
    källa: { serie: 'A', nummer: '10' },
    line: 465,
  });
  t.is(yearEnd.close?.åretsResultat.toString(), '594674.00');
  // The test company's rows do not quite give that result (961.04 differs, as its #IB differs
  // by 76 663.00): the ledger, which checks a close against its books, would refuse this close.
  const resultRows = plan.verifikationer
    .flatMap((verifikation) => verifikation.rader)
    .filter((rad) => /^[3-8]/.test(rad.konto) && rad.konto !== '8999');
  t.is(Money.sum(resultRows.map((rad) => rad.belopp)).toString(), '-595635.04');
  // A 10's accrual is still booked; A 5 keeps its 18 other year-end rows without the carry of
  // 2009's result (the #IB of 2099), which the opening balance already holds.
  const kept = (nummer: string) =>
    yearEnd.verifikationer.find((verifikation) => verifikation.källa.nummer === nummer)?.rader;
  t.deepEqual(
    kept('10')?.map((rad) => [rad.konto, rad.belopp.toString()]),
    [
      ['2990', '30564.00'],
      ['6010', '-30564.00'],
    ],
  );
  t.is(yearEnd.lastYearsResult?.toString(), '-712205.00');
  t.like(yearEnd.carriedBy, { serie: 'A', nummer: '5' });
  t.is(kept('5')?.length, 18);
  t.false(kept('5')!.some((rad) => rad.konto === '2099' || rad.konto === '2091'));
  t.is(yearEnd.verifikationer.length, plan.verifikationer.length);
});

test('Fortnox 4I: its #UB repeats #IB, so the proof uses #IB and the rows; its #IB does not balance', async (t) => {
  const file = readSie(fixture('Sie4.si'));
  const proof = proofBalancesOfSieFile(file);
  t.is(proof.basis, 'transactions');
  const derived = (account: string) =>
    proof.balances.find((balance) => balance.kind === 'UB' && balance.account === account)?.amount;
  // 2099: 2009's result −712 205 carried out (A 5), 2010's 594 674 closed in (A 10).
  t.is(derived('2099'), '-594674.00');
  t.is(derived('2091'), '-4091592.50');
  t.is(proof.balances.filter((balance) => balance.kind === 'RES').length > 0, true);
  // The file's #IB sums to 76 663.00: it cannot open books, and nothing is written.
  const store = getInMemoryEventStore();
  const error = await t.throwsAsync(
    importSie({ store, förbundId: 'fortnox' }, fixture('Sie4.si'), {
      mapping: companyMapping,
      metadata,
    }),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  t.like(error, { line: 288 });
  t.like((error as unknown as { details: object }).details, { sum: '76663.00' });
  // Before any account is asked for: no mapping could make this #IB open the books.
  const unmapped = await t.throwsAsync(
    importSie({ store, förbundId: 'fortnox' }, fixture('Sie4.si'), {
      mapping: { konton: [] },
      metadata,
    }),
  );
  t.like(unmapped, { code: 'IMPORT_REFUSED', line: 288 });
  t.like((unmapped as unknown as { details: object }).details, { sum: '76663.00' });
  const stored = [];
  for await (const event of store.readStream('bokforing-fortnox')) stored.push(event);
  t.is(stored.length, 0);
});

test('Visma into books whose posts lack the Ej fördelat placement: the #IB refusal names the post to declare; nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  // Every post the mapping's rows need, but not the one the #IB's upplupna kostnader open on.
  const vocabulary = {
    poster: [
      { område: 'administrativa' as const, post: 'Övriga kostnader' },
      { område: 'administrativa' as const, post: 'Personal' },
      { område: 'operativa' as const, post: 'Varor' },
    ],
  };
  const error = await t.throwsAsync(
    importSie(
      { store, förbundId: 'visma', vocabulary },
      fixture('SIE4_Exempelfil_med_underdim.SE'),
      { mapping: companyMapping, metadata },
    ),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  const issues = (error as unknown as { issues: { path: string; rule: string }[] }).issues;
  // Items are in account order; 2990's upplupna kostnader come last, after four that need no post.
  t.deepEqual(
    issues.map((issue) => `${issue.path} ${issue.rule}`),
    ['IngåendeBalansRegistrerad.data.öppnaPoster.4.post declared-post'],
  );
  t.regex(error!.message, /"Ej fördelat" is not a declared post of område administrativa/);
  t.regex(
    error!.message,
    /#IB opens its upplupna kostnader as an item on the Ej fördelat placement \(administrativa \/ Ej fördelat\): declare that post in poster/,
  );
  const stored = [];
  for await (const event of store.readStream('bokforing-visma')) stored.push(event);
  t.is(stored.length, 0);
});

test('Edison 4I without #IB cannot open books: a refusal naming #IB, not a broken invariant', async (t) => {
  const error = await t.throwsAsync(
    importSie({ store: getInMemoryEventStore(), förbundId: 'edison' }, fixture('typ4si.si'), {
      mapping: companyMapping,
      metadata,
    }),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  t.deepEqual(
    (error as unknown as { issues: unknown[] }).issues.map(
      (issue) => (issue as { rule: string }).rule,
    ),
    ['opening-balance-required'],
  );
});

test('Edison 4I into books already open: a file of rows only proves nothing, so it is refused and nothing is written', async (t) => {
  const store = getInMemoryEventStore();
  const target = { store, förbundId: 'edison' };
  const opening = await createLedger(target).record(
    'IngåendeBalansRegistrerad',
    {
      datum: '2012-01-01',
      text: 'Ingående balans',
      kassaOchBank: '1000000.00',
      momsfordran: '0.00',
      balanseratResultat: '1000000.00',
      öppnaPoster: [],
    },
    { metadata },
  )();
  t.is(opening._tag, 'Right');
  const error = await t.throwsAsync(
    importSie(target, fixture('typ4si.si'), { mapping: companyMapping, metadata }),
  );
  t.true(isSieError(error, 'IMPORT_REFUSED'));
  t.deepEqual(
    (error as unknown as { issues: { path: string; rule: string }[] }).issues.map(
      (issue) => `${issue.path} ${issue.rule}`,
    ),
    ['#UB balances-required'],
  );
  t.regex(error!.message, /^The file has no #IB, #UB or #RES of 2012, only verifikationer: /);
  const stored = [];
  for await (const event of store.readStream('bokforing-edison')) stored.push(event.type);
  t.deepEqual(stored, ['IngåendeBalansRegistrerad']);
});

test("each #VER's regdatum and its rows' own texts are kept: the verifikationslista and huvudbok show them", async (t) => {
  const target = { store: getInMemoryEventStore(), förbundId: 'visma' };
  const file = fixture('SIE4_Exempelfil_med_underdim.SE');
  const result = await importSie(target, file, { mapping: companyMapping, metadata });
  const events = await collectAsync(target.store.readAll());
  const list = await replayVerifikationslista(events, 2021);
  const journal = list.verifikationer.find((post) => post.källa?.nummer === '67');
  t.like(journal?.källa, { serie: 'B', nummer: '67', registrerad: '2021-10-02' });
  t.is(journal?.källa?.signatur, undefined, 'the file signs no #VER');
  t.deepEqual(
    journal?.rader
      .filter((rad) => rad.konto === '1510')
      .map((rad) => [rad.kredit?.toString(), rad.text]),
    [
      ['1094.00', 'Faktnr: 670, Namn: Karl Svensson'],
      ['16875.00', 'Faktnr: 663, Namn: Billeverant\uFFFDren AB'],
      ['29750.32', 'Faktnr: 669, Namn: IWU Trading'],
      ['2750.00', 'Faktnr: 671, Namn: Sparlivs'],
    ],
  );
  const text = renderVerifikationslistaText(list);
  t.true(
    text.includes(
      `  Källa verifikation B 67 i SIE-fil ${result.filHash.slice(0, 12)}, registrerad där 2021-10-02\n`,
    ),
  );
  t.regex(text, /^ {2}1510 +Kundfordringar +Faktnr: 670, Namn: Karl Svensson +1 094,00$/m);
  // In the huvudbok a line with a text of its own reads by it, the others by the verifikation's.
  const huvudbok = await replayHuvudbok(events, 2021);
  const kundfordringar = huvudbok.konton.find((konto) => konto.konto === '1510');
  const ofJournal = kundfordringar?.transaktioner.filter(
    (line) => line.eventId === journal?.eventId,
  );
  t.deepEqual(
    ofJournal?.map((line) => [line.text, line.belopp.toString()]),
    [
      ['Faktnr: 670, Namn: Karl Svensson', '-1094.00'],
      ['Faktnr: 663, Namn: Billeverant\uFFFDren AB', '-16875.00'],
      ['Faktnr: 669, Namn: IWU Trading', '-29750.32'],
      ['Faktnr: 671, Namn: Sparlivs', '-2750.00'],
    ],
  );
  const first = kundfordringar?.transaktioner.find((line) => line.text === 'Kaffebr\uFFFDd');
  t.is(first, undefined, 'A 1 books no kundfordran');
  // An export of the books writes the rows' texts back as #TRANS transtext.
  const exported = readSie(
    await exportLedgerSie(createLedger(target), { year: 2021, companyName: 'Visma', generated }),
  );
  const rows = exported.verifikationer.flatMap((verifikation) => verifikation.transactions);
  t.is(rows.filter((row) => row.text === 'Faktnr: 670, Namn: Karl Svensson').length, 2);
});

test('a voided verifikation, left with one #TRANS of zero as BL Administration writes it, books nothing and does not refuse the file', async (t) => {
  // Its removed rows are #BTRANS, its change #RTRANS; what is left is a single row of 0.
  const voided = [
    '#VER A 999 20210315 "Makulerad" 20210316',
    '{',
    '   #BTRANS 1930 {} -10.00',
    '   #RTRANS 1930 {} 0.00',
    '   #TRANS 1930 {} 0.00',
    '   #BTRANS 4010 {} 10.00',
    '}',
    '',
  ].join('\n');
  const plain = fixture('SIE4_Exempelfil_med_underdim.SE');
  const withVoided = new Uint8Array([...plain, ...Buffer.from(voided, 'latin1')]);
  const importInto = async (bytes: Uint8Array) => {
    const target = { store: getInMemoryEventStore(), förbundId: 'visma' };
    const result = await importSie(target, bytes, { mapping: companyMapping, metadata });
    const lista = await replayVerifikationslista(await collectAsync(target.store.readAll()), 2021);
    return { result, lista };
  };

  const without = await importInto(plain);
  const imported = await importInto(withVoided);

  t.like(imported.result, { år: 2021, verifikationer: 296, openingBalance: true });
  t.is(imported.result.written, without.result.written, 'the voided one adds no event');
  t.true(imported.result.comparison.every((candidate) => candidate.equal));
  t.is(imported.lista.verifikationer.length, without.lista.verifikationer.length);
  t.false(imported.lista.verifikationer.some((post) => post.källa?.nummer === '999'));
});

test('a year of balances without verifikationer, into books that already hold it, has nothing to book: proved, not taken for an earlier import', async (t) => {
  const target = { store: getInMemoryEventStore(), förbundId: 'visma' };
  const plain = fixture('SIE4_Exempelfil_med_underdim.SE');
  const imported = await importSie(target, plain, { mapping: companyMapping, metadata });
  t.like(imported, { nothingToBook: false, openingBalance: true });
  t.true(imported.written > 0);
  // The same year as a balances-only export (SIE 4E without its #VER blocks).
  const text = Buffer.from(plain).toString('latin1');
  const balancesOnly = text.replace(/^#VER[^\n]*\n\{\n(?:[^\n]*\n)*?\}\n/gm, '');
  t.is(readSie(Buffer.from(balancesOnly, 'latin1')).verifikationer.length, 0);

  const proved = await importSie(target, Buffer.from(balancesOnly, 'latin1'), {
    mapping: companyMapping,
    metadata,
  });

  t.like(proved, { år: 2021, verifikationer: 0, written: 0, nothingToBook: true });
  t.true(proved.comparison.length > 0);
  t.true(proved.comparison.every((candidate) => candidate.equal));
  const again = await importSie(target, plain, { mapping: companyMapping, metadata });
  t.like(again, { written: 0, nothingToBook: false }, 'a file imported before is not nothing');
});

test('#VERs that leave their number empty or repeat one are each booked once, and not again on a second import', async (t) => {
  // Verifikationer on the bank account alone, netting to zero (the proof is unchanged): three
  // unnumbered, two of them alike, as an import file may hold them; two numbered alike, as BL
  // Administration numbers each month's depreciation.
  const ver = (number: string, amount: string) =>
    `#VER A "${number}" 20210315 "Omföring"\n{\n   #TRANS 1930 {} ${amount}\n   #TRANS 1930 {} -${amount}\n}\n`;
  const plain = fixture('SIE4_Exempelfil_med_underdim.SE');
  const appended = [
    ver('', '100.00'),
    ver('', '100.00'),
    ver('', '50.00'),
    ver('999', '70.00'),
    ver('999', '80.00'),
  ].join('');
  const withUnnumbered = new Uint8Array([...plain, ...Buffer.from(appended, 'latin1')]);
  const target = { store: getInMemoryEventStore(), förbundId: 'visma' };
  const without = await importSie({ store: getInMemoryEventStore(), förbundId: 'visma' }, plain, {
    mapping: companyMapping,
    metadata,
  });

  const imported = await importSie(target, withUnnumbered, { mapping: companyMapping, metadata });

  t.is(imported.written, without.written + 5);
  t.true(imported.comparison.every((candidate) => candidate.equal));
  const events = await collectAsync(target.store.readAll());
  const lista = await replayVerifikationslista(events, 2021);
  const appendedPosts = lista.verifikationer.filter(
    (post) => post.källa?.serie === 'A' && ['', '999'].includes(post.källa.nummer),
  );
  t.deepEqual(
    appendedPosts.map((post) => [post.källa?.nummer, post.rader[0]?.debet?.toString()]),
    [
      ['', '100.00'],
      ['', '100.00'],
      ['', '50.00'],
      ['999', '70.00'],
      ['999', '80.00'],
    ],
  );
  t.is(new Set(appendedPosts.map((post) => post.eventId)).size, 5);
  const again = await importSie(target, withUnnumbered, { mapping: companyMapping, metadata });
  t.like(again, { written: 0, nothingToBook: false });
});

test('a close held alone in a #VER repeating a booked one’s series and number gets an id of its own; the first keeps the id earlier imports gave it', async (t) => {
  // Visma's file already has a #VER A 1; this second A 1 holds the year's close alone.
  const close =
    '#VER A 1 20211231 "Bokslut"\n{\n   #TRANS 8999 {} 100.00\n   #TRANS 2099 {} -100.00\n}\n';
  const bytes = new Uint8Array([
    ...fixture('SIE4_Exempelfil_med_underdim.SE'),
    ...Buffer.from(close, 'latin1'),
  ]);
  const file = readSie(bytes);
  const filHash = await sieFileHash(bytes);
  const ledger = createLedger({ store: getInMemoryEventStore(), förbundId: 'visma' });
  const books = { withOpening: true, totals: await ledger.totals(), chart: ledger.chart };

  const planned = await plannedSieEvents(
    file,
    planSieImport(file, companyMapping, filHash),
    books,
    companyMapping,
    filHash,
    { budget: 'book' },
  );

  const sourceOf = (event: { data: unknown }) => (event.data as { källa: SieSource }).källa;
  const booked = planned.events.find(
    (event) =>
      event.type === 'VerifikationImporterad' &&
      sourceOf(event).serie === 'A' &&
      sourceOf(event).nummer === '1',
  );
  const closing = planned.events.find((event) => event.type === 'RäkenskapsårStängt');
  t.like(closing?.data, { år: 2021, datum: '2021-12-31', åretsResultat: '100.00' });
  t.is(booked?.eventId, await sieEventId({ filHash, serie: 'A', nummer: '1' }));
  t.is(closing?.eventId, await sieEventId({ filHash, serie: 'A', nummer: '1' }, 2));
  const ids = planned.events.map((event) => event.eventId);
  t.is(new Set(ids).size, ids.length, 'every planned event has an id of its own');
});
