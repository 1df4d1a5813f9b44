import { writeFile } from 'node:fs/promises';
import {
  bookkeepingStreamId,
  chartFromConfiguration,
  createLedger,
  ledgerOptionsFromConfiguration,
  renderHuvudbokCsv,
  renderHuvudbokText,
  replayHuvudbok,
} from '@finsam-ledger/core';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { withReadProgress } from '../readProgress.js';
import { chooseYear, yearsInBooks } from './yearsInBooks.js';

/** The formats of `finsam huvudbok` and `finsam verifikationer`. */
export const ledgerListingFormats = ['text', 'csv', 'json'] as const;

/** The options of `finsam huvudbok` and `finsam verifikationer`. */
export interface LedgerListingOptions extends StoreOptions {
  readonly year?: number;
  readonly format: (typeof ledgerListingFormats)[number];
  readonly out?: string;
}

/** Writes a listing to `--out` or stdout, ending in one line break. */
export async function writeListing(text: string, out: string | undefined): Promise<void> {
  const ended = text.endsWith('\n') ? text : `${text}\n`;
  if (out === undefined) process.stdout.write(ended);
  else await writeFile(out, ended, 'utf8');
}

/**
 * Runs `listing` on the förbund's bookkeeping stream for the year asked for (default: the latest
 * year with bookings), with a progress line while the books are read.
 */
export function withBooksOfYear(
  options: LedgerListingOptions,
  listing: (
    events: AsyncIterable<never>,
    year: number,
    chart: ReturnType<typeof chartFromConfiguration>,
  ) => Promise<string>,
): Promise<ExitCode> {
  return withConfigurationAndStore(options, 'read-only', async (configuration, opened) => {
    const progress = withReadProgress(opened.store, 'Replaying the books');
    const ledger = createLedger({
      store: progress.store,
      ...ledgerOptionsFromConfiguration(configuration),
    });
    let text: string;
    try {
      const year = chooseYear(
        options.year,
        yearsInBooks(await ledger.totals()),
        `${configuration.namn} (stream ${ledger.streamId} in ${opened.location})`,
      );
      const events = progress.store.readStream(bookkeepingStreamId(configuration.förbundId));
      text = await listing(events as AsyncIterable<never>, year, ledger.chart);
    } finally {
      progress.stop();
    }
    await writeListing(text, options.out);
    return exitCodes.ok;
  });
}

/**
 * `finsam huvudbok`: per account the opening balance, every transaction of `--year` with the
 * running balance, and the closing balance, checked against the balansräkning and
 * resultaträkning; as text, CSV or JSON.
 */
export function runHuvudbok(options: LedgerListingOptions): Promise<ExitCode> {
  return withBooksOfYear(options, async (events, year, chart) => {
    const book = await replayHuvudbok(events, year, { chart });
    if (options.format === 'csv') return renderHuvudbokCsv(book);
    return options.format === 'json' ? JSON.stringify(book, null, 2) : renderHuvudbokText(book);
  });
}
