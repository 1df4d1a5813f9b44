import type { FileHandle } from 'node:fs/promises';
import { fileStoreLimits, findEventIdInLine } from './format.js';
import { readLines } from './readLines.js';

/**
 * A record out of place, as the walk that finds it says it: which record, the position it states
 * and the one that belongs, and (unless traced) what may have happened.
 */
export function misplacedRecordText(
  record: { readonly type: string; readonly streamId: string; readonly streamRevision: number },
  foundPosition: number,
  expectedPosition: number,
  cause = 'records were removed, inserted or moved',
): string {
  return `the record (${record.type}, ${record.streamId}@${record.streamRevision}) has position ${foundPosition} where position ${expectedPosition} belongs: ${cause}`;
}

/** Limits of {@link traceMisplacedRecord}. */
export const traceMisplacedRecordLimits = {
  /**
   * Of a gap of missing positions, at most this many are looked for further on: a forged position
   * far ahead (say 10⁹) must not make the trace hold a set of a billion numbers.
   */
  gapPositionsTracedMax: 10_000,
} as const;

/** What a walk found where a record was out of place. */
export interface MisplacedRecord {
  /** The line the walk stopped at (1-based; the header is line 1). */
  readonly lineNumber: number;
  readonly offsetBytes: number;
  /** The position that belongs at the line. */
  readonly expectedPosition: number;
  /** The position the line's record states. */
  readonly foundPosition: number;
  readonly eventId: string;
}

/**
 * Where a `position-mismatch` comes from, as a sentence: the records the place lacks (removed,
 * or further on in the file: moved), or the earlier line that holds the position the record
 * states (a copy of it, or a second record claiming it). The walk stops at the first record out
 * of place, which tells only that something was removed, inserted or moved; this reads the rest
 * of the file (or the part before the place) once, on failure only, to tell the auditor which.
 *
 * Lines are matched by the position at the start of each record (`{"position":N,`), so a damaged
 * line elsewhere does not stop the trace. Memory is bounded by one read chunk and the gap's
 * positions, at most {@link traceMisplacedRecordLimits}.
 */
export async function traceMisplacedRecord(
  file: FileHandle,
  recordsOffsetBytes: number,
  misplaced: MisplacedRecord,
): Promise<string> {
  return misplaced.foundPosition > misplaced.expectedPosition
    ? traceGap(file, recordsOffsetBytes, misplaced)
    : traceRepeatedPosition(file, recordsOffsetBytes, misplaced);
}

/** A record from further on stands here: the positions between were removed, or stand later. */
async function traceGap(
  file: FileHandle,
  recordsOffsetBytes: number,
  misplaced: MisplacedRecord,
): Promise<string> {
  const { expectedPosition, foundPosition } = misplaced;
  const gapEnd = Math.min(
    foundPosition,
    expectedPosition + traceMisplacedRecordLimits.gapPositionsTracedMax,
  );
  const foundLater = new Map<number, number>();
  const revisions = new SkippedRevisions();
  for await (const line of positionedLines(file, recordsOffsetBytes, 2)) {
    const later = line.lineNumber >= misplaced.lineNumber;
    revisions.see(line, later);
    const inGap = later && line.position >= expectedPosition && line.position < gapEnd;
    if (inGap && !foundLater.has(line.position)) foundLater.set(line.position, line.lineNumber);
  }
  const gapCount = foundPosition - expectedPosition;
  const expectedLine = foundLater.get(expectedPosition);
  if (expectedLine !== undefined)
    return `the record with position ${expectedPosition} is at line ${expectedLine}, further on: records were moved`;
  const removed = revisions.named(gapCount);
  if (gapCount === 1)
    return `no line of the file holds position ${expectedPosition}: the record${removed} was removed`;
  const skipped = `the ${gapCount} positions ${expectedPosition} to ${foundPosition - 1} it skips`;
  const tracedCount = gapEnd - expectedPosition;
  if (foundLater.size > 0)
    return `no line of the file holds position ${expectedPosition} (removed), and ${foundLater.size} of ${skipped} stand further on in the file (moved)`;
  return tracedCount === gapCount
    ? `no line of the file holds any of ${skipped}: ${gapCount} records${removed} were removed`
    : `no line of the file holds any of the first ${tracedCount} of ${skipped}: records were removed, or this record's position was changed`;
}

