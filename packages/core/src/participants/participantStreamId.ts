import { assertFörbundId } from '../configuration/assertFörbundId.js';
import { assert } from '../error.js';
import { streamIdSchema } from '../store/EventEnvelope.js';

/** The prefix of every participant stream. */
export const participantStreamPrefix = 'deltagare-';

/**
 * The stream that holds the participant events of one förbund: `deltagare-<förbundId>`.
 * It is separate from the bookkeeping stream `bokforing-<förbundId>` on purpose: personal
 * data (even pseudonymous) never enters a verifikation, which must be kept for seven
 * years, so the participant stream can be thinned or erased on its own schedule.
 *
 * @throws LedgerError `INVALID_STREAM_ID` when `förbundId` is not lower-case a-z, digits and -.
 */
export function participantStreamId(förbundId: string): string {
  assertFörbundId(förbundId);
  const streamId = `${participantStreamPrefix}${förbundId}`;
  assert(
    streamIdSchema.safeParse(streamId).success,
    'a participant stream id is a valid stream id',
    { streamId },
  );
  return streamId;
}
