// Test support shared by the participant specs (not published: `*.testScenario.ts` files
// are left out of the package). They build valid events and a recorder on an in-memory store.
import * as E from 'fp-ts/Either';
import { assert } from '../error.js';
import { createEventRecorder } from '../ledger/EventRecorder.js';
import type { EventStore } from '../store/EventStore.js';
import { getInMemoryEventStore } from '../store/getInMemoryEventStore.js';
import { collectAsync } from '../util/asyncIterable.js';
import { participantCatalog, type ParticipantEvent } from './participantCatalog.js';
import { participantDecider } from './participantDecider.js';
import { participantStreamId } from './participantStreamId.js';

/** Metadata for test events. */
export const testMetadata = { recordedAt: '2021-01-15T09:30:00.000Z', recordedBy: 'test' } as const;

/** A valid enrolment's data, with overrides. */
export const enrolmentData = (
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  deltagareId: 'p-0001',
  insatsId: 'mia-roslagen',
  datum: '2019-03-01',
  kön: 'kvinna',
  åldersband: '30-44',
  anvisadFrån: 'försäkringskassan',
  försörjningVidInskrivning: 'sjuk- och rehabiliteringspenning',
  tidIOffentligFörsörjning: '1 till 3 år',
  hemkommun: 'Österåker',
  ...overrides,
});

let counter = 0;
/** A deterministic, distinct event id for tests. */
export const nextEventId = (): string => {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
};

/** Creates a participant event through the catalog; throws if the catalog refuses it. */
export function createParticipantEvent(
  type: ParticipantEvent['type'],
  data: unknown,
): ParticipantEvent {
  const created = participantCatalog.create(type, data, {
    eventId: nextEventId(),
    metadata: testMetadata,
  });
  if (E.isLeft(created)) throw created.left;
  return created.right;
}

/** A recorder on a fresh in-memory store, and a way to count what the stream holds. */
export function participantTestLedger() {
  const store: EventStore = getInMemoryEventStore();
  const streamId = participantStreamId('roslagen');
  const recorder = createEventRecorder({
    store,
    streamId,
    catalog: participantCatalog,
    decider: participantDecider,
  });
  const storedCount = async () => (await collectAsync(store.readAll())).length;
  const recordAll = async (events: readonly ParticipantEvent[]) => {
    const result = await recorder.record(events)();
    assert(E.isRight(result), 'test events are recorded', { result });
  };
  return { store, streamId, recorder, storedCount, recordAll };
}
