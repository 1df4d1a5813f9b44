import type { Ledger, Verifikation } from '@finsam-ledger/core';
import { hledgerJournal, type HledgerJournalInput } from './hledgerJournal.js';

/**
 * The hledger journal of `year` from a ledger: reads its journal up to the year, and the
 * corrections of the later years, which tag what they correct (the store's only I/O, through the
 * ledger), and returns {@link hledgerJournal}'s text.
 */
export async function exportLedgerHledger(
  ledger: Pick<Ledger, 'chart' | 'verifikationer'>,
  options: Omit<HledgerJournalInput, 'chart' | 'verifikationer'>,
): Promise<string> {
  const verifikationer: Verifikation[] = [];
  for await (const verifikation of ledger.verifikationer())
    // A later year's verifikation is kept only if it corrects one: corrections are few.
    if (verifikation.år <= options.year || verifikation.rättar !== undefined)
      verifikationer.push(verifikation);
  return hledgerJournal({ ...options, chart: ledger.chart, verifikationer });
}
