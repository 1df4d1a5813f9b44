import {
  bookkeepingStreamId,
  renderReskontraCsv,
  renderReskontraText,
  replayReskontra,
  type Reskontra,
} from '@finsam-ledger/core';
import type { StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { ledgerListingFormats } from '../optionValues.js';
import { writeListing } from './huvudbok.js';
import { readBooks } from './readBooks.js';

/** The options of `finsam reskontra`. */
export interface ReskontraOptions extends StoreOptions {
  /** `YYYY-MM-DD`; today in Sweden when left out. */
  readonly date?: string;
  readonly format: (typeof ledgerListingFormats)[number];
  readonly out?: string;
}

/** Today's date in Sweden, `YYYY-MM-DD`: the day a user there means by "now". */
export const todayInSweden = (now: Date = new Date()): string =>
  // The Swedish locale writes dates as YYYY-MM-DD.
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);

/**
 * `finsam reskontra`: the open items as they stood at `--date`, with due dates, days overdue and
 * ageing, each account checked against its balance in the ledger; as text, CSV or JSON. Exits 0
 * whether or not the items explain every balance: the listing says so, as the huvudbok would.
 */
export function runReskontra(options: ReskontraOptions): Promise<ExitCode> {
  const date = options.date ?? todayInSweden();
  return readBooks(
    options,
    ({ configuration, store, ledger }) =>
      replayReskontra(store.readStream(bookkeepingStreamId(configuration.förbundId)), date, {
        chart: ledger.chart,
      }),
    async (book: Reskontra) => {
      const text =
        options.format === 'csv'
          ? renderReskontraCsv(book)
          : options.format === 'json'
            ? JSON.stringify(book, null, 2)
            : renderReskontraText(book);
      await writeListing(text, options.out);
      return exitCodes.ok;
    },
  );
}
