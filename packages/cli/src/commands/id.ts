import {
  eventIdFromKey,
  findPersonnummer,
  ledgerError,
  newEventId,
  type LedgerError,
} from '@finsam-ledger/core';
import { refuse } from '../CommandContext.js';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import type { IdFormat } from '../optionValues.js';
import { usageError } from '../usageError.js';
import { writeWithBackpressure } from '../writeOutput.js';

/** The options of `finsam id`. It reads no configuration and opens no store. */
export interface IdCommandOptions {
  /** How many new random ids to print; only without keys (default 1 then). */
  readonly new?: number;
  /** `text`: one id a line; `json`: one JSON object a line, with the key it was made from. */
  readonly format: IdFormat;
}

/**
 * The refusal of a key that holds a personnummer: an id is the SHA-256 of its key, and anyone
 * can hash every personnummer, so such an id would name the person in books kept for years. The
 * key itself is not printed (it holds the number), only its place.
 */
const personnummerInKey = (place: number): LedgerError => {
  const message = `key ${place} holds digits shaped like a Swedish personnummer or samordningsnummer: the id made from it could be traced back to the person (anyone can make the ids of every personnummer). Name the event by something else of your own: an invoice number, a row of a spreadsheet.`;
  return ledgerError('PERSONNUMMER_REFUSED', message, {
    issues: [{ path: `keys[${place - 1}]`, rule: 'no-personnummer', message }],
  });
};

/** The usage error of an empty key (or one of white space only), naming its place. */
function emptyKeyError(keys: readonly string[]) {
  const place = keys.findIndex((key) => key.trim() === '') + 1;
  if (place === 0) return undefined;
  return usageError(
    `key ${place} is empty: a key names one event (an invoice number, a row of a spreadsheet), and an empty one names none.`,
  );
}

/** One line of output: the id alone, or with `--format json` an object with its key. */
const idLine = (format: IdFormat, eventId: string, key?: string): string =>
  format === 'json'
    ? `${JSON.stringify(key === undefined ? { eventId } : { key, eventId })}\n`
    : `${eventId}\n`;

/**
 * `finsam id KEY…`: prints the stable event id of each key, in the keys' order, as
 * `eventIdFromKey` makes it (the same key gives the same id on any machine, so a line given it
 * is recorded once however often its file is recorded). `finsam id [--new N]`: prints N new
 * random ids (default 1), as `newEventId` draws them. Every id is a lower-case UUID that holds
 * no digits shaped like a personnummer, as `finsam record` takes it. Needs no configuration and
 * no store.
 */
export async function runId(keys: readonly string[], options: IdCommandOptions): Promise<ExitCode> {
  if (keys.length > 0 && options.new !== undefined)
    throw usageError(
      'give keys or --new, not both: a key gives the same id every time, --new a new one each time.',
    );
  const empty = emptyKeyError(keys);
  if (empty !== undefined) throw empty;
  const personnummer = keys.findIndex((key) => findPersonnummer(key) !== undefined) + 1;
  if (personnummer > 0) return refuse(personnummerInKey(personnummer));
  if (keys.length === 0) {
    const count = options.new ?? 1;
    const lines = Array.from({ length: count }, () => idLine(options.format, newEventId()));
    await writeWithBackpressure(process.stdout, lines.join(''));
    return exitCodes.ok;
  }
  for (const key of keys)
    await writeWithBackpressure(
      process.stdout,
      idLine(options.format, await eventIdFromKey(key), key),
    );
  return exitCodes.ok;
}
