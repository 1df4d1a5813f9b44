/** Which comparison found a difference. */
export type ReconcileCheck =
  /** A printed total is not the sum of the rows it adds up. */
  | 'summa'
  /** An avvikelse column is not the difference of the columns it is printed as. */
  | 'avvikelse'
  /** The two sides of the balansräkning differ. */
  | 'balansräkning'
  /** A figure differs from the same figure printed in another statement of the report. */
  | 'mellan-rapporter'
  /** A comparison column differs from the report of that year. */
  | 'jämförelsekolumn'
  /** A participant table's counts do not add up to its total. */
  | 'deltagare-summa'
  /** A printed percentage does not follow from the counts. */
  | 'deltagare-andel'
  /** A printed figure differs from the ledger's, beyond the rounding of the printed unit. */
  | 'bokföring';

/**
 * One difference `reconcileReport` found. `avvikelse`: the figures cannot be the same exact
 * amount, however the printed figures were rounded. `avrundning`: the printed arithmetic does
 * not hold, but rounding each printed figure (half away from zero, to its last printed digit)
 * explains it: listed, never a failure.
 */
export interface ReconcileFinding {
  readonly check: ReconcileCheck;
  readonly severity: 'avvikelse' | 'avrundning';
  /** The year of the printed report the figure is in. */
  readonly report: number;
  /** The statement, e.g. `resultaträkning`, `not2`, or `deltagare`. */
  readonly statement: string;
  /** The row's key (a participant table: its heading). */
  readonly rowKey: string;
  /** The row as printed. */
  readonly row: string;
  /** The column as printed. */
  readonly column: string;
  /** The printed figure with its unit, e.g. `566 tkr`. */
  readonly printed: string;
  /** The figure it should equal, in the same unit, e.g. `567 tkr`. */
  readonly expected: string;
  /** The arithmetic that gives `expected`, with every figure it uses. */
  readonly arithmetic: string;
}

/**
 * A finding's place, as the text output heads it after the severity: what a test or a README
 * entry refers to, e.g. `summa: 2020 resultaträkning/årets-resultat [2019-12-31]`.
 */
export const findingId = (finding: ReconcileFinding): string =>
  `${finding.check}: ${finding.report} ${finding.statement}/${finding.rowKey} [${finding.column}]`;
