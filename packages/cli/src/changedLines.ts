import * as E from 'fp-ts/Either';
import diff from 'microdiff';
import type { EventStore, StoredEvent } from '@finsam-ledger/core';
import { eventFingerprint } from '@finsam-ledger/core/store';
import { eventOfLine } from './eventOfLine.js';
import type { LineOfStream } from './repeatedLines.js';
import { storedEventsOfLines } from './storedEventsOfLines.js';

/** A line whose `eventId` is a recorded event's, with other content: what differs, and where. */
export interface ChangedLine {
  readonly lineNumber: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly participant: boolean;
  /** Each difference, `data.belopp is "1200000.00" here, "1000000.00" recorded`. */
  readonly differences: readonly string[];
}

/** The differences named per line, at most: the rest are counted. */
const differencesShownMax = 5;

/**
 * The lines whose `eventId` their stream holds for an event of other content (type, schema
 * version or data), each with the fields that differ: a line changed since it was recorded, or a
 * new line that took a recorded event's id. Every such line at once, so that one run names them
 * all. A line its event's schema refuses is left to that refusal. Finds the stored events as
 * {@link storedEventsOfLines} does.
 */
export async function changedLines(
  store: EventStore,
  lines: readonly LineOfStream[],
): Promise<ChangedLine[]> {
  return (await storedEventsOfLines(store, lines))
    .flatMap(({ entry, stored }) => changedLine(entry, stored) ?? [])
    .sort((left, right) => left.lineNumber - right.lineNumber);
}

/** `entry` against the stored event of its id: `undefined` when they are the same event. */
function changedLine(entry: LineOfStream, stored: StoredEvent): ChangedLine | undefined {
  const made = eventOfLine(entry.line, entry.participant);
  if (E.isLeft(made)) return undefined;
  const created = made.right;
  if (eventFingerprint(created) === eventFingerprint(stored)) return undefined;
  const shown = { type: created.type, schemaVersion: created.schemaVersion, data: created.data };
  const recorded = { type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data };
  const differences = diff(recorded, shown).map((change) => {
    const path = change.path.join('.');
    if (change.type === 'CREATE')
      return `${path} is ${JSON.stringify(change.value)} here, not recorded`;
    if (change.type === 'REMOVE')
      return `${path} is not here, ${JSON.stringify(change.oldValue)} recorded`;
    return `${path} is ${JSON.stringify(change.value)} here, ${JSON.stringify(change.oldValue)} recorded`;
  });
  const more = differences.length - differencesShownMax;
  return {
    lineNumber: entry.line.lineNumber,
    eventId: stored.eventId,
    streamId: stored.streamId,
    streamRevision: stored.streamRevision,
    participant: entry.participant,
    differences: [
      ...differences.slice(0, differencesShownMax),
      ...(more > 0 ? [`and ${more} more`] : []),
    ],
  };
}
