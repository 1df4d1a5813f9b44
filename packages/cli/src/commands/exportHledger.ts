import { writeFile } from 'node:fs/promises';
import { createLedger, ledgerOptionsFromConfiguration } from '@finsam-ledger/core';
import { exportLedgerHledger } from '@finsam-ledger/hledger';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { withReadProgress } from '../readProgress.js';
import { chooseYear, yearsInBooks } from './yearsInBooks.js';

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
  return withConfigurationAndStore(options, 'read-only', async (configuration, opened) => {
    const progress = withReadProgress(opened.store, 'Replaying the books');
    const ledger = createLedger({
      store: progress.store,
      ...ledgerOptionsFromConfiguration(configuration),
    });
    let journal: string;
    try {
      const year = chooseYear(
        options.year,
        yearsInBooks(await ledger.totals()),
        `${configuration.namn} (stream ${ledger.streamId} in ${opened.location})`,
      );
      journal = await exportLedgerHledger(ledger, { year, companyName: configuration.namn });
    } finally {
      progress.stop();
    }
    if (options.out === undefined) process.stdout.write(journal);
    else await writeFile(options.out, journal, 'utf8');
    return exitCodes.ok;
  });
}
