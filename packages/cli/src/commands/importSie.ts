import { readFile } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import {
  checkSieMappingNames,
  ledgerError,
  ledgerOptionsFromConfiguration,
} from '@finsam-ledger/core';
import {
  identitySieMapping,
  importSie,
  isSieError,
  type SieComparisonRow,
  type SieError,
  type SieImportResult,
} from '@finsam-ledger/sie';
import { refuse, withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { describeIssues } from '../describeError.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';

/** The options of `finsam import sie`. */
export interface ImportSieOptions extends StoreOptions {
  readonly dryRun: boolean;
  readonly recordedBy: string;
  /** Read a foreign file's `#PBUDGET` but do not book it. */
  readonly withoutBudget?: boolean;
}

/**
 * The proof's rows as a table: the balance (kind and the ledger's account), the file's figure,
 * the books', and whether they agree; the columns as wide as their widest cell.
 */
function comparisonTable(rows: readonly SieComparisonRow[]): string[] {
  const labels = rows.map((row) => `${row.kind} ${row.konto}`);
  const labelWidth = Math.max(...labels.map((label) => label.length), 'konto'.length);
  const width = Math.max(
    ...rows.flatMap((row) => [row.file.length, row.ledger.length]),
    'bokföring'.length,
  );
  return [
    `  ${'konto'.padEnd(labelWidth)}  ${'fil'.padStart(width)}  ${'bokföring'.padStart(width)}`,
    ...rows.map(
      (row, index) =>
        `  ${labels[index]!.padEnd(labelWidth)}  ${row.file.padStart(width)}  ${row.ledger.padStart(width)}  ${agreement(row)}`,
    ),
  ];
}

/**
 * Whether a row agrees. Two figures that differ by last year's result, which the proof moves,
 * agree only after the move: `lika` alone there read as two different figures called equal.
 */
const agreement = (row: SieComparisonRow): string => {
  if (!row.equal) return 'OLIKA';
  return row.adjusted === undefined ? 'lika' : `lika efter flytt av ${row.adjusted}`;
};

/**
 * A refused file as a person reads it: code, line and message, then each rule broken; a failed
 * proof also shows its differing rows with both figures, which is what a user needs to find
 * what the file and the books disagree on.
 */
function describeSieError(error: SieError, path: string): string {
  const differences = error.code === 'IMPORT_PROOF_FAILED' ? error.details['differences'] : [];
  return [
    `${path}: ${error.code}: ${error.message}`,
    ...describeIssues(error),
    ...(Array.isArray(differences) && differences.length > 0
      ? comparisonTable(differences as SieComparisonRow[])
      : []),
  ].join('\n');
}

/** What the import recognised at the year end and in the budget, one line each. */
function yearEndLines(result: SieImportResult): string[] {
  const sources = {
    verifikation: 'its closing #VER',
    'zero-result': 'a zero #RES in a file written after the year',
    'opening-balance': "this file's #IB, which holds its result in eget kapital",
    finsam: "finsam's own record",
  };
  const carried = result.lastYearsResult;
  return [
    ...result.closes.map((close) => `  ${close.år} closed, as ${sources[close.source]} shows`),
    ...(carried === undefined
      ? []
      : [
          `  last year's result ${carried.amount} (#IB of årets resultat) is in balanserat resultat from 1 January; ` +
            (carried.carriedBy === undefined
              ? "the file has not carried it, so the proof moves it ('lika efter flytt av')"
              : `the file carries it in #VER ${carried.carriedBy}, whose rows doing so are left out`),
        ]),
    ...(result.budget === undefined
      ? []
      : [
          result.budget.booked
            ? `  #PBUDGET: ${result.budget.rows} rows booked as the budget of ${result.år}`
            : `  #PBUDGET: ${result.budget.rows} rows read, not booked: ${result.budget.reason ?? ''}`,
        ]),
    ...(result.proofBasis === 'transactions'
      ? [
          "  the file's #UB does not close the year (it repeats #IB, or there is none): the proof compares with #IB and the year's rows",
        ]
      : []),
  ];
}

/** The report of an import: the encoding, what was booked, and the proof, row by row. */
function reportOf(path: string, result: SieImportResult, dryRun: boolean): string {
  const { encoding } = result;
  const lines = [
    `${path}: SIE ${result.år}, ${result.verifikationer} verifikationer, read as ${encoding.used}` +
      (encoding.mismatch ? ` although it declares ${encoding.declared ?? 'no format'}` : ''),
    ...(encoding.replacementCharacters > 0
      ? [`  the file already held ${encoding.replacementCharacters} lost characters (U+FFFD)`]
      : []),
    ...(result.openingBalance ? [`  #IB ${result.år} opens the books`] : []),
    ...(result.finsam.facts.length === 0 && result.finsam.verifikationerWithOpenItems === 0
      ? []
      : [
          `  finsam's own records: ${result.finsam.facts.join(', ') || 'no facts'}; open items of ${result.finsam.verifikationerWithOpenItems} verifikationer`,
        ]),
    ...yearEndLines(result),
    ...comparisonTable(result.comparison),
    dryRun
      ? 'Dry run: every #UB and #RES equals the books after the import; nothing was written.'
      : result.nothingToBook
        ? 'Nothing to book: the file adds nothing to these books, and every #UB and #RES equals them.'
        : result.written === 0
          ? 'Already imported: nothing new was written.'
          : `${result.written} events written; every #UB and #RES equals the books.`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `finsam import sie FILE`: books a SIE 4 file through the configuration's `sie` mapping (a
 * file finsam exported maps onto itself when there is none), prints the proof, and writes
 * nothing unless every `#UB` and `#RES` equals the books after the import.
 */
export function runImportSie(path: string, options: ImportSieOptions): Promise<ExitCode> {
  const mode = options.dryRun ? 'read-only-checked' : 'read-write';
  return withConfigurationAndStore(options, mode, async (configuration, opened) => {
    // A mapping that names what recording would refuse is refused before the file is read.
    const names = checkSieMappingNames(configuration);
    if (E.isLeft(names)) return refuse(names.left);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (thrown) {
      return refuse(ledgerError('IO_ERROR', `Cannot read ${path}: ${(thrown as Error).message}`));
    }
    try {
      const result = await importSie(
        { ...ledgerOptionsFromConfiguration(configuration), store: opened.store },
        bytes,
        {
          mapping: configuration.sie ?? identitySieMapping,
          metadata: { recordedAt: new Date().toISOString(), recordedBy: options.recordedBy },
          dryRun: options.dryRun,
          budget: options.withoutBudget === true ? 'skip' : 'book',
          ...(configuration.organisationsnummer === undefined
            ? {}
            : { organisationsnummer: configuration.organisationsnummer }),
        },
      );
      process.stdout.write(reportOf(path, result, options.dryRun));
      return exitCodes.ok;
    } catch (thrown) {
      if (!isSieError(thrown)) throw thrown;
      process.stderr.write(`${describeSieError(thrown, path)}\n`);
      return exitCodes.refused;
    }
  });
}
