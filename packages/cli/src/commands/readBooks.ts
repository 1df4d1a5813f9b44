import {
  createLedger,
  ledgerOptionsFromConfiguration,
  type EventStore,
  type FörbundConfiguration,
  type Ledger,
} from '@finsam-ledger/core';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import type { ExitCode } from '../exitCodes.js';
import { withReadProgress } from '../readProgress.js';
import { chooseYear, yearsInBooks, yearsWithVerifikationer } from './yearsInBooks.js';

/** The books as a read-only command sees them while the progress indicator counts its reads. */
export interface BooksRead {
  readonly configuration: FörbundConfiguration;
  readonly ledger: Ledger;
  /** The store, counted by the progress indicator: read events through it. */
  readonly store: EventStore;
  /** The years with bookings. */
  readonly years: readonly number[];
  /** The years with a verifikation: also the year a close's result was moved into, if empty. */
  readonly verifikationYears: readonly number[];
  /** How messages name the books: the förbund, its stream and where the store is. */
  readonly books: string;
  /** `--year` checked against the books, or the latest year with bookings. */
  chooseYear(requested: number | undefined): number;
}

/**
 * Opens the configuration and the store read-only, reads the books with `read` while the
 * progress indicator runs, stops the indicator, then hands the result to `write`: output is
 * written only once the indicator has left stderr, and the store is closed whatever happens.
 */
export function readBooks<Result>(
  options: StoreOptions,
  read: (books: BooksRead) => Promise<Result>,
  write: (result: Result) => Promise<ExitCode> | ExitCode,
): Promise<ExitCode> {
  return withConfigurationAndStore(options, 'read-only', async (configuration, opened) => {
    const progress = withReadProgress(opened.store, 'Replaying the books');
    let result: Result;
    try {
      const ledger = createLedger({
        store: progress.store,
        ...ledgerOptionsFromConfiguration(configuration),
      });
      const totals = await ledger.totals();
      const years = yearsInBooks(totals);
      const books = `${configuration.namn} (stream ${ledger.streamId} in ${opened.location})`;
      result = await read({
        configuration,
        ledger,
        store: progress.store,
        years,
        verifikationYears: yearsWithVerifikationer(totals),
        books,
        chooseYear: (requested) => chooseYear(requested, years, books),
      });
    } finally {
      progress.stop();
    }
    return write(result);
  });
}
