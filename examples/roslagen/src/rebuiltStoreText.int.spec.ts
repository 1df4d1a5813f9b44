import test from 'ava';
import { bookkeepingStreamId, participantStreamId, type StoredEvent } from '@finsam-ledger/core';
import { collectAsync } from '@finsam-ledger/core/store';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  openRoslagenFileStore,
  recordRoslagenHistory,
  roslagenFörbundId,
} from './roslagenStore.js';

/**
 * The example history recorded again by today's code writes every event of the committed store
 * as it stands there, as JSON text: the same ids, data and metadata (the verifikation numbers
 * the rules gave) with their members in the same order, not only equal values. The write path's
 * changes for speed (issue 15: the compiled schemas, posting without copies) must not move a
 * member of what a store keeps. Only the store's own stamp and chain differ between two stores.
 */
test('the history recorded again gives the committed store’s events as the same JSON text', async (t) => {
  const opened = await openRoslagenFileStore();
  if (opened._tag === 'Left') return t.fail(opened.left.message);
  const file = opened.right;
  const fresh = getInMemoryEventStore();
  const recorded = await recordRoslagenHistory(fresh);
  t.is(recorded._tag, 'Right');
  const texts = (events: readonly StoredEvent[]) =>
    events.map(({ eventId, type, schemaVersion, data, metadata, streamRevision }) =>
      JSON.stringify({ eventId, type, schemaVersion, data, metadata, streamRevision }),
    );
  try {
    for (const streamId of [
      bookkeepingStreamId(roslagenFörbundId),
      participantStreamId(roslagenFörbundId),
    ]) {
      const committed = texts(await collectAsync(file.readStream(streamId)));
      const again = texts(await collectAsync(fresh.readStream(streamId)));
      t.true(committed.length > 700, streamId);
      t.is(again.length, committed.length, streamId);
      const differing = again.findIndex((text, index) => text !== committed[index]);
      t.is(differing, -1, `${streamId}: ${again[differing]} against ${committed[differing]}`);
    }
  } finally {
    await file.close();
  }
});
