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
