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
 * same rules as any other writer: every event must be accepted. The two streams are recorded
 * interleaved, in the order of their `recordedAt`, as the ekonom and the coaches recorded them;
 * `beforeRecording` is told each event's `recordedAt` just before it is recorded (the file
 * store's build sets its clock by it).
 */
export async function recordRoslagenHistory(
  store: EventStore,
  beforeRecording: (recordedAt: string) => void = () => undefined,
): Promise<E.Either<LedgerError, { bookkeepingEvents: number; participantEvents: number }>> {
  const books = createEventRecorder({
    store,
    streamId: bookkeepingStreamId(roslagenFörbundId),
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(),
  });
  const participants = createEventRecorder({
    store,
    streamId: participantStreamId(roslagenFörbundId),
    catalog: participantCatalog,
    decider: participantDecider,
  });
  const bookkeepingEvents = roslagenBookkeepingEvents();
  const participantEvents = roslagenParticipantEvents();
  let nextBooking = 0;
  let nextParticipant = 0;
  while (nextBooking < bookkeepingEvents.length || nextParticipant < participantEvents.length) {
    const booking = bookkeepingEvents[nextBooking];
    const participant = participantEvents[nextParticipant];
    // Each list is in recording order; the earlier of the two heads goes first, books on a tie.
    const takeBooking =
      booking !== undefined &&
      (participant === undefined || booking.metadata.recordedAt <= participant.metadata.recordedAt);
    const event = takeBooking ? booking : participant!;
    beforeRecording(event.metadata.recordedAt);
    const recorded = takeBooking
      ? await books.record([booking])()
      : await participants.record([participant!])();
    if (E.isLeft(recorded)) return E.left(recorded.left);
    if (takeBooking) nextBooking += 1;
    else nextParticipant += 1;
  }
  return E.right({
    bookkeepingEvents: bookkeepingEvents.length,
    participantEvents: participantEvents.length,
  });
}

/**
 * Writes the example's file store anew at `path`. The store's clock is set to each event's
 * `recordedAt` as it is recorded, so the store's stamps (`storedAt`) say when the reconstructed
 * history was recorded, not when the file was built: `finsam report --as-of` then shows the books
 * as they stood on any day of 2020–2023.
 */
export async function buildRoslagenFileStore(
  path: string = roslagenStorePath,
): Promise<E.Either<LedgerError, { bookkeepingEvents: number; participantEvents: number }>> {
  await rm(path, { force: true });
  let now = new Date(0);
  const opened = await openFileEventStore({ path, mode: 'read-write', clock: () => now })();
  if (E.isLeft(opened)) return opened;
  try {
    return await recordRoslagenHistory(opened.right, (recordedAt) => {
      now = new Date(recordedAt);
    });
  } finally {
    await opened.right.close();
  }
}

/** Opens the example's file store for reading. */
export const openRoslagenFileStore = async (
  path: string = roslagenStorePath,
): Promise<E.Either<LedgerError, FileEventStore>> =>
  openFileEventStore({ path, mode: 'read-only' })();
