import { writeFile } from 'node:fs/promises';
import { exportLedgerHledger } from '@finsam-ledger/hledger';
import type { StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { readBooks } from './readBooks.js';

/** The options of `finsam export hledger`. */
export interface ExportHledgerOptions extends StoreOptions {
  readonly year?: number;
  readonly out?: string;
}

/**
 * `finsam export hledger`: the hledger journal of `--year` (default: the latest year with
 * bookings), its opening balance first, as UTF-8 text to `--out` or stdout.
 */
export function runExportHledger(options: ExportHledgerOptions): Promise<ExitCode> {
  return readBooks(
    options,
    ({ ledger, configuration, chooseYear }) =>
      exportLedgerHledger(ledger, {
        year: chooseYear(options.year),
        companyName: configuration.namn,
      }),
    async (journal) => {
      if (options.out === undefined) process.stdout.write(journal);
      else await writeFile(options.out, journal, 'utf8');
      return exitCodes.ok;
    },
  );
}
