import * as E from 'fp-ts/Either';
import {
  bookkeepingCatalog,
  type BookkeepingEventData,
  type EventMetadata,
} from '@finsam-ledger/core';
import { canonicalJson, type EventStore, type StoredEvent } from '@finsam-ledger/core/store';
import type { PlannedEvent } from './plannedSieEvents.js';

type ImportedData = BookkeepingEventData<'VerifikationImporterad'>;

/**
 * The data as an import stored it before it kept the old system's details: without the
 * `#VER`'s regdatum and sign and without the `#TRANS` rows' own texts.
 */
function withoutOldSystemDetails(data: ImportedData): unknown {
  const { filHash, serie, nummer } = data.källa;
  return {
    ...data,
    källa: { filHash, serie, nummer },
    rader: data.rader.map(({ text: _text, ...rad }) => rad),
  };
}

/**
 * The planned events, each `VerifikationImporterad` that an earlier import already stored
 * without the old system's regdatum, sign and row texts (before the import kept them) put back
 * as stored: the same `#VER` of the same file, booked on the same accounts and dimensions, so
 * importing the file again books nothing new, as it always did, instead of refusing its ids as
 * reused for other content. A stored event that differs in anything else (the mapping changed
 * since) is left for the append rules to refuse (`EVENT_ID_CONFLICT`).
 */
export async function keepEarlierImports(
  store: EventStore,
  events: readonly PlannedEvent[],
  metadata: EventMetadata,
): Promise<readonly PlannedEvent[]> {
  const imported = new Set(
    events.filter((event) => event.type === 'VerifikationImporterad').map((e) => e.eventId),
  );
  const stored = new Map<string, StoredEvent>();
  for await (const event of store.readAll())
    if (imported.has(event.eventId)) stored.set(event.eventId, event);
  if (stored.size === 0) return events;
  return events.map((event) => {
    const earlier = stored.get(event.eventId);
    if (earlier === undefined || earlier.type !== event.type) return event;
    const created = bookkeepingCatalog.create(event.type, event.data, {
      metadata,
      eventId: event.eventId,
    });
    // A planned event its schema refuses is named by the rehearsal, as before.
    if (E.isLeft(created)) return event;
    const planned = withoutOldSystemDetails(created.right.data as ImportedData);
    return canonicalJson(planned) === canonicalJson(earlier.data)
      ? { ...event, data: earlier.data }
      : event;
  });
}
