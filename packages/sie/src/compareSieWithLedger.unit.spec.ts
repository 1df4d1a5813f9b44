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
