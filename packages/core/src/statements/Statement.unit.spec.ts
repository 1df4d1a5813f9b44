import test from 'ava';
import { isLedgerError } from '../error.js';
import { Money } from '../money/Money.js';
import { rowOf, type Statement } from './Statement.js';

const statement: Statement = {
  name: 'Resultaträkning',
  year: 2020,
  columns: [{ year: 2020, label: '2020-12-31', source: 'bokföring' }],
  rows: [{ key: 'årets-resultat', label: 'Årets resultat', kind: 'total', amounts: [Money.zero] }],
};

test('rowOf finds a row by key, and a missing key is a typed refusal naming the key', (t) => {
  t.is(rowOf(statement, 'årets-resultat').label, 'Årets resultat');
  const error = t.throws(() => rowOf(statement, 'arets-resultat'));
  t.true(isLedgerError(error));
  if (isLedgerError(error)) {
    t.is(error.code, 'VALIDATION_FAILED');
    t.deepEqual(
      error.issues.map((issue) => [issue.path, issue.rule]),
      [['key', 'known-row']],
    );
    t.is(error.message, 'Resultaträkning has no row arets-resultat');
  }
});
