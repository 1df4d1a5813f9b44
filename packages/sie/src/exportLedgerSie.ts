import {
  decodeBookkeepingEvents,
  type DomainEvent,
  type Ledger,
  type StoredEvent,
  type Verifikation,
} from '@finsam-ledger/core';
import { exportSie, type SieExportInput } from './exportSie.js';

/** Options of {@link exportLedgerSie}: the export's, with the ledger's events as read. */
export interface ExportLedgerSieOptions extends Omit<
  SieExportInput,
  'chart' | 'verifikationer' | 'totals' | 'events'
> {
  /**
   * The ledger's stream as the store reads it (`store.readStream(ledger.streamId)`): with it the
   * file carries finsam's own records, so an import into new books gives the same annual
   * report (budgets, staffing, years before the books, open items one by one, the close).
   */
  readonly events?: AsyncIterable<StoredEvent> | Iterable<StoredEvent>;
}

/**
 * The SIE 4E file of `year` from a ledger: reads its journal and totals (the store's only
 * I/O, through the ledger) and, when given, its events, and returns {@link exportSie}'s
 * checked bytes.
 */
export async function exportLedgerSie(
  ledger: Pick<Ledger, 'chart' | 'verifikationer' | 'totals'>,
  options: ExportLedgerSieOptions,
): Promise<Uint8Array> {
  const verifikationer: Verifikation[] = [];
  for await (const verifikation of ledger.verifikationer())
    if (verifikation.år <= options.year) verifikationer.push(verifikation);
  const { events: stream, ...rest } = options;
  let events: DomainEvent[] | undefined;
  if (stream !== undefined) {
    events = [];
    for await (const event of decodeBookkeepingEvents(stream)) events.push(event);
  }
  return exportSie({
    ...rest,
    chart: ledger.chart,
    verifikationer,
    totals: await ledger.totals(),
    ...(events === undefined ? {} : { events }),
  });
}
