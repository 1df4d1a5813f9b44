import { fileURLToPath } from 'node:url';
import { rm } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { openFileEventStore, type FileEventStore } from '@finsam-ledger/adapter-file';
import {
  bookkeepingCatalog,
  bookkeepingStreamId,
  participantCatalog,
  participantDecider,
  participantStreamId,
  type EventStore,
  type LedgerError,
} from '@finsam-ledger/core';
import { createBookkeepingDecider, createEventRecorder } from '@finsam-ledger/core/testing';
import { roslagenBookkeepingEvents } from './history/index.js';
import { roslagenParticipantEvents } from './participants/index.js';

/** The förbund id of the example. */
export const roslagenFörbundId = 'roslagen';

/** The committed file store that `start` replays. */
export const roslagenStorePath = fileURLToPath(
  new URL('../data/roslagen.finsam.jsonl', import.meta.url),
);

/**
 * Records the whole example history (books and participants) into a store, through the
 * same rules as any other writer: every event must be accepted.
 */
export async function recordRoslagenHistory(
  store: EventStore,
): Promise<E.Either<LedgerError, { bookkeepingEvents: number; participantEvents: number }>> {
  const books = createEventRecorder({
    store,
    streamId: bookkeepingStreamId(roslagenFörbundId),
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  const bookkeepingEvents = roslagenBookkeepingEvents();
  for (const event of bookkeepingEvents) {
    const recorded = await books.record([event])();
    if (E.isLeft(recorded)) return E.left(recorded.left);
  }
  const participants = createEventRecorder({
    store,
    streamId: participantStreamId(roslagenFörbundId),
    catalog: participantCatalog,
    decider: participantDecider,
  });
  const participantEvents = roslagenParticipantEvents();
  for (const event of participantEvents) {
    const recorded = await participants.record([event])();
    if (E.isLeft(recorded)) return E.left(recorded.left);
  }
  return E.right({
    bookkeepingEvents: bookkeepingEvents.length,
    participantEvents: participantEvents.length,
  });
}

/** Writes the example's file store anew at `path`. */
export async function buildRoslagenFileStore(
  path: string = roslagenStorePath,
): Promise<E.Either<LedgerError, { bookkeepingEvents: number; participantEvents: number }>> {
  await rm(path, { force: true });
  const opened = await openFileEventStore({ path, mode: 'read-write' })();
  if (E.isLeft(opened)) return opened;
  try {
    return await recordRoslagenHistory(opened.right);
  } finally {
    await opened.right.close();
  }
}

/** Opens the example's file store for reading. */
export const openRoslagenFileStore = async (
  path: string = roslagenStorePath,
): Promise<E.Either<LedgerError, FileEventStore>> =>
  openFileEventStore({ path, mode: 'read-only' })();
