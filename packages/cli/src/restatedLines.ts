import type { EventStore, StoredEvent } from '@finsam-ledger/core';
import { eventFingerprint } from '@finsam-ledger/core/store';
import * as E from 'fp-ts/Either';
import { eventOfLine } from './eventOfLine.js';
import type { LineOfStream } from './repeatedLines.js';
import { storedEventsOfLines } from './storedEventsOfLines.js';

/**
 * A line whose event its stream holds (the same `eventId`, type and data) while the line's
 * metadata says otherwise: who recorded it, or when. The recorded event stands.
 */
export interface RestatedLine {
  readonly lineNumber: number;
  readonly streamId: string;
  readonly streamRevision: number;
  /** Each field that differs, `metadata.recordedBy is "a" here, "b" recorded`. */
  readonly differences: readonly string[];
}

/** The metadata a line states: its own members, `recordedAt` only when the line gives it. */
const statedMetadata = ({ line }: LineOfStream): [string, unknown][] =>
  Object.entries(line.metadata).filter(([key]) => key !== 'recordedAt' || line.recordedAtGiven);

/**
 * The lines among `lines` whose event (by `eventId`, with the same type, schema version and data)
 * their stream holds with other metadata than the line states. Recording such a line again is a
 * no-op, as for any line recorded before: the store's idempotency is the event's content, and
 * what is recorded is never changed. Finds the stored events as {@link storedEventsOfLines} does.
 */
export async function restatedLines(
  store: EventStore,
  lines: readonly LineOfStream[],
): Promise<RestatedLine[]> {
  return (await storedEventsOfLines(store, lines))
    .flatMap(({ entry, stored }) => restatedLine(entry, stored) ?? [])
    .sort((left, right) => left.lineNumber - right.lineNumber);
}

/** `entry` against the stored event of its id: `undefined` unless the same event, restated. */
function restatedLine(entry: LineOfStream, stored: StoredEvent): RestatedLine | undefined {
  const made = eventOfLine(entry.line, entry.participant);
  if (E.isLeft(made) || eventFingerprint(made.right) !== eventFingerprint(stored)) return undefined;
  const recorded = stored.metadata as unknown as Readonly<Record<string, unknown>>;
  const differences = statedMetadata(entry)
    .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(recorded[key]))
    .map(
      ([key, value]) =>
        `metadata.${key} is ${JSON.stringify(value)} here, ${recorded[key] === undefined ? 'not recorded' : `${JSON.stringify(recorded[key])} recorded`}`,
    );
  if (differences.length === 0) return undefined;
  return {
    lineNumber: entry.line.lineNumber,
    streamId: stored.streamId,
    streamRevision: stored.streamRevision,
    differences,
  };
}
