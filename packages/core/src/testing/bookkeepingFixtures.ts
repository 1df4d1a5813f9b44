import * as E from 'fp-ts/Either';
import {
  bookkeepingCatalog,
  type BookkeepingEvent,
  type BookkeepingEventType,
} from '../bookkeeping/bookkeepingCatalog.js';
import { createBookkeepingDecider } from '../bookkeeping/bookkeepingDecider.js';
import { defaultChart, type Chart } from '../bookkeeping/ChartOfAccounts.js';
import type { EventInput } from '../facade/EventInput.js';
import { createEventRecorder } from '../ledger/EventRecorder.js';
import { replayBookkeeping } from '../statements/replayStatements.js';
import { åretsResultat } from '../statements/Resultaträkning.js';
import type { EventMetadata } from '../store/EventEnvelope.js';
import type { EventStore } from '../store/EventStore.js';

/** Metadata for test events. */
export const testMetadata: EventMetadata = {
  recordedAt: '2021-01-10T09:00:00.000Z',
  recordedBy: 'test',
};

/**
 * The plainest opening balance of 2021, what many specs start from: 100 000 kr in the bank, as
 * much balanserat resultat, no VAT claim and nothing open.
 */
export const ingåendeBalans2021: EventInput<'IngåendeBalansRegistrerad'> = {
  datum: '2021-01-01',
  text: 'IB 2021',
  kassaOchBank: '100000.00',
  momsfordran: '0',
  balanseratResultat: '100000.00',
  öppnaPoster: [],
};

/** Builds a valid bookkeeping event or throws with the validation message: for tests. */
export function bookkeepingEvent<Type extends BookkeepingEventType>(
  type: Type,
  data: EventInput<Type>,
  eventId?: string,
): Extract<BookkeepingEvent, { type: Type }> {
  const created = bookkeepingCatalog.create(type, data, {
    metadata: testMetadata,
    ...(eventId === undefined ? {} : { eventId }),
  });
  if (E.isLeft(created)) throw created.left;
  return created.right as Extract<BookkeepingEvent, { type: Type }>;
}

/**
 * Books on a store for statement tests, on the stream `streamId`: every event recorded through
 * the bookkeeping rules (a refusal throws, naming the code), the totals replayed from the store,
 * a correction of an earlier event, and closing a year with the result the books show.
 */
export function recordingBooks(
  store: EventStore,
  options: { streamId?: string; chart?: Chart } = {},
) {
  const chart = options.chart ?? defaultChart;
  const streamId = options.streamId ?? 'bokforing-test';
  const recorder = createEventRecorder({
    store,
    streamId,
    catalog: bookkeepingCatalog,
    decider: createBookkeepingDecider(chart),
  });
  const record = async <Type extends BookkeepingEventType>(
    type: Type,
    data: EventInput<Type>,
  ): Promise<BookkeepingEvent> => {
    const event = bookkeepingEvent(type, data);
    const recorded = await recorder.record([event])();
    if (E.isLeft(recorded)) throw recorded.left;
    return event;
  };
  const totals = async () =>
    (await replayBookkeeping(store.readStream(streamId), { chart })).totals;
  return {
    streamId,
    record,
    totals,
    correct: (original: BookkeepingEvent, datum: string) =>
      record('HändelseRättad', {
        datum,
        rättadEventId: original.eventId,
        orsak: 'Felbokning',
        original: {
          type: original.type,
          schemaVersion: original.schemaVersion,
          data: original.data,
        },
      }),
    close: async (år: number, datum: string) =>
      record('RäkenskapsårStängt', {
        år,
        datum,
        åretsResultat: åretsResultat(await totals(), år)!.toString(),
      }),
  };
}
