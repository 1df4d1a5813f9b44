import {
  decodeBookkeepingEvents,
  postEvents,
  type Chart,
  type DomainEvent,
  type Ledger,
  type StoredEvent,
} from '@finsam-ledger/core';
import { exportSieOfJournal, type SieExportInput } from './exportSie.js';
import { mayBeFinsamEventOfYear } from './mayBeFinsamEventOfYear.js';
import { SieJournalOfYear } from './SieJournalOfYear.js';

/** Options of {@link exportLedgerSie}: the export's, with the ledger's events as read. */
export interface ExportLedgerSieOptions extends Omit<
  SieExportInput,
  'chart' | 'verifikationer' | 'totals' | 'events'
> {
  /**
   * The ledger's whole stream as the store reads it (`store.readStream(ledger.streamId)`): with
   * it the file carries finsam's own records, so an import into new books gives the same annual
   * report (budgets, staffing, years before the books, open items one by one, the close). The
   * journal is then posted from this stream, as `ledger.verifikationer()` posts it, so that the
   * history is read once: it must be the ledger's whole stream (one whose year books another
   * result than the ledger's totals fails the export's self-check, `SELF_CHECK_FAILED`).
   */
  readonly events?: AsyncIterable<StoredEvent> | Iterable<StoredEvent>;
}

/**
 * The SIE 4E file of `year` from a ledger, as {@link exportSie}'s checked bytes. Reads the
 * ledger's journal (posted from `events` when given, so the history is read once) and its
 * totals; it keeps the verifikationer of the year and the year before, each earlier account's
 * sum, and the events the file carries, so memory grows with two years of the books, not
 * with their whole history.
 */
export async function exportLedgerSie(
  ledger: Pick<Ledger, 'chart' | 'verifikationer' | 'totals'>,
  options: ExportLedgerSieOptions,
): Promise<Uint8Array> {
  const { events: stream, ...rest } = options;
  const journal = new SieJournalOfYear(options.year);
  let events: DomainEvent[] | undefined;
  if (stream === undefined)
    for await (const verifikation of ledger.verifikationer()) journal.add(verifikation);
  else events = await postedJournal(stream, ledger.chart, journal);
  return exportSieOfJournal(
    {
      ...rest,
      chart: ledger.chart,
      totals: await ledger.totals(),
      ...(events === undefined ? {} : { events }),
    },
    journal,
  );
}

/**
 * Posts the ledger's stream into `journal` (as `ledger.verifikationer()` does) and returns the
 * events the file needs: those with a verifikation in the year (for their open items) and
 * those whose facts ride along.
 */
async function postedJournal(
  stream: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
  chart: Chart,
  journal: SieJournalOfYear,
): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for await (const posted of postEvents(decodeBookkeepingEvents(stream), chart)) {
    let inYear = false;
    for (const verifikation of posted.verifikationer) {
      journal.add(verifikation);
      inYear ||= verifikation.år === journal.year;
    }
    if (inYear || mayBeFinsamEventOfYear(posted.event, journal.year)) events.push(posted.event);
  }
  return events;
}
