import { unlink } from 'node:fs/promises';
import { saveSeekIndex } from './seekIndex.js';
import { serialise, type FileStoreState, type Writer } from './fileStoreState.js';
import { savedWriterIndexOf } from './openWriter.js';
import {
  encodeWriterIndex,
  renameWriterIndex,
  writeWriterIndexTemporary,
} from './writerIndexFile.js';

/**
 * The default of `FileEventStoreOptions.writerIndexSaveEvents`: after this many events appended
 * since its index was last saved, the writer saves it again at its next idle moment, so that the
 * next open after a crash walks at most about this many lines. Measured on the project's machine
 * (docs/decisions.md, "The writer saves its index when idle"): the walk after a saved head costs
 * 7-10 µs of CPU a line, so 65 536 lines about 0.5 s, well inside issue 15's 2 s for opening a
 * 1 M-event store for writing; a save of a 1 M-event index costs 0.3-0.4 s of the main thread,
 * 5-6 µs an event when spread over 65 536 of them.
 */
export const writerIndexSaveEventsDefault = 65_536;

/**
 * Called by the writer after each group of appends: when at least `everyEvents` events were
 * appended since the last idle save was tried, waits for an idle moment (nothing queued or in
 * flight once the callers the group resolved have had their turn) and then saves the index
 * ({@link saveIndexNow}). Costs a subtraction a group otherwise.
 */
export function saveWriterIndexWhenIdle(state: FileStoreState, writer: Writer): void {
  const saves = writer.indexSaves;
  if (
    writer.committed.nextPosition - saves.triedEventCount < saves.everyEvents ||
    saves.inProgress !== undefined ||
    saves.idleCheckScheduled
  )
    return;
  saves.idleCheckScheduled = true;
  // After the I/O callbacks and promise continuations that follow the group: a caller that
  // appends again as soon as its append resolves has queued that append by then.
  setImmediate(() => {
    const tail = state.queue;
    void tail.then(() => {
      saves.idleCheckScheduled = false;
      // Something was queued since: an append checks again when its group ends (a repair or a
      // verify leaves the check to the next append).
      if (state.queue !== tail || state.closed || saves.inProgress !== undefined) return;
      saves.inProgress = saveIndexNow(state, writer).finally(() => {
        saves.inProgress = undefined;
      });
    });
  });
}

/**
 * Saves the writer's index in three steps: its bytes are taken in the writer's queue (no append
 * in flight, so the index and the head agree) and its recent events sorted into its sorted part;
 * the bytes are written and made durable outside the queue, while appends go on; the file is
 * renamed over `STORE.ids` in the queue again, unless the writer failed meanwhile (a failed writer
 * never moves the saved head; a wrong index found by an append removed the file). Never rejects:
 * a failed save leaves the old index, and the next is tried after as many events again.
 */
async function saveIndexNow(state: FileStoreState, writer: Writer): Promise<void> {
  const saves = writer.indexSaves;
  try {
    const taken = await serialise(state, async () => {
      if (state.closed || writer.failure !== undefined) return undefined;
      const eventCount = writer.committed.nextPosition;
      saves.triedEventCount = eventCount;
      const entries = writer.eventIds.compact();
      return { eventCount, bytes: encodeWriterIndex(savedWriterIndexOf(state, writer, entries)) };
    });
    if (taken === undefined) return;
    const temporary = await writeWriterIndexTemporary(state.path, taken.bytes);
    if (temporary === undefined) return;
    await serialise(state, async () => {
      if (writer.failure !== undefined) {
        await unlink(temporary).catch(() => undefined);
        return;
      }
      if (await renameWriterIndex(state.path, temporary)) saves.savedEventCount = taken.eventCount;
      // The seek index is saved with it: a crash would otherwise leave it without the entries of
      // the events the writer index now covers, which the next open does not walk again.
      if (!state.closed && state.seekIndex.dirty) await saveSeekIndex(state.path, state.seekIndex);
    });
  } catch {
    // Derived data: the next save, close() or the next open makes up for it.
  }
}
