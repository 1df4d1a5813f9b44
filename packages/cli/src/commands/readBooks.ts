import {
  asOfInstantMs,
  closedYearsWithChangedResult,
  createLedger,
  ledgerOptionsFromConfiguration,
  storeAsOf,
  type EventStore,
  type FörbundConfiguration,
  type Ledger,
  type LedgerTotals,
} from '@finsam-ledger/core';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import type { ExitCode } from '../exitCodes.js';
import type { OpenedStore } from '../openStore.js';
import { withReadProgress } from '../readProgress.js';
import { chooseYear, yearsInBooks, yearsWithVerifikationer } from './yearsInBooks.js';

/** The books as a read-only command sees them while the progress indicator counts its reads. */
export interface BooksRead {
  readonly configuration: FörbundConfiguration;
  readonly ledger: Ledger;
  /** The store, counted by the progress indicator: read events through it. */
  readonly store: EventStore;
  /** The books' totals, as replayed once for the command. */
  readonly totals: LedgerTotals;
  /** The years with bookings. */
  readonly years: readonly number[];
  /** The years with a verifikation: also the year a close's result was moved into, if empty. */
  readonly verifikationYears: readonly number[];
  /** How messages name the books: the förbund, its stream and where the store is. */
  readonly books: string;
  /** `--year` checked against the books, or the latest year with bookings. */
  chooseYear(requested: number | undefined): number;
}

/** A read-only command's options: the store, and `--as-of` where the command takes it. */
export interface BooksReadOptions extends StoreOptions {
  /** `--as-of`: the books as the store held them at this instant, by its stamps. */
  readonly asOf?: string;
}

/**
 * What a report or listing as of an earlier instant says first, in every format that has room
 * for a sentence: a saved one must say which moment of the books it shows.
 */
export const asOfNotice = (asOf: string): string =>
  `Bokföringen som den var lagrad ${asOf} (--as-of): det som lagrats senare ingår inte.`;

/**
 * The store as of `asOf` (by its stamps), said on stderr; the store itself without it. A file
 * created after `asOf` did not hold anything then: its stamps up to `asOf` came from a clock its
 * writer was given (a history rebuilt into a new file), and the notice says so.
 */
export function storeSeenAsOf(opened: OpenedStore, asOf: string | undefined): EventStore {
  if (asOf === undefined) return opened.store;
  process.stderr.write(
    `As of ${asOf}: the books as ${opened.location} held them then (by the store's stamps).\n`,
  );
  const createdAt = opened.kind === 'file' ? opened.store.createdAt : undefined;
  if (createdAt !== undefined && asOfInstantMs(asOf) < Date.parse(createdAt))
    process.stderr.write(
      `note: ${opened.location} was created ${createdAt}, after ${asOf}: the stamps of its events up to then came from a clock its writer was given (a history rebuilt into a new file), so this shows what those stamps say, not what this file held then.\n`,
    );
  return storeAsOf(opened.store, asOf);
}

/**
 * Warns on stderr of each closed year up to `year` (those a report of `year` shows) whose result
 * the books no longer show as its closing event states: a report of the books as they are now is
 * not what the board adopted. `finsam report` and `finsam reconcile` warn alike. The rules never
 * book into a closed year; `finsam audit` finds the events behind the difference.
 */
export function warnWhenClosedYearsChanged(totals: LedgerTotals, year: number): void {
  for (const changed of closedYearsWithChangedResult(totals))
    if (changed.år <= year)
      process.stderr.write(
        `warning: ${changed.år} was closed with årets resultat ${changed.stated.toString()}, but the books now show ${changed.books.toString()}: this report is not the one adopted; run finsam audit to find the events behind it.\n`,
      );
}

/**
 * Opens the configuration and the store read-only (as of `options.asOf` when given), reads the
 * books with `read` while the progress indicator runs, stops the indicator, then hands the
 * result to `write`: output is written only once the indicator has left stderr, and the store is
 * closed whatever happens.
 */
export function readBooks<Result>(
  options: BooksReadOptions,
  read: (books: BooksRead) => Promise<Result>,
  write: (result: Result) => Promise<ExitCode> | ExitCode,
): Promise<ExitCode> {
  return withConfigurationAndStore(options, 'read-only', async (configuration, opened) => {
    const source = storeSeenAsOf(opened, options.asOf);
    const progress = withReadProgress(source, 'Replaying the books');
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
        totals,
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
