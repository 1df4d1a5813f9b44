import { writeFile } from 'node:fs/promises';
import { dayInSweden } from '@finsam-ledger/core';
import { exportLedgerSie } from '@finsam-ledger/sie';
import type { StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { readBooks } from './readBooks.js';

/** The options of `finsam export sie`. */
export interface ExportSieOptions extends StoreOptions {
  readonly year?: number;
  readonly out?: string;
}

/**
 * `finsam export sie`: the SIE 4E file of `--year` (default: the latest year with bookings),
 * with the year before where the books have it, the budget in force as `#PBUDGET` and
 * finsam's own records (docs/sie.md), checked by the export itself, as CP437 bytes to `--out`
 * or stdout.
 */
export function runExportSie(options: ExportSieOptions): Promise<ExitCode> {
  return readBooks(
    options,
    ({ ledger, configuration, store, chooseYear }) =>
      exportLedgerSie(ledger, {
        year: chooseYear(options.year),
        companyName: configuration.namn,
        ...(configuration.organisationsnummer === undefined
          ? {}
          : { organisationNumber: configuration.organisationsnummer }),
        // #GEN's date is today in Sweden, as regdatum's days are.
        generated: { date: dayInSweden(new Date().toISOString()) },
        // finsam's own records ride along, so that an import into new books gives the same
        // annual report; other programs ignore them.
        events: store.readStream(ledger.streamId),
      }),
    async (bytes) => {
      if (options.out === undefined) process.stdout.write(bytes);
      else await writeFile(options.out, bytes);
      return exitCodes.ok;
    },
  );
}
