import { dayInSweden, ledgerError } from '@finsam-ledger/core';
import type { EventLine, LineRefusal } from './readEventsFile.js';

/** A calendar date, `YYYY-MM-DD`, as every event's `datum` is written. */
const calendarDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The lines whose event is dated (`data.datum`) after the day in Sweden it is recorded
 * (`metadata.recordedAt`, the run's moment for a line that does not say): a transaction that has
 * not happened yet, most often a year typed one too high, which the books would take as a booking
 * of that year. Only `datum`, the day something happened, counts: a budget or staffing figures
 * for a year to come name the year, not a date, and a due date (`förfallodatum`) may be ahead.
 */
export function futureDatedRefusals(events: readonly EventLine[]): LineRefusal[] {
  const refusals: LineRefusal[] = [];
  for (const { lineNumber, data, metadata } of events) {
    const datum = (data as { datum?: unknown } | null)?.datum;
    if (typeof datum !== 'string' || !calendarDatePattern.test(datum)) continue;
    // A malformed recordedAt is the metadata schema's refusal, not this one's. The day is
    // Sweden's: a booking made at 00:30 in Stockholm is dated a day UTC has not reached yet.
    const recordedAt = new Date(String(metadata.recordedAt));
    if (Number.isNaN(recordedAt.getTime())) continue;
    const recordedDay = dayInSweden(recordedAt.toISOString());
    if (datum <= recordedDay) continue;
    const message = `datum ${datum} is after the day the event is recorded (${recordedDay}): an event is recorded once it has happened`;
    refusals.push({
      lineNumber,
      error: ledgerError('DATE_AFTER_RECORDING', message, {
        issues: [{ path: 'data.datum', rule: 'not-after-recording', message }],
      }),
    });
  }
  return refusals;
}
