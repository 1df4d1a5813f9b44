import type { SieEncodingReport } from './encoding.js';

/** A financial year of the file (`#RAR`): index 0 is the current year, −1 the one before. */
export interface SieYear {
  readonly index: number;
  /** `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
}

/** An account (`#KONTO`, with its `#KTYP` when given: T tillgång, S skuld, I intäkt, K kostnad). */
export interface SieAccount {
  readonly number: string;
  readonly name: string;
  readonly type?: 'T' | 'S' | 'I' | 'K';
}

/** A dimension (`#DIM`, or `#UNDERDIM` with its parent). */
export interface SieDimension {
  readonly number: string;
  readonly name: string;
  readonly parent?: string;
}

/** An object of a dimension (`#OBJEKT`). */
export interface SieObject {
  readonly dimension: string;
  readonly id: string;
  readonly name: string;
}

/** A reference to an object on a `#TRANS` row. */
export interface SieObjectReference {
  readonly dimension: string;
  readonly id: string;
}

/** `#IB`, `#UB` (balance accounts) or `#RES` (result accounts) of a year. */
export interface SieBalance {
  readonly kind: 'IB' | 'UB' | 'RES';
  readonly yearIndex: number;
  readonly account: string;
  /** Decimal string with `.`, at most two decimals; debet positive. */
  readonly amount: string;
  /** 1-based line in a file read; absent in a file built to be written. */
  readonly line?: number;
}

/**
 * A period budget (`#PBUDGET`): the budgeted change of a result account in one month, for the
 * objects named (debet positive: a cost budget is positive, an income budget negative).
 */
export interface SieBudget {
  readonly yearIndex: number;
  /** The month, `YYYYMM`. */
  readonly period: string;
  readonly account: string;
  readonly objects: readonly SieObjectReference[];
  /** Decimal string with `.`, at most two decimals. */
  readonly amount: string;
  readonly line?: number;
}

/**
 * One of finsam-ledger's own facts that SIE has no record for (`#FINSAMHANDELSE`): a budget
 * decision, staffing, the figures of a year before the books, the opening balance with its
 * open items, the year's close. `data` is the ledger event's data as JSON. Other programs
 * ignore the record, as the spec asks of unknown labels.
 */
export interface SieFinsamEvent {
  /** The ledger's event type, e.g. `BudgetFastställd`. */
  readonly type: string;
  readonly data: unknown;
  readonly line?: number;
}

/**
 * finsam-ledger's own record about one `#VER` (`#FINSAMVER`): the ledger's verifikation number
 * (`2022-12`), so the `#VER` is found in the ledger and imported in the order it was booked,
 * and the open items it opens and settles (`VerifikationImporterad`'s `öppnaPoster`).
 */
export interface SieFinsamVerifikation {
  readonly series: string;
  readonly number: string;
  /** The ledger's verifikation number, `YYYY-N`. */
  readonly ledgerNumber: string;
  /** The open items the verifikation opens and settles, as `VerifikationImporterad` takes them. */
  readonly openItems: readonly unknown[];
  readonly line?: number;
}

/** A `#TRANS` row. */
export interface SieTransaction {
  readonly account: string;
  readonly objects: readonly SieObjectReference[];
  /** Decimal string, debet positive. */
  readonly amount: string;
  /** `YYYY-MM-DD`, when the row gives a date of its own. */
  readonly date?: string;
  readonly text?: string;
  readonly line?: number;
}

/** A verifikation (`#VER` and its block of `#TRANS` rows). */
export interface SieVerifikation {
  readonly series: string;
  readonly number: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly text: string;
  /** `YYYY-MM-DD`, when given. */
  readonly registrationDate?: string;
  readonly signature?: string;
  readonly transactions: readonly SieTransaction[];
  readonly line?: number;
}

/** The content of a SIE 4 file, as read or as to be written. */
export interface SieDocument {
  readonly program: { readonly name: string; readonly version: string };
  /** `YYYY-MM-DD` of `#GEN`, and who generated it. */
  readonly generated: { readonly date: string; readonly by?: string };
  /** `4` for a 4E/4I file. */
  readonly sieType: string;
  readonly companyName: string;
  readonly organisationNumber?: string;
  readonly years: readonly SieYear[];
  /** `#KPTYP`, e.g. `BAS2014`. */
  readonly chartType?: string;
  readonly accounts: readonly SieAccount[];
  readonly dimensions: readonly SieDimension[];
  readonly objects: readonly SieObject[];
  readonly balances: readonly SieBalance[];
  /** `#PBUDGET` rows; none when left out. */
  readonly budgets?: readonly SieBudget[];
  /** `#FINSAMHANDELSE` records (finsam's own); none when left out. */
  readonly finsamEvents?: readonly SieFinsamEvent[];
  /** `#FINSAMVER` records (finsam's own); none when left out. */
  readonly finsamVerifikationer?: readonly SieFinsamVerifikation[];
  readonly verifikationer: readonly SieVerifikation[];
}

/** A file read: its document, how it was decoded, and its `#KSUMMA` when it has one. */
export interface SieFile extends SieDocument {
  readonly flag: string;
  readonly format: string | undefined;
  readonly encoding: SieEncodingReport;
  /** The checksum written and the one computed, when the file has `#KSUMMA`. */
  readonly ksumma?: { readonly written: number; readonly computed: number };
  /** Labels the reader does not use, with how often they occur (the spec says to ignore them). */
  readonly ignoredLabels: Readonly<Record<string, number>>;
}
