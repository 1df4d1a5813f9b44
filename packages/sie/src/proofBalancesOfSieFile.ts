import { Money } from '@finsam-ledger/core';
import { checkSieBalances, isBalanceAccount, transactionSumsOfYear } from './checkSieBalances.js';
import type { SieBalance, SieFile } from './SieFile.js';

/**
 * What the proof of an import compares the ledger with: the file's own `#UB` and `#RES`
 * (`balances`), or, for a file whose `#UB` of year 0 only repeats its `#IB` while its rows
 * move balances, or that has an `#IB` and no `#UB` or `#RES` (`transactions`), `#IB` plus the
 * year's `#TRANS` rows.
 */
export type SieProofBasis = 'balances' | 'transactions';

/**
 * True when a file's `#UB` of year 0 repeats its `#IB` on every account although its
 * verifikationer move balances: the program wrote the balances before the year's bookings
 * (Fortnox's SIE 4I does), so `#UB` is not the year's closing balance.
 */
export function balancesWrittenBeforeBookings(file: SieFile): boolean {
  const of = (kind: 'IB' | 'UB') =>
    file.balances
      .filter((balance) => balance.kind === kind && balance.yearIndex === 0)
      .map((balance) => `${balance.account} ${Money.from(balance.amount).toString()}`)
      .sort()
      .join('\n');
  const closing = of('UB');
  return closing !== '' && closing === of('IB') && checkSieBalances(file).length > 0;
}

/** True when the file has an `#IB` of year 0 but no `#UB` or `#RES` of it. */
function closingBalancesMissing(file: SieFile): boolean {
  const has = (kind: SieBalance['kind']) =>
    file.balances.some((balance) => balance.kind === kind && balance.yearIndex === 0);
  return has('IB') && !has('UB') && !has('RES');
}

/**
 * On what the proof of an import of `file` stands ({@link SieProofBasis}): `transactions` where
 * {@link balancesWrittenBeforeBookings} or the file has an `#IB` and no `#UB` or `#RES`, so its
 * own `#UB` and `#RES` are never read; `balances` otherwise.
 */
export function sieProofBasis(file: SieFile): SieProofBasis {
  return closingBalancesMissing(file) || balancesWrittenBeforeBookings(file)
    ? 'transactions'
    : 'balances';
}

/**
 * The balances of year 0 the proof of an import compares the ledger with, and on what basis
 * ({@link sieProofBasis}): the file's own, or `#IB` plus the year's rows
 * (`#UB` of each balance account, `#RES` of each result account). The second proves that the
 * import booked every row of the file, as the first does; it cannot prove that the rows are
 * the whole year, which such a file never says.
 */
export function proofBalancesOfSieFile(file: SieFile): {
  readonly basis: SieProofBasis;
  readonly balances: readonly SieBalance[];
} {
  if (sieProofBasis(file) === 'balances') return { basis: 'balances', balances: file.balances };
  const sums = transactionSumsOfYear(file, 0);
  const opening = file.balances.filter(
    (balance) => balance.kind === 'IB' && balance.yearIndex === 0,
  );
  const accounts = [...new Set([...opening.map((balance) => balance.account), ...sums.keys()])];
  const derived = accounts.sort().map((account): SieBalance => {
    const movement = sums.get(account) ?? Money.zero;
    if (!isBalanceAccount(file, account))
      return { kind: 'RES', yearIndex: 0, account, amount: movement.toString() };
    const ib = opening.find((balance) => balance.account === account)?.amount ?? '0.00';
    return { kind: 'UB', yearIndex: 0, account, amount: Money.from(ib).plus(movement).toString() };
  });
  return {
    basis: 'transactions',
    balances: [...file.balances.filter((balance) => balance.kind === 'IB'), ...derived],
  };
}
