import { Money } from '@finsam-ledger/core';
import type { SieDocument } from './SieFile.js';

/** One account whose balances in a file disagree with its `#TRANS` rows. */
export interface SieBalanceDifference {
  readonly account: string;
  readonly kind: 'UB' | 'RES';
  /** `#UB − #IB` or `#RES`, as the file writes it. */
  readonly written: string;
  /** The sum of the account's `#TRANS` rows in the year's verifikationer. */
  readonly fromTransactions: string;
}

/** True for a balance-sheet account: its `#KTYP` is T or S, or, without one, BAS class 1 or 2. */
export function isBalanceAccount(
  document: Pick<SieDocument, 'accounts'>,
  account: string,
): boolean {
  const type = document.accounts.find((candidate) => candidate.number === account)?.type;
  return type === undefined ? /^[12]/.test(account) : type === 'T' || type === 'S';
}

/** The sum of every account's `#TRANS` rows in the verifikationer dated within year `yearIndex`. */
export function transactionSumsOfYear(
  document: SieDocument,
  yearIndex: number,
): Map<string, Money> {
  const year = document.years.find((candidate) => candidate.index === yearIndex);
  const sums = new Map<string, Money>();
  for (const verifikation of document.verifikationer) {
    if (year !== undefined && (verifikation.date < year.start || verifikation.date > year.end))
      continue;
    for (const row of verifikation.transactions)
      sums.set(row.account, (sums.get(row.account) ?? Money.zero).plus(Money.from(row.amount)));
  }
  return sums;
}

/**
 * Checks a file's balances of year 0 against its verifikationer: for every balance account,
 * `#UB − #IB` equals the sum of its `#TRANS` rows; for every result account, `#RES` equals
 * that sum. Only meaningful for a file that holds the whole year's verifikationer and its
 * balances (a 4E file); returns every difference, an empty list when all agree.
 */
export function checkSieBalances(document: SieDocument, yearIndex = 0): SieBalanceDifference[] {
  const sums = transactionSumsOfYear(document, yearIndex);
  const ofYear = document.balances.filter((balance) => balance.yearIndex === yearIndex);
  const amountOf = (kind: 'IB' | 'UB' | 'RES', account: string): Money | undefined => {
    const found = ofYear.find((balance) => balance.kind === kind && balance.account === account);
    return found === undefined ? undefined : Money.from(found.amount);
  };
  const accounts = new Set([...ofYear.map((balance) => balance.account), ...sums.keys()]);
  const differences: SieBalanceDifference[] = [];
  for (const account of [...accounts].sort()) {
    const fromTransactions = sums.get(account) ?? Money.zero;
    const balanceAccount = isBalanceAccount(document, account);
    const written = balanceAccount
      ? (amountOf('UB', account) ?? Money.zero).minus(amountOf('IB', account) ?? Money.zero)
      : (amountOf('RES', account) ?? Money.zero);
    if (!written.equals(fromTransactions))
      differences.push({
        account,
        kind: balanceAccount ? 'UB' : 'RES',
        written: written.toString(),
        fromTransactions: fromTransactions.toString(),
      });
  }
  return differences;
}
