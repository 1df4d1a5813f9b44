import test from 'ava';
import { isLedgerError } from '../error.js';
import { defaultChart, defineChart } from './ChartOfAccounts.js';

/**
 * A chart is the caller's configuration: its mistakes are refused naming the field, never as
 * a library bug.
 */

test('a chart that defines an account twice is refused with VALIDATION_FAILED naming the account', (t) => {
  const error = t.throws(() =>
    defineChart({
      ...defaultChart,
      name: 'Dubbel',
      accounts: [
        ...defaultChart.accounts,
        { number: '1930', name: 'Bank igen', line: 'kassa-och-bank' },
      ],
    }),
  );
  t.true(isLedgerError(error, 'VALIDATION_FAILED'), String(error));
  if (isLedgerError(error))
    t.deepEqual(error.issues, [
      {
        path: `accounts.${defaultChart.accounts.length}.number`,
        rule: 'unique-account',
        message: 'account 1930 is already defined',
      },
    ]);
});

test('a chart whose roles use an account it does not define is refused with UNKNOWN_ACCOUNT naming accounts', (t) => {
  const error = t.throws(() =>
    defineChart({
      ...defaultChart,
      name: 'Utan bank',
      accounts: defaultChart.accounts.filter((account) => account.number !== '1930'),
    }),
  );
  t.true(isLedgerError(error, 'UNKNOWN_ACCOUNT'), String(error));
  t.true(isLedgerError(error) && error.issues.some((issue) => issue.path === 'accounts'));
});

test('asking a chart for an account it does not define throws UNKNOWN_ACCOUNT naming konto and the rule', (t) => {
  const error = t.throws(() => defaultChart.account('9999'));
  t.true(isLedgerError(error, 'UNKNOWN_ACCOUNT'), String(error));
  if (isLedgerError(error))
    t.deepEqual(error.issues, [
      {
        path: 'konto',
        rule: 'account-in-chart',
        message: `account 9999 is not in chart ${defaultChart.name}`,
      },
    ]);
});
