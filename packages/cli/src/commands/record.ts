import * as E from 'fp-ts/Either';
import { getInMemoryEventStore } from '@finsam-ledger/adapter-memory';
import {
  bookkeepingCatalog,
  copyEvents,
  createLedger,
  ledgerError,
  type BookkeepingEventType,
  type EventStore,
  type LedgerError,
} from '@finsam-ledger/core';
import { refuse, withConfigurationAndStore, type StoreOptions } from '../CommandContext.js';
import { ledgerOptionsFromConfiguration, type FörbundConfiguration } from '@finsam-ledger/core';
import { exitCodes, type ExitCode } from '../exitCodes.js';
import { readEventsFile, type EventLine, type LineRefusal } from '../readEventsFile.js';

/** The options of `finsam record`. */
export interface RecordCommandOptions extends StoreOptions {
  readonly dryRun: boolean;
}

const toRecordable = (event: EventLine) => ({
  type: event.type as BookkeepingEventType,
  data: event.data,
  options: {
    metadata: event.metadata,
    ...(event.eventId === undefined ? {} : { eventId: event.eventId }),
  },
});

/** A copy of `store` in memory: rules can be checked against it without writing to the real store. */
async function inMemoryCopy(store: EventStore): Promise<E.Either<LedgerError, EventStore>> {
  const copy = getInMemoryEventStore();
  const copied = await copyEvents(store, copy);
  return E.map(() => copy as EventStore)(copied);
}

/**
 * Finds the line a refused batch failed on: the batch is refused as a whole, so its events
 * are recorded one by one on an in-memory copy until one is refused. Only run after a
 * refusal; the real store is never touched.
 */
async function locateRefusal(
  store: EventStore,
  configuration: FörbundConfiguration,
  events: readonly EventLine[],
  batchError: LedgerError,
): Promise<LineRefusal | LedgerError> {
  const copy = await inMemoryCopy(store);
  if (E.isLeft(copy)) return batchError;
  const ledger = createLedger({
    store: copy.right,
    ...ledgerOptionsFromConfiguration(configuration),
  });
  for (const event of events) {
    const { type, data, options } = toRecordable(event);
    const recorded = await ledger.record(type, data, options)();
    if (E.isLeft(recorded)) return { lineNumber: event.lineNumber, error: recorded.left };
  }
  return batchError;
}

const refuseLine = (refusal: LineRefusal | LedgerError): ExitCode => {
  const exitCode =
    'lineNumber' in refusal ? refuse(refusal.error, `line ${refusal.lineNumber}`) : refuse(refusal);
  process.stderr.write('Refused: nothing was written.\n');
  return exitCode;
};

/** Every line must be a bookkeeping event type; the first that is not is refused with its line. */
function checkTypes(events: readonly EventLine[]): LineRefusal | undefined {
  for (const event of events) {
    if (bookkeepingCatalog.definition(event.type) !== undefined) continue;
    const known = bookkeepingCatalog.definitions.map((definition) => definition.type);
    const message = `unknown event type "${event.type}"; known types: ${known.join(', ')}`;
    return {
      lineNumber: event.lineNumber,
      error: ledgerError('UNKNOWN_EVENT_TYPE', message, {
        issues: [{ path: 'type', rule: 'known-event-type', message }],
      }),
    };
  }
  return undefined;
}

/**
 * `finsam record EVENTS.jsonl`: appends the file's events to the förbund's books through
 * the ledger's rules, in one atomic append: all of them or none. `--dry-run` checks them
 * against the rules on an in-memory copy of the store and writes nothing.
 */
export function runRecord(path: string, options: RecordCommandOptions): Promise<ExitCode> {
  const mode = options.dryRun ? 'read-only' : 'read-write';
  return withConfigurationAndStore(options, mode, async (configuration, opened) => {
    const events = await readEventsFile(path);
    if (E.isLeft(events)) return refuseLine(events.left);
    const badType = checkTypes(events.right);
    if (badType !== undefined) return refuseLine(badType);
    let target: EventStore = opened.store;
    if (options.dryRun) {
      const copy = await inMemoryCopy(opened.store);
      if (E.isLeft(copy)) return refuse(copy.left);
      target = copy.right;
    }
    const ledger = createLedger({
      store: target,
      ...ledgerOptionsFromConfiguration(configuration),
    });
    const recorded = await ledger.recordAll(events.right.map(toRecordable))();
    if (E.isLeft(recorded))
      return refuseLine(
        await locateRefusal(opened.store, configuration, events.right, recorded.left),
      );
    const count = events.right.length;
    const summary = options.dryRun
      ? `dry run: the ${count} events of ${path} pass the rules; nothing was written.`
      : recorded.right.alreadyStored
        ? `the ${count} events of ${path} were already recorded; nothing new was written.`
        : `recorded ${count} events from ${path} in ${ledger.streamId} (${opened.location}).`;
    process.stdout.write(`${summary}\n`);
    return exitCodes.ok;
  });
}
