import test from 'ava';
import { compareSieWithLedger } from './compareSieWithLedger.js';
import { readSie } from './readSie.js';
import { smallDocument } from './testDocument.testScenario.js';
import { writeSie } from './writeSie.js';

const file = readSie(writeSie(smallDocument));
const mapping = { konton: [{ från: '1000-2999' }, { från: '4000-4999', till: '6010' }] };

test('the proof lists #UB and #RES per ledger account, mapped, and says where they differ', (t) => {
  const ledger = {
    balances: [
      { kind: 'UB' as const, yearIndex: 0, account: '1930', amount: '750.50' },
      { kind: 'RES' as const, yearIndex: 0, account: '6010', amount: '249.00' },
    ],
  };
  t.deepEqual(compareSieWithLedger(file, mapping, ledger), [
    { konto: '1930', kind: 'UB', file: '750.50', ledger: '750.50', equal: true },
    { konto: '6010', kind: 'RES', file: '249.50', ledger: '249.00', equal: false },
  ]);
});

test('an account the ledger has and the file does not is a difference too', (t) => {
  const ledger = {
    balances: [
      { kind: 'UB' as const, yearIndex: 0, account: '1930', amount: '750.50' },
      { kind: 'UB' as const, yearIndex: 0, account: '2440', amount: '-1.00' },
      { kind: 'RES' as const, yearIndex: 0, account: '6010', amount: '249.50' },
    ],
  };
  t.deepEqual(
    compareSieWithLedger(file, mapping, ledger).filter((row) => !row.equal),
    [{ konto: '2440', kind: 'UB', file: '0.00', ledger: '-1.00', equal: false }],
  );
});

test('with the rest of the books, the file’s figures are the change it makes, and must add up to the books', (t) => {
  // The file's rows: the bank down 249.50, a cost of 249.50; the rest of the books: 1 000 in the
  // bank and a cost of 100 booked before.
  const rows = {
    balances: [
      { kind: 'UB' as const, yearIndex: 0, account: '1930', amount: '-249.50' },
      { kind: 'RES' as const, yearIndex: 0, account: '4010', amount: '249.50' },
    ],
  };
  const before = {
    balances: [
      { kind: 'UB' as const, yearIndex: 0, account: '1930', amount: '1000.00' },
      { kind: 'RES' as const, yearIndex: 0, account: '6010', amount: '100.00' },
    ],
  };
  const after = (bank: string) => ({
    balances: [
      { kind: 'UB' as const, yearIndex: 0, account: '1930', amount: bank },
      { kind: 'RES' as const, yearIndex: 0, account: '6010', amount: '349.50' },
    ],
  });
  t.deepEqual(compareSieWithLedger(rows, mapping, after('750.50'), [], before), [
    {
      konto: '1930',
      kind: 'UB',
      file: '-249.50',
      ledger: '750.50',
      otherBookings: '1000.00',
      equal: true,
    },
    {
      konto: '6010',
      kind: 'RES',
      file: '249.50',
      ledger: '349.50',
      otherBookings: '100.00',
      equal: true,
    },
  ]);
  // A row the books lack shows as a difference.
  t.like(compareSieWithLedger(rows, mapping, after('1000.00'), [], before)[0], {
    konto: '1930',
    equal: false,
  });
});
