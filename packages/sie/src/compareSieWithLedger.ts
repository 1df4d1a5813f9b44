import { Money } from '@finsam-ledger/core';
import type { SieBalance, SieDocument, SieFile } from './SieFile.js';
import type { SieMapping } from './SieMapping.js';
import { mapSieAccount } from './planSieImport.js';

/**
 * One line of the proof of an import: `#UB` or `#RES` of an account in the file and the ledger,
 * or, for books already open, the `#IB` the file opens the year with.
 */
export interface SieComparisonRow {
  /** The ledger's account (the file's accounts mapped onto it are summed). */
  readonly konto: string;
  readonly kind: 'IB' | 'UB' | 'RES';
  readonly file: string;
  readonly ledger: string;
  /**
   * What the comparison added to the file's figure before comparing, when the ledger books a
   * part of it elsewhere by its own rule (last year's result, which the file still has in årets
   * resultat and the ledger carried into balanserat resultat on 1 January); absent otherwise.
   */
  readonly adjusted?: string;
  readonly equal: boolean;
}

/** An amount the ledger books on another account than the file, by the ledger's own rule. */
export interface SieComparisonAdjustment {
  readonly kind: 'UB' | 'RES';
  /** The ledger's account. */
  readonly konto: string;
  /** Added to the file's figure of the account (debet positive). */
  readonly amount: Money;
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
 * otherwise. `adjustments` are added to the file's figures first (and shown on their rows):
 * what the ledger books elsewhere by its own rule.
 */
export function compareSieWithLedger(
  file: Pick<SieFile, 'balances'>,
  mapping: SieMapping,
  ledger: Pick<SieDocument, 'balances'>,
  adjustments: readonly SieComparisonAdjustment[] = [],
): SieComparisonRow[] {
  const rows: SieComparisonRow[] = [];
  for (const kind of ['UB', 'RES'] as const) {
    const fromFile = sumsByLedgerAccount(file.balances, kind, (account) =>
      mapSieAccount(account, mapping),
    );
    const fromLedger = sumsByLedgerAccount(ledger.balances, kind, (account) => account);
    const adjustedAccounts = adjustments
      .filter((adjustment) => adjustment.kind === kind)
      .map((adjustment) => adjustment.konto);
    const accounts = new Set([...fromFile.keys(), ...fromLedger.keys(), ...adjustedAccounts]);
    for (const konto of [...accounts].sort()) {
      const inFile = fromFile.get(konto) ?? Money.zero;
      const inLedger = fromLedger.get(konto) ?? Money.zero;
      const adjusted = Money.sum(
        adjustments
          .filter((adjustment) => adjustment.kind === kind && adjustment.konto === konto)
          .map((adjustment) => adjustment.amount),
      );
      rows.push({
        konto,
        kind,
        file: inFile.toString(),
        ledger: inLedger.toString(),
        ...(adjusted.isZero() ? {} : { adjusted: adjusted.toString() }),
        equal: inFile.plus(adjusted).equals(inLedger),
      });
    }
  }
  return rows;
}

/**
 * The year's opening in the file beside the ledger's, for books already open: the `#IB` of year
 * 0, mapped, of every balance account equals the ledger's balance at the start of the year, so
 * the file follows the books. Balanserat resultat and årets resultat are one row
 * (`2091+2099`): where last year's result stands on 1 January is each program's own rule (the
 * ledger carries it that day, a program at its next close), while their sum is eget kapital.
 */
export function compareSieOpeningWithLedger(
  opening: ReadonlyMap<string, Money>,
  ledger: Pick<SieDocument, 'balances'>,
  equity: { readonly balanseratResultat: string; readonly åretsResultat: string },
): SieComparisonRow[] {
  const merged = `${equity.balanseratResultat}+${equity.åretsResultat}`;
  const rowOf = (konto: string) =>
    konto === equity.balanseratResultat || konto === equity.åretsResultat ? merged : konto;
  const sums = (entries: Iterable<readonly [string, Money]>) => {
    const result = new Map<string, Money>();
    for (const [konto, amount] of entries)
      result.set(rowOf(konto), (result.get(rowOf(konto)) ?? Money.zero).plus(amount));
    return result;
  };
  const fromFile = sums(opening);
  const fromLedger = sums(
    ledger.balances
      .filter((balance) => balance.kind === 'IB' && balance.yearIndex === 0)
      .map((balance) => [balance.account, Money.from(balance.amount)] as const),
  );
  return [...new Set([...fromFile.keys(), ...fromLedger.keys()])].sort().map((konto) => {
    const inFile = fromFile.get(konto) ?? Money.zero;
    const inLedger = fromLedger.get(konto) ?? Money.zero;
    return {
      konto,
      kind: 'IB' as const,
      file: inFile.toString(),
      ledger: inLedger.toString(),
      equal: inFile.equals(inLedger),
    };
  });
}
