import * as E from 'fp-ts/Either';
import {
  createParticipantRegister,
  participantStreamId,
  slugOf,
  type EventStore,
  type StoredEvent,
  type FörbundConfiguration,
  type ParticipantTables,
  type ParticipantTablesRenderOptions,
} from '@finsam-ledger/core';

/**
 * How the participant tables print each insats: by the name the configuration declares,
 * found by the slug participant events use as the insats id; an insats the configuration
 * does not declare prints by its id.
 */
export const insatsNamesOf = (configuration: FörbundConfiguration): Record<string, string> =>
  Object.fromEntries(configuration.insatser.map((insats) => [slugOf(insats.namn), insats.namn]));

/** The render options of the participant tables of `year` under a configuration. */
export const participantRenderOptions = (
  configuration: FörbundConfiguration,
  year: number,
): ParticipantTablesRenderOptions => ({
  insatsNames: insatsNamesOf(configuration),
  title: `Deltagarstatistik ${year}, ${configuration.namn}`,
});

/** The participant tables of `year` from the förbund's register on `store` (maybe empty). */
export async function participantTablesOf(
  store: EventStore,
  configuration: FörbundConfiguration,
  year: number,
): Promise<ParticipantTables> {
  const register = createParticipantRegister({ store, förbundId: configuration.förbundId });
  const tables = await register.tables(year)();
  if (E.isLeft(tables)) throw tables.left;
  return tables.right;
}

/**
 * The participant tables of `year` for a watch that prints a report after each change to the
 * books: folded again only when participant events were stored since the last fold. The fold
 * (see `foldParticipantHistories`) reads the store after its checkpoint, which is the whole open
 * year; what is read here instead, after the first fold, is only the events stored since the last
 * report. A store the fold reads without `readAll` (no checkpoint storage) is folded each time.
 */
export function followParticipantTables(
  store: EventStore,
  configuration: FörbundConfiguration,
  year: number,
): () => Promise<ParticipantTables> {
  const streamId = participantStreamId(configuration.förbundId);
  let tables: ParticipantTables | undefined;
  // The last global position the store was read to with no participant event after the fold.
  let readTo: number | undefined;
  const noting = async function* (events: AsyncIterable<StoredEvent>) {
    for await (const event of events) {
      readTo = Math.max(readTo ?? -1, event.globalPosition);
      yield event;
    }
  };
  const observed: EventStore = {
    ...('checkpoints' in store ? { checkpoints: store.checkpoints } : {}),
    appendToStream: (target, events, options) => store.appendToStream(target, events, options),
    readStream: (target, options) => store.readStream(target, options),
    readAll: (options) => noting(store.readAll(options)),
    close: () => store.close(),
  };
  const participantEventSince = async (position: number): Promise<boolean> => {
    for await (const event of store.readAll({ fromPosition: position + 1 })) {
      readTo = event.globalPosition;
      if (event.streamId === streamId) return true;
    }
    return false;
  };
  return async () => {
    if (tables !== undefined && readTo !== undefined && !(await participantEventSince(readTo)))
      return tables;
    readTo = undefined;
    tables = await participantTablesOf(observed, configuration, year);
    return tables;
  };
}
