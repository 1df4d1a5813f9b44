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
  /** `--as-of` and the notice an output of it carries; undefined for the books as they are. */
  readonly asOf: AsOfRead | undefined;
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

/** A read as of an earlier instant: the instant, and what an output of it says first. */
export interface AsOfRead {
  /** `--as-of` as given. */
  readonly asOf: string;
  /**
   * {@link asOfNotice}, and when the file store was created after `asOf`, that its stamps up to
   * then came from a clock its writer was given: a saved report must carry the caveat too.
   */
  readonly notice: string;
}

/** The store a read-only command reads, and the as-of it shows (none for the books as now). */
export interface StoreSeen {
  readonly store: EventStore;
  readonly asOf: AsOfRead | undefined;
}

/**
 * The store as of `asOf` (by its stamps), said on stderr; the store itself without it. A file
 * created after `asOf` did not hold anything then: its stamps up to `asOf` came from a clock its
 * writer was given (a history rebuilt into a new file), and both the stderr note and the notice
 * an output carries say so.
 */
export function storeSeenAsOf(opened: OpenedStore, asOf: string | undefined): StoreSeen {
  if (asOf === undefined) return { store: opened.store, asOf: undefined };
  process.stderr.write(
    `As of ${asOf}: the books as ${opened.location} held them then (by the store's stamps).\n`,
  );
  const createdAt = opened.kind === 'file' ? opened.store.createdAt : undefined;
  // The file's creation, when it came after the as-of.
  const createdAfter =
    createdAt !== undefined && asOfInstantMs(asOf) < Date.parse(createdAt) ? createdAt : undefined;
  if (createdAfter !== undefined)
    process.stderr.write(
      `note: ${opened.location} was created ${createdAfter}, after ${asOf}: the stamps of its events up to then came from a clock its writer was given (a history rebuilt into a new file), so this shows what those stamps say, not what this file held then.\n`,
    );
  const notice =
    createdAfter === undefined
      ? asOfNotice(asOf)
      : `${asOfNotice(asOf)} ${storeCreatedAfterNotice(createdAfter, asOf)}`;
  return { store: storeAsOf(opened.store, asOf), asOf: { asOf, notice } };
}

/** The caveat of a store file created after the as-of, in the output's own words. */
const storeCreatedAfterNotice = (createdAt: string, asOf: string): string =>
  `Filen skapades ${createdAt}, efter ${asOf}: tidsstämplarna fram till dess kommer från en klocka som dess skrivare fick (en historik återskapad i en ny fil), så detta visar vad stämplarna säger, inte vad filen innehöll då.`;

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
  return withConfigurationAndStore(options, 'read-only-checked', async (configuration, opened) => {
    const seen = storeSeenAsOf(opened, options.asOf);
    const progress = withReadProgress(seen.store, 'Replaying the books');
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
        asOf: seen.asOf,
        chooseYear: (requested) => chooseYear(requested, years, books),
      });
    } finally {
      progress.stop();
    }
    return write(result);
  });
}
