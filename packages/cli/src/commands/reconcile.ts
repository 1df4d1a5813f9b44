import { readTextFile } from '../readTextFile.js';
import * as E from 'fp-ts/Either';
import {
  ledgerError,
  parsePrintedReport,
  reconcileReport,
  reconcileRoundingRule,
  renderReconcileText,
  type AnnualReport,
  type LedgerError,
  type ParticipantTables,
  type PrintedReport,
  type ReconcileResult,
} from '@finsam-ledger/core';
import { refuse } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { reconcileFormats } from '../optionValues.js';
import { participantTablesOf } from '../participantSection.js';
import { usageError } from '../usageError.js';
import { withAsOf } from './huvudbok.js';
import {
  readBooks,
  warnWhenClosedYearsChanged,
  type AsOfRead,
  type BooksReadOptions,
} from './readBooks.js';

/** The options of `finsam reconcile`; `asOf` (`--as-of`) reads the ledger's side as stored then. */
export interface ReconcileCommandOptions extends BooksReadOptions {
  readonly format: (typeof reconcileFormats)[number];
  /** Whether `--store` was given (or FINSAM_STORE set): only then is the ledger read. */
  readonly withLedger: boolean;
}

/** Reads and checks one printed report file: unreadable, not JSON or not the format is refused. */
async function readPrintedReport(path: string): Promise<E.Either<LedgerError, PrintedReport>> {
  let json: unknown;
  try {
    json = JSON.parse(await readTextFile(path));
  } catch (thrown) {
    const error = thrown as NodeJS.ErrnoException;
    const code = error instanceof SyntaxError ? 'VALIDATION_FAILED' : 'IO_ERROR';
    return E.left(
      ledgerError(code, `Cannot read the printed report ${path}: ${error.message}`, {
        cause: error,
        ...(code === 'VALIDATION_FAILED'
          ? { issues: [{ path: '', rule: 'json', message: error.message }] }
          : {}),
        details: { path },
      }),
    );
  }
  return parsePrintedReport(json);
}

/** A name as people vary it: case, spacing and Unicode composition aside. */
const comparableName = (name: string): string =>
  name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');

/**
 * A printed report is compared only with its own förbund's ledger: against another's, every
 * figure would be listed as an avvikelse instead of the one mistake, the wrong file.
 */
function assertSameFörbund(report: PrintedReport, namn: string): void {
  if (comparableName(report.förbund) === comparableName(namn)) return;
  throw ledgerError(
    'VALIDATION_FAILED',
    `The printed report is ${report.förbund}'s, the ledger ${namn}'s: compare a report with its own förbund's store and configuration (or correct the transcription's förbund)`,
    {
      details: { förbund: report.förbund, namn },
      issues: [
        {
          path: 'förbund',
          rule: 'same-förbund-as-configuration',
          message: `must be ${namn}, the configuration's namn`,
        },
      ],
    },
  );
}

/** The ledger's side of one year: its annual report and its participant tables. */
interface LedgerSide {
  readonly annualReport: AnnualReport;
  readonly participantTables: ParticipantTables;
}

/**
 * The ledger's side of each printed report's year, from the store and configuration; warns on
 * stderr, as `finsam report` does, of a closed year up to the latest of them whose result the
 * books no longer show as its close states.
 */
function ledgerReportsOf(
  options: ReconcileCommandOptions,
  reports: readonly PrintedReport[],
  work: (ledgerReports: ReadonlyMap<number, LedgerSide>, asOf: AsOfRead | undefined) => ExitCode,
): Promise<ExitCode> {
  return readBooks(
    options,
    async ({ ledger, configuration, store, totals, chooseYear, asOf }) => {
      const ledgerReports = new Map<number, LedgerSide>();
      for (const report of reports) {
        assertSameFörbund(report, configuration.namn);
        const year = chooseYear(report.år);
        ledgerReports.set(year, {
          annualReport: await ledger.annualReport(year),
          participantTables: await participantTablesOf(store, configuration, year),
        });
      }
      // The ledger's side is the books as they are now (or were stored by `--as-of`): say so
      // where a close no longer holds in them.
      warnWhenClosedYearsChanged(totals, Math.max(...ledgerReports.keys()));
      return { ledgerReports, asOf };
    },
    ({ ledgerReports, asOf }) => work(ledgerReports, asOf),
  );
}

/**
 * Prints the results and returns exit code 1 when any report differs. With `--as-of`, the output
 * says first which moment of the books the ledger's side was read at, as `finsam report` does.
 */
function printResults(
  results: readonly ReconcileResult[],
  format: ReconcileCommandOptions['format'],
  asOf?: AsOfRead,
): ExitCode {
  const differs = results.some((result) => result.differs);
  const text = withAsOf(
    {
      text: () => results.map(renderReconcileText).join('\n\n'),
      json: () => ({ avrundning: reconcileRoundingRule, differs, reports: results }),
    },
    format,
    asOf,
  );
  process.stdout.write(`${text}\n`);
  return differs ? exitCodes.refused : exitCodes.ok;
}

/**
 * `finsam reconcile REPORT.json [MORE.json…]`: checks each printed report's own arithmetic,
 * against the other printed reports given, and with `--store` against the ledger's annual
 * report of the same year (with `--as-of`, as the store held the books then). Prints every
 * difference; exit code 1 when any is not rounding.
 */
export async function runReconcile(
  paths: readonly string[],
  options: ReconcileCommandOptions,
): Promise<ExitCode> {
  // `--as-of` says when to read the ledger: without `--store` there is none to read, and a
  // silent internal check would let the caller believe the ledger was compared as of then.
  if (options.asOf !== undefined && !options.withLedger)
    throw usageError(
      "--as-of reads the ledger as the store held it then: give --store (or FINSAM_STORE) too, or leave --as-of out for the printed reports' own checks.",
    );
  const reports: PrintedReport[] = [];
  for (const path of paths) {
    const report = await readPrintedReport(path);
    if (E.isLeft(report)) return refuse(report.left, path);
    reports.push(report.right);
  }
  const reconcileAll = (ledgerSides?: ReadonlyMap<number, LedgerSide>) =>
    reports.map((report) => {
      const ledgerSide = ledgerSides?.get(report.år);
      return reconcileReport(report, ledgerSide?.annualReport, {
        others: reports.filter((other) => other !== report),
        ...(ledgerSide === undefined ? {} : { participantTables: ledgerSide.participantTables }),
      });
    });
  if (!options.withLedger) return printResults(reconcileAll(), options.format);
  return ledgerReportsOf(options, reports, (ledgerReports, asOf) =>
    printResults(reconcileAll(ledgerReports), options.format, asOf),
  );
}
