import { bookkeepingStreamId, participantStreamId, type StoredEvent } from '@finsam-ledger/core';
import { withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { writeWithBackpressure } from '../writeOutput.js';
import { chooseYear } from './yearsInBooks.js';

/** The options of `finsam events`. */
export interface EventsOptions extends StoreOptions {
  readonly type?: string;
  readonly year?: number;
}

const yearOfDate = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)
    ? Number(value.slice(0, 4))
    : undefined;

/**
 * The year an event belongs to: its `år` where it names one (a year close, a budget,
 * historical figures: a close is decided in the next year but belongs to the year it
 * closes), else the year of its `datum` (the business date every other bookkeeping event
 * has), else the year of its first date-valued field (participant events).
 */
export function yearOfEvent(event: StoredEvent): number | undefined {
  const data = event.data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null) return undefined;
  if (typeof data['år'] === 'number') return data['år'];
  const datum = yearOfDate(data['datum']);
  if (datum !== undefined) return datum;
  for (const value of Object.values(data)) {
    const year = yearOfDate(value);
    if (year !== undefined) return year;
  }
  return undefined;
}

/**
 * `finsam events`: lists the förbund's events (its books and its participants) in the
 * store's global order, one JSON object per line, as stored: ids, stream, revision,
 * position, type, schema version, data and metadata. `--type` and `--year` filter.
 * A `--year` no event of the förbund belongs to is a usage error naming the years there
 * are, as in every other command: an empty listing would read as "nothing happened".
 * Nothing has been printed by then (no event matched the year), so stdout stays empty.
 */
export function runEvents(options: EventsOptions): Promise<ExitCode> {
  return withConfigurationAndStore(options, 'read-only-checked', async (configuration, opened) => {
    const streams = [
      bookkeepingStreamId(configuration.förbundId),
      participantStreamId(configuration.förbundId),
    ];
    const yearsSeen = new Set<number>();
    for await (const event of opened.store.readAll()) {
      if (!streams.includes(event.streamId)) continue;
      const year = yearOfEvent(event);
      if (year !== undefined) yearsSeen.add(year);
      if (options.type !== undefined && event.type !== options.type) continue;
      if (options.year !== undefined && year !== options.year) continue;
      await writeWithBackpressure(process.stdout, `${JSON.stringify(event)}\n`);
    }
    if (options.year !== undefined)
      chooseYear(
        options.year,
        [...yearsSeen].sort((left, right) => left - right),
        `${configuration.namn} (streams ${streams.join(' and ')} in ${opened.location})`,
        'events',
      );
    return exitCodes.ok;
  });
}
