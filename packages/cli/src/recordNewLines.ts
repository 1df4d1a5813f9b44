import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { EventStore, LedgerError } from '@finsam-ledger/core';
import { findStoredEvents } from '@finsam-ledger/core/store';
import type { EventLine } from './readEventsFile.js';

/** How a file's lines for one stream went: how many were written, how many the stream held. */
export interface LinesRecorded {
  readonly writtenCount: number;
  readonly alreadyStoredCount: number;
}

/** A ledger's or a register's `recordAll`, on a file's lines. */
export type RecordAllLines = (
  lines: readonly EventLine[],
) => TaskEither<LedgerError, { readonly alreadyStored: boolean }>;

/**
 * Records a file's lines for one stream, as a file that is added to and recorded again is meant:
 * the lines whose `eventId` the stream already holds (with the same content) are left as they
 * are, and the others are recorded in one atomic append. The store takes a batch only whole, new
 * or already stored, so a mixed one is split here; the stream is read only then, so that recording
 * a new file or the same file again reads nothing more than it did. A line that reuses a stored
 * id for other content is still refused (`EVENT_ID_CONFLICT`): what was recorded is never edited.
 */
export async function recordNewLines(
  store: EventStore,
  streamId: string,
  lines: readonly EventLine[],
  recordAll: RecordAllLines,
): Promise<E.Either<LedgerError, LinesRecorded>> {
  const whole = await recordAll(lines)();
  if (E.isRight(whole)) return E.right(countsOf(lines.length, whole.right.alreadyStored));
  if (!isMixedBatch(whole.left)) return whole;
  const storedIds = await storedIdsAmong(store, streamId, lines);
  const stored = lines.filter((line) => line.eventId !== undefined && storedIds.has(line.eventId));
  const fresh = lines.filter((line) => !stored.includes(line));
  if (stored.length === 0 || fresh.length === 0) return whole;
  // All their ids are stored: a no-op, or the refusal of a line whose content was changed.
  const kept = await recordAll(stored)();
  if (E.isLeft(kept)) return kept;
  const written = await recordAll(fresh)();
  if (E.isLeft(written)) return written;
  return E.right({ writtenCount: fresh.length, alreadyStoredCount: stored.length });
}

const countsOf = (count: number, alreadyStored: boolean): LinesRecorded =>
  alreadyStored
    ? { writtenCount: 0, alreadyStoredCount: count }
    : { writtenCount: count, alreadyStoredCount: 0 };

/** The store's refusal of a batch that mixes stored ids with new ones (it says how many). */
const isMixedBatch = (error: LedgerError): boolean =>
  error.code === 'EVENT_ID_CONFLICT' && typeof error.details?.['storedCount'] === 'number';

/**
 * The ids of `lines` that `streamId` holds: through the file store's event-id index when they
 * are few, else in one read of the stream (`findStoredEvents`).
 */
async function storedIdsAmong(
  store: EventStore,
  streamId: string,
  lines: readonly EventLine[],
): Promise<Set<string>> {
  const wanted = new Set(
    lines.flatMap((line) => (line.eventId === undefined ? [] : [line.eventId])),
  );
  const found = await findStoredEvents(store, streamId, wanted);
  return new Set(found.map((stored) => stored.eventId));
}
