import { unlink } from 'node:fs/promises';
import { saveSeekIndex } from './seekIndex.js';
import { serialise, type FileStoreState, type Writer } from './fileStoreState.js';
import { savedWriterIndexOf } from './openWriter.js';
import { saveWriterHead } from './writerHeadFile.js';
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
 * How long the writer must have appended nothing before an idle save starts. A bulk load awaits
 * batch after batch with gaps of microseconds (or a few milliseconds while its caller reads the
 * next batch): a save in such a gap took the index's bytes in the writer's queue while the next
 * batch waited, 0.1-0.4 s at 65 536 to 1 M events, 1-6 µs an event of a load's throughput. A
 * service recording as its users work is quiet for seconds at a time, and saves then.
 */
export const writerIndexSaveQuietMs = 250;

/**
 * How the writer waits for a quiet period. Tests replace it to run the wait's end when they choose
 * (so that "appended during the wait" is a fact of the test, not of the machine's speed); nothing
 * else changes it.
 */
export const quietTimerSeam = {
  /** Runs `then` after `quietMs`, without keeping the process alive for it. */
  after(quietMs: number, then: () => void): void {
    setTimeout(then, quietMs).unref();
  },
};

/**
 * Called by the writer after each group of appends: when at least `everyEvents` events were
 * appended since the last idle save was tried, waits until the writer has been quiet for a
 * whole {@link writerIndexSaveQuietMs} (no append acknowledged, queued or in flight; it looks once
 * a period, so a save starts within two periods of quiet) and then saves the
 * index ({@link saveIndexNow}). Costs a subtraction a group otherwise, and a timer (unref'd: it
 * never keeps a process alive) while a save is due.
 */
export function saveWriterIndexWhenIdle(state: FileStoreState, writer: Writer): void {
  const saves = writer.indexSaves;
  if (
    writer.failure !== undefined ||
    writer.committed.nextPosition - saves.triedEventCount < saves.everyEvents ||
    saves.inProgress !== undefined ||
    saves.idleCheckScheduled
  )
    return;
  saves.idleCheckScheduled = true;
  saveAfterQuiet(state, writer, writer.committed.nextPosition);
}

/**
 * Saves once nothing was appended for a quiet period since the head was at `eventCount`; while
 * the writer keeps appending, looks again one quiet period later.
 */
function saveAfterQuiet(state: FileStoreState, writer: Writer, eventCount: number): void {
  const saves = writer.indexSaves;
  quietTimerSeam.after(writerIndexSaveQuietMs, () => {
    const tail = state.queue;
    void tail.then(() => {
      if (state.closed || saves.inProgress !== undefined) {
        saves.idleCheckScheduled = false;
        return;
      }
      // Appends since, or queued now (a repair or a verify counts as activity too): not quiet yet.
      const head = writer.committed.nextPosition;
      if (head !== eventCount || state.queue !== tail) {
        saveAfterQuiet(state, writer, head);
        return;
      }
      saves.idleCheckScheduled = false;
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
      const index = savedWriterIndexOf(state, writer, entries);
      return { eventCount, head: index.head, bytes: encodeWriterIndex(index) };
    });
    if (taken === undefined) return;
    const temporary = await writeWriterIndexTemporary(state.path, taken.bytes);
    if (temporary === undefined) return;
    const renamed = await serialise(state, async () => {
      if (writer.failure !== undefined) {
        await unlink(temporary).catch(() => undefined);
        return false;
      }
      // The seek index first, as close() saves them: a crash between the two then leaves it ahead
      // of the writer index (the next open adds nothing it has), never behind it, which would leave
      // each stream without seek entries for the events the writer index covers and the next open
      // does not walk again.
      if (!state.closed && state.seekIndex.dirty) await saveSeekIndex(state.path, state.seekIndex);
      if (!(await renameWriterIndex(state.path, temporary))) return false;
      saves.savedEventCount = taken.eventCount;
      return true;
    });
    // The head the index covers, held by this writer: recorded as close() records it, so that a
    // writer that runs for months and is then killed has its head recorded this recently. Outside
    // the queue (appends go on); close() waits for this save before it records its own head.
    if (renamed)
      await saveWriterHead(state.path, state.storeId, state.seekIndex.headerHash, taken.head);
  } catch {
    // Derived data: the next save, close() or the next open makes up for it.
  }
}
