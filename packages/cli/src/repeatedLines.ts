import * as E from 'fp-ts/Either';
import type { EventStore } from '@finsam-ledger/core';
import { eventFingerprint } from '@finsam-ledger/core/store';
import { eventOfLine } from './eventOfLine.js';
import type { EventLine } from './readEventsFile.js';

/** A line without `eventId` whose event its stream holds already, with the same content. */
export interface RepeatedLine {
  readonly lineNumber: number;
  readonly type: string;
  /** The stored event it repeats: where it is, and who recorded it when. */
  readonly stored: {
    readonly streamId: string;
    readonly streamRevision: number;
    readonly recordedAt: string;
    readonly recordedBy: string;
  };
}

/** A line, the stream its event goes to, and whether it is a participant event. */
export interface LineOfStream {
  readonly line: EventLine;
  readonly streamId: string;
  readonly participant: boolean;
}

/**
 * The lines without an `eventId` whose event (type, schema version and data) their stream holds
 * already: what recording the same file again looks like, since each run gives such a line a new
 * id. Each stored event answers for one line only, so a file's two identical lines are two
 * repeats only when the books hold two, and a stored event whose id a line of the file gives
 * answers for that line, not for an id-less one. A line its event's schema refuses is left to
 * the recording's refusal. Reads the streams only when some line has no id.
 */
export async function repeatedLines(
  store: EventStore,
  lines: readonly LineOfStream[],
): Promise<RepeatedLine[]> {
  const unnamed = lines.filter(({ line }) => line.eventId === undefined);
  const givenIds = new Set(lines.flatMap(({ line }) => line.eventId ?? []));
  const repeated: RepeatedLine[] = [];
  for (const streamId of new Set(unnamed.map((entry) => entry.streamId))) {
    const ofStream = unnamed.filter((entry) => entry.streamId === streamId);
    repeated.push(...(await repeatedInStream(store, { streamId, givenIds }, ofStream)));
  }
  return repeated.sort((left, right) => left.lineNumber - right.lineNumber);
}

/**
 * The repeats among `lines`, all of `streamId`, each matched to the first stored event left
 * that no line of the file names by its id (`givenIds`).
 */
async function repeatedInStream(
  store: EventStore,
  { streamId, givenIds }: { readonly streamId: string; readonly givenIds: ReadonlySet<string> },
  lines: readonly LineOfStream[],
): Promise<RepeatedLine[]> {
  const { waiting, dated } = linesByFingerprint(lines);
  if (waiting.size === 0) return [];
  const repeated: RepeatedLine[] = [];
  for await (const stored of store.readStream(streamId)) {
    // Type and date first: the stream's other events are not written out to be compared.
    if (!dated.has(typeAndDate(stored)) || givenIds.has(stored.eventId)) continue;
    const line = waiting.get(eventFingerprint(stored))?.shift();
    if (line === undefined) continue;
    repeated.push({
      lineNumber: line.lineNumber,
      type: line.type,
      stored: {
        streamId,
        streamRevision: stored.streamRevision,
        recordedAt: stored.metadata.recordedAt,
        recordedBy: stored.metadata.recordedBy,
      },
    });
  }
  return repeated;
}

/** An event's type and `datum` (empty for a type without one): equal for equal events. */
const typeAndDate = (event: { readonly type: string; readonly data: unknown }): string => {
  const datum = (event.data as { readonly datum?: unknown } | null)?.datum;
  return `${event.type} ${typeof datum === 'string' ? datum : ''}`;
};

/**
 * The lines by the fingerprint of the event each makes, in the file's order, and the type and
 * date of each of those events.
 */
function linesByFingerprint(lines: readonly LineOfStream[]): {
  waiting: Map<string, EventLine[]>;
  dated: Set<string>;
} {
  const waiting = new Map<string, EventLine[]>();
  const dated = new Set<string>();
  for (const { line, participant } of lines) {
    const created = eventOfLine(line, participant);
    if (E.isLeft(created)) continue;
    const fingerprint = eventFingerprint(created.right);
    waiting.set(fingerprint, [...(waiting.get(fingerprint) ?? []), line]);
    dated.add(typeAndDate(created.right));
  }
  return { waiting, dated };
}
