import type { Ledger, Verifikation } from '@finsam-ledger/core';
import { exportSie, type SieExportInput } from './exportSie.js';

/**
 * The SIE 4E file of `year` from a ledger: reads its journal and totals (the store's only
 * I/O, through the ledger) and returns {@link exportSie}'s checked bytes.
 */
export async function exportLedgerSie(
  ledger: Pick<Ledger, 'chart' | 'verifikationer' | 'totals'>,
  options: Omit<SieExportInput, 'chart' | 'verifikationer' | 'totals'>,
): Promise<Uint8Array> {
  const verifikationer: Verifikation[] = [];
  for await (const verifikation of ledger.verifikationer())
    if (verifikation.år <= options.year) verifikationer.push(verifikation);
  return exportSie({
    ...options,
    chart: ledger.chart,
    verifikationer,
    totals: await ledger.totals(),
  });
}
