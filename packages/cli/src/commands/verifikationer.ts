import {
  renderVerifikationslistaCsv,
  renderVerifikationslistaText,
  replayVerifikationslistaFromStore,
  withEarlierCorrectedNumbers,
} from '@finsam-ledger/core';
import type { ExitCode } from '../exitCodes.js';
import {
  withAsOf,
  withBooksOfYear,
  workbookNotice,
  type LedgerListingOptions,
} from './huvudbok.js';

/**
 * `finsam verifikationer`: the verifikationslista of `--year`, every verifikation with its
 * number, date, registration date, text, counterparty, lines and the event it came from; as
 * text, CSV, JSON or an xlsx workbook (the CSV's table, the xlsx writer imported only then, as
 * `finsam report` does).
 */
export function runVerifikationer(options: LedgerListingOptions): Promise<ExitCode> {
  return withBooksOfYear(options, async (year, chart, { store, streamId, asOf }) => {
    // As `finsam huvudbok` reads its year.
    const replayed = await replayVerifikationslistaFromStore(store, streamId, year, { chart });
    const list = await withEarlierCorrectedNumbers(replayed, store, streamId);
    if (options.format === 'csv') return renderVerifikationslistaCsv(list);
    if (options.format === 'xlsx') {
      const { verifikationslistaXlsx } = await import('@finsam-ledger/xlsx');
      return verifikationslistaXlsx(list, workbookNotice(asOf));
    }
    return withAsOf(
      { text: () => renderVerifikationslistaText(list), json: () => list },
      options.format,
      asOf,
    );
  });
}
