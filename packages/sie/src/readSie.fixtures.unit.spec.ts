import test from 'ava';
import { readFileSync } from 'node:fs';
import { Money } from '@finsam-ledger/core';
import { checkSieBalances, transactionSumsOfYear } from './checkSieBalances.js';
import { isSieError } from './error.js';
import { readSie } from './readSie.js';
import type { SieFile } from './SieFile.js';

const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

/** `#IB` of year 0 equal to `#UB` of year −1 on every account: the years follow each other. */
const yearsFollowEachOther = (file: SieFile): boolean => {
  const of = (kind: 'IB' | 'UB', yearIndex: number) =>
    new Map(
      file.balances
        .filter((balance) => balance.kind === kind && balance.yearIndex === yearIndex)
        .map((balance) => [balance.account, balance.amount]),
    );
  const opening = of('IB', 0);
  const closingBefore = of('UB', -1);
  return [...new Set([...opening.keys(), ...closingBefore.keys()])].every(
    (account) => (opening.get(account) ?? '0.00') === (closingBefore.get(account) ?? '0.00'),
  );
};

const everyVerifikationBalances = (file: SieFile): boolean =>
  file.verifikationer.every((verifikation) =>
    Money.sum(verifikation.transactions.map((row) => Money.from(row.amount))).isZero(),
  );

test('SIE-gruppen example (Visma, UTF-8 declared PC8): 295 verifikationer whose balances agree', (t) => {
  const file = readSie(fixture('SIE4_Exempelfil_med_underdim.SE'));
  t.deepEqual(file.encoding, {
    declared: 'PC8',
    used: 'utf-8',
    mismatch: true,
    replacementCharacters: 702,
  });
  t.is(file.verifikationer.length, 295);
  t.is(file.accounts.length, 530);
  t.deepEqual(file.years[0], { index: 0, start: '2021-01-01', end: '2021-12-31' });
  t.deepEqual(
    file.dimensions.map((dimension) => [dimension.number, dimension.parent]),
    [
      ['1', undefined],
      ['6', undefined],
      ['61', '6'],
      ['62', '6'],
    ],
  );
  t.true(everyVerifikationBalances(file));
  // #UB − #IB of every balance account and #RES of every result account follow from #TRANS.
  t.deepEqual(checkSieBalances(file), []);
  t.is(
    file.balances.filter((balance) => balance.kind === 'RES' && balance.yearIndex === 0).length,
    58,
  );
  t.true(yearsFollowEachOther(file));
  const first = file.verifikationer[0]!;
  t.like(first, { series: 'A', number: '1', date: '2021-01-05', registrationDate: '2021-03-10' });
  t.is(first.transactions[0]!.amount, '-195.00');
  t.is(file.ignoredLabels['#SRU'], 529);
});

test('BL Administration 4E (broken financial year, #RTRANS/#BTRANS): balances agree with rows', (t) => {
  const file = readSie(fixture('BL0001_typ4.SE'));
  t.like(file.encoding, { declared: 'PC8', used: 'cp437', mismatch: false });
  t.is(file.companyName, 'SEEE Speak Easy Executive English AB');
  t.is(file.verifikationer.length, 84);
  t.deepEqual(file.years[0], { index: 0, start: '2009-07-01', end: '2010-06-30' });
  t.true(everyVerifikationBalances(file));
  // The supplementary rows are not rows of the verifikation: #UB − #IB still matches #TRANS.
  t.is(file.ignoredLabels['#RTRANS'], 6);
  t.is(file.ignoredLabels['#BTRANS'], 3);
  t.deepEqual(checkSieBalances(file), []);
  t.true(yearsFollowEachOther(file));
  // Its budget (#PBUDGET, twelve months of two accounts) is read: income negative, costs positive.
  const budgetOf = (account: string) =>
    Money.sum(
      file.budgets!.filter((b) => b.account === account).map((b) => Money.from(b.amount)),
    ).toString();
  t.is(file.budgets!.length, 24);
  t.is(budgetOf('3010'), '-1200000.00');
  t.is(budgetOf('4010'), '600000.00');
  t.deepEqual(file.budgets![0], {
    yearIndex: 0,
    period: '200907',
    account: '3010',
    objects: [],
    amount: '-100000.00',
    line: file.budgets![0]!.line,
  });
  const objects = file.verifikationer
    .flatMap((v) => v.transactions)
    .filter((r) => r.objects.length > 0);
  t.true(objects.length > 0);
  t.true(file.objects.some((object) => object.dimension === '1' && object.name === 'Östervåla'));
});

test('Fortnox 4I: quoted series and numbers, every verifikation balanced', (t) => {
  const file = readSie(fixture('Sie4.si'));
  t.is(file.program.name, 'Fortnox Bokföring');
  t.is(file.companyName, 'Testföretaget AB');
  t.is(file.verifikationer.length, 165);
  t.like(file.verifikationer[2], {
    series: 'A',
    number: '3',
    text: 'Överföring från plusgiro till bank',
  });
  t.true(everyVerifikationBalances(file));
  // A 4I file: its rows of the year sum to zero over all accounts, like any set of verifikationer.
  const sums = transactionSumsOfYear(file, 0);
  t.true(Money.sum(sums.values()).isZero());
  // Its #UB repeats #IB on each of its 48 accounts (written for an import, before the year's
  // verifikationer were booked), so the balances do not follow from the rows: the check names
  // exactly the accounts the rows move, and no other.
  const ib = file.balances.filter((balance) => balance.kind === 'IB');
  const ub = file.balances.filter((balance) => balance.kind === 'UB');
  t.is(ib.length, 48);
  t.deepEqual(
    ub.map((balance) => [balance.account, balance.amount]),
    ib.map((balance) => [balance.account, balance.amount]),
  );
  const moved = [...sums].filter(([, sum]) => !sum.isZero()).map(([account]) => account);
  t.deepEqual(
    checkSieBalances(file)
      .map((difference) => difference.account)
      .sort(),
    moved.sort(),
  );
});

test('Edison 4I: several spaces between fields, no balances', (t) => {
  const file = readSie(fixture('typ4si.si'));
  t.is(file.companyName, 'Övningsföretaget AB');
  t.is(file.verifikationer.length, 81);
  t.is(file.balances.length, 0);
  t.like(file.verifikationer[0], { series: '0', number: '1', text: 'Kontoavslut 2099 mot 2098' });
  t.deepEqual(
    file.verifikationer[0]!.transactions.map((row) => [row.account, row.amount, row.date]),
    [
      ['2099', '193179.00', '2012-01-01'],
      ['2098', '-193179.00', '2012-01-01'],
    ],
  );
  t.true(everyVerifikationBalances(file));
});

test('Avendo: the unbalanced #VER B 1 is refused with its line number', (t) => {
  const error = t.throws(() => readSie(fixture('transaktioner_ovnbolag-bad-balance.se')));
  t.true(isSieError(error, 'UNBALANCED_VERIFIKATION'));
  t.is((error as { line?: number }).line, 3905);
  t.like((error as unknown as { details: object }).details, {
    series: 'B',
    number: '1',
    imbalance: '-12771.00',
  });
});
