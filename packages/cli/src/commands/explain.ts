import {
  annualReportOptionsFromConfiguration,
  annualReportParts,
  parseRowKey,
  statementsOf,
  bookkeepingStreamId,
  renderCellExplanationText,
  replayRowExplanation,
  rowKeysOf,
} from '@finsam-ledger/core';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { explainFormats } from '../optionValues.js';
import { usageError } from '../usageError.js';
import { writeWithBackpressure } from '../writeOutput.js';
import { withAsOf } from './huvudbok.js';
import { readBooks, type BooksRead, type BooksReadOptions } from './readBooks.js';

/** The options of `finsam explain`. */
export interface ExplainCommandOptions extends BooksReadOptions {
  readonly year?: number;
  readonly list?: boolean;
  /** The column as printed, counted from 1 (default 1: the year itself). */
  readonly column?: number;
  /** List each verifikation of the years before the column's, not their sum (text only). */
  readonly fullHistory?: boolean;
  readonly format: (typeof explainFormats)[number];
}

/**
 * `finsam explain --year Y ROW`: the verifikationer, open items and stated figures (with
 * their events) that make up one figure of the annual report of Y, and their sum, which
 * the library asserts equals the row. The verifikationer of the years before the column's are
 * one ingående balans line in text (an account card's balance brought forward), each listed
 * with `--full-history` and in JSON. `--list` prints every row key of the report instead.
 */
export function runExplain(
  row: string | undefined,
  options: ExplainCommandOptions,
): Promise<ExitCode> {
  return readBooks(
    options,
    (books) => explanationOutput(row, options, books),
    async (output) => {
      await writeWithBackpressure(process.stdout, `${output}\n`);
      return exitCodes.ok;
    },
  );
}

/** The row keys of the year's report (`--list`), or the explanation of `row`, as text. */
async function explanationOutput(
  row: string | undefined,
  options: ExplainCommandOptions,
  { ledger, configuration, store, chooseYear, asOf }: BooksRead,
): Promise<string> {
  const year = chooseYear(options.year);
  const report = await ledger.annualReport(year);
  const keys = rowKeysOf(report);
  if (options.list === true) return keys.map((key) => `${key.key}\t${key.label}`).join('\n');
  if (row === undefined) throw usageError('name a row to explain, or give --list.');
  if (!keys.some((key) => key.key === row))
    throw usageError(
      `the ${year} report has no row ${JSON.stringify(row)}; finsam explain --year ${year} --list prints every row key.`,
    );
  const columns =
    statementsOf(report)[annualReportParts.indexOf(parseRowKey(row).part)]!.columns.length;
  if ((options.column ?? 1) > columns)
    throw usageError(`${row} has ${columns} columns; --column ${options.column} is not one.`);
  const explanation = await replayRowExplanation(
    store.readStream(bookkeepingStreamId(configuration.förbundId)),
    year,
    row,
    { ...annualReportOptionsFromConfiguration(configuration), column: (options.column ?? 1) - 1 },
  );
  const earlierYears = options.fullHistory === true ? 'listed' : 'summed';
  return withAsOf(
    {
      text: () => renderCellExplanationText(explanation, { earlierYears }),
      json: () => explanation,
    },
    options.format,
    asOf,
  );
}