/**
 * The revisions each stream skips at the damage: a stream's first record after it whose revision
 * does not follow the stream's last one before it. A removed record leaves its stream such a gap,
 * so when the gaps add up to the positions removed, they name the records that were.
 */
class SkippedRevisions {
  private readonly lastRevisionBefore = new Map<string, number>();
  private readonly seenAfter = new Set<string>();
  private readonly skipped: { streamId: string; first: number; last: number }[] = [];

  see(line: PositionedLine, later: boolean): void {
    if (line.streamId === undefined || line.streamRevision === undefined) return;
    if (!later) {
      this.lastRevisionBefore.set(line.streamId, line.streamRevision);
      return;
    }
    if (this.seenAfter.has(line.streamId)) return;
    this.seenAfter.add(line.streamId);
    const next = (this.lastRevisionBefore.get(line.streamId) ?? -1) + 1;
    if (line.streamRevision > next)
      this.skipped.push({ streamId: line.streamId, first: next, last: line.streamRevision - 1 });
  }

  /** The removed records as ` (stream@revision, …)` when the gaps count them all, else nothing. */
  named(removedCount: number): string {
    const counted = this.skipped.reduce((sum, gap) => sum + gap.last - gap.first + 1, 0);
    if (counted !== removedCount || counted === 0) return '';
    const names = this.skipped.map(({ streamId, first, last }) =>
      first === last ? `${streamId}@${first}` : `${streamId}@${first} to @${last}`,
    );
    return ` (${names.join(', ')}, by the revisions ${this.skipped.length === 1 ? 'its stream skips' : 'their streams skip'})`;
  }
}

/** The position the record states came before: a copy of that record, or a second claim to it. */
async function traceRepeatedPosition(
  file: FileHandle,
  recordsOffsetBytes: number,
  misplaced: MisplacedRecord,
): Promise<string> {
  const { foundPosition } = misplaced;
  for await (const line of positionedLines(file, recordsOffsetBytes, 2)) {
    if (line.lineNumber >= misplaced.lineNumber) break;
    if (line.position !== foundPosition) continue;
    if (line.eventId === misplaced.eventId)
      return `line ${line.lineNumber} holds the same record (position ${foundPosition}, event ${misplaced.eventId}): this line is a copy of it, inserted`;
    return `line ${line.lineNumber} holds position ${foundPosition} with event ${line.eventId ?? '(unreadable)'}: two records claim the position, so one of them was inserted, or this one was moved back from further on`;
  }
  return `no line before it holds position ${foundPosition}: the record was moved back from further on, or its position was changed`;
}

/** A line's number and the position and event id its record states (lines without one skipped). */
interface PositionedLine {
  readonly lineNumber: number;
  readonly position: number;
  readonly eventId: string | undefined;
  readonly streamId: string | undefined;
  readonly streamRevision: number | undefined;
}

/** The records' prefix as the writer writes it: position, stream and revision first (format.ts). */
const recordPrefix =
  /^\{"position":(\d{1,15}),(?:"streamId":("(?:[^"\\]|\\.){0,1000}"),"streamRevision":(\d{1,15}),)?/;

async function* positionedLines(
  file: FileHandle,
  offsetBytes: number,
  lineNumber: number,
): AsyncGenerator<PositionedLine> {
  const lines = readLines(file, {
    offsetBytes,
    lineNumber,
    endOffsetBytes: () => Number.POSITIVE_INFINITY,
    lineBytesMax: fileStoreLimits.recordBytesMax,
    chunkBytes: fileStoreLimits.readChunkBytes,
  });
  for await (const chunkLines of lines) {
    for (const line of chunkLines) {
      // A line too long ends the reading (readLines stops after it): nothing further is traced.
      const match = recordPrefix.exec(line.bytes.toString('utf8', 0, 4096));
      if (match === null) continue;
      yield {
        lineNumber: line.lineNumber,
        position: Number(match[1]),
        eventId: findEventIdInLine(line.bytes),
        streamId: streamIdOf(match[2]),
        streamRevision: match[3] === undefined ? undefined : Number(match[3]),
      };
    }
  }
}

/** The stream id of a record's prefix (a JSON string), unless it does not parse. */
function streamIdOf(json: string | undefined): string | undefined {
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
