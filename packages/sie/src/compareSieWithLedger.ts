import { Money } from '@finsam-ledger/core';
import type { SieBalance, SieDocument, SieFile } from './SieFile.js';
import type { SieMapping } from './SieMapping.js';
import { mapSieAccount } from './planSieImport.js';

/** One line of the proof of an import: `#UB` or `#RES` of an account in the file and the ledger. */
export interface SieComparisonRow {
  /** The ledger's account (the file's accounts mapped onto it are summed). */
  readonly konto: string;
  readonly kind: 'UB' | 'RES';
  readonly file: string;
  readonly ledger: string;
  readonly equal: boolean;
}

const sumsByLedgerAccount = (
  balances: readonly SieBalance[],
  kind: 'UB' | 'RES',
  toLedgerAccount: (account: string) => string,
): Map<string, Money> => {
  const sums = new Map<string, Money>();
  for (const balance of balances.filter((b) => b.kind === kind && b.yearIndex === 0)) {
    const konto = toLedgerAccount(balance.account);
    sums.set(konto, (sums.get(konto) ?? Money.zero).plus(Money.from(balance.amount)));
  }
  return sums;
};

/**
 * The proof of an import: year 0's `#UB` and `#RES` of the file, mapped onto the ledger's
 * accounts, next to the same balances of the ledger after the import (as
 * `sieDocumentOfLedger` computes them). Every row must be equal; the caller writes nothing
 * otherwise.
 */
export function compareSieWithLedger(
  file: SieFile,
  mapping: SieMapping,
  ledger: Pick<SieDocument, 'balances'>,
): SieComparisonRow[] {
  const rows: SieComparisonRow[] = [];
  for (const kind of ['UB', 'RES'] as const) {
    const fromFile = sumsByLedgerAccount(file.balances, kind, (account) =>
      mapSieAccount(account, mapping),
    );
    const fromLedger = sumsByLedgerAccount(ledger.balances, kind, (account) => account);
    for (const konto of [...new Set([...fromFile.keys(), ...fromLedger.keys()])].sort()) {
      const inFile = fromFile.get(konto) ?? Money.zero;
      const inLedger = fromLedger.get(konto) ?? Money.zero;
      rows.push({
        konto,
        kind,
        file: inFile.toString(),
        ledger: inLedger.toString(),
        equal: inFile.equals(inLedger),
      });
    }
  }
  return rows;
}
