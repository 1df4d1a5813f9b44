import { jsonEvent, type EventData } from '@eventstore/db-client';
import {
  ledgerError,
  type LedgerError,
  type NewEvent,
  type StoredEvent,
} from '@finsam-ledger/core';
import { assert, type CopiedFrom } from '@finsam-ledger/core/store';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { toGlobalPosition } from './globalPosition.js';
import type { StreamMapping } from './streamMapping.js';

/**
 * How one of our envelopes is stored as an EventStoreDB event, and decoded back.
 *
 * | ours                     | EventStoreDB                                  |
 * | ------------------------ | --------------------------------------------- |
 * | `eventId` (UUID)         | the event id                                  |
 * | `type`                   | the event type                                |
 * | `data` (JSON object)     | the event data, content type `application/json` |
 * | `schemaVersion`          | metadata `schemaVersion`                      |
 * | `metadata.recordedAt`    | metadata `recordedAt`                         |
 * | `metadata.recordedBy`    | metadata `recordedBy`                         |
 * | `metadata.correlationId` | metadata `$correlationId` (EventStoreDB's own name, so projections
 * and the UI see it) |
 * | `metadata.causationId`   | metadata `$causationId`                       |
 * | `streamRevision`         | the event's stream revision                   |
 * | `globalPosition`         | the event's prepare position (see globalPosition.ts) |
 * | `storedAt`               | the event's `created` (the server's clock)     |
 * | `metadata.verifikationsnummer` | metadata `verifikationsnummer`          |
 * | `metadata.copiedFrom`    | metadata `copiedFrom`                         |
 *
 * Reading back decodes with io-ts into an `Either`: the envelope was validated by the core
 * before it was written, so decoding only checks that what the server hands back has that
 * shape (another writer may have put something else under our prefix).
 */

/** The metadata we write, as io-ts decodes it. */
export const storedMetadataCodec = t.intersection([
  t.type({ schemaVersion: t.Int, recordedAt: t.string, recordedBy: t.string }),
  t.partial({
    $correlationId: t.string,
    $causationId: t.string,
    verifikationsnummer: t.readonlyArray(t.string),
    copiedFrom: t.readonly(t.strict({ storedAt: t.string, globalPosition: t.number })),
  }),
]);

/** A `Date` as the client hands it over. */
const ClientDate = new t.Type<Date, Date, unknown>(
  'Date',
  (value): value is Date => value instanceof Date,
  (value, context) =>
    value instanceof Date && !Number.isNaN(value.getTime())
      ? t.success(value)
      : t.failure(value, context),
  t.identity,
);

/** An event as the client hands it back, restricted to what we need. */
export const recordedEventCodec = t.type({
  streamId: t.string,
  id: t.string,
  revision: t.bigint,
  type: t.string,
  isJson: t.literal(true),
  data: t.UnknownRecord,
  metadata: storedMetadataCodec,
  position: t.type({ commit: t.bigint, prepare: t.bigint }),
});

/**
 * When the server stored the event (`created`, from its clock). The client gives the epoch when
 * the server sent none; that is no stamp.
 */
const createdCodec = t.partial({ created: ClientDate });

/** The server's stamp of a recorded event as `storedAt`, when it has one. */
function storedAtOf(recorded: unknown): { storedAt?: string } {
  const decoded = createdCodec.decode(recorded);
  if (E.isLeft(decoded) || decoded.right.created === undefined) return {};
  const created = decoded.right.created;
  return created.getTime() > 0 ? { storedAt: created.toISOString() } : {};
}

/** Our envelope as the client's event data. */
export function toEventStoreDBEvent(event: NewEvent): EventData {
  const metadata: Record<string, string | number | readonly string[] | CopiedFrom> = {
    schemaVersion: event.schemaVersion,
    recordedAt: event.metadata.recordedAt,
    recordedBy: event.metadata.recordedBy,
  };
  if (event.metadata.correlationId !== undefined)
    metadata['$correlationId'] = event.metadata.correlationId;
  if (event.metadata.causationId !== undefined)
    metadata['$causationId'] = event.metadata.causationId;
  if (event.metadata.verifikationsnummer !== undefined)
    metadata['verifikationsnummer'] = event.metadata.verifikationsnummer;
  if (event.metadata.copiedFrom !== undefined) metadata['copiedFrom'] = event.metadata.copiedFrom;
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as Record<string, never>,
    metadata,
  });
}

/**
 * Decodes an event the client read back. `Right(undefined)` for an event that is not ours
 * (a system event, or a stream outside our prefix); `Left` with `STORE_CORRUPTED` for an
 * event under our prefix that does not decode.
 */
export function decodeRecordedEvent(
  recorded: unknown,
  mapping: StreamMapping,
): E.Either<LedgerError, StoredEvent | undefined> {
  if (typeof recorded !== 'object' || recorded === null) return E.right(undefined);
  const { streamId: streamName, type } = recorded as { streamId?: unknown; type?: unknown };
  if (
    typeof streamName !== 'string' ||
    streamName.startsWith('$') ||
    (typeof type === 'string' && type.startsWith('$'))
  )
    return E.right(undefined);
  const streamId = mapping.toStreamId(streamName);
  if (streamId === undefined) return E.right(undefined);
  return pipe(
    recordedEventCodec.decode(recorded),
    E.mapLeft((errors) =>
      ledgerError(
        'STORE_CORRUPTED',
        `EventStoreDB stream ${streamName} holds an event that is not a ledger envelope: ${PathReporter.report(E.left(errors)).slice(0, 3).join('; ')}`,
        {
          details: { streamName },
        },
      ),
    ),
    E.map((decoded): StoredEvent => {
      assert(
        decoded.revision <= BigInt(Number.MAX_SAFE_INTEGER),
        'a stream revision fits a JS number',
        { revision: decoded.revision.toString() },
      );
      const metadata: {
        recordedAt: string;
        recordedBy: string;
        correlationId?: string;
        causationId?: string;
        verifikationsnummer?: readonly string[];
        copiedFrom?: CopiedFrom;
      } = {
        recordedAt: decoded.metadata.recordedAt,
        recordedBy: decoded.metadata.recordedBy,
      };
      // Only keys that were written: an `undefined` key would not round-trip the envelope
      // unchanged.
      if (decoded.metadata.$correlationId !== undefined)
        metadata.correlationId = decoded.metadata.$correlationId;
      if (decoded.metadata.$causationId !== undefined)
        metadata.causationId = decoded.metadata.$causationId;
      if (decoded.metadata.verifikationsnummer !== undefined)
        metadata.verifikationsnummer = decoded.metadata.verifikationsnummer;
      if (decoded.metadata.copiedFrom !== undefined)
        metadata.copiedFrom = decoded.metadata.copiedFrom;
      return {
        eventId: decoded.id,
        type: decoded.type,
        schemaVersion: decoded.metadata.schemaVersion,
        data: decoded.data,
        metadata,
        streamId,
        streamRevision: Number(decoded.revision),
        globalPosition: toGlobalPosition(decoded.position),
        ...storedAtOf(recorded),
      };
    }),
  );
}
