import { writeFile } from 'node:fs/promises';
import {
  bookkeepingStreamId,
  chartFromConfiguration,
  type EventStore,
  renderHuvudbokCsv,
  renderHuvudbokText,
  replayHuvudbokFromStore,
} from '@finsam-ledger/core';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { bookListingFormats } from '../optionValues.js';
import { readBooks, type AsOfRead, type BooksReadOptions } from './readBooks.js';
import { chooseYear as chooseListedYear } from './yearsInBooks.js';

/** The options of `finsam huvudbok` and `finsam verifikationer`. */
export interface LedgerListingOptions extends BooksReadOptions {
  readonly year?: number;
  readonly format: (typeof bookListingFormats)[number];
  readonly out?: string;
}

/**
 * A listing as of an earlier instant says so: text first, JSON in the fields `asOf` and
 * `asOfNotice` before the listing's own (as `finsam report` does); CSV, one record per row, has
 * no room for it, so name the file after the date. `explain` and `reconcile` say it alike.
 */
export function withAsOf(
  rendered: { readonly text: () => string; readonly json: () => object },
  format: LedgerListingOptions['format'] | 'text' | 'json',
  asOf: AsOfRead | undefined,
): string {
  if (format === 'json') {
    const notice = asOf === undefined ? {} : { asOf: asOf.asOf, asOfNotice: asOf.notice };
    return JSON.stringify({ ...notice, ...rendered.json() }, null, 2);
  }
  const text = rendered.text();
  return asOf === undefined || format !== 'text' ? text : `${asOf.notice}\n\n${text}`;
}

/**
 * The as-of notice as a workbook takes it (`--format xlsx`): a first sheet saying that the books
 * are shown as stored at an earlier instant; nothing without `--as-of`.
 */
export const workbookNotice = (asOf: AsOfRead | undefined): { readonly notice?: string } =>
  asOf === undefined ? {} : { notice: asOf.notice };

/**
 * Writes a listing to `--out` or stdout: text ending in one line break, in UTF-8; a workbook's
 * bytes (`--format xlsx`) as they are.
 */
export async function writeListing(
  output: string | Uint8Array,
  out: string | undefined,
): Promise<void> {
  const ended = typeof output !== 'string' || output.endsWith('\n') ? output : `${output}\n`;
  if (out === undefined) process.stdout.write(ended);
  else if (typeof ended === 'string') await writeFile(out, ended, 'utf8');
  else await writeFile(out, ended);
}

/**
 * Runs `listing` on the förbund's bookkeeping stream for the year asked for (default: the latest
 * year with bookings), with a progress line while the books are read. The listing reads the
 * store itself: from the checkpoint before the year's first verifikation, or from the first
 * event as of `--as-of`.
 */
export function withBooksOfYear(
  options: LedgerListingOptions,
  listing: (
    year: number,
    chart: ReturnType<typeof chartFromConfiguration>,
    /** The store (as of `--as-of`, when given), the books' stream, and the as-of read. */
    books: {
      readonly store: EventStore;
      readonly streamId: string;
      readonly asOf: AsOfRead | undefined;
    },
  ) => Promise<string | Uint8Array>,
): Promise<ExitCode> {
  return readBooks(
    options,
    ({ ledger, configuration, store, chooseYear, years, verifikationYears, books, asOf }) => {
      // A year whose only verifikationer are the opening balance or the close's transfer of the
      // year before is listed when asked for, or when the books hold no booking yet; otherwise
      // the default is the latest year with bookings.
      const year =
        options.year === undefined && years.length > 0
          ? chooseYear(undefined)
          : chooseListedYear(options.year, verifikationYears, books);
      const streamId = bookkeepingStreamId(configuration.förbundId);
      return listing(year, ledger.chart, { store, streamId, asOf });
    },
    async (output) => {
      await writeListing(output, options.out);
      return exitCodes.ok;
    },
  );
}

/**
 * `finsam huvudbok`: per account the opening balance, every transaction of `--year` with the
 * running balance, and the closing balance, checked against the balansräkning and
 * resultaträkning; as text, CSV, JSON or an xlsx workbook (the CSV's table, the xlsx writer
 * imported only then, as `finsam report` does).
 */
export function runHuvudbok(options: LedgerListingOptions): Promise<ExitCode> {
  return withBooksOfYear(options, async (year, chart, { store, streamId, asOf }) => {
    // From the checkpoint before the year's first verifikation; a store as of an earlier
    // instant has no checkpoints, so it is read from the first event.
    const book = await replayHuvudbokFromStore(store, streamId, year, { chart });
    if (options.format === 'csv') return renderHuvudbokCsv(book);
    if (options.format === 'xlsx') {
      const { huvudbokXlsx } = await import('@finsam-ledger/xlsx');
      return huvudbokXlsx(book, workbookNotice(asOf));
    }
    return withAsOf(
      { text: () => renderHuvudbokText(book), json: () => book },
      options.format,
      asOf,
    );
  });
}
