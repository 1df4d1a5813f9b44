import type { Dimensioner } from '@finsam-ledger/core';
import { sieDimensionNumbers } from './ledgerDimensions.js';

/** Where the rows of one account, or a range of accounts, of a SIE file go in the ledger. */
export interface SieAccountRule {
  /** An account (`1930`) or an inclusive range (`4000-4999`) of the file's accounts. */
  readonly från: string;
  /** The ledger's account (in the förbund's chart); without it, the same number. */
  readonly till?: string;
  /** Dimensions every row of these accounts gets, e.g. `{ område: 'administrativa' }`. */
  readonly dimensioner?: Dimensioner;
}

/** What an object of the file's dimension becomes on a ledger row. */
export interface SieObjectRule {
  /** The file's dimension number, e.g. `1` (kostnadsställe) or `6` (projekt). */
  readonly dimension: string;
  /** One object of the dimension; without it the rule applies to every object of the dimension. */
  readonly objekt?: string;
  /** The ledger's dimension that takes the object's id as its value (without `objekt`). */
  readonly fält?: keyof Dimensioner;
  /** Fixed dimensions for this object (with `objekt`). */
  readonly dimensioner?: Dimensioner;
}

/**
 * How a SIE file's accounts and objects become the ledger's accounts and dimensions: the
 * optional `sie` section of a förbund's configuration. Account rules are tried in order; the
 * first whose `från` holds the account wins. A row whose account no rule holds is refused,
 * with its line and account, unless `ejFördelat` names where such rows are booked.
 */
export interface SieMapping {
  readonly konton: readonly SieAccountRule[];
  readonly objekt?: readonly SieObjectRule[];
  readonly ejFördelat?: { readonly konto: string; readonly dimensioner?: Dimensioner };
}

/**
 * The mapping of a file this package exported: every account to itself, and the dimensions
 * as {@link sieDimensionNumbers} writes them. Importing an export with it gives back the
 * same rows and dimensions.
 */
export const identitySieMapping: SieMapping = {
  konton: [{ från: '0-99999999' }],
  objekt: Object.entries(sieDimensionNumbers).map(([fält, dimension]) => ({
    dimension,
    fält: fält as keyof Dimensioner,
  })),
};

/** True when `rule`'s `från` (an account, or an inclusive range) holds `account`. */
const ruleHolds = (rule: SieAccountRule, account: string): boolean => {
  const [from, to = from] = rule.från.split('-');
  const number = Number(account);
  return /^\d+$/.test(account) && number >= Number(from) && number <= Number(to);
};

/** Where a mapping places one of the file's accounts: the ledger's account and its dimensions. */
export interface SieAccountPlacement {
  readonly konto: string;
  readonly dimensioner: Dimensioner | undefined;
}

/**
 * True for an account of the balansräkning by its number: BAS and Kommun-BAS alike put assets in
 * class 1 and equity and liabilities in class 2, results in classes 3 to 8.
 */
export const isSieBalanceAccount = (account: string): boolean => /^[12]/.test(account);

/**
 * Where `mapping` places the file's `account`: by the first rule whose `från` holds it (its
 * `till`, or the same number), else, for a result account, on `ejFördelat`; undefined when
 * nowhere. A balance account (class 1 or 2) is never placed on `ejFördelat`, a cost account: a
 * receivable or a loan no rule names would otherwise become a cost, and the books would still
 * balance.
 */
export function sieAccountPlacement(
  account: string,
  mapping: SieMapping,
): SieAccountPlacement | undefined {
  const rule = mapping.konton.find((candidate) => ruleHolds(candidate, account));
  if (rule !== undefined) return { konto: rule.till ?? account, dimensioner: rule.dimensioner };
  const fallback = mapping.ejFördelat;
  return fallback === undefined || isSieBalanceAccount(account)
    ? undefined
    : { konto: fallback.konto, dimensioner: fallback.dimensioner };
}
