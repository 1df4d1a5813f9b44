import * as E from 'fp-ts/Either';
import { ledgerError, type LedgerError } from '../error.js';
import type { EventMetadata, NewEvent, StoredEvent } from './EventEnvelope.js';
import type { EventStore } from './EventStore.js';

/** What {@link copyEvents} did. */
export interface CopyReport {
  /** Events read from the source. */
  readonly readCount: number;
  /** Events newly written to the target. */
  readonly writtenCount: number;
  /** Events the target already held (same id, same content): copying twice changes nothing. */
  readonly alreadyStoredCount: number;
}

/** Options of {@link copyEvents}. */
export interface CopyOptions {
  /**
   * Gives the data and metadata to write for an event, for the one way out when a stored
   * event must change: a personnummer that reached a store before stores refused it, or
   * data no schema version decodes. Every other event should be returned unchanged. The
   * event keeps its id, type, schema version, stream and revision; the target's own checks
   * apply to what is returned. See docs/stores.md, "When a stored event no longer decodes".
   */
  readonly rewrite?: (event: StoredEvent) => Pick<NewEvent, 'data' | 'metadata'>;
}

/**
 * The metadata to write for a copied event: the source's, with where the event was first
 * stored (`copiedFrom`), since the target stamps it anew with its own clock. An event that
 * already says where it was first stored (a copy of a copy) keeps that; one from a store that
 * did not stamp has nothing to keep.
 */
function withProvenance(event: StoredEvent, metadata: EventMetadata): EventMetadata {
  if (metadata.copiedFrom !== undefined || event.storedAt === undefined) return metadata;
  return {
    ...metadata,
    copiedFrom: { storedAt: event.storedAt, globalPosition: event.globalPosition },
  };
}

/** Limits of {@link copyEvents}. */
export const copyLimits = { eventsPerBatchMax: 500 } as const;

/**
 * Copies every event of `source`, in its global order, into `target`, keeping each
 * event's id, type, schema version, data and metadata, and its stream and revision. The
 * target stamps each event with its own clock (`storedAt`); the source's stamp and position
 * are kept in `metadata.copiedFrom` (see {@link EventMetadata.copiedFrom}), and the
 * verifikationslista and the audit read the first stamp from there.
 *
 * Each event is appended with the expected revision it had in the source, so a target
 * that has diverged (other events at those revisions) is refused with
 * `CONCURRENCY_CONFLICT` rather than mixed. Events the target already holds are
 * recognised by id and skipped, so running a copy twice, or resuming a copy that was
 * interrupted, changes nothing. Memory is bounded by one batch, whatever the store's size.
 */
export async function copyEvents(
  source: EventStore,
  target: EventStore,
  options: CopyOptions = {},
): Promise<E.Either<LedgerError, CopyReport>> {
  const rewrite = options.rewrite ?? ((event: StoredEvent) => event);
  let readCount = 0;
  let writtenCount = 0;
  let alreadyStoredCount = 0;
  let batch: StoredEvent[] = [];

  const flush = async (): Promise<E.Either<LedgerError, void>> => {
    if (batch.length === 0) return E.right(undefined);
    const first = batch[0]!;
    const events: NewEvent[] = batch.map((event) => {
      const { data, metadata } = rewrite(event);
      return {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data,
        metadata: withProvenance(event, metadata),
      };
    });
    const expectedRevision = first.streamRevision === 0 ? 'no_stream' : first.streamRevision - 1;
    const result = await target.appendToStream(first.streamId, events, { expectedRevision })();
    if (E.isLeft(result)) {
      return E.left(
        ledgerError(
          result.left.code,
          `Copying ${first.streamId} from revision ${first.streamRevision} failed: ${result.left.message}`,
          {
            cause: result.left,
            details: {
              streamId: first.streamId,
              fromRevision: first.streamRevision,
              ...result.left.details,
            },
          },
        ),
      );
    }
    if (result.right.alreadyStored) alreadyStoredCount += batch.length;
    else writtenCount += batch.length;
    batch = [];
    return E.right(undefined);
  };

  for await (const event of source.readAll()) {
    readCount += 1;
    const last = batch[batch.length - 1];
    const continues =
      last !== undefined &&
      last.streamId === event.streamId &&
      last.streamRevision + 1 === event.streamRevision;
    if (!continues || batch.length >= copyLimits.eventsPerBatchMax) {
      const flushed = await flush();
      if (E.isLeft(flushed)) return flushed;
    }
    batch.push(event);
  }
  const flushed = await flush();
  if (E.isLeft(flushed)) return flushed;
  return E.right({ readCount, writtenCount, alreadyStoredCount });
}
