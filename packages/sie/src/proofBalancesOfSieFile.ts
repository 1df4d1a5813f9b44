import { Money } from '@finsam-ledger/core';
import { checkSieBalances, isBalanceAccount, transactionSumsOfYear } from './checkSieBalances.js';
import type { SieBalance, SieFile } from './SieFile.js';

/**
 * What the proof of an import compares the ledger with: the file's own `#UB` and `#RES`
 * (`balances`); for a file whose `#UB` of year 0 only repeats its `#IB` while its rows move
 * balances, or that has an `#IB` but no `#UB` or `#RES` (`transactions`), `#IB` plus the year's
 * `#TRANS` rows; for a file of rows alone, with no balance of year 0 at all (a SIE 4I of
 * transactions, `rows`), the change the import makes to the books: the books before it plus the
 * year's rows.
 */
export type SieProofBasis = 'balances' | 'transactions' | 'rows';

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

/**
 * The balances of year 0 the proof of an import compares the ledger with, and on what basis
 * ({@link SieProofBasis}): the file's own, or `#IB` (none, for `rows`) plus the year's rows
 * (`#UB` of each balance account, `#RES` of each result account). The second proves that the
 * import booked every row of the file, as the first does; it cannot prove that the rows are
 * the whole year, which such a file never says. For `rows`, the caller adds the books' figures
 * before the import.
 */
export function proofBalancesOfSieFile(file: SieFile): {
  readonly basis: SieProofBasis;
  readonly balances: readonly SieBalance[];
} {
  const basis = proofBasisOf(file);
  if (basis === 'balances') return { basis, balances: file.balances };
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
    basis,
    balances: [...file.balances.filter((balance) => balance.kind === 'IB'), ...derived],
  };
}

/** Which of the file's figures can prove an import of it: see {@link SieProofBasis}. */
function proofBasisOf(file: SieFile): SieProofBasis {
  const ofYear0 = (kinds: readonly SieBalance['kind'][]) =>
    file.balances.some((balance) => balance.yearIndex === 0 && kinds.includes(balance.kind));
  if (!ofYear0(['UB', 'RES']) && file.verifikationer.length > 0)
    return ofYear0(['IB']) ? 'transactions' : 'rows';
  return balancesWrittenBeforeBookings(file) ? 'transactions' : 'balances';
}
