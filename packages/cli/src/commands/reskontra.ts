import {
  dayInSweden,
  bookkeepingStreamId,
  renderReskontraCsv,
  renderReskontraText,
  replayReskontra,
  type Reskontra,
} from '@finsam-ledger/core';
import type { StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { bookListingFormats } from '../optionValues.js';
import { writeListing } from './huvudbok.js';
import { readBooks } from './readBooks.js';
import { usageError } from '../usageError.js';

/** The options of `finsam reskontra`. */
export interface ReskontraOptions extends StoreOptions {
  /** `YYYY-MM-DD`; today in Sweden when left out. */
  readonly date?: string;
  readonly format: (typeof bookListingFormats)[number];
  readonly out?: string;
}

/** Today's date in Sweden, `YYYY-MM-DD`: the day a user there means by "now". */
export const todayInSweden = (now: Date = new Date()): string => dayInSweden(now.toISOString());

/**
 * Refuses a date before the books begin: no item was open in them then, and a reskontra saying
 * "nothing open, every balance explained" would read as a finding (a year outside the books is
 * a usage error for `report` too). A date after the last year booked is kept (ageing today's
 * items is what the reskontra is for), with a note on stderr that the books end earlier.
 */
function checkDateInBooks(date: string, years: readonly number[], books: string): void {
  const first = years[0];
  const last = years[years.length - 1];
  const year = Number(date.slice(0, 4));
  if (first === undefined || year < first)
    throw usageError(
      first === undefined
        ? `there is no reskontra to list: the books of ${books} hold no verifikation yet.`
        : `${date} is before the books of ${books}: they begin in ${String(first)}.`,
    );
  if (year > last!)
    process.stderr.write(
      `Note: the books hold verifikationer up to ${String(last)}; the items are aged as of ${date}.\n`,
    );
}

/** The reskontra in `format`: text, CSV, JSON, or a workbook (its writer imported only then). */
async function rendered(
  book: Reskontra,
  format: ReskontraOptions['format'],
): Promise<string | Uint8Array> {
  if (format === 'xlsx') {
    const { reskontraXlsx } = await import('@finsam-ledger/xlsx');
    return reskontraXlsx(book);
  }
  if (format === 'csv') return renderReskontraCsv(book);
  return format === 'json' ? JSON.stringify(book, null, 2) : renderReskontraText(book);
}

/**
 * `finsam reskontra`: the open items as they stood at `--date`, with due dates, days overdue and
 * ageing, each account checked against its balance in the ledger; as text, CSV, JSON or an xlsx
 * workbook (the CSV's table on one sheet, the check per account on a second). Exits 0 whether or
 * not the items explain every balance: the listing says so, as the huvudbok would.
 */
export function runReskontra(options: ReskontraOptions): Promise<ExitCode> {
  const date = options.date ?? todayInSweden();
  return readBooks(
    options,
    ({ configuration, store, ledger, verifikationYears, books }) => {
      checkDateInBooks(date, verifikationYears, books);
      return replayReskontra(store.readStream(bookkeepingStreamId(configuration.förbundId)), date, {
        chart: ledger.chart,
      });
    },
    async (book: Reskontra) => {
      await writeListing(await rendered(book, options.format), options.out);
      return exitCodes.ok;
    },
  );
}
